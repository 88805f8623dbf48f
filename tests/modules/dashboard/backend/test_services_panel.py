"""The dashboard shows the public-services module's panel when that module is on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings

from .cases import NOW
from .test_routes import MARCH, headers  # noqa: F401  (the people, signed in)


@pytest.fixture
def app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    """The backend with incidents, public services and the dashboard, its clock at NOW."""
    for name in ("HUE_S_DATABASE_URL", "HUE_S_MODULES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HUE_S_DATA_DIR", str(tmp_path / "data"))
    modules = ["incidents", "services", "dashboard"]
    settings = BackendSettings(data_dir=tmp_path, database_url=database_url, modules=modules)
    application = create_app(settings)
    application.state.clock = lambda: NOW
    yield application
    application.state.engine.dispose()


async def test_the_city_dashboard_carries_the_dossiers_on_time_figures(
    client: httpx.AsyncClient,
    headers: dict[str, dict[str, str]],  # noqa: F811
) -> None:
    answer = await client.get("/api/v1/dashboard/city", params=MARCH, headers=headers["leader"])
    assert answer.status_code == 200, answer.text
    services = answer.json()["services"]
    assert services["total"]["received"] == 0 and services["total"]["on_time_pct"] is None
    assert answer.json()["cases"]["figures"]["received"] == 10  # the cases' panel still there
