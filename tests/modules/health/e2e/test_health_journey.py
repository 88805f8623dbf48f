"""Health in Chromium: 115 is always there; an open pharmacy near me; its page with hours."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext

from tests.e2e import harness
from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, STEP_TIMEOUT, AppPage

pytestmark = pytest.mark.browser

NEAR_PHARMACITY = (16.46790, 107.59545)
"""A few metres from Pharmacity, node 9921291262, tagged opening_hours=24/7 (open at any hour
the test runs) in Phường Thuận Hóa."""
TITLE, CALL_115 = "Y tế", "Gọi 115"


@pytest.fixture
def devices(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Browser contexts the test opens (closed after it)."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def device(
    browser: Browser,
    server: harness.ServerProcess,
    size: tuple[int, int],
    name: str,
    opened: list[BrowserContext],
) -> AppPage:
    """Open a device at a viewport size, located next to the 24/7 pharmacy."""
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]},
        geolocation={"latitude": NEAR_PHARMACITY[0], "longitude": NEAR_PHARMACITY[1]},
        permissions=["geolocation"],
    )
    context.set_default_timeout(STEP_TIMEOUT * 1000)
    opened.append(context)
    return AppPage(context.new_page(), server, name)


def first_place(lines: list[str]) -> str:
    """Return the first line under a pharmacy's name in the list ('' if none yet)."""
    return next((line for line in lines if line.startswith("Nhà thuốc · ")), "")


def test_an_open_pharmacy_near_me_and_115_at_hand(
    browser: Browser, hue_app: harness.ServerProcess, devices: list[BrowserContext]
) -> None:
    phone = device(browser, hue_app, PHONE, "health-phone", devices)
    phone.goto("/health", wait_for=TITLE)
    phone.wait_for_text("Bệnh viện Mắt Huế", timeout=FIRST_SCREEN_TIMEOUT)
    phone.wait_until(lambda: phone.has_button(CALL_115), "115 at hand")
    phone.click_text("Nhà thuốc")
    phone.wait_until(lambda: not phone.has_text("Bệnh viện Mắt Huế"), "only pharmacies listed")
    phone.click_text("Đang mở cửa")
    phone.wait_until(lambda: not phone.has_text("Gia Han"), "only open pharmacies listed")
    phone.click_button("Quanh tôi")
    phone.wait_for_text("Gần bạn nhất trước")
    phone.wait_until(
        lambda: first_place(phone.texts()).startswith("Nhà thuốc · Đang mở cửa · "),
        "the nearest open pharmacy listed first",
    )
    lines = phone.texts()
    assert " m · Phường Thuận Hóa" in first_place(lines), lines
    assert "Pharmacity" in lines[: lines.index(first_place(lines))], lines
    phone.screenshot("health-open-pharmacy-near-me-390x844")
    phone.click_text("Pharmacity")
    phone.wait_for_text("Giờ mở cửa (theo OpenStreetMap): 24/7")
    phone.wait_until(
        lambda: (
            phone.has_text("Đang mở cửa")
            and phone.has_button(CALL_115)
            and phone.has_button("Chỉ đường")
        ),
        "open now, 115 and directions on the pharmacy's page",
    )
    phone.screenshot("health-pharmacy-390x844")

    wide = device(browser, hue_app, DESKTOP, "health-desktop", devices)
    wide.goto("/health", wait_for=TITLE)
    wide.wait_for_text("Bệnh viện Mắt Huế", timeout=FIRST_SCREEN_TIMEOUT)
    wide.wait_until(lambda: wide.has_button(CALL_115), "115 at hand")
    wide.screenshot("health-list-1280x800")
