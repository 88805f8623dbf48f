"""The health app: its resource against the real backend, and what it says about hours."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.app.api.client import HueClient
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.modules.health.app.resource import HealthResource
from hue_s.modules.health.app.words import CLOSED_NOW, HOURS_UNKNOWN, OPEN_NOW, open_words
from hue_s.testing.backend import BASE_URL


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    """The backend with the health module, at 23:00 in Huế on a Wednesday."""
    monkeypatch.delenv("HUE_S_MODULES", raising=False)
    settings = BackendSettings(
        data_dir=tmp_path, database_url=sqlite_url_for(tmp_path / "h.db"), modules=["health"]
    )
    application = create_app(settings)
    application.state.clock = lambda: datetime(2026, 12, 2, 16, 0, tzinfo=UTC)
    yield application
    application.state.engine.dispose()


def test_unknown_hours_are_never_said_open() -> None:
    assert open_words(None) == HOURS_UNKNOWN
    assert open_words(True) == OPEN_NOW and open_words(False) == CLOSED_NOW


async def test_open_pharmacies_near_a_point_late_at_night(app: FastAPI) -> None:
    api = HealthResource(HueClient(BASE_URL, transport=httpx.ASGITransport(app=app)))
    found = await api.list(kind="pharmacy", open_now=True, near=(16.4679, 107.59545))
    assert [place.name for place in found] == ["Pharmacity"]  # 24/7; UPharma closes at 22:00
    assert found[0].open_now is True and found[0].opening_hours == "24/7"
    one = await api.get(place_id="node-13660373344")
    assert one.name == "UPharma" and one.open_now is False
