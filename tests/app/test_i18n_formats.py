"""One way of writing dates per language, on Huế's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hue_s.app.i18n import I18n

MORNING_UTC = datetime(2026, 12, 4, 1, 30, tzinfo=UTC)
"""08:30 in Huế on Friday 4 December 2026."""


def test_english_puts_the_day_before_the_month_everywhere() -> None:
    english = I18n("en")
    # "as of ..." lines (a date and a time) and the forecast's days ("Fri 4/12") agree.
    assert english.datetime(MORNING_UTC, "short") == "04/12/2026, 08:30"
    assert english.date(date(2026, 12, 4), "EEE d/M") == "Fri 4/12"
    assert english.date(date(2026, 12, 4), "short") == "04/12/2026"


def test_vietnamese_puts_the_day_before_the_month() -> None:
    assert I18n("vi").datetime(MORNING_UTC, "short") == "08:30 4/12/26"


def test_times_are_shown_on_hues_clock_not_utc() -> None:
    # A server's timestamps are UTC (naive ones included): "My account" showed 01:30.
    assert I18n("en").datetime(MORNING_UTC.replace(tzinfo=None), "short") == "04/12/2026, 08:30"
    assert (
        I18n("vi")
        .datetime(datetime(2026, 12, 3, 20, 0, tzinfo=UTC), "short")
        .startswith("03:00 4/12/26")
    )
