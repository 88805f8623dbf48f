"""After a report is sent, in Chromium on the embedded backend: who hears what, and when.

A citizen with a name on their account files a report: the preview says the ward sees that
name and their phone, and the ward's officer reads both, with a button that calls. When the
officer accepts the case, the citizen is told within seconds (the case stream), not at the next
minute's check. A neighbour at the same place says "me too": the report is then listed under
"Reports I follow", and the neighbour is told when it moves. The citizen, away meanwhile, is
told what changed since the last visit as soon as they sign in again.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import backend_url
from tests.e2e.conftest import AppPage
from tests.e2e.incidents_steps import (
    create_officer,
    fill_report,
    new_page,
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
DESCRIPTION = "Đèn đường trước chợ tắt ba đêm liền"
CITIZEN_NAME = "Trần Thị Lan"
CITIZEN_PHONE, SHOWN_PHONE = "0905 123 621", "0905 123 621"
NEIGHBOUR_PHONE = "0905 123 622"
OFFICER_PHONE = "0905 123 623"
PROMISE = (
    f"Cán bộ phường, xã sẽ thấy tên của bạn, {CITIZEN_NAME}, và số điện thoại của bạn, "
    "để gọi lại cho bạn."
)
ACCEPT = ("Nhận xử lý", "Tiếp nhận")  # the officer's button (renamed away from the status)
NEWS_WITHIN = 10.0
"""Seconds within which news must arrive: the old once-a-minute check rarely made it."""


@pytest.fixture
def web_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app of this journey."""
    yield from started_app(tmp_path_factory, "hue-s-report-updates")


def create_citizen(server: harness.ServerProcess, phone: str, name: str) -> None:
    """Create a citizen's account with a display name, as "My account" would set it."""
    command = [sys.executable, "-m", "hue_s", "backend", "create-user", "--phone", phone]
    command += ["--role", "citizen", "--name", name]
    subprocess.run(command, env=server.env, check=True, capture_output=True, timeout=60)


def newest_street_light(backend: str) -> str:
    """Return the id of the street-light report just filed."""
    answer = httpx.get(f"{backend}/open311/v2/requests.json", params={"extensions": "true"})
    ids = [r["service_request_id"] for r in answer.json() if r["description"] == DESCRIPTION]
    assert ids, answer.text
    return str(ids[0])


def hears(page: AppPage, news: str, shot: str) -> float:
    """Wait for a line of news (the snack bar) and return how many seconds it took."""
    started = time.monotonic()
    page.wait_until(lambda: news in page.texts(), f"the news {news!r}", timeout=NEWS_WITHIN)
    took = time.monotonic() - started
    page.screenshot(shot, settle=1.0)
    return took


def officer_acts(officer: AppPage, buttons: tuple[str, ...], status: str) -> None:
    """Press one of the case's actions (named one of `buttons`) and wait for the new status."""
    officer.wait_until(
        lambda: any(harness.click_labelled(officer.page, name) for name in buttons),
        f"a button named one of {buttons}",
    )
    officer.wait_for_text(status)


def test_the_ward_calls_back_and_everyone_hears_when_the_report_moves(
    browser: Browser, web_app: harness.ServerProcess
) -> None:
    backend = backend_url(web_app)
    point = point_in_ward(backend)
    create_citizen(web_app, CITIZEN_PHONE, CITIZEN_NAME)
    create_officer(web_app, OFFICER_PHONE)
    citizen = phone_with_gps(browser, web_app, "updates-citizen", point)
    neighbour = phone_with_gps(browser, web_app, "updates-neighbour", point)
    officer = new_page(browser, web_app, "updates-officer", viewport={"width": 390, "height": 844})
    try:
        sign_in_at(citizen, "/incidents/new", CITIZEN_PHONE)
        fill_report(citizen, STREET_LIGHT, DESCRIPTION)
        open_preview(citizen)
        citizen.wait_for_text(PROMISE)
        citizen.screenshot("updates-1-preview-promises-name-and-phone-phone-390x844")
        citizen.click_button("Gửi phản ánh")
        citizen.wait_until(lambda: citizen.path == "/incidents", "the reports screen")
        citizen.wait_until(
            lambda: "Đang chờ gửi" not in citizen.texts() and "Đã tiếp nhận" in citizen.texts(),
            "the report sent and listed",
            timeout=45,
        )
        case_id = newest_street_light(backend)

        sign_in_at(officer, "/officer", OFFICER_PHONE)
        officer.click_text(f"Vụ việc {case_id}: {STREET_LIGHT}")
        officer.wait_for_text(f"Người phản ánh: {CITIZEN_NAME}")
        officer.wait_for_text(f"Điện thoại: {SHOWN_PHONE}")
        assert officer.has_button(f"Gọi người phản ánh: {SHOWN_PHONE}"), officer.buttons()
        officer.screenshot("updates-2-officer-sees-name-phone-and-call-phone-390x844")

        officer_acts(officer, ACCEPT, "Phường, xã đã nhận xử lý")
        accepted = f"Phản ánh {case_id} ({STREET_LIGHT}) của bạn hiện: Phường, xã đã nhận xử lý"
        took = hears(citizen, accepted, "updates-3-citizen-told-at-once-phone-390x844")
        print(f"\nthe citizen heard of the acceptance {took:.1f} s after it was pressed")

        sign_in_at(neighbour, "/incidents/new", NEIGHBOUR_PHONE)
        fill_report(neighbour, STREET_LIGHT, "Đèn không sáng")
        open_preview(neighbour)
        neighbour.wait_for_text(DESCRIPTION)
        neighbour.click_button("Tôi cũng gặp")
        neighbour.wait_until(lambda: neighbour.path == "/incidents", "the reports screen")
        neighbour.wait_until(lambda: "Đang chờ gửi" not in neighbour.texts(), "the me-too sent")
        neighbour.goto("/incidents", wait_for="Phản ánh tôi theo dõi")
        neighbour.wait_until(
            lambda: any(line.endswith(f" · {DESCRIPTION}") for line in neighbour.texts()),
            "the followed report listed",
        )
        neighbour.screenshot("updates-4-reports-i-follow-phone-390x844")

        citizen.page.close()  # the citizen leaves; the case moves while they are away
        officer_acts(officer, ("Bắt đầu xử lý",), "Đang xử lý")
        started = f"Phản ánh bạn theo dõi, số {case_id} ({STREET_LIGHT}), hiện: Đang xử lý"
        took = hears(neighbour, started, "updates-5-follower-told-phone-390x844")
        print(f"the follower heard of the start {took:.1f} s after it was pressed")

        back = AppPage(citizen.page.context.new_page(), web_app, "updates-citizen-back")
        back.goto("/sign-in?next=/incidents")  # same device: the statuses it saw are kept
        sign_in_here(back, "/incidents", CITIZEN_PHONE)
        since = f"Phản ánh {case_id} ({STREET_LIGHT}) của bạn hiện: Đang xử lý"
        took = hears(back, since, "updates-6-citizen-told-since-last-visit-phone-390x844")
        print(f"the citizen, back, heard what changed {took:.1f} s after signing in")
    finally:
        for page in (citizen, neighbour, officer):
            page.page.context.close()
