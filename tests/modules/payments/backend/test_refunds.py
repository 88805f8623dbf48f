"""Staff refund a paid payment: once, never more than was paid, with a reason; the payer,
the receipt and its verify route then say refunded. The gateway is a stand-in that records
each refund it is asked for (the sandbox process answers for real in test_sandbox.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
import pypdfium2 as pdfium
from fastapi import FastAPI
from sqlalchemy import select

from hue_s.modules.payments.backend.models import PaymentRefund
from hue_s.modules.payments.backend.service import payment_status
from hue_s.modules.payments.gateway import (
    GatewayResult,
    PaymentOrder,
    RefundOrder,
    RefundResult,
)
from hue_s.testing.backend import MovableClock, sign_in

from ..conftest import BOTH_DATABASES, GATEWAY
from .test_receipt_pdf import WARD
from .test_routes import IPN, RETURN, gateway_answer, open_payment

FEE = 120_000  # the ward fee of test_receipt_pdf, whose officers of WARD may see and refund
REASON = "Hồ sơ bị từ chối, hoàn lại lệ phí"


@dataclass
class RefundingGateway:
    """The test gateway; its refunds answer `code` (None: no answer comes)."""

    code: str | None = "00"
    asked: list[RefundOrder] = field(default_factory=list)
    hold: asyncio.Event | None = None
    name: str = "vnpay"

    def pay_url(self, order: PaymentOrder) -> str:
        """Return the test gateway's pay URL."""
        return GATEWAY.pay_url(order)

    def read_callback(self, params: Mapping[str, str]) -> GatewayResult:
        """Read a callback signed with the test secret."""
        return GATEWAY.read_callback(params)

    async def query(self, order: PaymentOrder, now: datetime) -> GatewayResult | None:
        """Have no answer."""
        return None

    async def refund(self, refund: RefundOrder, now: datetime) -> RefundResult:
        """Record the refund asked; answer `code` (or fail like an unreachable gateway)."""
        self.asked.append(refund)
        if self.hold is not None:
            await self.hold.wait()
        if self.code is None:
            raise httpx.ConnectError("the gateway did not answer")
        return RefundResult(self.code, refund.amount_vnd, "15000001" if self.code == "00" else "")


async def paid_ward_fee(app: FastAPI, client: httpx.AsyncClient, people: Any) -> dict[str, Any]:
    """Have citizen a pay the ward fee of WARD; return the payment."""
    started = await open_payment(client, people["a"], WARD, purpose="ward_fee")
    assert (await client.get(IPN, params=gateway_answer(started))).json()["RspCode"] == "00"
    payment: dict[str, Any] = started["payment"]
    return payment


def refund_path(payment: dict[str, Any]) -> str:
    """Return a payment's refund route."""
    return f"/api/v1/payments/{payment['id']}/refund"


def refunds_in(app: FastAPI) -> list[PaymentRefund]:
    """Return every refund row."""
    with app.state.session_factory() as session:
        return list(session.scalars(select(PaymentRefund)))


@BOTH_DATABASES
async def test_the_wards_officer_refunds_and_everyone_sees_it_refunded(
    app: FastAPI, client: httpx.AsyncClient, people: Any, clock: MovableClock
) -> None:
    gateway = app.state.payments_gateway = RefundingGateway()
    payment = await paid_ward_fee(app, client, people)
    officer = sign_in(app, "+84905000041", "officer", WARD)
    clock.now += timedelta(days=1)
    body = {"reason": REASON}
    refunded = await client.post(refund_path(payment), json=body, headers=officer)
    assert refunded.status_code == 200, refunded.text
    view = refunded.json()
    assert (view["status"], view["refunded_vnd"], view["refund_reason"]) == (
        "refunded",
        FEE,
        REASON,
    )
    assert [(r.amount_vnd, r.full, r.transaction_no) for r in gateway.asked] == [
        (FEE, True, "14000001")
    ]
    mine = await client.get(f"/api/v1/payments/{payment['id']}", headers=people["a"])
    assert (mine.json()["status"], mine.json()["refunded_at"]) == ("refunded", view["refunded_at"])
    verify = await client.get(f"/api/v1/payments/verify/{payment['txn_ref']}?amount={FEE}")
    assert (verify.json()["valid"], verify.json()["status"]) == (False, "refunded")
    assert verify.json()["refunded_vnd"] == FEE
    with app.state.session_factory() as session:
        assert payment_status(session, "ward_fee", WARD) == "refunded"
    pdf = await client.get(f"/api/v1/payments/{payment['id']}/receipt.pdf", headers=people["a"])
    text = pdfium.PdfDocument(pdf.content)[0].get_textpage().get_text_range()
    assert "Đã hoàn tiền" in text and "120.000" in text, text
    again = await client.post(refund_path(payment), json=body, headers=officer)
    assert (again.status_code, again.json()) == (200, view), "asked again: the same answer"
    assert len(gateway.asked) == 1, "never sent twice"
    other = await client.post(refund_path(payment), json=body | {"amount_vnd": 1}, headers=officer)
    assert (other.status_code, other.json()["error"]["code"]) == (409, "already_refunded")


async def test_a_part_may_be_refunded_never_more_than_was_paid(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    gateway = app.state.payments_gateway = RefundingGateway()
    payment = await paid_ward_fee(app, client, people)
    officer = sign_in(app, "+84905000041", "officer", WARD)
    too_much = {"reason": REASON, "amount_vnd": FEE + 1}
    refused = await client.post(refund_path(payment), json=too_much, headers=officer)
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "refund_too_large")
    for wrong in ({"reason": REASON, "amount_vnd": 0}, {"reason": REASON, "amount_vnd": 1.5}):
        answer = await client.post(refund_path(payment), json=wrong, headers=officer)
        assert answer.status_code == 422, answer.text
    assert (gateway.asked, refunds_in(app)) == ([], [])
    part = {"reason": REASON, "amount_vnd": 20_000}
    answer = await client.post(refund_path(payment), json=part, headers=officer)
    assert (answer.json()["status"], answer.json()["refunded_vnd"]) == ("refunded", 20_000)
    assert [(r.amount_vnd, r.full) for r in gateway.asked] == [(20_000, False)]


@BOTH_DATABASES
async def test_concurrent_refunds_give_one(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    gateway = app.state.payments_gateway = RefundingGateway()
    payment = await paid_ward_fee(app, client, people)
    officer = sign_in(app, "+84905000041", "officer", WARD)
    body = {"reason": REASON}
    answers = await asyncio.gather(
        *(client.post(refund_path(payment), json=body, headers=officer) for _ in range(8))
    )
    codes = sorted(
        (a.status_code, a.json().get("status") or a.json()["error"]["code"]) for a in answers
    )
    assert set(codes) <= {(200, "refunded"), (409, "refund_in_progress")}, codes
    assert (200, "refunded") in codes
    assert len(gateway.asked) == 1
    assert [(r.state, r.amount_vnd) for r in refunds_in(app)] == [("done", FEE)]


async def test_a_refusal_may_be_retried_an_unanswered_refund_is_not_resent(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    gateway = app.state.payments_gateway = RefundingGateway(code="95")
    payment = await paid_ward_fee(app, client, people)
    officer = sign_in(app, "+84905000041", "officer", WARD)
    body = {"reason": REASON}
    refused = await client.post(refund_path(payment), json=body, headers=officer)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "refund_refused")
    mine = await client.get(f"/api/v1/payments/{payment['id']}", headers=people["a"])
    assert mine.json()["status"] == "paid"
    gateway.code = None  # this time no answer comes
    lost = await client.post(refund_path(payment), json=body, headers=officer)
    assert (lost.status_code, lost.json()["error"]["code"]) == (502, "refund_unconfirmed")
    again = await client.post(refund_path(payment), json=body, headers=officer)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "refund_in_progress")
    assert len(gateway.asked) == 2 and gateway.asked[0].request_id != gateway.asked[1].request_id
    assert [r.state for r in refunds_in(app)] == ["requested"]


async def test_only_staff_the_purpose_allows_refund_a_paid_payment(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    gateway = app.state.payments_gateway = RefundingGateway()
    body = {"reason": REASON}
    pending = (await open_payment(client, people["a"], WARD, purpose="ward_fee"))["payment"]
    officer = sign_in(app, "+84905000041", "officer", WARD)
    not_paid = await client.post(refund_path(pending), json=body, headers=officer)
    assert (not_paid.status_code, not_paid.json()["error"]["code"]) == (409, "not_paid")
    assert (await client.get(IPN, params=gateway_answer({"pay_url": await pay_url_of(
        client, people["a"], pending["id"])}))).json()["RspCode"] == "00"  # fmt: skip
    other_ward = sign_in(app, "+84905000042", "officer", "19813")
    operator = sign_in(app, "+84905000043", "operator")  # ward_fee lets no operator see it
    for stranger, status in ((people["a"], 403), (people["b"], 403), (other_ward, 404),
                             (operator, 404)):  # fmt: skip
        answer = await client.post(refund_path(pending), json=body, headers=stranger)
        assert answer.status_code == status, (status, answer.text)
    assert (await client.post(refund_path(pending), json=body)).status_code == 401
    assert gateway.asked == [] and refunds_in(app) == []


async def pay_url_of(client: httpx.AsyncClient, headers: dict[str, str], payment_id: int) -> str:
    """Return a pending payment's pay URL, as its payer sees it."""
    answer = await client.get(f"/api/v1/payments/{payment_id}", headers=headers)
    url: str = answer.json()["pay_url"]
    return url


async def test_the_return_page_says_refunded(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    app.state.payments_gateway = RefundingGateway()
    started = await open_payment(client, people["a"], WARD, purpose="ward_fee")
    answer = gateway_answer(started)
    assert (await client.get(IPN, params=answer)).json()["RspCode"] == "00"
    officer = sign_in(app, "+84905000041", "officer", WARD)
    body = {"reason": REASON}
    refunded = await client.post(refund_path(started["payment"]), json=body, headers=officer)
    assert refunded.status_code == 200, refunded.text
    page = await client.get(RETURN, params=answer)
    assert "Khoản thanh toán đã được hoàn tiền" in page.text, page.text
