"""When a dossier's result is due: whole working days after the day it is filed.

Rules (Decree 61/2018/NĐ-CP on the one-stop shop, as amended by Decree 107/2021/NĐ-CP): the
time limit is counted in working days; Saturdays, Sundays and public holidays do not count.
The day of filing is not counted. A supplement request stops the clock (no due date while the
citizen has the dossier); the full time starts again from the day the supplement arrives.
Public holidays here are the fixed solar ones of the Labour Code 2019 (article 112): 1 January,
30 April, 1 May, 2 September. The lunar ones (Tết, Hùng Kings) and the extra day beside
2 September move each year and are given by the caller as `extra_holidays`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta, timezone

HUE_TIME = timezone(timedelta(hours=7), "ICT")
FIXED_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))
"""(month, day) of the solar public holidays."""


def is_working_day(day: date, extra_holidays: Collection[date] = ()) -> bool:
    """Return whether offices work on a day (Monday to Friday, not a public holiday)."""
    if day.weekday() >= 5 or (day.month, day.day) in FIXED_HOLIDAYS:
        return False
    return day not in extra_holidays


def due_on(filed: date, days: int, extra_holidays: Collection[date] = ()) -> date:
    """Return the day the result is due: the `days`-th working day after `filed`."""
    day = filed
    left = max(days, 1)
    while left:
        day += timedelta(days=1)
        if is_working_day(day, extra_holidays):
            left -= 1
    return day


def hue_date(moment: datetime) -> date:
    """Return the calendar day in Huế of a moment."""
    return moment.astimezone(HUE_TIME).date()
