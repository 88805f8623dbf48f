"""Deadline arithmetic against cases written from the rules (see deadlines.py's sources)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hue_s.modules.services.backend.deadlines import due_on

TET_2027 = {date(2027, 2, 5) + timedelta(days=n) for n in range(7)}


@pytest.mark.parametrize(
    ("filed", "days", "holidays", "due"),
    [
        (date(2026, 12, 1), 3, (), date(2026, 12, 4)),  # Tuesday + 3 -> Friday
        (date(2026, 12, 4), 1, (), date(2026, 12, 7)),  # Friday + 1 -> Monday
        (date(2026, 12, 5), 1, (), date(2026, 12, 7)),  # filed on Saturday -> Monday
        (date(2026, 12, 3), 7, (), date(2026, 12, 14)),  # over a weekend
        (date(2026, 4, 29), 1, (), date(2026, 5, 4)),  # 30/4 and 1/5, then the weekend
        (date(2026, 9, 1), 1, (), date(2026, 9, 3)),  # 2/9 is a holiday
        (date(2026, 12, 31), 1, (), date(2027, 1, 4)),  # New Year, then the weekend
        (date(2027, 2, 4), 1, TET_2027, date(2027, 2, 12)),  # a given Tết week
        (date(2027, 4, 29), 1, (), date(2027, 5, 4)),  # 30/4 Friday; 1/5 Saturday: Monday off
        (date(2026, 12, 1), 0, (), date(2026, 12, 2)),  # "the same day" still gives one day
    ],
)
def test_due_day(filed: date, days: int, holidays: set[date], due: date) -> None:
    assert due_on(filed, days, holidays) == due
