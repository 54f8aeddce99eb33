"""The demo page's article is kept beside the library and read back while the page,
the limits and the code are unchanged; anything else extracts it again."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import locations, service
from reader.config import Limits, Reading, Settings
from reader.models import Article
from reader.store import demo_cache


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every extraction ``read_demo`` asks for."""
    done: list[str] = []
    real = service.read_article

    def counting(source: str, limits: Limits | None = None) -> Article:
        done.append(source)
        return real(source, limits)

    monkeypatch.setattr(service, "read_article", counting)
    return done


def kept_file() -> Path:
    return locations.data_dir() / demo_cache.FILE_NAME


def test_the_demo_is_extracted_once_then_read_back(extractions: list[str]) -> None:
    first = service.read_demo()
    assert extractions == [str(locations.demo_page())]
    assert kept_file().is_file()
    again = service.read_demo()
    assert extractions == [str(locations.demo_page())]
    assert again == first
    assert again.to_dict() == first.to_dict()


def test_settings_choose_the_folder_and_limits_count(
    extractions: list[str], tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "elsewhere")
    service.read_demo(settings)
    assert (tmp_path / "elsewhere" / demo_cache.FILE_NAME).is_file()
    service.read_demo(settings)
    assert len(extractions) == 1
    tighter = Settings(data_dir=tmp_path / "elsewhere", limits=Limits(max_links=3))
    service.read_demo(tighter)
    assert len(extractions) == 2


def test_changed_code_or_model_makes_the_copy_stale(
    extractions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    service.read_demo()
    monkeypatch.setattr(demo_cache, "_code_fingerprint", lambda: "another build")
    service.read_demo()
    monkeypatch.setattr(demo_cache, "MODEL_VERSION", demo_cache.MODEL_VERSION + 1)
    service.read_demo()
    assert len(extractions) == 3


def test_a_damaged_copy_is_replaced(extractions: list[str]) -> None:
    first = service.read_demo()
    for damage in (b"", b"not zlib at all", kept_file().read_bytes()[:40]):
        kept_file().write_bytes(damage)
        assert service.read_demo() == first
    assert len(extractions) == 4
    service.read_demo()
    assert len(extractions) == 4


def test_an_unusable_data_directory_still_shows_the_demo(
    extractions: list[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings = Settings(reading=Reading(), data_dir=blocker / "data")
    assert service.read_demo(settings).title
    assert service.read_demo(settings).title
    assert len(extractions) == 2
