"""A citizen pays a fee through the sandbox's pay page in Chromium and lands on the receipt.

The app runs with its backend as a separate process (so the sandbox knows its IPN address
before either starts) and the pay page at a local sandbox process; the fee is the sandbox's
test fee, which exists only while the pay page is the local sandbox. Shots at 390x844 and
1280x800.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pytest

from tests.e2e import harness
from tests.e2e.conftest import (  # noqa: F401  (fixtures, re-exported)
    DESKTOP,
    FIRST_SCREEN_TIMEOUT,
    PHONE,
    browser,
    browser_available,
    playwright_driver,
)
from tests.e2e.incidents_steps import new_page, sign_in_at

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

CITIZEN_PHONE = "0905 123 771"
PAY_ROUTE = "/payments/pay/sandbox_fee/HS-E2E-1"


def test_a_citizen_pays_on_the_sandbox_and_gets_the_receipt(
    browser: Browser,  # noqa: F811
    paying_app: harness.ServerProcess,
) -> None:
    app = new_page(
        browser,
        paying_app,
        "payments-journey",
        viewport=dict(zip(("width", "height"), PHONE, strict=True)),
    )
    sign_in_at(app, PAY_ROUTE, CITIZEN_PHONE)
    app.wait_for_text("Chờ thanh toán", timeout=FIRST_SCREEN_TIMEOUT)
    assert "10.000\xa0₫" in app.texts(), app.texts()
    app.screenshot("payments-pay-phone")

    with app.page.context.expect_page() as opened:
        app.click_button("Thanh toán qua VNPay")
    pay_tab = opened.value
    pay_tab.wait_for_load_state()
    assert "Khoan thu nghiem HS-E2E-1" in pay_tab.content()  # VNPay: no diacritics
    pay_tab.screenshot(path=str(harness.ARTIFACTS_DIR / "e2e" / "payments-sandbox-page.png"))
    pay_tab.get_by_role("button", name="Thanh toán", exact=True).click()
    pay_tab.wait_for_url("**/api/v1/payments/vnpay/return?**")
    assert "Đã nhận thanh toán" in pay_tab.content(), pay_tab.content()

    app.page.bring_to_front()
    app.click_button("Kiểm tra lại")
    app.wait_for_text("Biên lai")
    app.wait_for_text("Đã thanh toán")
    app.screenshot("payments-receipt-phone")
    with app.page.expect_download(timeout=30_000) as downloading:
        app.click_button("Tải biên lai (PDF)")
    pdf = downloading.value
    assert pdf.suggested_filename.startswith("bien-lai-HS"), pdf.suggested_filename
    saved = harness.ARTIFACTS_DIR / "e2e" / "payments-receipt.pdf"
    pdf.save_as(saved)
    document = pdfium.PdfDocument(saved)
    text = document[0].get_textpage().get_text_range()
    assert "Biên lai thu tiền" in text and "Mười nghìn đồng" in text, text
    document[0].render(scale=2).to_pil().save(saved.with_suffix(".png"))
    document.close()
    app.page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
    app.wait_for_text("Biên lai")
    app.screenshot("payments-receipt-desktop")
