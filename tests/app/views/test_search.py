"""Home's search reaches inside modules, ignores diacritics, and says so when nothing is there."""

from __future__ import annotations

import asyncio
from pathlib import Path

import flet as ft
from session_doubles import session_context

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.context import AppContext
from hue_s.app.modules import SearchEntry, discover
from hue_s.app.state.store import Store
from hue_s.app.views.home import search_results
from hue_s.app.views.search import entry_matches, found_inside
from hue_s.modules.incidents.app.models import Service
from hue_s.modules.incidents.app.search import choose_category
from hue_s.modules.incidents.app.session import incidents_session

POTHOLE = Service(
    service_code="road_pothole",
    service_name="Ổ gà, hư hỏng mặt đường",
    keywords="đường, ổ gà, sụt lún",
    group="roads",
)
LIGHT = Service(service_code="street_light", service_name="Đèn đường hư hỏng", group="lighting")


def citizen_context(store: Store) -> AppContext:
    """Return a session with every built-in module, whose catalogue lists two categories."""
    ctx = session_context(
        store, HueClient("http://x.test"), config=AppConfig(kiosk=False), registry=discover()
    )
    session = incidents_session(ctx)

    async def services() -> list[Service]:
        return [POTHOLE, LIGHT]

    session.services = services  # type: ignore[method-assign]
    return ctx


def words(controls: list[ft.Control]) -> str:
    """Return the words shown by search results (titles, lines, messages)."""
    found: list[str] = []

    def walk(control: object) -> None:
        if isinstance(control, ft.Text) and control.value:
            found.append(control.value)
        for name in ("title", "subtitle", "content", "controls"):
            inner = getattr(control, name, None)
            for child in inner if isinstance(inner, list) else [inner]:
                if isinstance(child, ft.Control):
                    walk(child)

    for control in controls:
        walk(control)
    return "\n".join(found)


def test_a_phrase_is_found_from_a_words_start_with_or_without_diacritics() -> None:
    pothole = SearchEntry("Ổ gà, hư hỏng mặt đường", "/incidents/new/road_pothole")
    gathering = SearchEntry("Get ready: checklist and gathering points", "/alerts/prepare")
    assert entry_matches(pothole, "ổ gà") and entry_matches(pothole, "O GA")
    assert not entry_matches(gathering, "ổ gà")  # "o ga" as loose letters is everywhere


def test_o_ga_finds_the_pothole_category_which_opens_its_report(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = citizen_context(store)
        found = asyncio.run(found_inside(ctx, "ổ gà"))
        assert [(m.id, e.route) for m, e in found] == [("incidents", "/incidents/new/road_pothole")]
        assert ctx.registry.find("/incidents/new/road_pothole") is not None
        session = incidents_session(ctx)
        session.save_draft(session.saved_draft().model_copy(update={"description": "Sâu"}))
        choose_category(session, "road_pothole")
        draft = session.saved_draft()
        assert (draft.service_code, draft.description) == ("road_pothole", "Sâu")


def test_screens_and_places_of_warnings_are_found(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = citizen_context(store)
        routes = [e.route for _m, e in asyncio.run(found_inside(ctx, "lu lut"))]
        assert "/alerts" in routes
        shelters = asyncio.run(found_inside(ctx, "Quốc Học"))
        assert [e.route for _m, e in shelters] == ["/alerts/prepare"]


def test_nothing_found_is_said_with_the_hotline(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = citizen_context(store)  # its backend does not answer: no procedure is found
        for query in ("khai sinh", "hộ chiếu", "giấy phép lái xe"):
            shown = words(asyncio.run(search_results(ctx, query)))
            assert "chưa có gì khớp" in shown and "19001075" in shown, (query, shown)
        assert "Ổ gà" in words(asyncio.run(search_results(ctx, "o ga")))
