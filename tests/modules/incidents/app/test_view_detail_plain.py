"""A report's page against a plain GeoReport server: any id, and an unknown one said plainly."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from hue_s.app.api.client import HueClient
from hue_s.app.api.errors import NotFoundError
from hue_s.app.config import AppConfig, Open311Settings
from hue_s.app.context import AppContext
from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.draft import GeoPoint, IncidentDraft
from hue_s.modules.incidents.app.session import incidents_session
from hue_s.modules.incidents.app.views.detail import build_report
from tests.app.open311_plain_server import API_KEY, FIRST_ID, JURISDICTION, PlainOpen311
from tests.app.session_doubles import session_context


def texts(control: Any) -> list[str]:
    """Return every text shown inside `control`."""
    found = [control.value] if isinstance(control, ft.Text) and control.value else []
    for name in ("controls", "content"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.Control):
                found += texts(child)
    return found


@pytest.fixture
def server() -> Iterator[PlainOpen311]:
    """A plain server whose ids are text ("REQ-638349"), on loopback."""
    started = PlainOpen311(id_prefix="REQ-").start()
    yield started
    started.stop()


@pytest.fixture
async def ctx(server: PlainOpen311, tmp_path: Path) -> AsyncIterator[AppContext]:
    """A guest's session pointed at the plain server (the Hue-S backend is never reached)."""
    config = AppConfig(kiosk=False, open311=Open311Settings(server.url, JURISDICTION, API_KEY))
    async with HueClient("http://hue-s.invalid") as hue_s_backend:
        with Store(tmp_path / "state.sqlite3") as store:
            context = session_context(store, hue_s_backend, config=config, device_id="phone-1")
            yield context
            await incidents_session(context).stop()


def pothole() -> IncidentDraft:
    """Return a report of the server's first service."""
    point = GeoPoint(lat=16.4637, lon=107.5909)
    return IncidentDraft(service_code="001", description="A deep hole", point=point)


async def test_a_report_with_a_text_id_opens(server: PlainOpen311, ctx: AppContext) -> None:
    created = await incidents_session(ctx).api.create(
        draft=pothole(), idempotency_key="5f1c0a4e-aaaa-bbbb"
    )
    number = f"REQ-{FIRST_ID}"
    assert created.service_request_id == number
    shown = texts(await build_report(ctx, {"id": number}))
    assert f"Phản ánh {number}: Pothole" in shown
    assert "A deep hole" in shown


async def test_an_unknown_id_a_server_answers_with_500_is_no_such_report(
    server: PlainOpen311, ctx: AppContext
) -> None:
    session = incidents_session(ctx)
    with pytest.raises(NotFoundError):  # the listing says it has none such: not a crash
        await session.api.request(request_id="REQ-1")
    shown = texts(await build_report(ctx, {"id": "REQ-1"}))
    assert shown == ["Không có phản ánh REQ-1."]
