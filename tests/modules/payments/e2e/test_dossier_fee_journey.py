"""A citizen pays the fee of a submitted dossier on the sandbox's pay page, comes back to
"paid", downloads the receipt PDF, and the ward's officer sees the dossier's fee as paid.

The dossier (a temporary residence declaration, 7,000 đồng online) is filed through the API
to keep the journey short; the rest is clicked in Chromium. Shots: the citizen at 390x844,
the officer at 1280x800; the receipt's first page is rendered to PNG beside them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx
import pypdfium2 as pdfium
import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import SMS_LINE, backend_url, full_output, texted_code
from tests.e2e.conftest import (  # noqa: F401  (fixtures, re-exported)
    DESKTOP,
    FIRST_SCREEN_TIMEOUT,
    PHONE,
    browser,
    browser_available,
    playwright_driver,
)
from tests.e2e.incidents_steps import WARD, create_officer, new_page, sign_in_at

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

CITIZEN = "0905 123 781"
OFFICER = "0905 123 782"
TEMPORARY_RESIDENCE = "1.004194.000.00.00.H57"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PAID_FEE = "Lệ phí 7.000\xa0₫: đã thanh toán trực tuyến"
SIGN_IN_PROMPT = "Đăng nhập bằng số điện thoại để nộp hồ sơ trực tuyến và theo dõi hồ sơ."


def file_dossier(server: harness.ServerProcess) -> str:
    """File a temporary residence declaration as the citizen, through the API; return its code."""
    with httpx.Client(base_url=backend_url(server), timeout=30) as api:
        codes_before = len(SMS_LINE.findall(full_output(server)))
        api.post("/api/v1/auth/otp", json={"phone": CITIZEN}).raise_for_status()
        code = texted_code(server, after=codes_before)
        grant = api.post("/api/v1/auth/token", json={"phone": CITIZEN, "code": code})
        grant.raise_for_status()
        answers = {"address": "12 Lê Lợi, Phú Xuân", "from_date": "2026-12-01"}
        filed = api.post(
            "/api/v1/services/dossiers",
            data={
                "procedure_code": TEMPORARY_RESIDENCE,
                "ward_code": WARD,
                "answers": json.dumps(answers),
            },
            files=[("document:cho-o", ("hop-dong.pdf", PDF, "application/pdf"))],
            headers={"Authorization": f"Bearer {grant.json()['access_token']}"},
        )
    assert filed.status_code == 201, filed.text
    assert filed.json()["online_fee_vnd"] == 7000
    dossier: str = filed.json()["code"]
    return dossier


def test_a_citizen_pays_a_dossier_fee_and_the_officer_sees_it_paid(
    browser: Browser,  # noqa: F811
    paying_app: harness.ServerProcess,
) -> None:
    dossier = file_dossier(paying_app)
    create_officer(paying_app, OFFICER)
    phone = new_page(
        browser, paying_app, "dossier-fee-phone", viewport={"width": PHONE[0], "height": PHONE[1]}
    )
    sign_in_at(phone, f"/services/dossiers/{dossier}", CITIZEN)
    phone.wait_for_text(f"Mã hồ sơ: {dossier}", timeout=FIRST_SCREEN_TIMEOUT)
    phone.click_button("Nộp lệ phí trực tuyến (7.000\xa0₫)")
    phone.wait_for_text("Chờ thanh toán")
    assert any(f"Lệ phí Đăng ký tạm trú - hồ sơ {dossier}" in t for t in phone.texts())
    phone.screenshot("dossier-fee-pay-phone")

    with phone.page.context.expect_page() as opened:
        phone.click_button("Thanh toán qua VNPay")
    pay_tab = opened.value
    pay_tab.wait_for_load_state()
    assert f"Le phi Dang ky tam tru - ho so {dossier}" in pay_tab.content()  # no diacritics
    pay_tab.get_by_role("button", name="Thanh toán", exact=True).click()
    pay_tab.wait_for_url("**/api/v1/payments/vnpay/return?**")
    assert "Đã nhận thanh toán" in pay_tab.content(), pay_tab.content()
    pay_tab.close()

    phone.page.bring_to_front()
    phone.click_button("Kiểm tra lại")
    phone.wait_for_text("Biên lai")
    phone.wait_for_text("Đã thanh toán")
    phone.screenshot("dossier-fee-receipt-phone")
    with phone.page.expect_download(timeout=30_000) as downloading:
        phone.click_button("Tải biên lai (PDF)")
    saved = harness.ARTIFACTS_DIR / "e2e" / "dossier-fee-receipt.pdf"
    downloading.value.save_as(saved)
    document = pdfium.PdfDocument(saved)
    text = document[0].get_textpage().get_text_range()
    for words in ("Biên lai thu tiền", "Lệ phí Đăng ký tạm trú", dossier, "Bảy nghìn đồng"):
        assert words in text, (words, text)
    document[0].render(scale=2).to_pil().save(saved.with_suffix(".png"))
    document.close()
    # A reload is a new web session unless Flet reattaches the old one, and a new one starts
    # signed out: on the web the tokens stay in the session's memory. Sign in again then.
    phone.goto(f"/services/dossiers/{dossier}")
    phone.wait_until(
        lambda: phone.has_text(PAID_FEE) or phone.has_text(SIGN_IN_PROMPT),
        "the paid fee, or the sign-in prompt",
        timeout=FIRST_SCREEN_TIMEOUT,
    )
    if not phone.has_text(PAID_FEE):
        sign_in_at(phone, f"/services/dossiers/{dossier}", CITIZEN)
        phone.wait_for_text(PAID_FEE, timeout=FIRST_SCREEN_TIMEOUT)
    assert not any(t.startswith("Nộp lệ phí trực tuyến") for t in phone.texts())
    phone.screenshot("dossier-fee-paid-phone")

    officer = new_page(
        browser,
        paying_app,
        "dossier-fee-officer",
        viewport={"width": DESKTOP[0], "height": DESKTOP[1]},
    )
    sign_in_at(officer, "/services/inbox", OFFICER)
    officer.wait_for_text("Hồ sơ cần xử lý")
    officer.click_text("Đăng ký tạm trú")
    officer.wait_for_text(PAID_FEE)
    officer.wait_for_text("Tiếp nhận")
    officer.screenshot("dossier-fee-officer-desktop")
