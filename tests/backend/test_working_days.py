"""Working days: a solar holiday on a weekend closes the next working day instead (nghỉ bù)."""

from __future__ import annotations

from datetime import date

import pytest

from hue_s.backend.kernel.working_days import is_working_day


@pytest.mark.parametrize(
    ("day", "works"),
    [
        (date(2027, 5, 3), False),  # 1 May 2027 is a Saturday: Monday 3 May is off
        (date(2027, 5, 4), True),
        (date(2028, 1, 3), False),  # 1 January 2028, a Saturday
        (date(2028, 5, 1), False),  # 30 April 2028 is a Sunday and 1 May a holiday of its own:
        (date(2028, 5, 2), False),  # the day off for 30 April moves on to Tuesday
        (date(2028, 5, 3), True),
        (date(2028, 9, 4), False),  # 2 September 2028, a Saturday
        (date(2026, 5, 4), True),  # 2026's fall on weekdays: nothing moves
        (date(2026, 9, 3), True),
    ],
)
def test_a_holiday_on_a_weekend_gives_the_next_working_day_off(day: date, works: bool) -> None:
    assert is_working_day(day) is works
