"""An office's slots: its opening spans cut into slots, on working days only (pure functions)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, time, timedelta

from hue_s.backend.kernel.working_days import is_working_day
from hue_s.hue_time import HUE_TIME

BOOK_AHEAD_DAYS = 14
"""How far ahead a slot may be booked, in calendar days from today (Huế)."""


def slot_starts(hours: Sequence[Sequence[str]], slot_minutes: int, day: date) -> list[datetime]:
    """Return the start of every whole slot of a day's opening spans, in Huế time."""
    step = timedelta(minutes=slot_minutes)
    starts: list[datetime] = []
    for opens, closes in hours:
        moment = datetime.combine(day, time.fromisoformat(opens), HUE_TIME)
        end = datetime.combine(day, time.fromisoformat(closes), HUE_TIME)
        while moment + step <= end:
            starts.append(moment)
            moment += step
    return starts


def office_open(day: date, closed_days: Collection[date]) -> bool:
    """Return whether the office takes people on a day (a working day, not a closed one)."""
    return is_working_day(day, closed_days)


def bookable_days(today: date) -> list[date]:
    """Return the days a person may book from `today`: today and the next ones."""
    return [today + timedelta(days=offset) for offset in range(BOOK_AHEAD_DAYS + 1)]
