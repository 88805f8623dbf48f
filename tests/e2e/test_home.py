"""The home screen in Chromium: tiles at phone and desktop width, language, deep links, search."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from . import harness
from .conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, AppPage

pytestmark = pytest.mark.browser

# module id -> (Vietnamese tile title, English tile title)
MODULES = {
    "incidents": ("Phản ánh hiện trường", "Report an incident"),
    "alerts": ("Thời tiết và thiên tai", "Weather and disasters"),
    "services": ("Dịch vụ công", "Public services"),
    "payments": ("Thanh toán của tôi", "My payments"),
    "appointments": ("Đặt lịch hẹn", "Book an appointment"),
    "bills": ("Hóa đơn điện nước", "Electricity and water bills"),
    "utilities": ("Tiện ích", "Utilities"),
    "air": ("Chất lượng không khí", "Air quality"),
    "news": ("Tin tức thành phố", "City news"),
    "health": ("Y tế", "Health"),
    "education": ("Giáo dục", "Education"),
    "tourism": ("Du lịch", "Tourism"),
    "officer": ("Không gian làm việc cán bộ", "Officer workspace"),
    "dashboard": ("Bảng điều hành", "Operations dashboard"),
}
VI = {module: names[0] for module, names in MODULES.items()}
EN = {module: names[1] for module, names in MODULES.items()}
ALL_TITLES = [*VI.values(), *EN.values()]
SEARCH = {"vi": "Tìm dịch vụ", "en": "Search services"}
NAV_HOME = {"vi": "Trang chủ", "en": "Home"}
NAV_SETTINGS = {"vi": "Cài đặt", "en": "Settings"}
HOTLINE = {"vi": "Gọi đường dây nóng 19001075", "en": "Call the hotline 19001075"}
NEW_REPORT_VI = "Xem lại và gửi"  # the new-report form's button

VI_CATALOG = harness.REPO_ROOT / "hue_s" / "i18n" / "vi" / "LC_MESSAGES" / "messages.po"

OpenApp = Callable[..., AppPage]


def open_home(open_app: OpenApp, size: tuple[int, int], **kwargs: object) -> AppPage:
    """Open the home and wait until its first tile is there."""
    home = open_app("/", size=size, **kwargs)
    return home.wait_for_tiles([VI["incidents"]], timeout=FIRST_SCREEN_TIMEOUT)


@pytest.mark.parametrize(
    ("form", "size"), [("phone", PHONE), ("desktop", DESKTOP)], ids=["phone", "desktop"]
)
def test_home_shows_every_module_tile_in_vietnamese(
    open_app: OpenApp, form: str, size: tuple[int, int]
) -> None:
    home = open_home(open_app, size)
    home.wait_for_tiles(VI.values())
    assert sorted(home.tiles(ALL_TITLES)) == sorted(VI.values()), home.texts()
    assert home.has_field(SEARCH["vi"]), home.texts()
    assert home.has_button(HOTLINE["vi"]), home.buttons()
    home.screenshot(f"home-vi-{form}-{size[0]}x{size[1]}")
    # Drawn on the page's own thread: a renderer worker deadlocked with the page under load.
    assert home.page.evaluate("() => window.crossOriginIsolated") is False
    assert home.page.workers == [], [worker.url for worker in home.page.workers]

    # Navigation: a bottom bar on a phone, a rail on the left otherwise.
    home_box, settings_box = home.box_of(NAV_HOME["vi"]), home.box_of(NAV_SETTINGS["vi"])
    if form == "phone":
        assert home_box["y"] > size[1] * 0.8 and settings_box["y"] > size[1] * 0.8, (
            f"bottom navigation bar expected: {home_box}, {settings_box}"
        )
        assert settings_box["x"] > home_box["x"]
    else:
        assert home_box["x"] < 200 and settings_box["x"] < 200, (
            f"navigation rail on the left expected: {home_box}, {settings_box}"
        )
        assert settings_box["y"] > home_box["y"]


def english_catalog_texts_shown(page: AppPage) -> list[str]:
    """Return the labels on screen that are the English source of a Vietnamese catalog entry.

    The catalog is the one the README's Development section names. Entries whose translation
    is the same text (names like "Hue-S") are not counted.
    """
    from babel.messages.pofile import read_po

    with VI_CATALOG.open("rb") as po_file:
        catalog = read_po(po_file, locale="vi")
    english = {
        message.id
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string != message.id
    }
    return sorted(set(page.texts()) & english)


def test_vietnamese_screens_show_no_english_catalog_text(open_app: OpenApp) -> None:
    page = open_home(open_app, DESKTOP)
    page.wait_for_tiles(VI.values())
    shown_on_home = english_catalog_texts_shown(page)
    page.click_button(NAV_SETTINGS["vi"])
    page.wait_for_text("Tiếng Việt")
    shown_on_settings = english_catalog_texts_shown(page)
    assert not shown_on_home and not shown_on_settings, (
        f"untranslated text on the Vietnamese home: {shown_on_home}, "
        f"on the Vietnamese settings: {shown_on_settings}"
    )


def choose_english(settings: AppPage) -> None:
    """On the settings screen, choose English and wait until the screen speaks it."""
    settings.click_text("English")
    settings.wait_for_text("Language")  # the settings screen itself switched at once


def test_choosing_english_in_settings_translates_the_home(open_app: OpenApp) -> None:
    settings = open_app("/settings", size=DESKTOP, wait_for="Tiếng Việt")
    settings.screenshot("settings-vi-desktop")
    choose_english(settings)
    settings.screenshot("settings-en-desktop")

    settings.click_button(NAV_HOME["en"])
    settings.wait_for_tiles(EN.values())
    settings.wait_until(
        lambda: not set(VI.values()) & set(settings.texts()),
        "the Vietnamese tile names to be gone",
    )
    assert sorted(settings.tiles(ALL_TITLES)) == sorted(EN.values()), settings.texts()
    assert settings.has_field(SEARCH["en"]), settings.texts()
    assert settings.has_button(HOTLINE["en"]), settings.buttons()
    settings.screenshot("home-en-desktop")


def test_language_choice_is_kept_after_a_reload(open_app: OpenApp) -> None:
    settings = open_app("/settings", size=PHONE, wait_for="Tiếng Việt")
    choose_english(settings)
    settings.goto("/", wait_for=None)  # the same browser: the same device
    settings.wait_for_tiles(EN.values(), timeout=FIRST_SCREEN_TIMEOUT)
    assert not set(VI.values()) & set(settings.texts()), settings.texts()
    settings.screenshot("home-en-phone-after-reload")


def test_deep_link_opens_the_module_and_back_returns_home(open_app: OpenApp) -> None:
    page = open_home(open_app, PHONE)
    page.goto("/incidents/new", wait_for=NEW_REPORT_VI)  # typed in the address bar
    assert page.path == "/incidents/new", page.page.url
    page.screenshot("deep-link-incidents-new-phone")

    page.page.go_back()
    harness.enable_semantics(page.page, FIRST_SCREEN_TIMEOUT * 1000)
    page.wait_for_tiles(VI.values(), timeout=FIRST_SCREEN_TIMEOUT)
    page.wait_until(lambda: not page.has_text(NEW_REPORT_VI), "the module screen to be gone")
    assert page.path == "/", page.page.url
    page.screenshot("deep-link-back-home-phone")


def test_deep_link_in_a_new_tab_has_home_below_it(open_app: OpenApp) -> None:
    page = open_app("/incidents/new", size=DESKTOP, wait_for=NEW_REPORT_VI)
    page.screenshot("deep-link-incidents-new-desktop")
    page.click_app_bar_back()
    page.wait_for_tiles(VI.values())
    page.wait_until(lambda: page.path == "/", "the address bar to show /")


def test_unknown_address_says_page_not_found(open_app: OpenApp) -> None:
    page = open_app("/nowhere", size=PHONE, wait_for="Không tìm thấy trang")
    page.screenshot("not-found-phone")


def test_search_without_diacritics_keeps_only_the_matching_tile(open_app: OpenApp) -> None:
    home = open_home(open_app, PHONE)
    home.wait_for_tiles(VI.values())
    home.type_into(SEARCH["vi"], "thien tai")
    others = [name for module, name in VI.items() if module != "alerts"]
    home.wait_until(
        lambda: home.tiles(ALL_TITLES) == [VI["alerts"]],
        f"only the tile {VI['alerts']!r} to remain (hidden: {others})",
    )
    home.screenshot("search-thien-tai-phone")


def test_module_allow_list_shows_only_those_tiles(
    open_app: OpenApp, start_app: Callable[..., harness.ServerProcess]
) -> None:
    server = start_app(modules="incidents,alerts")
    home = open_app("/", size=DESKTOP, server=server)
    home.wait_for_tiles([VI["incidents"], VI["alerts"]], timeout=FIRST_SCREEN_TIMEOUT)
    assert sorted(home.tiles(ALL_TITLES)) == sorted([VI["incidents"], VI["alerts"]]), home.texts()
    home.screenshot("home-allow-list-incidents-alerts-desktop")
