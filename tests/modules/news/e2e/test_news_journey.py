"""News in Chromium: an operator publishes from the app; a guest sees it unread, reads it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import sign_in_as_citizen
from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, AppPage
from tests.modules.alerts.e2e.alerts_steps import create_operator

pytestmark = pytest.mark.browser

OPERATOR_PHONE = "0905000071"
TITLE = "Cắt nước phường Phú Xuân ngày 6/12"
BODY = "Từ 8 giờ đến 16 giờ, do sửa đường ống."


def test_operator_publishes_and_a_guest_reads_it_once(
    open_app: Callable[..., AppPage], hue_app: harness.ServerProcess
) -> None:
    create_operator(hue_app, OPERATOR_PHONE)
    staff = open_app("/news/publish", size=DESKTOP, wait_for="Tin tức thành phố")
    staff.click_button("Đăng nhập")
    staff.wait_until(lambda: staff.path == "/sign-in", "the sign-in screen")
    sign_in_as_citizen(staff, OPERATOR_PHONE)
    staff.wait_until(lambda: staff.path == "/news/publish", "the way back to the form")
    staff.type_into("Tiêu đề", TITLE)
    staff.type_into("Nội dung thông báo", BODY)
    staff.screenshot("news-publish-1280x800")
    staff.click_button("Đăng")
    staff.wait_for_text(BODY)
    assert "Toàn thành phố" in " ".join(staff.texts())

    guest = open_app("/news", size=PHONE, wait_for="Tin tức thành phố")
    guest.wait_for_text(TITLE, timeout=FIRST_SCREEN_TIMEOUT)
    assert any(line.startswith("Chưa đọc · Thông báo · ") for line in guest.texts())
    guest.screenshot("news-list-390x844")
    guest.click_text(TITLE)
    guest.wait_for_text(BODY)
    guest.screenshot("news-detail-390x844")
    guest.click_app_bar_back()
    guest.wait_for_text(TITLE)
    guest.wait_until(
        lambda: not any(line.startswith("Chưa đọc") for line in guest.texts()),
        "the item no longer marked unread",
    )
    wide = open_app("/news", size=DESKTOP, wait_for="Tin tức thành phố")
    wide.wait_for_text(TITLE, timeout=FIRST_SCREEN_TIMEOUT)
    wide.screenshot("news-list-1280x800")
