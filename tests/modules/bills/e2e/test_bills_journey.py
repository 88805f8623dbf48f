"""A citizen follows an electricity code in Chromium, sees its bill, its 12 months and an outage
in the next days, then types a wrong code and is told why. The app starts the utilities'
sandbox itself (the development default) on the real clock; shots at 390x844 and 1280x800."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest

from tests.e2e import harness
from tests.e2e.conftest import (  # noqa: F401  (fixtures)
    DESKTOP,
    PHONE,
    browser,
    browser_available,
    playwright_driver,
)
from tests.e2e.incidents_steps import assert_still_running, new_page, sign_in_at, started_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from tests.e2e.conftest import AppPage

pytestmark = pytest.mark.browser

CITIZEN = "0905 123 791"
CODE_FIELD, NAME_FIELD = "Mã khách hàng", "Đặt tên (ví dụ: Nhà bà nội)"
BAD_CODE = (
    "Đây không phải mã khách hàng hợp lệ. Mã điện có 13 ký tự, bắt đầu bằng PC, PQ hoặc PP "
    "(ví dụ PC07AA0123456); mã nước gồm 2 chữ cái và 8 chữ số (ví dụ HU01012345)."
)
MONTH_BAR = re.compile(r"^Tháng \d{1,2}/\d{4}: \d+ kWh, ")
HUE = timezone(timedelta(hours=7))


@pytest.fixture
def web_app(
    browser_available: None,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[harness.ServerProcess]:
    """The app of this journey: a new one for each attempt."""
    yield from started_app(tmp_path_factory, "hue-s-bills")


def current_period() -> str:
    """Return the sandbox's current bill period, last month in Huế, as the screen writes it."""
    last = datetime.now(UTC).astimezone(HUE).date().replace(day=1) - timedelta(days=1)
    return f"Hóa đơn tháng {last.month:02d}/{last.year}"


def follow(page: AppPage, code: str) -> None:
    """Fill the form with a code and the nickname, and press Add."""
    page.type_into(CODE_FIELD, code)
    page.type_into(NAME_FIELD, "Nhà bà nội")
    page.click_button("Thêm")


def test_a_citizen_follows_a_code_sees_the_bill_and_an_outage_and_a_wrong_code_is_named(
    browser: Browser,  # noqa: F811
    web_app: harness.ServerProcess,
) -> None:
    phone = new_page(
        browser, web_app, "bills-phone", viewport=dict(zip(("width", "height"), PHONE, strict=True))
    )
    phone.goto("/", wait_for="Hóa đơn điện nước")
    sign_in_at(phone, "/bills", CITIZEN)
    phone.wait_for_text("Theo dõi một mã khách hàng")
    follow(phone, "PC07AA0123456")
    phone.wait_for_text(current_period())
    phone.wait_for_text("Chưa thanh toán")
    phone.wait_until(
        lambda: len([t for t in phone.texts() if MONTH_BAR.match(t)]) == 12, "12 month bars"
    )
    phone.wait_until(
        lambda: any(t.startswith("07:30–11:30 · ") for t in phone.texts()), "an outage's hours"
    )
    bill_path = phone.path
    phone.screenshot("bills-bill-phone-390x844")
    phone.page.mouse.move(PHONE[0] / 2, PHONE[1] / 2)
    phone.page.mouse.wheel(0, 3000)  # down to the months and the outages
    phone.screenshot("bills-months-outages-phone-390x844")
    phone.goto("/bills", wait_for="Nhà bà nội")
    follow(phone, "PC123")
    phone.wait_for_text(BAD_CODE)
    phone.screenshot("bills-wrong-code-phone-390x844")

    desktop = new_page(
        browser,
        web_app,
        "bills-desktop",
        viewport=dict(zip(("width", "height"), DESKTOP, strict=True)),
    )
    sign_in_at(desktop, bill_path, CITIZEN)
    desktop.wait_for_text(current_period())
    desktop.screenshot("bills-bill-desktop-1280x800")
    desktop.goto("/bills", wait_for="Nhà bà nội")
    follow(desktop, "PC123")
    desktop.wait_for_text(BAD_CODE)
    desktop.screenshot("bills-wrong-code-desktop-1280x800")
    assert_still_running(desktop)
