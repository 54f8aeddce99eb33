"""Where reader keeps its files (XDG locations via platformdirs), in one place."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "reader"


def config_dir() -> Path:
    return user_config_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """``READER_CONFIG_FILE`` overrides the default ``config.toml``."""
    override = os.environ.get("READER_CONFIG_FILE")
    return Path(override) if override else config_dir() / "config.toml"


def data_dir() -> Path:
    """``READER_DATA_DIR`` overrides the default data directory."""
    override = os.environ.get("READER_DATA_DIR")
    return Path(override) if override else user_data_path(APP_NAME, appauthor=False)


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def builtin_themes_dir() -> Path:
    """Theme files ship inside the package (``reader/themes``); in a source checkout
    they sit in the top-level ``themes/`` folder."""
    here = Path(__file__).resolve().parent
    packaged = here / "themes"
    return packaged if packaged.is_dir() else here.parent / "themes"


def demo_page() -> Path:
    return Path(__file__).resolve().parent / "demo" / "demo.html"


def recorded(source: str) -> bool:
    """Pages kept in the library: not standard input, not the built-in demo page."""
    return source not in ("", "-") and source != str(demo_page())
