"""On-time accounting (QĐ 766/QĐ-TTg): each figure at the edge of its bucket, by a movable
clock. A birth registration filed on Friday 4 December 2026 is due Monday 7 December."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import httpx
from fastapi import FastAPI

from hue_s.modules.services.backend.hooks import hue_s_dashboard_panels
from hue_s.testing.backend import MovableClock

from ..conftest import BOTH_DATABASES, OTHER_WARD, WARD, file_birth

DOSSIERS = "/api/v1/services/dossiers"
HUE = timedelta(hours=7)


def hue(day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Return a moment of December 2026 in Huế, as UTC."""
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC) - HUE


def figures(app: FastAPI, start: datetime, end: datetime, now: datetime, ward: str | None) -> Any:
    """Return the dashboard panel's figures (as a dict) through the module's hook."""
    (panel,) = hue_s_dashboard_panels()
    assert panel.id == "services_punctuality"
    query = SimpleNamespace(ward_code=ward, start=start, end=end, now=now, language="vi")
    with app.state.session_factory() as session:
        return panel.read(session, query).model_dump()


@BOTH_DATABASES
async def test_each_dossier_counts_in_its_bucket_up_to_its_edge(
    app: FastAPI,
    client: httpx.AsyncClient,
    people: dict[str, dict[str, str]],
    clock: MovableClock,
) -> None:
    officer = people["officer_x"]

    async def step(code: str, action: str, note: str | None = None) -> None:
        answer = await client.post(
            f"{DOSSIERS}/{code}/{action}", headers=officer, json={"note": note}
        )
        assert answer.status_code == 200, answer.text

    codes = [(await file_birth(client, people["citizen_a"])).json()["code"] for _ in range(6)]
    early, on_time, late, pending, asked, refused = codes
    for code in (early, on_time, late, pending):
        await step(code, "receive")
    await step(early, "approve")  # Friday, before its Monday due day
    await step(asked, "request-supplement", "Thiếu giấy chứng sinh")
    await step(refused, "reject", "Không thuộc thẩm quyền")
    clock.now = hue(7, 23, 59)  # Monday, its due day, last minute
    await step(on_time, "approve")
    clock.now = hue(8, 0, 0)  # Tuesday, first minute: a day late
    await step(late, "approve")
    week = (hue(1), hue(8))  # Tuesday 1 to Monday 7 December, Huế days
    monday = figures(app, *week, hue(8, 0, 0), WARD)  # as of the period's end
    assert monday["total"] | {"on_time_pct": None} == {
        "ward_code": None, "field": None, "field_name": None, "received": 6, "early": 1,
        "on_time": 1, "late": 0, "pending_not_due": 2, "pending_overdue": 0, "returned": 2,
        "on_time_pct": None,
    }  # fmt: skip
    assert monday["total"]["on_time_pct"] == 100.0
    tuesday = figures(app, hue(1), hue(9), hue(8, 0, 1), WARD)["total"]  # its first second
    assert (tuesday["late"], tuesday["pending_not_due"], tuesday["pending_overdue"]) == (1, 0, 1)
    wednesday = figures(app, hue(1), hue(10), hue(10), WARD)["total"]
    assert (wednesday["early"], wednesday["on_time"], wednesday["late"]) == (1, 1, 1)
    assert wednesday["pending_overdue"] == 1 and wednesday["on_time_pct"] == 66.7
    (row,) = figures(app, hue(1), hue(10), hue(10), None)["rows"]
    assert (row["ward_code"], row["field"], row["field_name"]) == (WARD, "ho-tich", "Hộ tịch")
    assert figures(app, hue(1), hue(10), hue(10), OTHER_WARD)["rows"] == []
    later = figures(app, hue(5), hue(10), hue(10), WARD)["total"]  # filed before: not received
    assert later["received"] == 0 and (later["on_time"], later["late"]) == (1, 1)


async def test_a_supplement_stops_the_clock_and_restarts_it(
    app: FastAPI,
    client: httpx.AsyncClient,
    people: dict[str, dict[str, str]],
    clock: MovableClock,
) -> None:
    code = (await file_birth(client, people["citizen_a"])).json()["code"]
    asked = await client.post(
        f"{DOSSIERS}/{code}/request-supplement", headers=people["officer_x"], json={"note": "x"}
    )
    assert asked.status_code == 200
    clock.now = hue(9, 9)  # Wednesday: past the first due day, but the clock was stopped
    sent = await client.post(
        f"{DOSSIERS}/{code}/supplement", headers=people["citizen_a"],
        files=[("document:giay-chung-sinh", ("b.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"))],
    )  # fmt: skip
    assert sent.status_code == 200, sent.text
    waiting = figures(app, hue(1), hue(11), hue(9, 8), WARD)["total"]
    assert (waiting["returned"], waiting["pending_overdue"]) == (1, 0)
    due_day = figures(app, hue(1), hue(11), hue(10, 23), WARD)["total"]  # due Thursday 10
    assert (due_day["returned"], due_day["pending_not_due"]) == (0, 1)
    after = figures(app, hue(1), hue(12), hue(11, 0, 1), WARD)["total"]  # Friday, first second
    assert after["pending_overdue"] == 1
