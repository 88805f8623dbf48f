"""Ward ranking (a minimum count before a ward is ranked) and periods."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hue_s.modules.dashboard.backend.service import Period, rank_wards
from hue_s.modules.dashboard.wire import MIN_RANKED_RECEIVED, CaseFigures, WardFigures, change_pct


def ward(code: str, received: int, overdue: int, on_time_pct: float | None) -> WardFigures:
    """Return a ward row with the figures ranking looks at."""
    figures = CaseFigures(received=received, overdue=overdue, on_time_pct=on_time_pct)
    return WardFigures(ward_code=code, ward_name=code, figures=figures)


def test_small_wards_are_listed_but_not_ranked() -> None:
    rows = rank_wards(
        [
            ward("small-but-awful", MIN_RANKED_RECEIVED - 1, 15, 0.0),
            ward("fine", MIN_RANKED_RECEIVED, 0, 99.0),
            ward("bottleneck", 200, 30, 70.0),
            ward("tie-worse-on-time", 50, 5, 60.0),
            ward("tie-better-on-time", 50, 5, 80.0),
        ]
    )
    assert [(row.ward_code, row.rank) for row in rows] == [
        ("bottleneck", 1),
        ("tie-worse-on-time", 2),
        ("tie-better-on-time", 3),
        ("fine", 4),
        ("small-but-awful", None),
    ]


def test_previous_period_has_the_same_length_just_before() -> None:
    period = Period(date(2026, 3, 1), date(2026, 3, 10))
    assert period.previous() == Period(date(2026, 2, 19), date(2026, 2, 28))
    start, end = period.bounds()
    assert start == datetime(2026, 2, 28, 17, tzinfo=UTC)
    assert end == datetime(2026, 3, 10, 17, tzinfo=UTC)


def test_change_against_the_previous_period() -> None:
    assert change_pct(150, 100) == 50.0
    assert change_pct(90.0, 100.0) == -10.0
    assert change_pct(5, 0) is None
    assert change_pct(None, 3) is None
