"""The dashboard screen: what it asks the backend for, and the panels it draws from the answer."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import flet as ft
import httpx

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.state.store import Store
from hue_s.modules.dashboard.app.panels import CHART_HEIGHT, trend_bars
from hue_s.modules.dashboard.app.view import DashboardScreen
from hue_s.modules.dashboard.wire import (
    CaseFigures,
    CasesPanel,
    Dashboard,
    Punctuality,
    PunctualityPanel,
    TrendPoint,
    WardFigures,
)
from tests.app.session_doubles import session_context

TODAY = date(2026, 3, 10)
FIGURES = CaseFigures(received=10, processed=5, processed_pct=50.0, on_time=3, late=2,
                      on_time_pct=60.0, overdue=3, open_not_due=2, rated=4, satisfied=2,
                      satisfaction_pct=50.0, calls_received=3, calls_to_cases=1)  # fmt: skip
DASHBOARD = Dashboard(
    first_day=date(2026, 2, 9),
    last_day=TODAY,
    previous_first_day=date(2026, 1, 10),
    as_of=datetime(2026, 3, 10, 5, tzinfo=UTC),
    bucket="day",
    cases=CasesPanel(
        figures=FIGURES,
        previous=CaseFigures(received=8),
        trend=[
            TrendPoint(start=date(2026, 3, 1), received=4, processed=1),
            TrendPoint(start=date(2026, 3, 2), received=8, processed=4),
        ],  # fmt: skip
        wards=[WardFigures(ward_code="19753", ward_name="Phú Xuân", figures=FIGURES, rank=1)],
    ),
)


def texts(control: Any) -> list[str]:
    """Return every Text value under a control, depth first."""
    found: list[str] = []
    if isinstance(control, ft.Text) and control.value:
        found.append(str(control.value))
    for name in ("content", "controls", "rows", "cells", "columns", "label"):
        child = getattr(control, name, None)
        for item in child if isinstance(child, list) else [child]:
            if isinstance(item, ft.BaseControl | ft.DataRow | ft.DataCell | ft.DataColumn):
                found += texts(item)
    return found


async def test_the_city_screen_asks_for_the_last_30_days_and_draws_the_figures(
    tmp_path: Path,
) -> None:
    asked: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return httpx.Response(200, json=json.loads(DASHBOARD.model_dump_json()))

    api = HueClient("http://x.test", transport=httpx.MockTransport(answer))
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, api, config=AppConfig(kiosk=False))
        screen = DashboardScreen(ctx, {"19753": "Phú Xuân"}, None, today=lambda: TODAY)
        await screen.load()
    assert asked[0].url.path == "/api/v1/dashboard/city"
    assert dict(asked[0].url.params) == {"from": "2026-02-09", "to": "2026-03-10",
                                         "step": "day", "lang": "vi"}  # fmt: skip
    shown = texts(screen.body)
    for expected in ("Đã tiếp nhận", "10", "+25% so với kỳ trước", "50%", "5 trên 10",
                     "Đúng hạn", "60%", "2 trễ hạn", "Đang quá hạn", "3", "Hài lòng",
                     "4 lượt đánh giá", "1 thành vụ việc", "Phú Xuân", "Hạng"):  # fmt: skip
        assert expected in shown, (expected, shown)


async def test_an_officer_screen_asks_for_their_ward_only(tmp_path: Path) -> None:
    asked: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        ward = DASHBOARD.model_copy(update={"ward_code": "19753", "ward_name": "Phú Xuân"})
        return httpx.Response(200, json=json.loads(ward.model_dump_json()))

    api = HueClient("http://x.test", transport=httpx.MockTransport(answer))
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, api, config=AppConfig(kiosk=False))
        screen = DashboardScreen(ctx, {"19753": "Phú Xuân"}, "19753", today=lambda: TODAY)
        await screen.load()
    assert asked[0].url.path == "/api/v1/dashboard/wards/19753"
    assert screen.ward.disabled
    assert "Hạng" not in texts(screen.body)  # no ranking table for one ward


def test_trend_bars_are_cumulative_heights_with_processed_inside(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
        assert DASHBOARD.cases is not None
        chart = trend_bars(ctx, DASHBOARD.cases.trend, lambda point: str(point.start.day))
    row = next(c for c in chart.controls if isinstance(c, ft.Row))
    received = [bar.content.content for bar in row.controls]
    assert [r.height for r in received] == [CHART_HEIGHT / 2, CHART_HEIGHT]
    assert [r.content.height for r in received] == [CHART_HEIGHT / 8, CHART_HEIGHT / 2]
    assert row.controls[1].tooltip == "2: 8 tiếp nhận, 4 đã xử lý"


async def test_the_choices_outlive_a_rebuild_of_the_screen(tmp_path: Path) -> None:
    """A resize (desktop to phone layout) rebuilds the screen: the ward chosen stays."""
    asked: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return httpx.Response(200, json=json.loads(DASHBOARD.model_dump_json()))

    api = HueClient("http://x.test", transport=httpx.MockTransport(answer))
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, api, config=AppConfig(kiosk=False))
        first = DashboardScreen(ctx, {"19753": "Phú Xuân"}, None, today=lambda: TODAY)
        first.period.value, first.ward.value = "7", "19753"
        first.remember()
        again = DashboardScreen(ctx, {"19753": "Phú Xuân"}, None, today=lambda: TODAY)
        await again.load()
    assert (again.period.value, again.ward.value) == ("7", "19753")
    assert asked[-1].url.path == "/api/v1/dashboard/wards/19753"
    assert asked[-1].url.params["from"] == "2026-03-04"


async def test_keeping_fresh_stops_once_the_screen_is_not_shown(tmp_path: Path) -> None:
    """The minute refresh of a screen that left the page ends, asking nothing more."""
    asked: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return httpx.Response(200, json=json.loads(DASHBOARD.model_dump_json()))

    api = HueClient("http://x.test", transport=httpx.MockTransport(answer))
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, api, config=AppConfig(kiosk=False))
        screen = DashboardScreen(ctx, {"19753": "Phú Xuân"}, None, today=lambda: TODAY)
        await asyncio.wait_for(screen.keep_fresh(every=0), timeout=5)
    assert asked == []


async def test_export_saves_the_chosen_figures_as_csv(tmp_path: Path) -> None:
    asked: list[httpx.Request] = []
    saved: list[tuple[str, bytes]] = []
    body = "\ufeffMã phường/xã,Phường/xã\r\n19753,Phú Xuân\r\n".encode()

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return httpx.Response(200, content=body, headers={"content-type": "text/csv"})

    async def save(name: str, data: bytes) -> None:
        saved.append((name, data))

    api = HueClient("http://x.test", transport=httpx.MockTransport(answer))
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, api, config=AppConfig(kiosk=False))
        screen = DashboardScreen(ctx, {"19753": "Phú Xuân"}, "19753", today=lambda: TODAY,
                                 save=save)  # fmt: skip
        await screen.export()
    assert asked[0].url.path == "/api/v1/dashboard/wards/19753/export.csv"
    assert asked[0].headers["accept"] == "text/csv"
    assert dict(asked[0].url.params) == {"from": "2026-02-09", "to": "2026-03-10", "lang": "vi"}
    assert saved == [("hue-s-dashboard-19753-2026-02-09-2026-03-10.csv", body)]
    assert not screen.export_error.visible


async def test_a_refused_export_says_why_and_saves_nothing(tmp_path: Path) -> None:
    saved: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        error = {"error": {"code": "not_your_ward", "message": "Your own ward only."}}
        return httpx.Response(403, json=error)

    async def save(name: str, data: bytes) -> None:
        saved.append(name)

    api = HueClient("http://x.test", transport=httpx.MockTransport(answer))
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, api, config=AppConfig(kiosk=False))
        screen = DashboardScreen(ctx, {}, None, today=lambda: TODAY, save=save)
        await screen.export()
    assert saved == [] and screen.export_error.visible and screen.export_error.value


async def test_the_dossiers_on_time_figures_are_shown_most_overdue_first(tmp_path: Path) -> None:
    services = PunctualityPanel(
        total=Punctuality(
            received=9,
            early=2,
            on_time=3,
            late=1,
            pending_not_due=2,
            pending_overdue=1,
            returned=1,
            on_time_pct=83.3,
        ),  # fmt: skip
        rows=[
            Punctuality(
                ward_code="19753",
                field="ho_tich",
                field_name="Hộ tịch",
                received=5,
                on_time=3,
                late=1,
                on_time_pct=75.0,
            ),  # fmt: skip
            Punctuality(
                ward_code="19750",
                field="cu_tru",
                field_name="Cư trú",
                received=4,
                early=2,
                pending_overdue=1,
                on_time_pct=100.0,
            ),  # fmt: skip
        ],
    )
    answer_with = DASHBOARD.model_copy(update={"services": services})

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=json.loads(answer_with.model_dump_json()))

    api = HueClient("http://x.test", transport=httpx.MockTransport(answer))
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, api, config=AppConfig(kiosk=False))
        wards = {"19753": "Phú Xuân", "19750": "Thuận Hóa"}
        screen = DashboardScreen(ctx, wards, None, today=lambda: TODAY)
        await screen.load()
    shown = texts(screen.body)
    assert "Dịch vụ công (QĐ 766)" in shown
    summary = next(text for text in shown if text.startswith("9 hồ sơ"))
    assert "quá hạn 1" in summary and "83,3%" in summary, summary
    wards_in_order = [text for text in shown if text in wards.values()]
    assert wards_in_order[-2:] == ["Thuận Hóa", "Phú Xuân"]  # the overdue one first
