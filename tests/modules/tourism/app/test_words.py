"""Distances and event times in each visitor's language (CLDR formats through babel), and
the fonts a session's language makes the page load."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest

from hue_s.app.i18n import I18n
from hue_s.app.theme import PICKER_FONTS, apply_locale, build_theme, load_picker_fonts
from hue_s.modules.tourism.app.view_events import when_text
from hue_s.modules.tourism.app.words import distance_text
from hue_s.modules.tourism.wire import Event

OPENING = Event(
    id=1,
    name="Khai mạc Festival Huế",
    start=datetime(2026, 12, 10, 12, 30, tzinfo=UTC),  # 19:30 in Huế
    end=datetime(2026, 12, 10, 15, 0, tzinfo=UTC),
)


def session(language: str) -> Any:
    """Return what the module's words need of a session: its I18n."""
    return SimpleNamespace(i18n=I18n(language))


@pytest.mark.parametrize(
    ("language", "near", "far"),
    [
        ("vi", "850 m", "1,2 km"),
        ("en", "850 m", "1.2 km"),
        ("fr", "850 m", "1,2 km"),
        ("zh", "850 米", "1.2 公里"),
        ("ko", "850m", "1.2km"),
        ("ja", "850 m", "1.2 km"),
    ],
)
def test_distances_speak_the_language(language: str, near: str, far: str) -> None:
    assert distance_text(session(language), 850.4) == near
    assert distance_text(session(language), 1234.0) == far


HUE_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MARKET_DAYS = Event(
    id=2,
    name="Chợ đêm",
    start=datetime(2026, 12, 12, tzinfo=HUE_ZONE),  # all day, two days (as DTSTART;VALUE=DATE)
    end=datetime(2026, 12, 14, tzinfo=HUE_ZONE),
)


@pytest.mark.parametrize(
    ("language", "evening", "two_days"),
    [
        ("vi", "19:30 10 thg 12, 2026 – 22:00", "12 thg 12, 2026 – 13 thg 12, 2026"),
        ("fr", "10 déc. 2026, 19:30 – 22:00", "12 déc. 2026 – 13 déc. 2026"),
        ("zh", "2026年12月10日 19:30 – 22:00", "2026年12月12日 – 2026年12月13日"),
        ("ko", "2026. 12. 10. 오후 7:30 – 오후 10:00", "2026. 12. 12. – 2026. 12. 13."),
        ("ja", "2026/12/10 19:30 – 22:00", "2026/12/12 – 2026/12/13"),
    ],
)
def test_an_event_is_shown_on_hue_time_in_the_language(
    language: str, evening: str, two_days: str
) -> None:
    assert when_text(session(language), OPENING) == evening
    assert when_text(session(language), MARKET_DAYS) == two_days


def test_only_cjk_sessions_load_the_large_fonts() -> None:
    page = cast(Any, SimpleNamespace(fonts=None, locale_configuration=None))
    apply_locale(page, "vi")
    assert page.fonts is None  # each font loaded redraws the first screen's text (issue #19)
    load_picker_fonts(page)
    assert page.fonts == PICKER_FONTS
    apply_locale(page, "ko")
    assert set(page.fonts) == {*PICKER_FONTS, "Hue Hangul"}
    apply_locale(page, "zh")
    assert set(page.fonts) == {*PICKER_FONTS, "Hue Hangul", "Hue CJK"}


def test_the_theme_names_roboto_before_the_cjk_fallbacks() -> None:
    styles = build_theme().text_theme
    assert styles is not None and styles.body_medium is not None
    assert styles.body_medium.font_family == "Roboto"  # else the fallbacks drew Latin text
    assert set(styles.body_medium.font_family_fallback or []) == {
        "Hue CJK",
        "Hue Hangul",
        *PICKER_FONTS,
    }
