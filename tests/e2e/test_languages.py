"""A visitor picks 日本語 in the app's settings at phone size: home and a warning speak Japanese;
then 中文, 한국어 (after Chinese and Japanese fonts were loaded: Hangul must stay whole) and
Français, each screenshotted (settings, home, the warning) with its font loaded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from tests.modules.alerts.e2e.test_alerts_screens import HEADLINE, open_page, warned_app

from . import harness
from .conftest import FIRST_SCREEN_TIMEOUT, PHONE, AppPage

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

# language: its name in settings, "Language", home's greeting, the weather tile, "What to do"
WORDS = {
    "ja": ("日本語", "言語", "こんにちは！今日はフエが何をお手伝いしましょうか？", "天気と災害",
           "すべきこと"),
    "zh": ("中文（简体）", "语言", "您好！顺化今天能为您做些什么？", "天气与灾害", "该怎么做"),
    "ko": ("한국어", "언어", "안녕하세요! 오늘 후에가 무엇을 도와드릴까요?", "날씨와 재난",
           "해야 할 일"),
    "fr": ("Français", "Langue", "Bonjour ! Que peut faire Huế pour vous aujourd’hui ?",
           "Météo et catastrophes", "Que faire"),
}  # fmt: skip
NAV_HOME_JA = "ホーム"
FONTS = {"zh": "DroidSansFallbackFull.ttf", "ja": "DroidSansFallbackFull.ttf",
         "ko": "HueHangul.ttf"}  # fmt: skip
"""The font each CJK session loads (hue_s/app/theme.py), waited for before a screenshot."""


@pytest.fixture
def languages_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[harness.ServerProcess, list[dict[str, Any]]]]:
    """The app with a stand-in weather service and two warnings in force; one per attempt."""
    with warned_app(tmp_path_factory.mktemp("hue-s-languages"), "hue-s languages") as app:
        yield app


def choose(phone: AppPage, language: str, fetched: set[str]) -> None:
    """Open settings, tap a language, wait until settings speak it and its font has come."""
    name, language_heading = WORDS[language][:2]
    phone.goto("/settings", wait_for=name)
    phone.click_text(name)
    phone.wait_for_text(language_heading)
    if language in FONTS:
        font = FONTS[language]
        phone.wait_until(lambda: font in fetched, f"the font {font}")
    phone.screenshot(f"languages-settings-390x844-{language}")  # the other languages' names


def test_a_visitor_reads_home_and_a_warning_in_their_language(
    browser: Browser, languages_app: tuple[harness.ServerProcess, list[dict[str, Any]]]
) -> None:
    server, (flood, _rain) = languages_app
    phone = open_page(browser, server, PHONE, "languages-phone")
    fetched: set[str] = set()
    phone.page.on("response", lambda r: fetched.add(r.url.rsplit("/", 1)[-1]) if r.ok else None)
    try:
        phone.goto("/", wait_for="Xin chào! Huế có thể giúp gì cho bạn hôm nay?")
        for language, (_name, _heading, greeting, tile, what_to_do) in WORDS.items():
            choose(phone, language, fetched)
            if language == "ja":  # the first one through the navigation bar, as a person would
                phone.click_button(NAV_HOME_JA)
            else:
                phone.goto("/")
            phone.wait_for_text(greeting, timeout=FIRST_SCREEN_TIMEOUT)
            phone.wait_for_tiles([tile])
            phone.screenshot(f"languages-home-390x844-{language}")

            phone.goto(f"/alerts/{flood['id']}", wait_for=what_to_do)
            assert HEADLINE in phone.texts()  # issued in Vietnamese only: shown as issued
            phone.screenshot(f"languages-warning-390x844-{language}")
    finally:
        phone.page.context.close()
