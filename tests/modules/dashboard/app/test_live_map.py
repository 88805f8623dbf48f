"""The dashboard's live map on screen: clusters coloured by overdue, the legend, the counts
written out for screen readers, and the 2 s watch that redraws map and figures on a change."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import flet as ft
import flet_map as fm
import httpx

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.state.store import Store
from hue_s.modules.dashboard.app.live_map import ON_TIME_COLOUR, OVERDUE_COLOUR, LiveMapPanel
from hue_s.modules.dashboard.app.view import DashboardScreen
from hue_s.modules.dashboard.wire import (
    CaseFigures,
    LiveMap,
    MapArea,
    MapCluster,
    MapWard,
)
from tests.app.session_doubles import session_context

from .test_view import DASHBOARD, TODAY, texts

SQUARE = [(16.45, 107.55), (16.45, 107.6), (16.5, 107.6), (16.5, 107.55), (16.45, 107.55)]
MAP = LiveMap(
    open=3,
    overdue=1,
    clusters=[
        MapCluster(lat=16.47, lon=107.58, cases=2, overdue=1),
        MapCluster(lat=16.46, lon=107.56, cases=1, overdue=0),
    ],
    areas=[MapArea(alert_id=1, headline="Lũ trên sông Hương", severity="Severe", rings=[SQUARE])],
    wards=[
        MapWard(ward_code="19753", ward_name="Phú Xuân", value=2, rings=[SQUARE]),
        MapWard(ward_code="19813", ward_name="Thủy Xuân", value=1, rings=[SQUARE]),
        MapWard(ward_code="19999", ward_name="Hương An", value=0, rings=[SQUARE]),
    ],
)


def walk(control: Any) -> list[Any]:
    """Return a control and everything under it (layers, markers, contents), depth first."""
    found = [control]
    for name in ("content", "controls", "layers", "markers", "polygons"):
        child = getattr(control, name, None)
        for item in child if isinstance(child, list) else [child]:
            if isinstance(item, ft.BaseControl):
                found += walk(item)
    return found


def client(answer: Callable[[httpx.Request], Any]) -> HueClient:
    """Return an API client whose server is `answer` (a model, dumped as JSON)."""

    def respond(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=json.loads(answer(request).model_dump_json()))

    return HueClient("http://x.test", transport=httpx.MockTransport(respond))


async def test_the_map_draws_clusters_by_overdue_areas_wards_and_a_legend(tmp_path: Path) -> None:
    asked: list[httpx.Request] = []

    def answer(request: httpx.Request) -> LiveMap:
        asked.append(request)
        return MAP

    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, client(answer), config=AppConfig(kiosk=False))
        panel = LiveMapPanel(ctx, lambda: None)
        assert await panel.refresh()
        assert not await panel.refresh()  # the same answer draws nothing again
    assert asked[0].url.path == "/api/v1/dashboard/map"
    assert dict(asked[0].url.params) == {"figure": "open"}
    nodes = walk(panel.control)
    markers = [node for node in nodes if isinstance(node, fm.Marker)]
    assert [(m.content.bgcolor, m.content.content.value) for m in markers] == [
        (OVERDUE_COLOUR, "2"),
        (ON_TIME_COLOUR, "1"),
    ]
    polygons = [node for node in nodes if isinstance(node, fm.PolygonLayer)]
    assert [len(layer.polygons) for layer in polygons] == [3, 1]  # wards, then the alert
    fills = [p.color for p in polygons[0].polygons]
    assert fills[2] == ft.Colors.TRANSPARENT and fills[0] != fills[1]  # 0 unfilled, 2 vs 1
    legend = texts(panel.legend)
    for expected in (
        "Vụ việc, có vụ quá hạn",
        "Vụ việc, không vụ nào quá hạn",
        "Vùng cảnh báo đang hiệu lực",
        "Vụ việc đang mở: 1",
        "Vụ việc đang mở: 2",
    ):
        assert expected in legend, (expected, legend)  # fmt: skip
    summary = "3 vụ việc đang mở, 1 quá hạn; 1 vùng cảnh báo đang hiệu lực"
    assert panel.summary.value == summary
    spoken = next(n for n in nodes if isinstance(n, ft.Semantics)).label
    for part in (summary, "Lũ trên sông Hương", "Phú Xuân: Vụ việc đang mở 2",
                 "Thủy Xuân: Vụ việc đang mở 1"):  # fmt: skip
        assert part in spoken, (part, spoken)
    assert "Hương An" not in spoken


def overdue_shown(screen: DashboardScreen) -> str:
    """Return the headline overdue count the screen shows."""
    shown = texts(screen.body)
    return shown[shown.index("Đang quá hạn") + 1]


async def test_a_resolved_case_changes_the_map_and_the_counts_at_the_next_poll(
    tmp_path: Path,
) -> None:
    server = {"overdue": 3, "open": 3}

    def answer(request: httpx.Request) -> Any:
        if request.url.path.endswith("/map"):
            return MAP.model_copy(update={"open": server["open"]})
        assert DASHBOARD.cases is not None
        figures = CaseFigures(overdue=server["overdue"], received=10)
        return DASHBOARD.model_copy(
            update={"cases": DASHBOARD.cases.model_copy(update={"figures": figures})}
        )

    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, client(answer), config=AppConfig(kiosk=False))
        screen = DashboardScreen(ctx, {"19753": "Phú Xuân"}, None, today=lambda: TODAY)
        await screen.load()
        await screen.live.refresh()
        assert screen.live.summary.value is not None and "3 vụ việc" in screen.live.summary.value
        assert overdue_shown(screen) == "3"
        watch = asyncio.create_task(screen.keep_fresh(every=0.01, alive=lambda: True))
        server.update(overdue=2, open=2)  # an officer resolved a case
        async with asyncio.timeout(10):
            while not (
                "2 vụ việc" in str(screen.live.summary.value) and overdue_shown(screen) == "2"
            ):
                await asyncio.sleep(0.01)  # fmt: skip
        watch.cancel()


async def test_the_watch_ends_once_the_screen_is_gone(tmp_path: Path) -> None:
    asked: list[httpx.Request] = []

    def answer(request: httpx.Request) -> Any:
        asked.append(request)
        return MAP if request.url.path.endswith("/map") else DASHBOARD

    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, client(answer), config=AppConfig(kiosk=False))
        screen = DashboardScreen(ctx, {}, None, today=lambda: TODAY)
        shown = iter([True, True, False])
        async with asyncio.timeout(10):
            await screen.keep_fresh(every=0.001, alive=lambda: next(shown))
    assert [r.url.path for r in asked].count("/api/v1/dashboard/map") == 2


async def test_the_sessions_end_stops_the_watch(tmp_path: Path) -> None:
    from hue_s.modules.dashboard.app import manifest
    from hue_s.modules.dashboard.app.view import WATCH

    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, client(lambda request: MAP), config=AppConfig(kiosk=False))
        screen = DashboardScreen(ctx, {}, None, today=lambda: TODAY)
        watch = asyncio.create_task(screen.keep_fresh(every=0.01, alive=lambda: True))
        ctx.module_state[WATCH] = watch
        await manifest.teardown(ctx)
        async with asyncio.timeout(10):
            while not watch.done():
                await asyncio.sleep(0.01)
    assert watch.cancelled() and WATCH not in ctx.module_state


async def test_a_wards_map_opens_on_that_ward(tmp_path: Path) -> None:
    far = [(16.2, 107.2), (16.2, 107.3), (16.3, 107.3), (16.2, 107.2)]
    ward = MAP.model_copy(update={"ward_code": "19999", "wards": [
        MapWard(ward_code="19999", ward_name="A Lưới 1", value=0, rings=[far])]})  # fmt: skip
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, client(lambda request: ward), config=AppConfig(kiosk=False))
        panel = LiveMapPanel(ctx, lambda: "19999")
        assert await panel.refresh()
    the_map = next(node for node in walk(panel.control) if isinstance(node, fm.Map))
    assert the_map.initial_camera_fit is not None
    assert {(p.latitude, p.longitude) for p in the_map.initial_camera_fit.coordinates} == set(far)
