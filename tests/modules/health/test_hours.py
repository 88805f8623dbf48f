"""Opening hours: the common OSM forms, past midnight, and no claim when unsure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hue_s.hue_time import HUE_TIME
from hue_s.modules.health.hours import UnreadableHours, open_now, parse


def hue(day: int, hour: int, minute: int = 0) -> datetime:
    """Return a moment in Huế in the week of Monday 2026-11-30 (`day` 0 = Monday)."""
    return datetime(2026, 11, 30, hour, minute, tzinfo=HUE_TIME) + timedelta(days=day)


WEEKDAYS_AND_SATURDAY = "Mo-Fr 07:00-17:00; Sa 07:00-11:00"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (hue(0, 7, 0), True),  # opening minute
        (hue(0, 16, 59), True),
        (hue(0, 17, 0), False),  # closing minute: closed
        (hue(0, 6, 59), False),
        (hue(5, 10, 59), True),  # Saturday morning
        (hue(5, 11, 0), False),
        (hue(6, 9, 0), False),  # Sunday: no rule
    ],
)
def test_weekdays_and_saturday(moment: datetime, expected: bool) -> None:
    assert open_now(WEEKDAYS_AND_SATURDAY, moment) is expected


def test_the_clock_is_read_in_hue_time() -> None:
    # 01:30 UTC on Monday is 08:30 in Huế (UTC+7): open; 10:30 UTC is 17:30: closed.
    assert open_now(WEEKDAYS_AND_SATURDAY, datetime(2026, 11, 30, 1, 30, tzinfo=UTC)) is True
    assert open_now(WEEKDAYS_AND_SATURDAY, datetime(2026, 11, 30, 10, 30, tzinfo=UTC)) is False


def test_always_open() -> None:
    assert open_now("24/7", hue(6, 3, 0)) is True


def test_every_day_without_a_day_selector() -> None:
    assert open_now("06:30-22:00", hue(2, 6, 30)) is True
    assert open_now("06:30-22:00", hue(2, 22, 0)) is False


def test_split_ranges_and_lists_of_days() -> None:
    text = "Mo,We,Fr 07:30-11:30,13:30-17:00"
    assert open_now(text, hue(2, 12, 0)) is False  # lunch
    assert open_now(text, hue(2, 14, 0)) is True
    assert open_now(text, hue(1, 14, 0)) is False  # Tuesday


def test_past_midnight_runs_into_the_next_morning() -> None:
    assert open_now("Fr 18:00-02:00", hue(4, 23, 0)) is True
    assert open_now("Fr 18:00-02:00", hue(5, 1, 59)) is True  # Saturday night, Friday's hours
    assert open_now("Fr 18:00-02:00", hue(5, 2, 0)) is False
    assert open_now("Fr 18:00-26:00", hue(5, 1, 0)) is True
    assert open_now("Su 22:00-06:00", hue(0, 5, 0)) is True  # across the week's end


def test_a_later_rule_replaces_earlier_ones_on_its_days() -> None:
    text = "Mo-Su 08:00-20:00; Su off"
    assert open_now(text, hue(6, 10, 0)) is False
    assert open_now(text, hue(5, 10, 0)) is True
    assert open_now("Mo-Sa 18:00-02:00; Su off", hue(6, 1, 0)) is False  # off ends Saturday's


def test_wrapping_day_range() -> None:
    assert open_now("Sa-Mo 09:00-12:00", hue(6, 10, 0)) is True
    assert open_now("Sa-Mo 09:00-12:00", hue(2, 10, 0)) is False


def test_public_holidays_unknown_are_never_claimed() -> None:
    # On a Wednesday at 10:00 the answer depends on whether it is a holiday: none given.
    assert open_now("Mo-Fr 08:00-17:00; PH off", hue(2, 10, 0)) is None
    # ...but when a holiday would not change it, it is given.
    assert open_now("Mo-Fr 08:00-17:00; PH off", hue(2, 20, 0)) is False
    assert open_now("Mo-Sa 08:00-17:00; Su,PH off", hue(6, 10, 0)) is False


@pytest.mark.parametrize(
    "text",
    [
        "sunrise-sunset",
        "Jan-Mar Mo-Fr 08:00-12:00",
        'Mo-Fr 08:00-17:00 "by appointment"',
        "Mo-Fr 08:00-17:00 || Sa 09:00-12:00",
        "Mo-Fr 8am-5pm",
        "Mo-Fr",
        "25:00-26:00",
    ],
)
def test_unknown_forms_show_no_answer(text: str) -> None:
    assert open_now(text, hue(2, 10, 0)) is None


def test_missing_hours_show_no_answer() -> None:
    assert open_now(None, hue(2, 10, 0)) is None
    assert open_now("", hue(2, 10, 0)) is None


def test_parse_refuses_what_it_does_not_read() -> None:
    with pytest.raises(UnreadableHours):
        parse("Mo-Fr 08:00-17:00; week 1-53")
