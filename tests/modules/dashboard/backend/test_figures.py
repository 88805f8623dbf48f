"""Every figure of the dashboard against hand-computed values (cases.py), on SQLite and
PostgreSQL: reopenings, a transfer, a rating after reopening, the city tier, period edges."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session

from hue_s.modules.dashboard.backend.service import Period, build_dashboard, collect_panels
from hue_s.modules.dashboard.wire import Bucket, CaseFigures, Dashboard

from .cases import NOW, WARD_A, WARD_B, store_cases

MARCH = Period(date(2026, 3, 1), date(2026, 3, 10))


def dashboard_of(
    app: FastAPI, db: Callable[[], Session], ward: str | None, bucket: Bucket = Bucket.DAY
) -> Dashboard:
    """Store the cases and build a dashboard of the first ten days of March."""
    with db() as session:
        store_cases(session)
        return build_dashboard(
            session,
            collect_panels(app.state.plugins),
            ward_code=ward,
            period=MARCH,
            now=NOW,
            bucket=bucket,
            language="en",
        )


def test_city_figures(app: FastAPI, db: Callable[[], Session]) -> None:
    cases = dashboard_of(app, db, None).cases
    assert cases is not None
    # c1-c9 and c12; c10 is before the period, c11 after it.
    assert cases.figures == CaseFigures(
        received=10,
        processed=5,  # c1, c2, c6, c12 resolved; c3 rejected
        processed_pct=50.0,
        on_time=3,  # c1, c3, c6 (against its restarted SLA)
        late=2,  # c2, c12 (late against its restarted SLA)
        on_time_pct=60.0,
        open_not_due=2,  # c4, c8
        overdue=3,  # c5, c7, c9
        reopened=2,  # c6, c12
        rated=4,  # c1 5, c2 2, c6 4 (before its reopening), c12 1 (after it)
        satisfied=2,
        satisfaction_pct=50.0,
        avg_first_response_hours=6.6,  # (2 + 6 + 12 + 1 + 3 + 10 + 12) / 7; c4, c5, c9 none
        avg_resolution_hours=48.5,  # (24 + 48 + 50 + 72) / 4; rejected c3 left out
        calls_received=3,  # incoming in the period; the outgoing call and February's left out
        calls_to_cases=1,
    )
    assert cases.previous.received == 1  # c10
    assert cases.previous.processed == 1
    assert cases.previous.calls_received == 1


def test_a_transferred_case_counts_in_the_ward_holding_it(
    app: FastAPI, db: Callable[[], Session]
) -> None:
    cases = dashboard_of(app, db, None).cases
    assert cases is not None
    by_ward = {row.ward_code: row.figures for row in cases.wards}
    assert len(by_ward) == 40  # every ward listed, those without cases with zeros
    a, b = by_ward[WARD_A], by_ward[WARD_B]
    assert (a.received, a.processed, a.processed_pct, a.overdue, a.open_not_due) == (
        8, 5, 62.5, 2, 1,
    )  # fmt: skip
    assert (a.avg_first_response_hours, a.calls_received, a.calls_to_cases) == (6.0, 2, 1)
    assert (b.received, b.processed, b.processed_pct, b.on_time_pct, b.open_not_due) == (
        1,
        0,
        0.0,
        None,
        1,
    )  # fmt: skip  (c7, received in B, is A's now)
    assert (b.avg_first_response_hours, b.calls_received) == (10.0, 1)
    assert sum(f.received for f in by_ward.values()) == 9  # c9 is the city tier's
    assert all(row.rank is None for row in cases.wards)  # nobody has 20 cases


def test_ward_scope_is_the_ward_row(app: FastAPI, db: Callable[[], Session]) -> None:
    dashboard = dashboard_of(app, db, WARD_A)
    assert dashboard.ward_name == "Phú Xuân"
    assert dashboard.cases is not None
    assert dashboard.cases.figures.received == 8
    assert dashboard.cases.figures.satisfaction_pct == 50.0
    assert dashboard.cases.wards == []
    assert dashboard.cases.previous.received == 1  # c10


def test_trend_by_day_is_cumulative_in_hue_days(app: FastAPI, db: Callable[[], Session]) -> None:
    cases = dashboard_of(app, db, None).cases
    assert cases is not None
    assert [point.start.day for point in cases.trend] == list(range(1, 11))
    assert [point.received for point in cases.trend] == [1, 3, 5, 6, 7, 8, 9, 10, 10, 10]
    assert [point.processed for point in cases.trend] == [0, 1, 2, 3, 4, 5, 5, 5, 5, 5]


def test_trend_by_week_starts_on_mondays(app: FastAPI, db: Callable[[], Session]) -> None:
    cases = dashboard_of(app, db, None, Bucket.WEEK).cases
    assert cases is not None  # 1 March 2026 is a Sunday
    assert [point.start for point in cases.trend] == [
        date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 9),
    ]  # fmt: skip
    assert [(point.received, point.processed) for point in cases.trend] == [
        (1, 0), (10, 5), (10, 5),
    ]  # fmt: skip


def test_categories_and_channels(app: FastAPI, db: Callable[[], Session]) -> None:
    cases = dashboard_of(app, db, None).cases
    assert cases is not None
    assert [(s.key, s.received, s.processed, s.overdue) for s in cases.categories] == [
        ("road_pothole", 8, 4, 2), ("fallen_tree", 2, 1, 1),
    ]  # fmt: skip
    assert cases.categories[1].label == "Fallen or dangerous tree"
    assert [(s.key, s.received, s.processed, s.overdue) for s in cases.channels] == [
        ("open311", 8, 5, 2), ("hotline", 1, 0, 1), ("assisted", 1, 0, 0),
    ]  # fmt: skip


@pytest.mark.parametrize("ward", [None, WARD_A])
def test_an_empty_period_has_zeros_not_errors(
    app: FastAPI, db: Callable[[], Session], ward: str | None
) -> None:
    with db() as session:
        dashboard = build_dashboard(
            session,
            collect_panels(app.state.plugins),
            ward_code=ward,
            period=MARCH,
            now=NOW,
            bucket=Bucket.MONTH,
            language="vi",
        )
    assert dashboard.cases is not None
    assert dashboard.cases.figures == CaseFigures()
    assert [(p.start, p.received) for p in dashboard.cases.trend] == [(date(2026, 3, 1), 0)]
