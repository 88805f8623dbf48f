"""Office working days in Huế: Monday to Friday, not a public holiday (kernel, shared by modules).

Moved here from the public-services module (its due dates) so the appointments module keeps
the same rule. Public holidays here are the fixed solar ones of the Labour Code 2019
(article 112): 1 January, 30 April, 1 May, 2 September; one that falls on a Saturday or
Sunday gives the next working day off instead (article 112(3), "nghỉ bù": 1 May 2027, a
Saturday, closes Monday 3 May). The lunar ones (Tết, Hùng Kings) and the extra day beside
2 September move each year and are given by the caller as `extra_holidays`, their own
compensatory days included (as the government announces them each year).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from functools import cache

from hue_s.hue_time import HUE_TIME

FIXED_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))
"""(month, day) of the solar public holidays."""


@cache
def fixed_holidays(year: int) -> frozenset[date]:
    """Return the solar holidays of a year, with the weekday off for each on a weekend."""
    days = [date(year, month, day) for month, day in FIXED_HOLIDAYS]
    closed = set(days)
    for holiday in days:
        if holiday.weekday() < 5:
            continue
        instead = holiday + timedelta(days=1)
        while instead.weekday() >= 5 or instead in closed:
            instead += timedelta(days=1)
        closed.add(instead)
    return frozenset(closed)


def is_working_day(day: date, extra_holidays: Collection[date] = ()) -> bool:
    """Return whether offices work on a day (Monday to Friday, not a public holiday)."""
    if day.weekday() >= 5 or day in fixed_holidays(day.year):
        return False
    return day not in extra_holidays


def hue_date(moment: datetime) -> date:
    """Return the calendar day in Huế of a moment."""
    return moment.astimezone(HUE_TIME).date()
