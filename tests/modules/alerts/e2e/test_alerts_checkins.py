"""An operator draws the area of a warning on the map; a citizen inside it is warned, says
"I'm safe", then asks for help without an account; the operator's counts follow."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import app_server_with, full_output
from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, STEP_TIMEOUT, AppPage

from .alerts_steps import create_operator, fake_open_meteo
from .test_alerts_journey import (
    HEADLINE,
    ISSUE,
    ISSUED,
    MY_PLACES_HEADING,
    sign_in_operator,
    type_text,
    wait_for_line,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

POLL_SECONDS = 2
OPERATOR_PHONE = "0905 123 472"
CITIZEN_POINT = (16.4637, 107.5909)
"""Where the citizen is: central Huế (Phường Thuận Hóa), the centre of the operator's map."""
WARNING = "Sạt lở bờ sông Hương đoạn Thuận Hóa, tránh xa bờ"
CORNERS = ((-70, -60), (70, -60), (70, 60), (-70, 60))
"""Pixels from the map's centre where the operator taps: a box around the citizen."""

# Vietnamese labels
DRAW = "Vẽ vùng trên bản đồ"
MAP = "Bản đồ để vẽ vùng cảnh báo"
FOLLOW_HERE = "Theo dõi vị trí hiện tại của tôi"
SAFE, HELP = "Tôi an toàn", "Tôi cần giúp đỡ"
SAFE_SENT = "Đã gửi: thành phố ghi nhận bạn an toàn. Hãy báo cho gia đình nữa."
CALL_BACK = "Số di động để gọi lại cho bạn"
SEND_HELP = "Gửi đến phường, xã của tôi"
VERIFIED = "Đã xác minh: "
"""The operator's counts of people signed in or using an app the city registered."""


@pytest.fixture
def checkins_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app with fast polling (the operator's counts too) and a stand-in weather service;
    a new one for each attempt, so a retry does not meet the first attempt's warning."""
    data_dir = tmp_path_factory.mktemp("hue-s-alert-checkins")
    with fake_open_meteo() as weather_url:
        server = app_server_with(
            data_dir,
            name="hue-s alert check-ins",
            env={
                "HUE_S_ALERTS_POLL_SECONDS": str(POLL_SECONDS),
                "HUE_S_OPEN_METEO_URL": weather_url,
            },
        )
        try:
            server.start()
        except harness.ServerError as error:
            pytest.fail(str(error), pytrace=False)
        create_operator(server, OPERATOR_PHONE)
        yield server
        server.stop()


def new_page(
    browser: Browser, server: harness.ServerProcess, size: tuple[int, int], name: str
) -> AppPage:
    """Open a device of its own at a viewport size, located at the citizen's point."""
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]},
        geolocation={"latitude": CITIZEN_POINT[0], "longitude": CITIZEN_POINT[1]},
        permissions=["geolocation"],
    )
    context.set_default_timeout(STEP_TIMEOUT * 1000)
    return AppPage(context.new_page(), server, name)


def map_box(operator: AppPage) -> dict[str, float]:
    """Return the box of the drawing map, scrolled fully into view (wheel off the map)."""
    viewport = operator.page.viewport_size
    assert viewport is not None
    for _attempt in range(4):
        operator.page.evaluate(harness.MARK_TARGET_JS, [MAP, []])
        box = operator.page.locator("[data-e2e-target]").bounding_box()
        assert box is not None, operator.diagnosis("the map has no box")
        if box["y"] >= 60 and box["y"] + box["height"] <= viewport["height"] - 90:
            return dict(box)
        top, bottom = box["y"], box["y"] + box["height"]
        if top > viewport["height"] / 2 + 20 or bottom < viewport["height"] / 2 - 20:
            over = viewport["height"] / 2  # the map is away from the middle
        else:
            over = top - 30 if top > 160 else min(bottom + 30, viewport["height"] - 100)
        operator.page.mouse.move(viewport["width"] - 12, over)  # over the form, not the map
        operator.page.mouse.wheel(0, box["y"] + box["height"] / 2 - viewport["height"] / 2)
        operator.page.wait_for_timeout(700)
    raise AssertionError(operator.diagnosis("the map does not scroll into view"))


def scroll_to_top(app: AppPage) -> None:
    """Scroll the screen back to its top (the wheel over the right margin, off any map)."""
    viewport = app.page.viewport_size
    assert viewport is not None
    app.page.mouse.move(viewport["width"] - 12, viewport["height"] / 2)
    app.page.mouse.wheel(0, -10_000)
    app.page.wait_for_timeout(800)


# With the semantics tree on, a click on the map's node is a screen reader's "tap" (at the
# node's centre); a mouse's clicks must reach the canvas, as they do with the tree off.
LET_CLICKS_THROUGH_JS = """
(name) => document.querySelectorAll('flt-semantics').forEach((el) => {
  if ((el.getAttribute('aria-label') || '').split('\\n').includes(name)) {
    [el, ...el.querySelectorAll('*')].forEach((node) => { node.style.pointerEvents = 'none'; });
  }
})
"""


def draw_area(operator: AppPage) -> None:
    """Switch the map on and tap the corners of a box around its centre."""
    operator.click_text(DRAW)
    operator.wait_for_text(MAP)
    box = map_box(operator)
    operator.page.evaluate(LET_CLICKS_THROUGH_JS, MAP)
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for count, (dx, dy) in enumerate(CORNERS, start=1):
        operator.page.mouse.click(centre[0] + dx, centre[1] + dy)
        wait_for_line(operator, f"{count} góc")
    wait_for_line(operator, f"{len(CORNERS)} góc. Vùng này gồm: ")


def test_a_drawn_area_warns_the_citizen_inside_who_checks_in(
    browser: Browser, checkins_app: harness.ServerProcess
) -> None:
    server = checkins_app
    citizen = new_page(browser, server, PHONE, "alerts-checkins-citizen")
    operator = new_page(browser, server, DESKTOP, "alerts-checkins-operator")
    pages = [citizen, operator]
    try:
        citizen.goto("/alerts/places", wait_for=FOLLOW_HERE)
        citizen.click_button(FOLLOW_HERE)
        wait_for_line(citizen, "Bạn đang theo dõi Vị trí hiện tại của tôi")
        citizen.goto("/alerts", wait_for=MY_PLACES_HEADING)

        sign_in_operator(operator, OPERATOR_PHONE)
        draw_area(operator)
        operator.screenshot("alerts-checkins-1-operator-drawn-area-desktop-1280x800")
        type_text(operator, HEADLINE, WARNING)
        operator.click_button(ISSUE)
        operator.wait_for_text(f"{ISSUED} {WARNING}")
        operator.wait_for_text("Chưa có ai báo tình trạng.")

        citizen.wait_for_text(WARNING, timeout=STEP_TIMEOUT)
        # The warning is counted on the tab and, at home, on the tile.
        assert "1" in citizen.texts(), citizen.diagnosis("no badge on the alerts tab")
        citizen.click_button("Ẩn cảnh báo này")  # the banner
        citizen.click_button("Trang chủ")
        citizen.wait_for_text("Xin chào! Huế có thể giúp gì cho bạn hôm nay?")
        assert citizen.texts().count("1") == 2, citizen.diagnosis("the tile has no badge")
        citizen.screenshot("alerts-checkins-0-citizen-home-badge-phone-390x844")
        citizen.click_button("Thời tiết và thiên tai")
        citizen.click_button(SAFE)
        citizen.wait_for_text(SAFE_SENT)
        operator.wait_for_text(f"{VERIFIED}1 an toàn · 0 cần giúp", timeout=POLL_SECONDS * 5)
        assert any(line.startswith("Phường Thuận Hóa: 1 an toàn") for line in operator.texts())
        assert "Chưa xác minh: 0 an toàn · 0 cần giúp" in operator.texts(), operator.diagnosis(
            "no unverified count"
        )

        citizen.click_button(HELP)
        citizen.wait_for_text(CALL_BACK)
        type_text(citizen, CALL_BACK, "0905 111 333")
        citizen.screenshot("alerts-checkins-2-citizen-help-form-phone-390x844")
        citizen.click_button(SEND_HELP)
        wait_for_line(citizen, "Phường, xã đã nhận đề nghị của bạn (vụ việc ")
        citizen.screenshot("alerts-checkins-3-citizen-help-sent-phone-390x844")
        operator.wait_for_text(f"{VERIFIED}0 an toàn · 1 cần giúp", timeout=POLL_SECONDS * 5)
        operator.click_button("Ẩn cảnh báo này")  # the warning's banner, which covers the top
        scroll_to_top(operator)
        operator.screenshot("alerts-checkins-4-operator-counts-desktop-1280x800")

        # The same screen on a phone: the counts, then an area being drawn.
        on_phone = new_page(browser, server, PHONE, "alerts-checkins-operator-phone")
        pages.append(on_phone)
        sign_in_operator(on_phone, OPERATOR_PHONE)
        on_phone.wait_for_text(f"{VERIFIED}0 an toàn · 1 cần giúp", timeout=FIRST_SCREEN_TIMEOUT)
        on_phone.screenshot("alerts-checkins-5-operator-counts-phone-390x844")
        on_phone.click_button("Ẩn cảnh báo này")  # the warning's banner, which covers the top
        draw_area(on_phone)
        on_phone.screenshot("alerts-checkins-6-operator-drawn-area-phone-390x844")
    finally:
        for page in pages:
            page.page.context.close()
        log = harness.ARTIFACTS_DIR / "e2e" / "alerts-checkins-server.log"
        log.write_text(full_output(server), encoding="utf-8")
