"""The app's side of OSM places: the map, a place's buttons and page, the list screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import flet as ft
import flet_map as fm
import pytest

from hue_s.app.api.errors import APIConnectionError
from hue_s.app.i18n import I18n
from hue_s.kit import places_list
from hue_s.kit.osm import OSM_TILES
from hue_s.kit.places import OsmPlace, list_params, place_path
from hue_s.kit.places_list import PlaceFinder
from hue_s.kit.places_view import Pins, place_line, place_page, places_map

PINS: Pins[OsmPlace] = Pins("Map of schools", ft.Colors.INDIGO_700, lambda _place: ft.Icons.SCHOOL)


class Page:
    """Stands in for ft.Page: records the tasks run and the updates."""

    def __init__(self) -> None:
        """Start with nothing done."""
        self.tasks: list[tuple[Any, ...]] = []
        self.updates = 0

    async def push_route(self, route: str) -> None:
        """Never awaited here: run_task records it."""

    def run_task(self, task: Any, *args: Any) -> None:
        """Record a task with its arguments."""
        self.tasks.append(args)

    def update(self) -> None:
        """Count an update."""
        self.updates += 1


class Ctx:
    """Stands in for AppContext: English words, a page."""

    def __init__(self) -> None:
        """Make the session's words and page."""
        self.i18n = I18n("en")
        self.page = Page()

    def _(self, message: str) -> str:
        """Translate."""
        return self.i18n.gettext(message)


def walk(control: Any) -> Iterator[Any]:
    """Yield a control and everything inside it."""
    yield control
    for name in ("controls", "content", "title", "subtitle", "layers", "markers"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.BaseControl):
                yield from walk(child)


def keyed(control: Any) -> dict[str, Any]:
    """Return the controls inside that have a key, by key."""
    return {str(found.key): found for found in walk(control) if found.key is not None}


def school(name: str = "Trường Tiểu học Thuận Hoà", **more: Any) -> OsmPlace:
    """Return a place."""
    return OsmPlace(id="node-1", name=name, lat=16.47, lon=107.57, osm_url="https://osm/n/1",
                    **more)  # fmt: skip


def test_the_map_has_the_kits_tiles_a_pin_per_place_and_where_i_am() -> None:
    ctx: Any = Ctx()
    shown = places_map(ctx, [school(), school("Other")], lambda _id: None, "m", PINS, (16.4, 107.5))
    the_map = keyed(shown)["m"]
    assert isinstance(the_map, fm.Map) and the_map.tooltip == "Map of schools"
    assert the_map.initial_zoom == 15.0  # near someone; 13 city-wide, 16 for one place
    tiles = [layer for layer in the_map.layers if isinstance(layer, fm.TileLayer)]
    assert [layer.url_template for layer in tiles] == [OSM_TILES]
    markers = next(layer for layer in the_map.layers if isinstance(layer, fm.MarkerLayer)).markers
    assert [marker.content.icon for marker in markers[:2]] == [ft.Icons.SCHOOL] * 2
    assert markers[2].content.tooltip == "You are here"


def test_the_line_under_a_name_says_distance_as_people_do() -> None:
    ctx: Any = Ctx()
    assert place_line(ctx, school(distance_m=420.4, ward_name="Phú Xuân"), ["Primary"]) == (
        "Primary · 420 m · Phú Xuân"
    )
    assert place_line(ctx, school(distance_m=1260), []) == "1.3 km"


def test_a_page_has_the_name_facts_buttons_extras_map_and_credit() -> None:
    ctx: Any = Ctx()
    page = place_page(
        ctx, school(phone="0234 382", website="https://t.vn", operator="Phòng GD"),
        "education", "school", PINS, [ft.Text("Primary", key="education-levels-of")],
        [ft.Text("extra", key="extra")],
    )  # fmt: skip
    assert page.key == "education-detail"
    keys = [str(control.key) for control in page.controls if control.key is not None]
    assert keys == ["education-name", "education-levels-of", "extra"]
    found = keyed(page)
    assert {"education-call", "education-directions", "education-web", "education-osm"} <= set(
        found
    )
    assert "education-school-map" in found
    texts = [c.value for c in walk(page) if isinstance(c, ft.Text)]
    assert "Run by: Phòng GD" in texts and "Data: © OpenStreetMap contributors (ODbL)" in texts


def test_a_place_without_phone_or_site_has_directions_and_its_page_only() -> None:
    ctx: Any = Ctx()
    found = keyed(place_page(ctx, school(), "health", "place", PINS, []))
    assert {"health-directions", "health-osm"} <= set(found)
    assert not {"health-call", "health-web"} & set(found)


def test_a_list_is_asked_with_the_given_filters_only() -> None:
    assert list_params(None, kind="pharmacy", q=None, open_now=None) == {
        "limit": 200, "kind": "pharmacy"
    }  # fmt: skip
    assert list_params((16.4, 107.5), q="mat") == {"limit": 200, "q": "mat", "lat": 16.4,
                                                   "lon": 107.5}  # fmt: skip
    assert place_path("/api/v1/x", "node/1 ?") == "/api/v1/x/node%2F1%20%3F"


async def test_the_finder_shows_cards_empty_words_and_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx: Any = Ctx()
    asked: list[tuple[Any, ...]] = []
    answer: list[Any] = [[school()]]

    async def find(query: str | None, near: tuple[float, float] | None) -> list[OsmPlace]:
        asked.append((query, near))
        if isinstance(answer[0], Exception):
            raise answer[0]
        return list(answer[0])

    finder = PlaceFinder(ctx, "education", "school", find, lambda p: p.name, "None here.", PINS)
    chosen: list[Any] = []
    chips = finder.chips("education-levels", [(None, "All"), ("primary", "Primary")], chosen.append)
    screen = finder.screen("Education", [chips], bottom=[ft.Text("news", key="news")])
    await finder.fill()
    found = keyed(screen)
    assert "education-school-node-1" in found and "education-map" in found
    assert [str(c.key) for c in screen.controls if c.key is not None][-2:] == [
        "education-list", "news"
    ]  # fmt: skip
    await chips.controls[1].on_select(None)
    assert chosen == ["primary"] and [chip.selected for chip in chips.controls] == [False, True]
    finder.search.value = "  tieu hoc "
    answer[0] = []
    await finder.searched(None)  # type: ignore[arg-type]
    assert asked[-1] == ("tieu hoc", None) and ctx.page.updates == 2
    assert "education-empty" in keyed(screen)
    answer[0] = APIConnectionError("down")

    async def here() -> tuple[float, float]:
        return (16.46, 107.59)

    monkeypatch.setattr(places_list, "device_point", here)
    await finder.near_me(None)  # type: ignore[arg-type]
    assert asked[-1] == ("tieu hoc", (16.46, 107.59))
    assert finder.where.value == "Nearest to you first"
    assert "education-error" in keyed(screen) and finder.map_slot.controls == []
