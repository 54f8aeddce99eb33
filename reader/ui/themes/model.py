"""The pydantic model of a theme file, which checks every theme a user wrote.

Imported only when there is such a file to check (pydantic costs a start about
50 ms): the built-in themes are trusted, and a test checks that each of them passes
this model too.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from textual.color import Color, ColorParseError

from reader.ui.themes.errors import ThemeFileError

_VARIABLE_NAME = re.compile(r"^[a-z][a-z0-9-]{0,63}$")


def _parse_colour(value: str) -> str:
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(f"not a colour: {value!r}") from None
    return value


class ThemeFile(BaseModel):
    """The content of one theme file. Unknown keys are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(default="", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$|^$")
    """Theme name for ``--theme`` and the palette; defaults to the file name."""
    description: str = ""
    dark: bool = True
    primary: str
    secondary: str | None = None
    accent: str | None = None
    foreground: str | None = None
    background: str | None = None
    surface: str | None = None
    panel: str | None = None
    warning: str | None = None
    error: str | None = None
    success: str | None = None
    variables: dict[str, str] = Field(default_factory=dict)

    @field_validator(
        "primary",
        "secondary",
        "accent",
        "foreground",
        "background",
        "surface",
        "panel",
        "warning",
        "error",
        "success",
    )
    @classmethod
    def _colour(cls, value: str | None) -> str | None:
        return None if value is None else _parse_colour(value)

    @field_validator("variables")
    @classmethod
    def _variables(cls, value: dict[str, str]) -> dict[str, str]:
        for key, colour in value.items():
            if not _VARIABLE_NAME.match(key):
                raise ValueError(f"bad variable name {key!r}")
            _parse_colour(colour)
        return value


def check_theme_file(parsed: dict[str, Any]) -> dict[str, Any]:
    """A parsed theme file's values once checked, every key filled in; the first
    problem raises ThemeFileError with a one-line reason."""
    try:
        model = ThemeFile.model_validate(parsed)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        raise ThemeFileError(f"{where}: {first['msg']}") from None
    return model.model_dump()
