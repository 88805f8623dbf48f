"""A citizen finds "đăng ký khai sinh" by typing "khai sinh" without diacritics, signs in,
leaves the form midway and finds it as left, fills the form (a question shown only once the
child is said to be born at a health facility, the parents as a group of two cards) with a
document attached, confirms, and gets the dossier code and its QR; the
ward officer receives it and asks for a clearer document, the citizen sees the request and
sends one, the officer approves with the signed result PDF, the citizen downloads it (and
someone following by code only reads that it is ready); screens shot at 390x844 and 1280x800."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from tests.e2e import harness
from tests.e2e.accounts_steps import backend_url
from tests.e2e.conftest import (  # noqa: F401  (fixtures)
    DESKTOP,
    FIRST_SCREEN_TIMEOUT,
    PHONE,
    AppPage,
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
    started_app,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

BIRTH = "1.001193.000.00.00.H57"
CITIZEN = "0905 123 741"
OFFICER = "0905 123 742"
ASKED = "Giấy chứng sinh bị mờ, xin chụp lại rõ nét"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
FATHER_LINE = "Cha hoặc mẹ 2: Là: Cha; Họ, chữ đệm và tên: Nguyễn Văn Bình; Năm sinh: 1994"
MARK_NTH_JS = """
([wanted, index]) => {
  document.querySelectorAll('[data-e2e-target]')
    .forEach((el) => el.removeAttribute('data-e2e-target'));
  const lines = (el) => {
    const own = Array.from(el.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE || (n.nodeType === Node.ELEMENT_NODE
        && !['FLT-SEMANTICS', 'INPUT', 'TEXTAREA'].includes(n.tagName)))
      .map((n) => n.textContent).join('');
    return (own + '\\n' + (el.getAttribute('aria-label') || '')).split('\\n').map((l) => l.trim());
  };
  const carries = (el) => wanted.every((line) => lines(el).includes(line));
  const hits = Array.from(document.querySelectorAll('flt-semantics'))
    .filter((el) => carries(el))
    .filter((el) => !Array.from(el.querySelectorAll('flt-semantics')).some(carries));
  if (hits.length <= index) return false;
  hits[index].setAttribute('data-e2e-target', '1');
  return true;
}
"""


def click_nth(app: AppPage, lines: list[str], index: int) -> None:
    """Click the `index`-th node carrying all these label lines (a card's radio: the question,
    then the answer), as click_text does for the last one."""

    from playwright.sync_api import Error as PlaywrightError

    def clicked() -> bool:
        if not app.page.evaluate(MARK_NTH_JS, [lines, index]):
            return False
        try:  # still scrolling into view, or redrawn meanwhile: not yet (as click_labelled)
            app.page.locator("[data-e2e-target]").click(force=True, timeout=5_000)
        except PlaywrightError:
            return False
        return True

    app.wait_until(clicked, f"node {index} labelled {lines}")


def type_into_nth(app: AppPage, label: str, index: int, text: str) -> None:
    """Type into the `index`-th text field labelled exactly `label` (the same question in
    each card of a group), waiting for the focus as type_into does."""
    field = app.page.get_by_role("textbox", name=label, exact=True).nth(index)
    app.wait_until(lambda: field.count() > 0, f"text field {index} labelled {label!r}")

    def holds() -> bool:
        field.click(force=True)
        if not field.evaluate("(el) => document.activeElement === el"):
            return False
        app.page.keyboard.press("Control+A")
        app.page.keyboard.press("Backspace")
        app.page.keyboard.type(text, delay=20)
        app.page.wait_for_timeout(300)
        return bool(field.input_value() == text)

    app.wait_until(holds, f"text field {index} {label!r} holding {text!r}")


def result_pdf(code: str) -> bytes:
    """Return a one-page result document naming the dossier, as an officer would scan it."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=16)
    pdf.cell(0, 10, f"QUYET DINH - HO SO {code}")
    return bytes(pdf.output())


@pytest.fixture
def web_app(
    browser_available: None,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[harness.ServerProcess]:
    """The app of this journey."""
    yield from started_app(tmp_path_factory, "hue-s-services")


def test_a_citizen_finds_files_and_gets_a_code(
    browser: Browser,  # noqa: F811
    web_app: harness.ServerProcess,
    tmp_path: Path,
) -> None:
    phone = new_page(
        browser, web_app, "services-phone", viewport={"width": PHONE[0], "height": PHONE[1]}
    )
    phone.goto("/services", wait_for="Theo sự kiện")
    phone.screenshot("services-home-phone")
    phone.type_into("Tìm thủ tục", "khai sinh")
    phone.wait_for_text("Đăng ký khai sinh")
    phone.screenshot("services-search-phone")
    phone.click_text("Đăng ký khai sinh")
    phone.wait_for_text("Thành phần hồ sơ")
    phone.screenshot("services-procedure-phone")
    phone.click_button("Nộp hồ sơ trực tuyến")
    phone.wait_for_text("Đăng nhập bằng số điện thoại để nộp hồ sơ trực tuyến và theo dõi hồ sơ.")
    sign_in_at(phone, f"/services/file/{BIRTH}", CITIZEN)

    phone.type_into("Phường, xã tiếp nhận hồ sơ", "phu xuan")
    phone.click_text("Phường Phú Xuân")
    phone.wait_for_text("Đã chọn: Phường Phú Xuân")
    phone.type_into("Họ, chữ đệm và tên của trẻ", "Nguyễn Minh An")
    phone.type_into("Ngày sinh", "20/11/2026")
    # Leave the form midway and come back: the device kept the draft.
    phone.goto("/services", wait_for="Theo sự kiện")
    phone.goto(f"/services/file/{BIRTH}", wait_for="Đã chọn: Phường Phú Xuân")
    phone.wait_until(  # the name's counter ("Còn lại 86 ký tự"): its 14 letters are back
        lambda: any(" 86 " in t for t in phone.texts()), "the kept name"
    )
    phone.screenshot("services-form-resumed-phone")
    phone.click_text("Nữ")
    assert not phone.has_field("Số Giấy chứng sinh")  # asked only at a health facility
    phone.click_text("Cơ sở y tế")
    phone.wait_until(lambda: phone.has_field("Số Giấy chứng sinh"), "the birth notice's number")
    phone.type_into("Số Giấy chứng sinh", "CS-0412/2026")
    assert "Giấy tờ thay Giấy chứng sinh" not in phone.texts()  # that is for births elsewhere
    phone.screenshot("services-form-born-at-a-facility-phone")
    phone.type_into("Nơi sinh (tên cơ sở y tế hoặc địa chỉ)", "Bệnh viện Trung ương Huế")
    click_nth(phone, ["Là", "Mẹ"], 0)
    type_into_nth(phone, "Họ, chữ đệm và tên", 0, "Trần Thị Hoa")
    type_into_nth(phone, "Năm sinh", 0, "1996")
    phone.click_button("Thêm người")
    phone.wait_for_text("Cha hoặc mẹ 2")
    click_nth(phone, ["Là", "Cha"], 1)
    type_into_nth(phone, "Họ, chữ đệm và tên", 1, "Nguyễn Văn Bình")
    type_into_nth(phone, "Năm sinh", 1, "1994")
    phone.screenshot("services-form-parents-phone")
    assert not phone.has_button("Thêm người")  # two parents at most
    phone.click_text("Mẹ")  # the last "Mẹ": the registrant's relationship to the child
    notice = tmp_path / "giay-chung-sinh.pdf"
    notice.write_bytes(PDF)
    pick_file(phone, "Đính kèm giấy tờ 1 (ảnh hoặc PDF)", notice)
    phone.wait_until(
        lambda: any(t.startswith("Đã đính kèm: giay-chung-sinh.pdf") for t in phone.texts()),
        "the attached birth notice",
    )
    phone.screenshot("services-form-phone")
    phone.click_button("Xem lại và gửi")
    phone.wait_for_text("Gửi hồ sơ này?")
    phone.wait_for_text(FATHER_LINE)
    phone.screenshot("services-confirm-phone")
    phone.click_button("Gửi")
    phone.wait_until(
        lambda: any(t.startswith("Mã hồ sơ: 19753-") for t in phone.texts()), "the dossier code"
    )
    phone.screenshot("services-receipt-phone")
    code = next(t for t in phone.texts() if t.startswith("Mã hồ sơ: ")).removeprefix("Mã hồ sơ: ")
    assert_still_running(phone)

    tracked = httpx.get(f"{backend_url(web_app)}/api/v1/services/track/{code}").json()
    assert tracked["status"] == "submitted" and tracked["procedure_code"] == BIRTH
    assert "Nguyễn Minh An" not in str(tracked)

    create_officer(web_app, OFFICER)
    desktop = new_page(
        browser, web_app, "services-desktop", viewport={"width": DESKTOP[0], "height": DESKTOP[1]}
    )
    sign_in_at(desktop, "/services/inbox", OFFICER)
    desktop.wait_for_text("Hồ sơ cần xử lý")
    desktop.screenshot("services-inbox-desktop")
    desktop.click_text("Đăng ký khai sinh")
    desktop.wait_for_text("Tiếp nhận")
    desktop.wait_for_text(FATHER_LINE)  # the ward reads each parent on a line
    assert "Số Giấy chứng sinh: CS-0412/2026" in desktop.texts()
    desktop.click_button("Tiếp nhận")
    desktop.wait_for_text("Trạng thái: Đã tiếp nhận, đang xử lý")
    desktop.type_into("Ghi chú cho người dân (thiếu gì, lý do)", ASKED)
    desktop.click_button("Yêu cầu bổ sung")
    desktop.wait_for_text("Trạng thái: Yêu cầu bổ sung hồ sơ")
    desktop.screenshot("services-officer-dossier-desktop")

    tracked = httpx.get(f"{backend_url(web_app)}/api/v1/services/track/{code}").json()
    assert tracked["status"] == "supplement_requested", tracked
    phone.goto("/services/dossiers", wait_for="Hồ sơ của tôi")
    phone.wait_for_text(f"{code} · Yêu cầu bổ sung hồ sơ")
    phone.screenshot("services-my-dossiers-phone")
    phone.click_text("Đăng ký khai sinh")
    phone.wait_for_text(ASKED)
    pick_file(phone, "Đính kèm giấy tờ 1 (ảnh hoặc PDF)", notice)
    phone.wait_until(
        lambda: any(t.startswith("Đã đính kèm: giay-chung-sinh.pdf") for t in phone.texts()),
        "the birth notice attached again",
    )
    phone.screenshot("services-supplement-phone")
    phone.click_button("Gửi giấy tờ bổ sung")
    phone.wait_for_text("Đã bổ sung giấy tờ")
    phone.wait_for_text("Trạng thái: Đã tiếp nhận, đang xử lý")

    desktop.goto("/services/inbox", wait_for="Hồ sơ cần xử lý")
    desktop.click_text("Đăng ký khai sinh")
    desktop.wait_for_text("Phê duyệt")
    signed = tmp_path / "ket-qua-da-ky.pdf"
    signed.write_bytes(result_pdf(code))
    pick_file(desktop, "Đính kèm giấy tờ 1 (ảnh hoặc PDF)", signed)
    desktop.wait_until(
        lambda: any(t.startswith("Đã đính kèm: ket-qua-da-ky.pdf") for t in desktop.texts()),
        "the attached result",
    )
    desktop.screenshot("services-approve-with-result-desktop")
    desktop.click_button("Phê duyệt")
    desktop.wait_for_text("Trạng thái: Đã phê duyệt: có kết quả")
    assert_still_running(desktop)

    phone.goto("/services/dossiers", wait_for="Hồ sơ của tôi")  # the dossier's page anew
    phone.click_text("Đăng ký khai sinh")
    phone.wait_for_text("Tải kết quả (PDF)")
    phone.screenshot("services-result-phone")
    with phone.page.expect_download(timeout=30_000) as downloading:
        phone.click_button("Tải kết quả (PDF)")
    saved = harness.ARTIFACTS_DIR / "e2e" / "services-result.pdf"
    downloading.value.save_as(saved)
    document = pdfium.PdfDocument(saved)
    try:
        assert f"QUYET DINH - HO SO {code}" in document[0].get_textpage().get_text_range()
    finally:
        document.close()

    desktop.goto(f"/services/procedures/{BIRTH}", wait_for="Thành phần hồ sơ")
    desktop.screenshot("services-procedure-desktop")
    desktop.goto("/services", wait_for="Theo sự kiện")
    desktop.screenshot("services-home-desktop")
    desktop.goto(f"/services/track/{code}", wait_for=f"Mã hồ sơ: {code}")
    desktop.screenshot("services-tracked-desktop")
    steps = ["Nộp trực tuyến", "Phường đã tiếp nhận", "Phường yêu cầu bổ sung hồ sơ"]
    assert all(step in desktop.texts() for step in steps), desktop.texts()
    assert any(t.startswith("Đã có kết quả.") for t in desktop.texts())
    assert "Tải kết quả (PDF)" not in desktop.texts()  # following by code: no download
    assert ASKED not in desktop.texts()  # notes are for the owner and the ward only
    _ = FIRST_SCREEN_TIMEOUT
