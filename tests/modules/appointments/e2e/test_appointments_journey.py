"""A citizen books the last place of a day's last slot at phone size, takes a walk-in number
at the kiosk's screen; the ward's officer calls the next number at desktop size and the
office's screen shows it; shots of the booking screen and the office's screen at 390x844 and
1280x800. The app runs on the real clock: the day is the first whose last slot is free."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

import httpx
import pytest
from babel.dates import format_date

from tests.e2e import harness
from tests.e2e.accounts_steps import SMS_LINE, backend_url, full_output, texted_code
from tests.e2e.conftest import (  # noqa: F401  (fixtures)
    DESKTOP,
    FIRST_SCREEN_TIMEOUT,
    PHONE,
    browser,
    browser_available,
    playwright_driver,
)
from tests.e2e.incidents_steps import (
    assert_still_running,
    create_officer,
    new_page,
    sign_in_at,
    started_app,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

WARD = "19753"  # Phường Phú Xuân: 3 places a slot
BIRTH = "1.001193.000.00.00.H57"
CITIZEN, OTHER, OFFICER = "0905 123 781", "0905 123 782", "0905 123 783"
OFFICE_FIELD = "Bộ phận một cửa phường, xã"


@pytest.fixture
def web_app(
    browser_available: None,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[harness.ServerProcess]:
    """The app of this journey: a new one for each attempt."""
    yield from started_app(tmp_path_factory, "hue-s-appointments")


def api_headers(server: harness.ServerProcess, backend: str, phone: str) -> dict[str, str]:
    """Sign a person in through the API, with the code the backend logged."""
    before = len(SMS_LINE.findall(full_output(server)))
    asked = httpx.post(f"{backend}/api/v1/auth/otp", json={"phone": phone})
    assert asked.status_code in (200, 202), asked.text
    code = texted_code(server, after=before)
    tokens = httpx.post(f"{backend}/api/v1/auth/token", json={"phone": phone, "code": code})
    assert tokens.status_code == 200, tokens.text
    return {"Authorization": f"Bearer {tokens.json()['access_token']}"}


def open_office(page: object) -> None:
    """Choose Phường Phú Xuân's office on a screen with the office filter."""
    page.type_into(OFFICE_FIELD, "phu xuan")  # type: ignore[attr-defined]
    page.click_text("Phường Phú Xuân")  # type: ignore[attr-defined]
    page.wait_for_text("Đã chọn: Phường Phú Xuân")  # type: ignore[attr-defined]


def test_the_last_place_is_booked_then_a_number_is_called_and_shown(
    browser: Browser,  # noqa: F811
    web_app: harness.ServerProcess,
) -> None:
    backend = backend_url(web_app)
    days = httpx.get(f"{backend}/api/v1/appointments/offices/{WARD}/days").json()
    day = next(d for d in days if d["open"] and d["slots"][-1]["bookable"])
    last = day["slots"][-1]
    other = api_headers(web_app, backend, OTHER)
    for _ in range(last["capacity"] - last["taken"] - 1):  # all places but one are taken
        body = {"ward_code": WARD, "procedure_code": BIRTH, "start": last["start"]}
        taken = httpx.post(f"{backend}/api/v1/appointments/bookings", json=body, headers=other)
        assert taken.status_code == 201, taken.text

    phone = new_page(
        browser, web_app, "appointments-phone", viewport={"width": PHONE[0], "height": PHONE[1]}
    )
    phone.goto("/", wait_for="Đặt lịch hẹn")
    sign_in_at(phone, "/appointments/book", CITIZEN)
    open_office(phone)
    phone.click_text("Đăng ký khai sinh")
    phone.click_button(format_date(date.fromisoformat(day["day"]), "EEE d/M", locale="vi"))
    phone.wait_for_text("16:30 · còn 1 chỗ")
    phone.screenshot("appointments-book-phone")
    phone.click_button("16:30 · còn 1 chỗ")
    phone.click_button("Xác nhận đặt lịch", shows="Lịch hẹn của tôi")  # once it is enabled
    phone.wait_for_text("Đã đặt")
    phone.screenshot("appointments-mine-phone")
    slot = httpx.get(f"{backend}/api/v1/appointments/offices/{WARD}/days").json()
    full = next(d for d in slot if d["day"] == day["day"])["slots"][-1]
    assert full["taken"] == full["capacity"] and not full["bookable"]
    phone.goto("/appointments/book", wait_for=OFFICE_FIELD)
    open_office(phone)
    phone.click_text("Đăng ký khai sinh")
    phone.click_button(format_date(date.fromisoformat(day["day"]), "EEE d/M", locale="vi"))
    phone.wait_for_text("16:30 · hết chỗ")  # shown, off, and said so
    phone.page.mouse.move(PHONE[0] / 2, PHONE[1] / 2)
    phone.page.mouse.wheel(0, 3000)  # down to the days and times
    phone.screenshot("appointments-slots-full-phone")
    phone.goto("/appointments/kiosk", wait_for="Lấy số thứ tự")
    open_office(phone)
    phone.wait_for_text("001")
    assert_still_running(phone)

    screen = new_page(
        browser, web_app, "appointments-screen",
        viewport={"width": DESKTOP[0], "height": DESKTOP[1]},
    )  # fmt: skip
    screen.goto(f"/appointments/display/{WARD}", wait_for="Hôm nay chưa gọi số nào")
    create_officer(web_app, OFFICER)
    desk = new_page(
        browser, web_app, "appointments-desk", viewport={"width": DESKTOP[0], "height": DESKTOP[1]}
    )
    sign_in_at(desk, "/appointments/queue", OFFICER)
    desk.wait_for_text("1 người đang chờ")
    desk.screenshot("appointments-queue-desktop")
    desk.click_button("Gọi số tiếp theo")
    called = time.monotonic()
    screen.wait_for_text("001", timeout=FIRST_SCREEN_TIMEOUT)
    print(f"the office's screen showed 001 {time.monotonic() - called:.1f} s after the click")
    desk.wait_for_text("0 người đang chờ")
    screen.screenshot("appointments-display-desktop")
    screen.page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    screen.wait_for_text("001")
    screen.screenshot("appointments-display-phone")
    phone.page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
    phone.goto("/appointments/book", wait_for=OFFICE_FIELD)
    open_office(phone)
    phone.screenshot("appointments-book-desktop")
    assert_still_running(desk)
