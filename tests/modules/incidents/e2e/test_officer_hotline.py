"""The officer's hotline log in Chromium: log a 19001075 call, make a case of it, count the day."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.e2e import harness
from tests.e2e.conftest import PHONE
from tests.e2e.incidents_steps import (
    assert_still_running,
    create_officer,
    desktop,
    new_page,
    sign_in_at,
    started_app,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

OFFICER_PHONE = "0905 123 621"
CALLER = "0905 111 222"
SUMMARY = "Cây đổ chắn ngang đường Lê Lợi"
FALLEN_TREE = "Cây xanh gãy đổ, nguy hiểm"


@pytest.fixture
def web_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app of this journey."""
    yield from started_app(tmp_path_factory, "hue-s-officer-hotline")


def test_an_officer_logs_a_call_makes_a_case_and_counts_the_day(
    browser: Browser, web_app: harness.ServerProcess
) -> None:
    create_officer(web_app, OFFICER_PHONE, name="Trần Văn Minh")
    officer = desktop(browser, web_app, "officer-hotline")
    try:
        sign_in_at(officer, "/officer", OFFICER_PHONE)
        officer.wait_for_text("Không có vụ việc nào đang mở. Tốt lắm!")
        officer.screenshot("officer-1-empty-inbox-desktop-1280x800")
        officer.click_button("Sổ đường dây nóng 19001075")
        officer.wait_for_text("Hôm nay chưa có cuộc gọi nào.")
        officer.type_into("Số điện thoại", CALLER)
        officer.type_into("Nội dung cuộc gọi", SUMMARY)
        officer.click_button("Lưu cuộc gọi")
        officer.wait_for_text("Tạo vụ việc")
        officer.screenshot("officer-2-call-logged-desktop-1280x800")

        officer.click_button("Tạo vụ việc")
        officer.wait_for_text("Tạo vụ việc từ cuộc gọi này")
        officer.click_button("Loại sự việc: Chọn…")
        officer.click_text(FALLEN_TREE)
        officer.type_into("Ở đâu (tên đường, địa điểm)", "Đường Lê Lợi, trước số 20")
        officer.click_button("Tạo vụ việc")  # the dialog's, the last one
        officer.wait_until(lambda: officer.path.startswith("/officer/cases/"), "the new case")
        case_id = officer.path.rsplit("/", 1)[-1]
        officer.wait_for_text(f"Vụ việc {case_id}: {FALLEN_TREE}")
        officer.wait_for_text(SUMMARY)
        officer.screenshot("officer-3-case-from-call-desktop-1280x800")

        officer.goto("/officer/hotline")
        officer.wait_for_text(f"Vụ việc {case_id}", timeout=60)
        officer.wait_for_text("Số cuộc gọi theo ngày")
        officer.screenshot("officer-4-hotline-log-and-daily-counts-desktop-1280x800")
        assert_still_running(officer)
    finally:
        officer.page.context.close()

    phone = new_page(
        browser, web_app, "officer-phone", viewport={"width": PHONE[0], "height": PHONE[1]}
    )
    try:
        sign_in_at(phone, "/officer", OFFICER_PHONE)
        phone.wait_for_text(f"Vụ việc {case_id}: {FALLEN_TREE}")
        phone.screenshot("officer-5-inbox-phone-390x844")
        phone.goto("/officer/hotline")
        phone.wait_for_text(SUMMARY, timeout=60)
        phone.screenshot("officer-6-hotline-phone-390x844")
        assert_still_running(phone)
    finally:
        phone.page.context.close()
