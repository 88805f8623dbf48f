"""Reports that wait on the device, and "me too", in Chromium on the embedded backend.

A guest files a report: it waits on the phone for a sign-in, is changed there, and once the
guest signs in it is sent, once. A second citizen at the same place starts the same report; the
preview offers the open one close by, and "me too" joins it instead of filing a duplicate.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import backend_url
from tests.e2e.conftest import DESKTOP
from tests.e2e.incidents_steps import (
    assert_still_running,
    fill_report,
    open_preview,
    phone_with_gps,
    point_in_ward,
    sign_in_at,
    sign_in_here,
    started_app,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

STREET_LIGHT = "Đèn đường hư hỏng"
DESCRIPTION = "Đèn đường tắt cả tuần nay"
ADDED = ", đoạn trước trường học"
GUEST_PHONE = "0905 123 611"
NEIGHBOUR_PHONE = "0905 123 612"


@pytest.fixture
def web_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app of these journeys."""
    yield from started_app(tmp_path_factory, "hue-s-incidents-outbox")


def street_light_reports(backend: str) -> list[dict[str, object]]:
    """Return the public street-light reports."""
    answer = httpx.get(
        f"{backend}/open311/v2/requests.json", params={"service_code": "street_lighting"}
    )
    return list(answer.json())


def test_a_waiting_report_is_changed_sent_once_and_joined(
    browser: Browser, web_app: harness.ServerProcess
) -> None:
    backend = backend_url(web_app)
    point = point_in_ward(backend)
    guest = phone_with_gps(browser, web_app, "incidents-guest", point)
    neighbour = phone_with_gps(browser, web_app, "incidents-neighbour", point)
    try:
        guest.goto("/incidents/new")
        fill_report(guest, STREET_LIGHT, DESCRIPTION)
        open_preview(guest)
        guest.wait_for_text(
            "Bạn chưa đăng nhập: phản ánh được giữ trên thiết bị này cho đến khi bạn đăng nhập."
        )
        guest.click_button("Gửi phản ánh")
        guest.wait_for_text("Đang chờ bạn đăng nhập.")
        guest.screenshot("incidents-outbox-1-waiting-for-sign-in-phone-390x844")

        guest.click_button("Sửa")
        guest.wait_until(lambda: guest.path.startswith("/incidents/outbox/"), "the change form")
        guest.wait_for_text("Sửa phản ánh rồi lưu lại. Phản ánh chưa được gửi.")
        guest.page.get_by_role("textbox", name="Sự việc là gì?").first.click(force=True)
        guest.page.keyboard.press("End")
        guest.page.keyboard.type(ADDED, delay=20)
        open_preview(guest)
        guest.wait_for_text(DESCRIPTION + ADDED)
        guest.click_button("Lưu thay đổi")
        guest.wait_until(lambda: guest.path == "/incidents", "the reports screen")
        guest.wait_for_text(DESCRIPTION + ADDED)
        assert street_light_reports(backend) == []  # nothing leaves before the sign-in

        guest.click_button("Đăng nhập để gửi")
        guest.wait_until(lambda: guest.path == "/sign-in", "the sign-in screen")
        sign_in_here(guest, "/incidents", GUEST_PHONE)
        guest.wait_until(
            lambda: "Đang chờ gửi" not in guest.texts() and "Đã tiếp nhận" in guest.texts(),
            "the waiting report to be sent and listed",
            timeout=45,
        )
        guest.screenshot("incidents-outbox-2-sent-after-sign-in-phone-390x844")
        sent = street_light_reports(backend)
        assert [r["description"] for r in sent] == [DESCRIPTION + ADDED], sent

        sign_in_at(neighbour, "/incidents/new", NEIGHBOUR_PHONE)
        fill_report(neighbour, STREET_LIGHT, "Đèn không sáng")
        open_preview(neighbour)
        neighbour.wait_for_text(
            "Đã có người phản ánh ở gần? Hãy tham gia phản ánh đó thay vì gửi trùng."
        )
        neighbour.wait_for_text(DESCRIPTION + ADDED)
        neighbour.screenshot("incidents-outbox-3-similar-report-offered-phone-390x844")
        neighbour.click_button("Tôi cũng gặp")
        neighbour.wait_until(lambda: neighbour.path == "/incidents", "the reports screen")
        neighbour.wait_until(lambda: "Đang chờ gửi" not in neighbour.texts(), "the me-too sent")
        neighbour.screenshot("incidents-outbox-4-me-too-sent-phone-390x844")
        nearby = httpx.get(
            f"{backend}/api/v1/incidents/nearby",
            params={"lat": point[0], "lon": point[1], "service_code": "street_lighting"},
        ).json()
        assert [n["followers"] for n in nearby] == [1]
        assert len(street_light_reports(backend)) == 1  # joined, not filed again

        neighbour.click_button("Phản ánh quanh tôi")
        neighbour.wait_for_text("Quanh trung tâm thành phố")
        neighbour.click_button("Quanh tôi")
        neighbour.wait_for_text("Quanh bạn")
        neighbour.wait_for_text(STREET_LIGHT)
        neighbour.screenshot("incidents-outbox-5-reports-near-me-phone-390x844")
        for page in (guest, neighbour):
            assert_still_running(page)
    finally:
        for page in (guest, neighbour):
            page.page.context.close()
    passer_by_sees_it_on_a_desktop(browser, web_app, point)


def passer_by_sees_it_on_a_desktop(
    browser: Browser, server: harness.ServerProcess, point: tuple[float, float]
) -> None:
    """A guest on a desktop: the public list near them, the public report, the form's pin."""
    visitor = phone_with_gps(browser, server, "incidents-desktop", point, size=DESKTOP)
    try:
        visitor.goto("/incidents/nearby", wait_for="Quanh trung tâm thành phố")
        visitor.click_button("Quanh tôi")
        visitor.wait_for_text("Quanh bạn")
        visitor.screenshot("incidents-outbox-6-reports-near-me-desktop-1280x800")
        visitor.click_text(STREET_LIGHT)
        visitor.wait_for_text(DESCRIPTION + ADDED)
        visitor.wait_until(lambda: visitor.path.startswith("/incidents/"), "the public report")
        visitor.screenshot("incidents-outbox-7-public-report-desktop-1280x800")
        visitor.goto("/incidents/new")
        fill_report(visitor, STREET_LIGHT, "Đèn chập chờn")
        visitor.screenshot("incidents-outbox-8-form-with-pin-desktop-1280x800")
        assert_still_running(visitor)
    finally:
        visitor.page.context.close()
