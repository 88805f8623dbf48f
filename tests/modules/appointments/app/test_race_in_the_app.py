"""Two people press "Confirm" on the last place of a slot at once: one lands on My bookings,
the other is told in words that someone has just taken it, and sees the slot full."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import flet as ft
import httpx
import pytest
from fastapi import FastAPI

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.context import AppContext, AppServices
from hue_s.app.i18n import I18n
from hue_s.app.modules import Registry
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.session import UserSession
from hue_s.app.state.settings import load_settings
from hue_s.app.state.store import Store
from hue_s.modules.appointments.app.resource import AppointmentsResource
from hue_s.modules.appointments.app.view_book import Booker

from ..backend.test_bookings import FRIDAY_8, book
from ..conftest import PROCEDURE, WARD
from .test_views import Page, app_clock  # noqa: F401  (the app's clock fixture)


@pytest.fixture
async def two_people(app: FastAPI, people: Any, tmp_path: Path) -> AsyncIterator[list[AppContext]]:
    """Citizens a's and b's app sessions, each on its own device."""
    async with AsyncExitStack() as stack:
        contexts = []
        for who in ("a", "b"):
            api = await stack.enter_async_context(HueClient(
                "http://hue-s.test", transport=httpx.ASGITransport(app=app), headers=people[who]
            ))  # fmt: skip
            store = stack.enter_context(Store(tmp_path / f"{who}.sqlite3"))
            services = AppServices(
                AppConfig(kiosk=False, data_dir=tmp_path), Registry(), store, "http://hue-s.test"
            )
            ctx = AppContext(
                page=Page(), services=services, device_id=f"phone-{who}",  # type: ignore[arg-type]
                settings=load_settings(store, f"phone-{who}", language="vi"), i18n=I18n("vi"),
                api=api, credentials=Credentials(),
            )  # fmt: skip
            ctx.session = UserSession(role="citizen", user_id=who)
            ctx.page.route = "/appointments/book"
            contexts.append(ctx)
        yield contexts


async def test_the_loser_of_the_last_place_is_told_why(
    two_people: list[AppContext], client: httpx.AsyncClient, people: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(ft.ResponsiveRow, "update", lambda self: None)  # not on a page here
    for _ in range(2):
        assert (await book(client, people["officer"], FRIDAY_8)).status_code == 201
    bookers = []
    for ctx in two_people:
        api = ctx.api.resource(AppointmentsResource)
        offices = await api.offices()
        booker = Booker(ctx, offices, await api.procedures())
        booker.office = next(office for office in offices if office.ward_code == WARD)
        booker.procedure = PROCEDURE
        booker.days = await api.days(ward_code=WARD)
        booker.day = booker.days[1]
        booker.slot = booker.day.slots[1]
        assert booker.slot.capacity - booker.slot.taken == 1
        bookers.append(booker)
    await asyncio.gather(*(booker.submit() for booker in bookers))
    routes = [ctx.page.route for ctx in two_people]
    assert sorted(routes) == ["/appointments", "/appointments/book"], routes
    loser = bookers[routes.index("/appointments/book")]
    assert loser.problem.value == (
        "Người khác vừa lấy chỗ cuối cùng của khung giờ này. Vui lòng chọn giờ khác."
    )
    assert loser.slot is None and loser.day is not None
    redrawn = next(day for day in loser.days if day.day == loser.day.day).slots[1]
    assert redrawn.taken == 3 and not redrawn.bookable
