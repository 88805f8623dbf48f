"""A report's whole journey in Chromium, on the embedded backend.

A citizen (phone, GPS allowed) signs in, files a report with a photo and their location; an
officer of the right ward (a second browser context, desktop) accepts it and resolves it with an
after photo; the citizen sees it resolved and rates it. Each step leaves a screenshot.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import backend_url
from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, AppPage
from tests.e2e.incidents_steps import (
    POTHOLE,
    SNACK_BAR_MS,
    WARD,
    assert_bare_jpeg,
    assert_still_running,
    camera_photo,
    create_officer,
    new_page,
    open_preview,
    pick_file,
    point_in_ward,
    sign_in_at,
    started_app,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

POTHOLE_SIZE = "Kích thước ổ gà"
PLACE_AND_TIME_SENT = (
    "Nơi và lúc chụp các ảnh được gửi kèm, để đối chiếu với ảnh khắc phục của phường."
)
CHECKABLE = "Ảnh này cho biết nơi và lúc chụp: ảnh sẽ được đối chiếu với phản ánh."
TOO_FAR = (
    "Ảnh sau khắc phục được chụp quá xa nơi phản ánh. Hãy chụp tại nơi xảy ra sự việc rồi "
    "chọn ở đây."
)
PROOF_CHECKED = "Đã kiểm tra ảnh sau khắc phục: chụp tại nơi phản ánh, sau khi phản ánh"
CITIZEN_PHONE = "0905 123 601"
OFFICER_PHONE = "0905 123 602"
DESCRIPTION = "Ổ gà sâu giữa đường, xe máy dễ ngã"


@pytest.fixture
def web_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app of this journey."""
    yield from started_app(tmp_path_factory, "hue-s-incidents-journey")


def filed_report(backend: str) -> dict[str, Any]:
    """Return the public record of the citizen's report (the newest one)."""
    answer = httpx.get(f"{backend}/open311/v2/requests.json", params={"extensions": "true"})
    records = [r for r in answer.json() if r["description"] == DESCRIPTION]
    assert records, answer.text
    return dict(records[0])


def citizen_files_a_report(citizen: AppPage, photo: Path) -> None:
    """Sign in, fill the form with a photo and the GPS position, preview and send."""
    sign_in_at(citizen, "/incidents/new", CITIZEN_PHONE)
    citizen.wait_for_text("Loại sự việc")
    citizen.click_button("Loại sự việc: Chọn…")
    citizen.click_text(POTHOLE)
    citizen.wait_for_text(POTHOLE_SIZE)  # the category's own question
    citizen.click_text("Vừa")
    citizen.type_into("Sự việc là gì?", DESCRIPTION)
    pick_file(citizen, "Thêm ảnh", photo)
    citizen.wait_until(
        lambda: any(t.startswith("1/5 ảnh: gửi") for t in citizen.texts()), "the photo to be ready"
    )
    citizen.click_button("Dùng vị trí của tôi")
    citizen.wait_until(
        lambda: any(
            t.startswith("Vị trí:") and "theo vị trí của bạn" in t for t in citizen.texts()
        ),
        "the GPS position",
    )
    citizen.screenshot("incidents-1-form-filled-phone-390x844")
    citizen.page.mouse.wheel(0, -400)
    citizen.screenshot("incidents-1b-form-category-question-phone-390x844")
    open_preview(citizen)
    citizen.wait_for_text("Không có phản ánh tương tự đang mở trong vòng 50 m.")
    assert POTHOLE_SIZE in citizen.texts() and "Vừa" in citizen.texts()
    citizen.wait_for_text(PLACE_AND_TIME_SENT)
    citizen.screenshot("incidents-2-preview-phone-390x844")
    citizen.click_button("Gửi phản ánh")
    citizen.wait_until(lambda: citizen.path == "/incidents", "the reports screen")
    citizen.wait_until(
        lambda: (
            "Phản ánh của tôi" in citizen.texts()
            and "Đang chờ gửi" not in citizen.texts()
            and "Đã tiếp nhận" in citizen.texts()
        ),
        "the report to be sent and listed as received",
    )
    citizen.screenshot("incidents-3-my-reports-phone-390x844")


def officer_resolves(
    officer: AppPage, case_id: str, after_photo: Path, photo_elsewhere: Path
) -> None:
    """Sign in as the ward's officer, accept the case, resolve it with an after photo.

    A photo taken elsewhere is refused, in the dialog, with all else kept; the photo taken at
    the place after the report resolves the case, and the timeline says it was checked.
    """
    sign_in_at(officer, "/officer", OFFICER_PHONE)
    title = f"Vụ việc {case_id}: {POTHOLE}"
    officer.wait_for_text(title)
    officer.wait_for_text("Vụ việc của Phường Phú Xuân")
    officer.screenshot("incidents-4-officer-inbox-desktop-1280x800")
    officer.click_text(title)
    officer.wait_for_text("Nhận xử lý")
    officer.wait_for_text("Ảnh phản ánh")
    officer.click_button("Nhận xử lý")
    officer.wait_for_text("Phường, xã đã nhận xử lý")
    officer.click_button("Giải quyết")
    officer.wait_for_text("Cần có ảnh sau khi khắc phục.")
    officer.type_into("Đã làm gì (không bắt buộc)", "Đã vá ổ gà")
    pick_file(officer, "Chọn ảnh sau khi khắc phục", photo_elsewhere)
    officer.wait_for_text(CHECKABLE)
    officer.click_button("Giải quyết")  # the dialog's, the last one
    officer.wait_for_text(TOO_FAR)
    officer.screenshot("incidents-5a-officer-photo-too-far-desktop-1280x800")
    pick_file(officer, "Chọn ảnh sau khi khắc phục", after_photo)
    officer.wait_for_text("Ảnh sau khi khắc phục")
    officer.screenshot("incidents-5-officer-resolve-dialog-desktop-1280x800")
    officer.click_button("Giải quyết")
    officer.wait_for_text("Đã giải quyết")
    officer.wait_until(
        lambda: any(t.endswith(PROOF_CHECKED) for t in officer.texts()), "the proof checked"
    )
    officer.wait_until(lambda: "Nhận xử lý" not in officer.buttons(), "the actions to be gone")
    officer.page.wait_for_timeout(SNACK_BAR_MS)  # the messages close: nothing may break then
    assert_still_running(officer)
    officer.screenshot("incidents-6-officer-case-resolved-desktop-1280x800")


def citizen_rates(citizen: AppPage, case_id: str) -> None:
    """Open the resolved report and rate it 5 stars with a comment."""
    citizen.goto(f"/incidents/{case_id}")
    citizen.wait_for_text("Đã giải quyết", timeout=FIRST_SCREEN_TIMEOUT)
    citizen.wait_for_text("Ảnh sau khi khắc phục")
    citizen.screenshot("incidents-7-citizen-sees-resolved-phone-390x844")
    citizen.click_text("5 trên 5 sao")
    citizen.type_into("Nhận xét về cách xử lý (không bắt buộc)", "Xử lý nhanh, cảm ơn!")
    # The send button sits below the comment, at the phone's bottom bar: bring it up first,
    # or the click can land on the bar (it did once in a full run).
    citizen.page.mouse.move(PHONE[0] / 2, PHONE[1] / 2)
    citizen.page.mouse.wheel(0, 400)
    citizen.page.wait_for_timeout(500)
    citizen.click_button("Gửi đánh giá")
    citizen.wait_for_text("Đánh giá của bạn: 5 trên 5 sao")
    citizen.screenshot("incidents-8-citizen-rated-phone-390x844")
    citizen.page.wait_for_timeout(SNACK_BAR_MS)
    assert_still_running(citizen)


def test_a_report_goes_from_citizen_to_officer_and_is_rated(
    browser: Browser, web_app: harness.ServerProcess, tmp_path: Path
) -> None:
    backend = backend_url(web_app)
    point = point_in_ward(backend)
    photo = camera_photo(tmp_path / "pothole.jpg", point, (90, 60, 40))
    after_photo = camera_photo(tmp_path / "fixed.jpg", point, (60, 60, 60), "2026:11:26 16:45:00")
    elsewhere = (point[0] + 0.01, point[1])  # ~1.1 km away
    photo_elsewhere = camera_photo(
        tmp_path / "elsewhere.jpg", elsewhere, (30, 90, 30), "2026:11:26 16:40:00"
    )
    create_officer(web_app, OFFICER_PHONE)
    gps = {"latitude": point[0], "longitude": point[1], "accuracy": 8}
    phone_size = {"width": PHONE[0], "height": PHONE[1]}
    citizen = new_page(
        browser,
        web_app,
        "incidents-citizen",
        viewport=phone_size,
        geolocation=gps,
        permissions=["geolocation"],
    )
    officer = new_page(
        browser, web_app, "incidents-officer", viewport={"width": DESKTOP[0], "height": DESKTOP[1]}
    )
    try:
        citizen_files_a_report(citizen, photo)
        record = filed_report(backend)
        assert record["extended_attributes"]["ward"]["code"] == WARD
        assert abs(record["lat"] - point[0]) < 1e-5 and abs(record["long"] - point[1]) < 1e-5
        uploaded = httpx.get(record["media_url"]).content
        assert_bare_jpeg(uploaded, longest=1600)
        case_id = record["service_request_id"]

        officer_resolves(officer, case_id, after_photo, photo_elsewhere)
        timeline = httpx.get(
            f"{backend}/open311/v2/requests/{case_id}.json", params={"extensions": "true"}
        ).json()[0]["extended_attributes"]["timeline"]
        assert [e["action"] for e in timeline][-2:] == ["resolved", "proof_checked"]
        citizen_rates(citizen, case_id)
    finally:
        for page in (citizen, officer):
            page.page.context.close()
