"""The receipt PDF: the amount in words, Vietnamese text that extracts intact, a QR code that
verifies it, who may download it, and none before the payment is paid."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pypdfium2 as pdfium
import pytest
import zxingcpp
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.modules.payments.backend.receipt_pdf import amount_in_words
from hue_s.modules.payments.backend.service import Quote, register_purpose
from hue_s.testing.backend import sign_in

from ..conftest import PHONES
from .test_routes import IPN, gateway_answer, open_payment

ARTIFACTS = Path(__file__).resolve().parents[4] / "artifacts" / "receipts"
WARD = "19753"


def quote_ward_fee(_session: Session, _user: Any, reference: str) -> Quote:
    """A 120,000-đồng fee of a dossier of ward WARD (reference: the ward's code)."""
    return Quote(120_000, f"Lệ phí chứng thực - hồ sơ {reference}")


def ward_staff(_session: Session, user: Any, reference: str) -> bool:
    """The officers of the fee's ward may see its receipts."""
    return bool(user.role == "officer" and user.ward_code == reference)


register_purpose("ward_fee", quote_ward_fee, staff_may_see=ward_staff)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (1_000, "Một nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (120_500, "Một trăm hai mươi nghìn năm trăm đồng"),
        (1_000_000, "Một triệu đồng"),
        (2_345_678, "Hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám đồng"),
        (1_015, "Một nghìn không trăm mười lăm đồng"),
        (2_005, "Hai nghìn không trăm lẻ năm đồng"),
        (1_005_000, "Một triệu không trăm lẻ năm nghìn đồng"),
        (21, "Hai mươi mốt đồng"),
    ],
)
def test_amount_in_words_as_a_receipt_writes_it(amount: int, words: str) -> None:
    assert amount_in_words(amount) == words


def test_zero_has_no_receipt_words() -> None:
    with pytest.raises(ValueError):
        amount_in_words(0)


async def paid_payment(
    app: FastAPI, client: httpx.AsyncClient, headers: dict[str, str], reference: str = WARD
) -> dict[str, Any]:
    """Open a ward fee as a (named Nguyễn Thị Hương) and settle it by IPN; return it."""
    with app.state.session_factory() as session:
        payer = session.scalars(select(User).where(User.phone == PHONES["a"])).one()
        payer.display_name = "Nguyễn Thị Hương"
        session.commit()
    started = await open_payment(client, headers, reference=reference, purpose="ward_fee")
    settled = await client.get(IPN, params=gateway_answer(started))
    assert settled.json()["RspCode"] == "00", settled.text
    payment: dict[str, Any] = started["payment"]
    return payment


async def test_receipt_pdf_says_who_paid_what_in_vietnamese_and_its_qr_verifies(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    payment = await paid_payment(app, client, people["a"])
    answer = await client.get(f"/api/v1/payments/{payment['id']}/receipt.pdf", headers=people["a"])
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    document = pdfium.PdfDocument(answer.content)
    page = document[0]
    text = page.get_textpage().get_text_range().replace("\r\n", "\n")
    for expected in (
        "Biên lai thu tiền",
        "Người nộp tiền",
        "Nguyễn Thị Hương",
        f"Lệ phí chứng thực - hồ sơ {WARD}",
        "120.000",
        "Một trăm hai mươi nghìn đồng",
        payment["txn_ref"],
        "14000001",
        "12:03 04/12/2026 (GMT+7)",  # vnp_PayDate 20261204120300, Huế's clock
    ):
        assert expected in text, (expected, text)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image = page.render(scale=3).to_pil()
    image.save(ARTIFACTS / "receipt-page1.png")
    page.close()
    document.close()
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, found
    url = found[0].text
    assert urlsplit(url).path == f"/api/v1/payments/verify/{payment['txn_ref']}"
    assert url.startswith("http://hue-s.test/")
    verified = await client.get(url)
    assert verified.json() == {
        "valid": True, "reference": payment["txn_ref"], "amount_vnd": 120_000,
        "paid_at": "2026-12-04T12:03:00+07:00", "transaction_no": "14000001",
        "status": "paid", "refunded_vnd": None,
    }  # fmt: skip
    assert "Nguyễn" not in verified.text and PHONES["a"] not in verified.text
    tampered = await client.get(url.replace("amount=120000", "amount=1200000"))
    assert tampered.json() == {
        "valid": False, "reference": payment["txn_ref"], "amount_vnd": None, "paid_at": None,
        "transaction_no": None, "status": None, "refunded_vnd": None,
    }  # fmt: skip
    forged = await client.get(url.replace(payment["txn_ref"], "HS0000000000000000"))
    assert forged.json()["valid"] is False


async def test_a_pending_payment_has_no_receipt(client: httpx.AsyncClient, people: Any) -> None:
    started = await open_payment(client, people["a"], reference=WARD, purpose="ward_fee")
    path = f"/api/v1/payments/{started['payment']['id']}/receipt.pdf"
    answer = await client.get(path, headers=people["a"])
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "not_paid"
    check = await client.get(
        f"/api/v1/payments/verify/{started['payment']['txn_ref']}", params={"amount": 120_000}
    )
    assert check.json()["valid"] is False, "a pending payment is no proof of payment"


async def test_the_payer_and_the_wards_officer_get_the_receipt_nobody_else(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    payment = await paid_payment(app, client, people["a"])
    path = f"/api/v1/payments/{payment['id']}/receipt.pdf"
    officer = sign_in(app, "+84905000041", "officer", WARD)
    other_officer = sign_in(app, "+84905000042", "officer", "19813")
    operator = sign_in(app, "+84905000043", "operator")
    assert (await client.get(path)).status_code == 401
    for stranger in (people["b"], other_officer, operator):
        refused = await client.get(path, headers=stranger)
        assert refused.status_code == 404 and refused.headers["content-type"] != "application/pdf"
    for allowed in (people["a"], officer):
        assert (await client.get(path, headers=allowed)).status_code == 200
    assert (await client.get(f"/api/v1/payments/{payment['id']}", headers=officer)).status_code == (
        404
    ), "the JSON receipt stays the payer's"
