"""An operator warns two wards of a flood; a citizen of one of them hears it live, then by polling
while the live stream is cut, and sees the warning go when it is cancelled."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import app_server_with, full_output, sign_in_as_citizen
from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, STEP_TIMEOUT, AppPage

from .alerts_steps import create_operator, fake_open_meteo

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

POLL_SECONDS = 2
LIVE_WITHIN = 2.0
POLLED_WITHIN = POLL_SECONDS + 4.0  # one polling interval, plus the time to draw it
OPERATOR_PHONE = "0905 123 470"
PHU_XUAN, KIM_LONG = "Phường Phú Xuân", "Phường Kim Long"
FIRST = "Lũ trên sông Hương vượt báo động II tại Kim Long"
SECOND = "Nước sông Hương tiếp tục lên, vượt báo động III"

# Vietnamese labels
ALERTS_TITLE = "Thời tiết và thiên tai"
FOLLOW_WARDS = "Theo dõi phường, xã"
STAFF_ONLY = (
    "Không gian này dành cho cán bộ thành phố và phường, xã. "
    "Vui lòng đăng nhập bằng tài khoản cán bộ để mở."
)
SIGN_IN = "Đăng nhập"
WARDS_CONCERNED = "Các phường, xã bị ảnh hưởng"
HEADLINE = "Tiêu đề"
ISSUE = "Phát cảnh báo"
ISSUED = "Đã phát cảnh báo."
LIVE = "Trực tiếp: cảnh báo đến ngay khi được phát"
POLLING = f"Mất kết nối trực tiếp: kiểm tra mỗi {POLL_SECONDS} giây"
MY_PLACES_HEADING = "Cảnh báo cho nơi tôi theo dõi"
CANCEL = "Hủy cảnh báo"
LIFTED = f"Đã dỡ bỏ cảnh báo: {FIRST}"


@dataclass
class AlertsApp:
    """The app under test, its stream switch, and the two people using it."""

    server: harness.ServerProcess
    stream_switch: Path


@pytest.fixture
def alerts_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AlertsApp]:
    """The app with fast polling, a stream switch and a stand-in weather service."""
    data_dir = tmp_path_factory.mktemp("hue-s-alerts")
    switch = data_dir / "cut-the-alert-stream"
    with fake_open_meteo() as weather_url:
        server = app_server_with(
            data_dir,
            name="hue-s alerts",
            env={
                "HUE_S_ALERTS_POLL_SECONDS": str(POLL_SECONDS),
                "HUE_S_E2E_ALERT_STREAM_CUT_FILE": str(switch),
                "HUE_S_OPEN_METEO_URL": weather_url,
                "HUE_S_WEATHER_FRESH_SECONDS": "3600",
            },
        )
        try:
            server.start()
        except harness.ServerError as error:
            pytest.fail(str(error), pytrace=False)
        create_operator(server, OPERATOR_PHONE)
        yield AlertsApp(server, switch)
        server.stop()


def new_page(browser: Browser, app: AlertsApp, size: tuple[int, int], name: str) -> AppPage:
    """Open a fresh browser context (a device of its own) at a viewport size."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    context.set_default_timeout(STEP_TIMEOUT * 1000)
    return AppPage(context.new_page(), app.server, name)


def line_starting(page: AppPage, prefix: str) -> bool:
    """Say whether some label line starts with `prefix`."""
    return any(line.startswith(prefix) for line in page.texts())


def wait_for_line(page: AppPage, prefix: str, timeout: float = STEP_TIMEOUT) -> None:
    """Wait until a label line starts with `prefix`."""
    page.wait_until(
        lambda: line_starting(page, prefix), f"a line starting {prefix!r}", timeout=timeout
    )


def toggle(page: AppPage, name: str) -> None:
    """Tick the toggle (a ward's chip, a checkbox) named `name`."""
    page.wait_until(
        lambda: harness.click_labelled(page.page, name, roles=("checkbox",)),
        f"a toggle named {name!r} to click",
    )


def type_text(page: AppPage, field_label: str, text: str, attempts: int = 3) -> None:
    """Type into a text field and check what it holds; a key lost on a busy machine is typed
    again, as a person would (select all, type again)."""
    field = page.page.get_by_role("textbox", name=field_label)
    page.wait_until(lambda: field.count() > 0, f"a text field labelled {field_label!r}")
    for _attempt in range(attempts):
        field.first.click(force=True)
        page.page.wait_for_timeout(300)
        page.page.keyboard.press("Control+A")
        page.page.keyboard.type(text, delay=20)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            if field.first.input_value() == text:
                return
            page.page.wait_for_timeout(100)
    raise AssertionError(page.diagnosis(f"{field_label!r} does not hold {text!r}"))


def click_until(page: AppPage, label: str, shows: str, attempts: int = 3) -> None:
    """Click the button `label` until `shows` appears (a click can land mid-redraw)."""
    for _attempt in range(attempts):
        page.click_button(label)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if page.has_text(shows):
                return
            page.page.wait_for_timeout(100)
    raise AssertionError(page.diagnosis(f"clicking {label!r} did not show {shows!r}"))


def confirm_in_dialog(page: AppPage, button: str, title: str, attempts: int = 3) -> None:
    """Press a dialog's button until the dialog has gone (a press can land mid-animation)."""
    for _attempt in range(attempts):
        page.click_button(button)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if not page.has_text(title):
                return
            page.page.wait_for_timeout(100)
    raise AssertionError(page.diagnosis(f"pressing {button!r} did not close {title!r}"))


def sign_in_operator(operator: AppPage, phone: str = OPERATOR_PHONE) -> None:
    """Open the operators' screen as a guest, sign in from it, land back on it."""
    operator.goto("/alerts/operator", wait_for=STAFF_ONLY)
    operator.click_button(SIGN_IN)
    operator.wait_until(lambda: operator.path == "/sign-in", "the sign-in screen")
    sign_in_as_citizen(operator, phone)  # the same form signs staff in
    operator.wait_until(lambda: operator.path == "/alerts/operator", "the way back")
    operator.wait_for_text(WARDS_CONCERNED)


def issue(operator: AppPage, wards: list[str], headline: str) -> float:
    """Fill the warning form and issue it; return the moment the button was pressed."""
    for ward in wards:
        toggle(operator, ward)
    type_text(operator, HEADLINE, headline)
    pressed = time.monotonic()
    operator.click_button(ISSUE)
    operator.wait_for_text(f"{ISSUED} {headline}")
    return pressed


def test_a_flood_warning_reaches_a_citizen_live_then_by_polling_and_a_cancel_clears_it(
    browser: Browser, alerts_app: AlertsApp
) -> None:
    citizen = new_page(browser, alerts_app, PHONE, "alerts-citizen")
    operator = new_page(browser, alerts_app, DESKTOP, "alerts-operator")
    try:
        # The citizen follows Kim Long only, then watches the alerts screen.
        citizen.goto("/alerts/places", wait_for=FOLLOW_WARDS)
        toggle(citizen, KIM_LONG)
        citizen.wait_for_text(f"Bạn đang theo dõi {KIM_LONG}.")
        citizen.screenshot("alerts-1-citizen-follows-kim-long-phone-390x844")
        citizen.goto("/alerts", wait_for=LIVE)
        citizen.wait_for_text(MY_PLACES_HEADING, timeout=FIRST_SCREEN_TIMEOUT)

        # The operator signs in and warns Phú Xuân and Kim Long.
        sign_in_operator(operator)
        pressed = issue(operator, [PHU_XUAN, KIM_LONG], FIRST)
        citizen.wait_for_text(FIRST, timeout=STEP_TIMEOUT)
        live_seconds = time.monotonic() - pressed
        assert live_seconds <= LIVE_WITHIN, f"live warning took {live_seconds:.2f} s"
        citizen.wait_for_text(f"Nghiêm trọng: {FIRST}")  # the banner over the screen
        citizen.screenshot("alerts-2-citizen-warned-live-phone-390x844")
        operator.screenshot("alerts-2-operator-issued-desktop-1280x800")

        # The live stream is cut: the app polls, and the next warning still arrives.
        alerts_app.stream_switch.touch()
        wait_for_line(citizen, POLLING)
        pressed = issue(operator, [KIM_LONG], SECOND)
        citizen.wait_for_text(SECOND, timeout=STEP_TIMEOUT)
        polled_seconds = time.monotonic() - pressed
        assert polled_seconds <= POLLED_WITHIN, f"polled warning took {polled_seconds:.2f} s"
        assert line_starting(citizen, POLLING)
        citizen.screenshot("alerts-3-citizen-warned-by-polling-phone-390x844")

        # The stream comes back; the operator cancels the first warning.
        alerts_app.stream_switch.unlink()
        citizen.wait_for_text(LIVE, timeout=POLL_SECONDS * 10)
        # The newest warning is listed first: the last "Cancel warning" button is the first one's.
        click_until(operator, CANCEL, "Hủy cảnh báo này?")
        operator.screenshot("alerts-4-operator-cancels-desktop-1280x800")
        confirm_in_dialog(operator, CANCEL, "Hủy cảnh báo này?")
        operator.wait_for_text(LIFTED)  # the operator's own list and notice change at once
        citizen.wait_for_text(LIFTED)
        citizen.wait_until(lambda: not citizen.has_text(FIRST), "the cancelled warning to go")
        assert citizen.has_text(SECOND)
        citizen.screenshot("alerts-5-citizen-after-cancel-phone-390x844")
        operator.screenshot("alerts-5-operator-after-cancel-desktop-1280x800")
        print(f"\nlive: {live_seconds:.2f} s, by polling: {polled_seconds:.2f} s")
    finally:
        citizen.page.context.close()
        operator.page.context.close()
        log = harness.ARTIFACTS_DIR / "e2e" / "alerts-journey-server.log"
        log.write_text(full_output(alerts_app.server), encoding="utf-8")
