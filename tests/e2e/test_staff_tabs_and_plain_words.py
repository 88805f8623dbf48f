"""An officer on their own browser, a guest about to report, and search, in Chromium at 390x844.

The officer ticks "stay signed in on this browser": a second tab opens the workspace without a
new SMS code. A transfer of a case to another ward ends on the inbox with a line saying where
it went (it used to land on "not found": the case had left the ward). A guest opening the
report form reads, before typing, that a report is sent only from a checked phone and what
the ward sees, with a way to sign in first. Search finds "ổ gà" inside incidents (its category
opens the form) and "khai sinh" inside public services (the procedure's page), and says honestly
when nothing matches.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

from . import harness
from .accounts_steps import (
    CODE_FIELD,
    MY_ACCOUNT,
    PHONE_FIELD,
    SEARCH,
    SEND_CODE,
    SIGN_IN,
    SMS_LINE,
    backend_url,
    full_output,
    texted_code,
)
from .conftest import FIRST_SCREEN_TIMEOUT, STEP_TIMEOUT, AppPage
from .incidents_steps import POTHOLE, WARD, create_officer, new_page, point_in_ward, started_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PHONE_SIZE = {"width": 390, "height": 844}
OFFICER_PHONE = "0905 123 701"
CITIZEN_PHONE = "0905 123 702"
DESCRIPTION = "Ổ gà sâu giữa đường, xe máy dễ ngã"
STAY = "Duy trì đăng nhập trên trình duyệt này"
NOT_FOUND = "Không tìm thấy nội dung"
SENDER_NOTICE = "Để gửi phản ánh, bạn đăng nhập bằng số điện thoại di động"


@pytest.fixture(scope="module")
def web_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app of these journeys."""
    yield from started_app(tmp_path_factory, "hue-s-staff-tabs")


def file_pothole(server: harness.ServerProcess) -> tuple[int, str]:
    """File a pothole in the officer's ward as a signed-in citizen; return its id and another
    ward's name."""
    backend = backend_url(server)
    lat, lon = point_in_ward(backend)
    with httpx.Client(base_url=backend, timeout=30) as api:
        codes_before = len(SMS_LINE.findall(full_output(server)))
        api.post("/api/v1/auth/otp", json={"phone": CITIZEN_PHONE}).raise_for_status()
        code = texted_code(server, after=codes_before)
        grant = api.post("/api/v1/auth/token", json={"phone": CITIZEN_PHONE, "code": code})
        grant.raise_for_status()
        headers = {
            "Authorization": f"Bearer {grant.json()['access_token']}",
            "Idempotency-Key": str(uuid.uuid4()),
        }
        fields = {"service_code": "road_pothole", "description": DESCRIPTION}
        fields |= {"lat": str(lat), "long": str(lon)}
        answer = api.post("/open311/v2/requests.json", data=fields, headers=headers)
        assert answer.status_code in (200, 201), answer.text
        case_id = int(answer.json()[0]["service_request_id"])
        wards = api.get("/api/v1/wards").json()
    other = next(w for w in wards if w["code"] != WARD)
    return case_id, str(other.get("full_name") or other["name"])


def sign_in_staying(page: AppPage, next_path: str, phone: str) -> None:
    """Sign in with the texted code, having ticked "stay signed in on this browser"."""
    page.goto(f"/sign-in?next={next_path}")
    field = page.page.get_by_role("textbox", name=PHONE_FIELD)
    page.wait_until(lambda: field.count() > 0, "the phone field", timeout=FIRST_SCREEN_TIMEOUT)
    page.wait_for_text(STAY)
    page.wait_until(
        lambda: harness.click_labelled(page.page, STAY, roles=("checkbox",)),
        "the stay-signed-in box to tick",
    )
    page.wait_until(
        lambda: page.page.get_by_role("checkbox", name=STAY).is_checked(), "the box ticked"
    )
    page.screenshot("staff-1-sign-in-stay-on-this-browser-phone-390x844")
    codes_before = len(SMS_LINE.findall(full_output(page.server)))
    page.type_into(PHONE_FIELD, phone)
    page.click_button(SEND_CODE)
    page.type_into(CODE_FIELD, texted_code(page.server, after=codes_before))
    page.click_button(SIGN_IN)
    page.wait_until(lambda: MY_ACCOUNT in page.texts(), "the account button after signing in")
    page.wait_until(lambda: page.path == next_path, f"the way back to {next_path}")


def test_an_officer_stays_signed_in_in_new_tabs_and_a_transfer_ends_on_the_inbox(
    browser: Browser, web_app: harness.ServerProcess
) -> None:
    create_officer(web_app, OFFICER_PHONE)
    case_id, other_ward = file_pothole(web_app)
    officer = new_page(browser, web_app, "staff-officer", viewport=PHONE_SIZE)
    try:
        sign_in_staying(officer, "/officer", OFFICER_PHONE)
        title = f"Vụ việc {case_id}: {POTHOLE}"

        second = AppPage(officer.page.context.new_page(), web_app, "staff-officer-tab-2")
        second.goto("/officer")
        second.wait_until(
            lambda: MY_ACCOUNT in second.texts(), "the new tab signed in", timeout=STEP_TIMEOUT
        )
        second.wait_for_text(title)
        assert SIGN_IN not in second.buttons(), second.texts()
        second.screenshot("staff-2-new-tab-already-signed-in-phone-390x844")
        assert not SMS_LINE.findall(full_output(web_app))[2:], "a code was texted for the tab"

        second.click_text(title)
        second.wait_for_text("Nhận xử lý")
        second.screenshot("staff-3-case-take-it-phone-390x844")
        second.click_button("Chuyển")
        second.wait_for_text("Chuyển cho phường, xã khác")
        second.click_button("Phường, xã nhận vụ việc: Chọn…")
        second.click_button(other_ward)
        second.type_into("Vì sao thuộc phường, xã đó?", "Đoạn đường này thuộc phường bên cạnh")
        second.click_button("Chuyển")
        handed = f"Vụ việc {case_id} đã được chuyển cho {other_ward}"
        second.wait_until(
            lambda: any(handed in line for line in second.texts()), "the line saying where"
        )
        second.wait_until(lambda: second.path == "/officer", "the inbox")
        assert NOT_FOUND not in second.texts(), second.texts()
        second.screenshot("staff-4-transferred-back-on-the-inbox-phone-390x844")
    finally:
        officer.page.context.close()


def test_a_guest_reads_what_sending_needs_before_typing_and_search_looks_inside(
    browser: Browser, web_app: harness.ServerProcess
) -> None:
    guest = new_page(browser, web_app, "staff-guest", viewport=PHONE_SIZE)
    try:
        guest.goto("/incidents/new")
        guest.wait_until(
            lambda: any(SENDER_NOTICE in line for line in guest.texts()),
            "the form saying a report needs a phone sign-in",
            timeout=FIRST_SCREEN_TIMEOUT,
        )
        assert guest.has_button("Đăng nhập trước"), guest.buttons()
        assert any("máy chủ Hue-S" in line for line in guest.texts())  # where the draft is
        guest.screenshot("guest-1-report-form-says-sign-in-first-phone-390x844")

        guest.goto("/", wait_for=SEARCH)
        guest.type_into(SEARCH, "ổ gà")
        guest.wait_for_text(POTHOLE)
        guest.screenshot("search-1-o-ga-finds-the-category-phone-390x844")
        guest.click_text(POTHOLE)
        guest.wait_until(lambda: guest.path == "/incidents/new/road_pothole", "the report form")
        guest.wait_until(lambda: guest.has_button(f"Loại sự việc: {POTHOLE}"), "the category")

        guest.goto("/", wait_for=SEARCH)
        guest.type_into(SEARCH, "khai sinh")
        guest.wait_for_text("Đăng ký khai sinh")
        guest.screenshot("search-2-khai-sinh-finds-the-procedure-phone-390x844")
        guest.click_text("Đăng ký khai sinh")
        guest.wait_until(lambda: guest.path.startswith("/services/procedures/"), "the procedure")

        guest.goto("/", wait_for=SEARCH)
        guest.type_into(SEARCH, "xyz không có")
        guest.wait_until(
            lambda: any("không có" in line and "19001075" in line for line in guest.texts()),
            "an honest answer with the hotline",
        )
        guest.screenshot("search-3-nothing-matches-phone-390x844")
    finally:
        guest.page.context.close()
