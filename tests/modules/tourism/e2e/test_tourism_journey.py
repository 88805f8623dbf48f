"""A visitor in Chromium: picks a language on first open, lists places, finds the nearest and
opens one (hours, directions), at 390x844 in zh, ko, ja and fr, and at 1280x800 in Vietnamese."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import sign_in_as_citizen
from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, AppPage
from tests.modules.alerts.e2e.alerts_steps import create_operator

pytestmark = pytest.mark.browser

NOON_GATE = "/tourism/way/172657562"
# What each language says: title, "near me", its answer, the Noon Gate's name, "opening hours"
WORDS = {
    "zh": ("游览顺化", "我附近", "离您最近的排在前面。", "午門", "开放时间"),
    "ko": ("후에 여행", "내 주변", "가까운 곳부터 보여 줍니다.", "오문", "운영 시간"),
    "ja": ("フエ観光", "近くを探す", "近い順に表示しています。", "午門", "営業時間"),
    "fr": (
        "Visiter Huế", "Près de moi", "Les plus proches d'abord.",
        "Entrée de la Cité Impériale de Hue - Ngo Mon", "Horaires d'ouverture",
    ),
}  # fmt: skip
FONTS = {
    "zh": "DroidSansFallbackFull.ttf",
    "ko": "HueHangul.ttf",
    "ja": "DroidSansFallbackFull.ttf",
}
"""The font each CJK session loads (hue_s/app/theme.py), waited for before a screenshot."""
LANGUAGE_NAMES = {
    "vi": "Tiếng Việt",
    "zh": "中文（简体）",
    "ko": "한국어",
    "ja": "日本語",
    "fr": "Français",
}


OPERATOR_PHONE = "0905000481"


def calendar(now: datetime) -> str:
    """Return an iCalendar text of two events ten days from now (the app runs on the real
    clock: the test's dates follow it)."""
    day = (now + timedelta(days=10)).strftime("%Y%m%d")
    return (
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:e2e-opening@hue\n"
        f"DTSTART;TZID=Asia/Ho_Chi_Minh:{day}T193000\nDTEND;TZID=Asia/Ho_Chi_Minh:{day}T220000\n"
        "SUMMARY:Đêm hoàng cung\nLOCATION:Đại Nội\nX-PRICE:200000 VND\nEND:VEVENT\n"
        f"BEGIN:VEVENT\nUID:e2e-market@hue\nDTSTART;VALUE=DATE:{day}\nSUMMARY:Chợ đêm\n"
        "STATUS:CANCELLED\nEND:VEVENT\nEND:VCALENDAR"
    )


def choose_language(phone: AppPage, current: str, language: str) -> None:
    """Pick a language in the module's picker (shown by itself on first open; later, the
    button named after the current language opens it)."""
    if not phone.has_button(LANGUAGE_NAMES[language]):
        phone.click_button(LANGUAGE_NAMES[current])
    phone.click_button(LANGUAGE_NAMES[language])
    phone.wait_for_text(WORDS[language][0])


def test_a_visitor_finds_the_nearest_sight_in_their_language(
    visitor: Callable[[tuple[int, int]], AppPage], tourism_app: harness.ServerProcess
) -> None:
    phone = visitor(PHONE)
    fetched: set[str] = set()
    phone.page.on("response", lambda r: fetched.add(r.url.rsplit("/", 1)[-1]) if r.ok else None)
    phone.goto("/tourism", wait_for="Tham quan Huế")
    phone.wait_for_text("Ngọ Môn", timeout=FIRST_SCREEN_TIMEOUT)
    assert phone.has_button("中文（简体）"), "the language picker shows on first open"
    phone.screenshot("tourism-list-390x844-vi")
    current = "vi"
    for language, (title, near_me, nearest, noon_gate, hours) in WORDS.items():
        choose_language(phone, current, language)
        current = language
        if language in FONTS:
            font = FONTS[language]
            phone.wait_until(lambda font=font: font in fetched, f"the font {font}")
        phone.screenshot(f"tourism-list-390x844-{language}")
        phone.click_button(near_me)
        phone.wait_for_text(nearest)
        if language == "zh":
            assert not phone.has_button("한국어"), "the picker closes once a language is chosen"
            phone.screenshot("tourism-near-390x844-zh")
        phone.click_text(noon_gate)
        phone.wait_for_text(hours)
        phone.wait_for_text("Mo-Su 07:00-17:00")
        phone.screenshot(f"tourism-detail-390x844-{language}")
        phone.goto("/tourism", wait_for=title)

    wide = visitor(DESKTOP)
    wide.goto("/").wait_for_tiles(["Du lịch"], timeout=FIRST_SCREEN_TIMEOUT)
    wide.goto("/tourism", wait_for="Tham quan Huế")
    wide.wait_for_text("Ngọ Môn", timeout=FIRST_SCREEN_TIMEOUT)
    wide.screenshot("tourism-list-1280x800-vi")
    wide.click_button("Gần tôi")
    wide.wait_for_text("Gần bạn nhất xếp trước.")
    assert any(line.startswith("Di tích · ") for line in wide.texts())  # with a distance
    wide.screenshot("tourism-near-1280x800-vi")
    wide.goto(NOON_GATE, wait_for="Giờ mở cửa")
    assert wide.has_button("Chỉ đường (OpenStreetMap)")
    wide.screenshot("tourism-detail-1280x800-vi")

    create_operator(tourism_app, OPERATOR_PHONE)
    wide.goto("/tourism/events", wait_for="Chưa có sự kiện sắp diễn ra.")
    wide.click_button("Đăng nhập")
    sign_in_as_citizen(wide, OPERATOR_PHONE)
    wide.goto("/tourism/events", wait_for="Nhập sự kiện")
    wide.type_into("Dán nội dung iCalendar (.ics)", calendar(datetime.now(UTC)))
    wide.click_button("Nhập")
    wide.wait_for_text("Đã thêm 2, cập nhật 0, bỏ qua 0.")
    wide.wait_for_text("Đêm hoàng cung")
    assert {"Đã hủy", "Giá vé: 200000 VND", "Địa điểm: Đại Nội"} <= set(wide.texts())
    wide.screenshot("tourism-events-1280x800-vi")
