"""Link and image addresses: resolve against the page, drop tracking parameters.

Addresses come from hostile pages. Nothing here fetches anything; it only decides
which addresses are worth keeping and writes them in one canonical form.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

# Query parameters that only identify a campaign or a click, never the resource.
_TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "igsh",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "__hssc",
        "__hstc",
        "__hsfp",
        "hsctatracking",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "vero_conv",
        "_ga",
        "_gl",
        "ref_src",
        "ref_url",
        "s_cid",
        "cmpid",
        "wt.mc_id",
        "spm",
        "scm",
        "trk",
        "trkcampaign",
        "sr_share",
        "rb_clickid",
        "ncid",
        "smid",
        "share_source",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "matomo_", "piwik_", "stm_")
# Schemes a reader may show as a link; javascript:, data:, vbscript: and the like never.
_LINK_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "tel", "news", "gopher", ""})
_WHITESPACE = re.compile(r"[\s\x00-\x1f\x7f]+")


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def strip_tracking(url: str) -> str:
    """``url`` without tracking query parameters; the rest of the query is kept byte for
    byte (re-encoding it would change addresses that servers treat as distinct)."""
    if "?" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.query:
        return url
    kept = [p for p in parts.query.split("&") if p and not _is_tracking(p.split("=", 1)[0])]
    return urlunsplit(parts._replace(query="&".join(kept)))


def clean_url(href: str | None, base: str | None = None, *, image: bool = False) -> str | None:
    """The address to keep for a link (or, with ``image``, an image source), or None.

    Relative addresses resolve against ``base`` when it is known and stay relative
    otherwise (a saved page's ``page_files/`` images). In-page anchors, scripts and
    inline data are dropped: they lead nowhere outside the original page.
    """
    if not href:
        return None
    href = _WHITESPACE.sub("", href) if not href.isprintable() or " " in href else href
    if not href or href.startswith("#") or len(href) > 4096:
        return None
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    if scheme not in _LINK_SCHEMES:
        return None
    if base and not scheme:
        try:
            href = urljoin(base, href)
            urlsplit(href)
        except ValueError:
            return None
    if not image and href.startswith("//"):
        href = "https:" + href
    # An empty fragment leads where the address without it does.
    return strip_tracking(href[:-1] if href.endswith("#") else href)


def same_page(href: str, page: str | None) -> bool:
    """True when ``href`` points back at ``page`` itself (ignoring the fragment)."""
    if not page:
        return False
    return href.split("#", 1)[0].rstrip("/") == page.split("#", 1)[0].rstrip("/")


def host_of(url: str | None) -> str | None:
    """The host name of ``url`` without a leading ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host
