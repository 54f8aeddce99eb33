"""Settings read the config file and ``READER_*`` variables exactly as pydantic-settings
would (the reader reads them itself to start faster): the same values, the same errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import locations
from reader.config import (
    AnalysisSettings,
    Limits,
    Reading,
    Settings,
    load_settings,
    read_settings,
)
from reader.config_validation import model_of, validate_settings
from reader.errors import ReaderError

pydantic_settings = pytest.importorskip("pydantic_settings")
from pydantic import Field, ValidationError  # noqa: E402


class Reference(pydantic_settings.BaseSettings):
    """The settings class as it was written with pydantic-settings (its sections the
    pydantic models the settings dataclasses are validated with)."""

    model_config = pydantic_settings.SettingsConfigDict(
        env_prefix="reader_", env_nested_delimiter="__", extra="ignore"
    )

    reading: model_of(Reading) = Field(default_factory=model_of(Reading))  # type: ignore[valid-type]
    analysis: model_of(AnalysisSettings) = Field(default_factory=model_of(AnalysisSettings))  # type: ignore[valid-type]
    limits: model_of(Limits) = Field(default_factory=model_of(Limits))  # type: ignore[valid-type]
    data_dir: Path | None = None
    keymap: dict[str, str] = Field(default_factory=dict)

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: Any, init_settings: Any, env_settings: Any, **_: Any
    ) -> tuple[Any, ...]:
        toml = pydantic_settings.TomlConfigSettingsSource(
            settings_cls, toml_file=locations.config_file()
        )
        return (init_settings, env_settings, toml)


def outcome(read: Any, **values: Any) -> tuple[Any, ...]:
    try:
        made = read(**values)
    except ValidationError as error:
        return ("invalid", [(e["loc"], e["msg"], e["type"]) for e in error.errors()])
    except (OSError, ValueError) as error:
        # pydantic-settings raises its own ValueError subclass; the text is what shows.
        kind = "os error" if isinstance(error, OSError) else "value error"
        return (kind, str(error))
    dumped = dataclasses.asdict(made) if dataclasses.is_dataclass(made) else made.model_dump()
    return ("ok", dumped)


def same(**values: Any) -> tuple[Any, ...]:
    mine = outcome(read_settings, **values)
    # A section given as its dataclass is given to the reference as its model.
    as_models = {
        name: model_of(type(value))(**dataclasses.asdict(value))
        if dataclasses.is_dataclass(value)
        else value
        for name, value in values.items()
    }
    assert mine == outcome(Reference, **as_models)
    return mine


ENV_CASES: list[dict[str, str]] = [
    {},
    {"READER_READING__THEME": "sepia", "READER_READING__MEASURE": "72"},
    {"reader_reading__Theme": "sepia", "READER_ANALYSIS__ENABLED": "false"},
    {"READER_LIMITS__MAX_NODES": "many"},
    {"READER_LIMITS__MAX_NODES": ""},
    {"READER_ANALYSIS__MAX_CHARS": "10"},
    {"READER_READING": '{"Theme": "light", "measure": 60}', "READER_READING__MEASURE": "70"},
    {"READER_READING": "not json"},
    {"READER_READING": "[1, 2]"},
    {"READER_READING": ""},
    {"READER_KEYMAP": '{"Search": "ctrl+f"}', "READER_KEYMAP__QUIT": "x"},
    {"READER_KEYMAP__SEARCH": "ctrl+f,f3"},
    {"READER_KEYMAP__SEARCH": "72", "READER_KEYMAP__QUIT": "{}"},
    {"READER_KEYMAP__A__B": "1"},
    {"READER_KEYMAP__A__B": "not json"},
    {"READER_KEYMAP": "{bad"},
    {"READER_KEYMAP": ""},
    {"READER_DATA_DIR": "/tmp/some/where"},
    {"READER_DATA_DIR": ""},
    {"READER_DATA_DIR__X": "1", "READER_UNKNOWN": "1"},
    {"READER_READING__THEME__DEEP": "1"},
    {"READER_READING__READER_THEME": "x", "READER_READING__": "y"},
    {"READER_READING__THEME": "a", "READER_READING__THEME__X": "b"},
]


@pytest.mark.parametrize("env", ENV_CASES, ids=range(len(ENV_CASES)))
def test_environment_as_pydantic_settings_reads_it(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    same()


FILE_CASES = [
    "",
    '[reading]\ntheme = "sepia"\nmeasure = 66\n[keymap]\nsearch = "ctrl+f"\n',
    '[limits]\nmax_nodes = "lots"\n',
    "reading = 5\n",
    "[reading\n",
    '[Reading]\ntheme = "ignored"\nunknown = 1\n',
    "[analysis]\nmax_chars = 999\n",
    'data_dir = "~/library"\n',
    'Data_Dir = "/elsewhere"\n[READING]\nMEASURE = 70\ntheme = "sepia"\n',
    '[Reading]\ntheme = "first"\n[reading]\ntheme = "second"\n',
]


@pytest.mark.parametrize("text", FILE_CASES, ids=range(len(FILE_CASES)))
def test_config_file_and_precedence(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    locations.config_file().write_text(text, encoding="utf-8")
    same()
    # The environment beats the file, key by key; explicit values beat both.
    monkeypatch.setenv("READER_READING__MEASURE", "90")
    same()
    same(reading=Reading(theme="given"), keymap={"quit": "Q"})
    same(reading={"sidebar": True})


def test_config_path_that_is_a_directory_or_unreadable(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("READER_CONFIG_FILE", str(tmp_path))
    assert same()[0] == "ok"
    missing = tmp_path / "none" / "config.toml"
    monkeypatch.setenv("READER_CONFIG_FILE", str(missing))
    assert same()[0] == "ok"


def test_load_settings_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_LIMITS__MAX_NODES", "many")
    with pytest.raises(
        ReaderError,
        match=r"^READER_LIMITS__MAX_NODES: bad setting limits\.max_nodes = 'many': Input should",
    ):
        load_settings()
    monkeypatch.delenv("READER_LIMITS__MAX_NODES")
    monkeypatch.setenv("READER_KEYMAP", "{bad")
    with pytest.raises(ReaderError) as caught:
        load_settings()
    assert str(caught.value) == (
        f"cannot read config {locations.config_file()}: "
        'error parsing value for field "keymap" from source "EnvSettingsSource"'
    )
    monkeypatch.delenv("READER_KEYMAP")
    locations.config_file().write_text("[reading\n", encoding="utf-8")
    with pytest.raises(ReaderError, match=r"^cannot read config .*config\.toml: "):
        load_settings()


NAMES = st.sampled_from(
    [
        "READER_READING",
        "READER_READING__THEME",
        "reader_reading__MEASURE",
        "READER_READING__SIDEBAR",
        "READER_ANALYSIS__ENABLED",
        "READER_ANALYSIS__MAX_CHARS",
        "READER_LIMITS",
        "READER_LIMITS__FETCH_TIMEOUT",
        "READER_KEYMAP",
        "READER_KEYMAP__SEARCH",
        "READER_KEYMAP__SEARCH__MORE",
        "READER_DATA_DIR",
    ]
)
VALUES = st.sampled_from(
    ["", "0", "72", "true", "no", "x", "1.5", "{}", '{"measure": 3}', '{"SEARCH": "s"}', "[1]"]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(env=st.dictionaries(NAMES, VALUES, max_size=4))
def test_any_environment_reads_the_same(env: dict[str, str], monkeypatch) -> None:
    with monkeypatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        same()


def test_defaults_are_the_checked_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """With nothing written the defaults are not checked; they pass the check."""
    monkeypatch.delenv("READER_DATA_DIR")
    assert read_settings() == Settings()
    assert validate_settings({}) == Settings()
    assert model_of(Settings)().model_dump() == dataclasses.asdict(Settings())
    assert model_of(AnalysisSettings).model_fields["max_chars"].metadata  # ge kept


def test_a_section_given_as_its_dataclass_is_checked() -> None:
    assert read_settings(reading=Reading(measure=70)).reading == Reading(measure=70)
    with pytest.raises(ValidationError):
        read_settings(analysis=AnalysisSettings(max_chars=10))
    locations.config_file().write_text("reading = 5\n", encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_settings()
    assert str(caught.value) == (
        f"{locations.config_file()}: bad setting reading = 5: "
        "Input should be a valid dictionary or instance of Reading"
    )
