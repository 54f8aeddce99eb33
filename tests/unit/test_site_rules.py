"""Per-site rules (``sites.toml``): body and strip selectors, and bad rules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.__main__ import run
from reader.config import Limits
from reader.extract.pipeline import extract
from reader.extract.site_rules import SiteRulesError, load_site_rules, parse_site_rules
from reader.loaders.base import DocumentKind, RawDocument

PROSE = (
    "The council met on Tuesday evening to decide the future of the harbour wall, which "
    "has kept the winter storms out of the old town for two hundred years. "
)
PAGE = f"""<html><head><title>Harbour wall</title>
<link rel="canonical" href="https://news.example.com/harbour"></head><body>
<div id="teaser"><p>{PROSE * 4}</p></div>
<div class="story"><p>The story itself starts here. {PROSE}</p>
<div class="promo"><p>Buy our harbour calendar today, the perfect gift for everyone.</p></div>
<p>And it ends here. {PROSE}</p></div></body></html>"""
RULES = """
["example.com"]
body = "div.story"
strip = [".promo", "//div[@id='teaser']"]
"""


def doc(html: str = PAGE) -> RawDocument:
    return RawDocument(
        source="harbour.html",
        kind=DocumentKind.HTML,
        text=html,
        base_url="https://news.example.com/harbour",
    )


def test_a_rule_chooses_the_body_and_strips_parts() -> None:
    article = extract(doc(), Limits(), parse_site_rules(RULES))
    assert article.text.startswith("The story itself starts here.")
    assert article.text.rstrip().endswith("two hundred years.")
    assert "calendar" not in article.text


def test_a_rule_applies_to_subdomains_and_not_to_other_hosts() -> None:
    rules = parse_site_rules(RULES)
    assert rules.for_host("www.example.com") is not None
    assert rules.for_host("news.example.com") is not None
    assert rules.for_host("example.org") is None
    assert rules.for_host("notexample.com") is None


def test_strip_alone_keeps_the_usual_extraction() -> None:
    rules = parse_site_rules('["news.example.com"]\nstrip = ".promo"\n')
    article = extract(doc(), Limits(), rules)
    assert "calendar" not in article.text
    assert "The story itself starts here." in article.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('["example.com"]\nbody = "div[["\n', "bad CSS selector 'div[['"),
        ('["example.com"]\nbody = "//div[@id="\n', "bad XPath '//div[@id='"),
        ('["example.com"]\nbdy = "div"\n', "unknown key 'bdy'"),
        ('["example.com"]\nstrip = 3\n', "expected a selector or a list of selectors"),
        ('["example.com"\n', "not valid TOML"),
        ('["https://example.com/"]\nbody = "div"\n', "a host name like"),
    ],
)
def test_a_bad_rule_is_one_clear_line(text: str, expected: str) -> None:
    with pytest.raises(SiteRulesError) as caught:
        parse_site_rules(text)
    message = str(caught.value)
    assert expected in message and "\n" not in message


def test_the_file_is_read_from_the_config_folder_and_reread_when_changed(tmp_path: Path) -> None:
    assert load_site_rules(tmp_path).rules == ()
    path = tmp_path / "sites.toml"
    path.write_text(RULES, encoding="utf-8")
    assert [r.host for r in load_site_rules(tmp_path).rules] == ["example.com"]
    path.write_text('["other.org"]\nbody = "main"\n', encoding="utf-8")
    os.utime(path, (1, 1))
    assert [r.host for r in load_site_rules(tmp_path).rules] == ["other.org"]


def test_reader_extract_with_a_bad_rules_file_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = Path(os.environ["READER_CONFIG_FILE"]).parent
    config.mkdir(parents=True, exist_ok=True)
    (config / "sites.toml").write_text('["example.com"]\nbody = "div[["\n', encoding="utf-8")
    page = tmp_path / "harbour.html"
    page.write_text(PAGE, encoding="utf-8")
    code = run(["extract", "--format", "text", str(page)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "sites.toml" in err and "div[[" in err


def test_reader_extract_uses_the_rules_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = Path(os.environ["READER_CONFIG_FILE"]).parent
    config.mkdir(parents=True, exist_ok=True)
    (config / "sites.toml").write_text(RULES, encoding="utf-8")
    page = tmp_path / "harbour.html"
    page.write_text(PAGE, encoding="utf-8")
    assert run(["extract", "--format", "text", str(page)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The story itself starts here.") and "calendar" not in out
