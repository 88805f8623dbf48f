"""Tests of hue_s/backend/config.py: defaults and HUE_S_* environment variables."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from hue_s.backend.config import BUILT_IN_MODULES, BackendSettings


def test_defaults_describe_hue() -> None:
    settings = BackendSettings()
    assert settings.city_name == "Thành phố Huế"
    assert settings.city_name_en == "Huế City"
    assert settings.city_code == "46"
    assert settings.modules == [
        "incidents", "alerts", "services", "payments", "appointments", "bills", "utilities", "air",
        "news", "health", "education", "tourism", "officer", "dashboard",
    ]  # fmt: skip


def test_database_defaults_to_sqlite_file_in_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HUE_S_DATA_DIR", str(tmp_path / "my data"))
    settings = BackendSettings()
    url = make_url(settings.database_url)
    assert settings.data_dir == tmp_path / "my data"
    assert url.get_backend_name() == "sqlite"
    assert Path(url.database or "") == tmp_path / "my data" / "hue-s.db"


def test_data_dir_defaults_to_platform_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUE_S_DATA_DIR")
    monkeypatch.setattr("platformdirs.user_data_dir", lambda name: f"/platform/{name}")
    assert BackendSettings().data_dir == Path("/platform/hue-s")


def test_database_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUE_S_DATABASE_URL", "postgresql+psycopg://hue@db.example/hue")
    assert BackendSettings().database_url == "postgresql+psycopg://hue@db.example/hue"


def test_explicit_database_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUE_S_DATABASE_URL", "postgresql+psycopg://hue@db.example/hue")
    assert BackendSettings(database_url="sqlite://").database_url == "sqlite://"


def test_modules_allow_list_filters_and_keeps_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUE_S_MODULES", " officer, incidents ,unknown")
    assert BackendSettings().modules == ["incidents", "officer"]


def test_empty_modules_allow_list_disables_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUE_S_MODULES", "")
    assert BackendSettings().modules == []
    assert len(BUILT_IN_MODULES) == 14
