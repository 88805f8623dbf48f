"""At a ward office's kiosk (1280x800) an officer files a temporary residence registration for
a visitor: the visitor's name and phone, the form, the document; the slip shows the dossier
code and the QR of its public tracking page; following it by code shows nothing of the visitor;
"Xong" leaves an empty screen for the next visitor; when the ward asks for more, the officer
reads that the due day waits for the visitor to bring papers to the office, and attaches them
on the dossier's screen (issue #14)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import app_server_with, backend_url
from tests.e2e.conftest import (  # noqa: F401  (fixtures)
    DESKTOP,
    browser,
    browser_available,
    playwright_driver,
)
from tests.e2e.incidents_steps import (
    assert_still_running,
    create_officer,
    new_page,
    pick_file,
    sign_in_at,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

RESIDENCE = "1.004194.000.00.00.H57"
OFFICER = "0905 123 743"
PUBLIC = "https://hue-s.hue.gov.vn"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def web_app(
    browser_available: None,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[harness.ServerProcess]:
    """The app, knowing the public address its QR codes point to."""
    data = tmp_path_factory.mktemp("hue-s-services-assisted")
    server = app_server_with(data, env={"HUE_S_PUBLIC_URL": PUBLIC}, name="services-assisted")
    yield from harness.serving(server)


def test_an_officer_files_for_a_visitor_and_hands_over_a_slip(
    browser: Browser,  # noqa: F811
    web_app: harness.ServerProcess,
    tmp_path: Path,
) -> None:
    create_officer(web_app, OFFICER)
    kiosk = new_page(
        browser, web_app, "services-kiosk", viewport={"width": DESKTOP[0], "height": DESKTOP[1]}
    )
    sign_in_at(kiosk, f"/services/procedures/{RESIDENCE}", OFFICER)
    kiosk.wait_for_text("Thành phần hồ sơ")
    kiosk.click_button("Nộp thay cho người dân")
    kiosk.wait_for_text("Người dân")
    kiosk.type_into("Họ tên người dân", "Lê Thị Bích")
    kiosk.type_into("Số di động của người dân (không bắt buộc)", "0905 123 456")
    kiosk.type_into("Địa chỉ chỗ ở", "12 Lê Lợi, phường Phú Xuân")
    kiosk.type_into("Từ ngày", "01/12/2026")
    document = tmp_path / "giay-to-cho-o.pdf"
    document.write_bytes(PDF)
    button = next(t for t in kiosk.buttons() if t.startswith("Đính kèm giấy tờ"))
    pick_file(kiosk, button, document)
    kiosk.wait_until(
        lambda: any(t.startswith("Đã đính kèm: giay-to-cho-o.pdf") for t in kiosk.texts()),
        "the attached document",
    )
    kiosk.screenshot("services-assisted-form-1280x800")
    kiosk.click_button("Nộp hộ người dân")
    kiosk.wait_for_text("Phiếu tiếp nhận hồ sơ")
    kiosk.wait_until(lambda: any(t.startswith("19753-") for t in kiosk.texts()), "the code")
    code = next(t for t in kiosk.texts() if t.startswith("19753-"))
    kiosk.wait_for_text(f"{PUBLIC}/services/track/{code}")
    assert "Quét mã để theo dõi hồ sơ." in kiosk.texts()
    assert not any("905123456" in t or "0905 123 456" in t for t in kiosk.texts())
    kiosk.screenshot("services-assisted-slip-1280x800")
    assert_still_running(kiosk)

    tracked = httpx.get(f"{backend_url(web_app)}/api/v1/services/track/{code}")
    assert tracked.json()["status"] == "submitted"
    assert "Bích" not in tracked.text and "905123456" not in tracked.text

    kiosk.click_button("Xong: người tiếp theo")
    kiosk.wait_until(lambda: "Phiếu tiếp nhận hồ sơ" not in kiosk.texts(), "the slip gone")
    kiosk.wait_until(lambda: kiosk.has_field("Họ tên người dân"), "an empty form")
    assert "Lê Thị Bích" not in " ".join(kiosk.texts())
    assert not any(t.startswith("Đã đính kèm") for t in kiosk.texts())
    kiosk.screenshot("services-assisted-next-visitor-1280x800")

    kiosk.goto(f"/services/dossiers/{code}", wait_for="Tiếp nhận")
    kiosk.click_button("Tiếp nhận")
    kiosk.wait_for_text("Trạng thái: Đã tiếp nhận, đang xử lý")
    kiosk.type_into("Ghi chú cho người dân (thiếu gì, lý do)", "Cần bản rõ nét hơn")
    kiosk.click_button("Yêu cầu bổ sung")
    kiosk.wait_for_text("Bổ sung giấy tờ thay người dân")
    kiosk.wait_for_text(  # the officer's words: the visitor brings the papers to the office
        "Ngày hẹn trả: tạm dừng cho đến khi người dân bổ sung giấy tờ tại trụ sở"
    )
    pick_file(kiosk, "Đính kèm giấy tờ 1 (ảnh hoặc PDF)", document)
    kiosk.wait_until(
        lambda: any(t.startswith("Đã đính kèm: giay-to-cho-o.pdf") for t in kiosk.texts()),
        "the papers the visitor brought back",
    )
    kiosk.screenshot("services-assisted-supplement-1280x800")
    kiosk.click_button("Gửi giấy tờ bổ sung")
    kiosk.wait_for_text("Đã bổ sung giấy tờ")
    kiosk.wait_for_text("Trạng thái: Đã tiếp nhận, đang xử lý")
    assert "Bổ sung giấy tờ thay người dân" not in kiosk.texts()
    tracked = httpx.get(f"{backend_url(web_app)}/api/v1/services/track/{code}")
    assert tracked.json()["status"] == "received"
