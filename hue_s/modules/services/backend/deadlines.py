"""When a dossier's result is due: whole working days after the day it is filed.

Rules (Decree 61/2018/NĐ-CP on the one-stop shop, as amended by Decree 107/2021/NĐ-CP): the
time limit is counted in working days; Saturdays, Sundays and public holidays do not count.
The day of filing is not counted. A supplement request stops the clock (no due date while the
citizen has the dossier); the full time starts again from the day the supplement arrives.
The working-day rule (weekends, public holidays) lives in the kernel
(hue_s/backend/kernel/working_days.py), shared with the appointments module.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from hue_s.backend.kernel.working_days import FIXED_HOLIDAYS, hue_date, is_working_day

__all__ = ["FIXED_HOLIDAYS", "due_on", "hue_date", "is_working_day"]


def due_on(filed: date, days: int, extra_holidays: Collection[date] = ()) -> date:
    """Return the day the result is due: the `days`-th working day after `filed`."""
    day = filed
    left = max(days, 1)
    while left:
        day += timedelta(days=1)
        if is_working_day(day, extra_holidays):
            left -= 1
    return day
