"""Theme files (``themes/*.toml``) → Textual themes.

One theme per file. Built-in and user themes go through the same loader, which never
raises: it returns the themes it could build and, for every file it could not, a
one-line reason. The format is documented in ``themes/README.md``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

from reader.sanitize import clean_line
from reader.ui.themes.errors import ThemeFileError

DEFAULT_THEME = "paper-dark"
MAX_THEME_FILE_BYTES = 64 * 1024
"""Theme files are a few hundred bytes; anything bigger is not a theme."""

APP_VARIABLES: tuple[str, ...] = (
    "entity-person",
    "entity-org",
    "entity-place",
    "entity-other",
    "date",
    "quote",
    "link",
    "link-number",
    "code-background",
    "highlight-yellow",
    "highlight-green",
    "highlight-blue",
    "highlight-pink",
    "search-hit",
    "search-current",
)
"""Colours the reader's own widgets use, on top of Textual's semantic colours."""

# Hues of the highlight pens; blended with the background so they suit light and dark.
_PENS = {"yellow": "#f2c94c", "green": "#6fcf97", "blue": "#56a0f0", "pink": "#f28cc0"}


@dataclass
class ReaderTheme(Theme):
    """A Textual theme that remembers the file it came from and its description."""

    description: str = ""
    path: Path | None = field(default=None, compare=False)


def derive_variables(theme: Theme) -> dict[str, str]:
    """The reader's app colours, derived from a theme's semantic colours.

    Used to fill what a theme file leaves out, and for any other registered theme."""
    return _derived(theme, theme.to_color_system().generate())


def _derived(theme: Theme, generated: Mapping[str, str]) -> dict[str, str]:
    def colour(name: str, default: str) -> Color:
        try:
            return Color.parse(generated.get(name, default))
        except ColorParseError:  # ANSI themes name terminal colours ("ansi_default")
            return Color.parse(default)

    dark = theme.dark
    background = colour("background", "#000000" if dark else "#ffffff")
    foreground = background + colour("foreground", "#e0e0e0" if dark else "#202020")
    primary = colour("primary", "#4080c0")
    accent = colour("accent", primary.hex)
    secondary = colour("secondary", primary.hex)
    warning = colour("warning", accent.hex)
    success = colour("success", secondary.hex)
    surface = colour("surface", background.hex)

    def tint(hue: Color, amount: float) -> str:
        return background.blend(hue, amount).hex

    pens = {f"highlight-{name}": tint(Color.parse(hue), 0.35) for name, hue in _PENS.items()}
    return {
        "entity-person": tint(accent, 0.85),
        "entity-org": tint(secondary, 0.85),
        "entity-place": tint(success, 0.85),
        "entity-other": tint(primary, 0.85),
        "date": tint(warning, 0.85),
        "quote": tint(foreground, 0.7),
        "link": tint(primary, 0.9),
        "link-number": tint(accent, 0.9),
        "code-background": surface.hex,
        **pens,
        "search-hit": tint(warning, 0.4),
        "search-current": tint(accent, 0.75),
    }


# Text drawn on a coloured background: derived for contrast unless a theme sets it.
_ON_COLOURS = {"search-current-text": "search-current", "link-hint-text": "link-number"}


def complete_variables(theme: Theme) -> dict[str, str]:
    """Every app colour for ``theme``: its own, else derived from its semantic colours."""
    # Generating the colour system is most of the work: once per theme.
    generated = theme.to_color_system().generate()
    variables = {**_derived(theme, generated), **theme.variables}
    for name, background in _ON_COLOURS.items():
        if name in variables:
            continue
        try:
            colour = Color.parse(variables[background])
            # The page's own ink or paper, whichever stands out more on the colour.
            inks = [Color.parse(generated[key]) for key in ("foreground", "background")]
        except (ColorParseError, KeyError):
            continue
        best = max(inks, key=lambda ink: abs(ink.brightness - colour.brightness))
        variables[name] = best.hex
    return variables


@dataclass(frozen=True, slots=True)
class ThemeFailure:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.reason}"


def theme_directories(user_themes: bool) -> list[Path]:
    """Where themes come from: the built-in folder, then the user's (when enabled)."""
    from reader.locations import builtin_themes_dir, user_themes_dir

    return [builtin_themes_dir(), *([user_themes_dir()] if user_themes else [])]


def theme_names(directories: Iterable[Path]) -> set[str]:
    """Every theme these folders name, including ones whose file is broken."""
    loaded, failed = load_themes(directories)
    return set(loaded) | {failure.path.stem for failure in failed}


def load_theme_file(path: Path, *, trusted: bool = False) -> ReaderTheme:
    """The theme in ``path``; ThemeFileError with a one-line reason when it cannot be
    used. A ``trusted`` file (a built-in one) is not checked against the theme file
    model, which saves importing pydantic."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_THEME_FILE_BYTES + 1)
    except OSError as error:
        raise ThemeFileError(f"cannot read: {error.strerror or error}") from None
    if len(data) > MAX_THEME_FILE_BYTES:
        raise ThemeFileError(f"larger than {MAX_THEME_FILE_BYTES // 1024} KB")
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ThemeFileError("not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ThemeFileError(f"not valid TOML ({error})") from None
    if not trusted:
        from reader.ui.themes.model import check_theme_file

        parsed = check_theme_file(parsed)
    return _theme_from_values(parsed, fallback_name=path.stem, path=path)


def _theme_from_values(values: Mapping[str, Any], fallback_name: str, path: Path) -> ReaderTheme:
    """A theme file's values as a theme; what the file leaves out keeps the theme's
    defaults, which are the theme file model's."""
    theme = ReaderTheme(
        **{
            **values,
            "name": values.get("name") or fallback_name,
            "variables": dict(values.get("variables", {})),
            "path": path,
        }
    )
    theme.variables = complete_variables(theme)
    return theme


def load_themes(
    directories: Iterable[Path],
) -> tuple[dict[str, ReaderTheme], list[ThemeFailure]]:
    """Every ``*.toml`` theme in ``directories``; a later directory overrides an earlier
    one's theme of the same name (so users can restyle a built-in theme). The built-in
    folder's files are trusted; any other file is checked."""
    from reader.locations import builtin_themes_dir

    builtin = builtin_themes_dir()
    loaded: dict[str, ReaderTheme] = {}
    failed: list[ThemeFailure] = []
    for directory in directories:
        try:
            paths = sorted(directory.glob("*.toml"))
            trusted = directory.resolve() == builtin
        except OSError:
            continue
        for path in paths:
            try:
                theme = load_theme_file(path, trusted=trusted)
            except ThemeFileError as error:
                failed.append(ThemeFailure(path, clean_line(str(error))))
                continue
            loaded[theme.name] = theme
    return loaded, failed


def choose_theme(
    requested: str | None,
    remembered: str | None,
    configured: str,
    available: Mapping[str, Theme],
) -> tuple[str, str | None]:
    """The theme to start with, and a one-line warning when a named one is missing.

    ``--theme`` wins, then the last choice made in the app, then the config file."""
    for name in (requested, remembered, configured):
        if name and name in available:
            warning = None
            if requested and name != requested:
                warning = f"theme {requested!r} is not available"
            return name, warning
    fallback = DEFAULT_THEME if DEFAULT_THEME in available else next(iter(available), "")
    missing = requested or configured
    return fallback, f"theme {missing!r} is not available; using {fallback!r}"
