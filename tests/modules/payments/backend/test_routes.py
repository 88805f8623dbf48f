"""Opening a payment, the IPN that alone settles it, the return page, receipts and refusals."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from hue_s.modules.payments.backend.models import Payment
from hue_s.modules.payments.vnpay import VNPayGateway
from hue_s.testing.backend import MovableClock

from ..conftest import BOTH_DATABASES, FEE, GATEWAY

IPN = "/api/v1/payments/vnpay/ipn"
RETURN = "/api/v1/payments/vnpay/return"
ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}


async def open_payment(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    reference: str = "R1",
    purpose: str = "test_fee",
) -> dict[str, Any]:
    """Open a payment of the test fee; return the answer."""
    body = {"purpose": purpose, "reference": reference}
    answer = await client.post("/api/v1/payments", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    return body


def gateway_answer(started: dict[str, Any], **changes: str) -> dict[str, str]:
    """Return VNPay's signed answer about a started payment (success unless changed)."""
    asked = dict(parse_qsl(urlsplit(started["pay_url"]).query))
    params = {
        "vnp_Amount": asked["vnp_Amount"], "vnp_BankCode": "NCB", "vnp_CardType": "ATM",
        "vnp_OrderInfo": asked["vnp_OrderInfo"], "vnp_PayDate": "20261204120300",
        "vnp_ResponseCode": "00", "vnp_TmnCode": asked["vnp_TmnCode"],
        "vnp_TransactionNo": "14000001", "vnp_TransactionStatus": "00",
        "vnp_TxnRef": asked["vnp_TxnRef"],
    }  # fmt: skip
    return GATEWAY.sign(params | changes) | {"vnp_SecureHashType": "HmacSHA512"}


def stored(app: FastAPI, payment_id: int) -> Payment:
    """Return the payment row as stored."""
    with app.state.session_factory() as session:
        return session.get_one(Payment, payment_id)


async def test_pay_url_asks_vnpay_for_the_fee(client: httpx.AsyncClient, people: Any) -> None:
    started = await open_payment(client, people["a"])
    asked = dict(parse_qsl(urlsplit(started["pay_url"]).query))
    assert asked["vnp_Amount"] == str(FEE * 100)
    assert asked["vnp_ReturnUrl"] == "http://hue-s.test" + RETURN
    assert asked["vnp_CreateDate"] == "20261204120000"
    assert asked["vnp_TxnRef"] == started["payment"]["txn_ref"]
    assert started["payment"]["status"] == "pending"
    again = await open_payment(client, people["a"])
    assert again == started, "the owner's pending payment is given back, not a second one"


@BOTH_DATABASES
async def test_ipn_settles_once_and_a_replay_changes_nothing(
    app: FastAPI, client: httpx.AsyncClient, people: Any, clock: MovableClock
) -> None:
    started = await open_payment(client, people["a"])
    answer = gateway_answer(started)
    first = await client.get(IPN, params=answer)
    assert first.json() == {"RspCode": "00", "Message": "Confirm Success"}
    paid = stored(app, started["payment"]["id"])
    assert (paid.status, paid.transaction_no, paid.settled_at) == ("paid", "14000001", clock.now)
    clock.now += timedelta(minutes=1)
    replay = await client.get(IPN, params=answer)
    assert replay.json() == {"RspCode": "02", "Message": "Order already confirmed"}
    assert stored(app, paid.id).settled_at == paid.settled_at
    receipt = await client.get(f"/api/v1/payments/{paid.id}", headers=people["a"])
    assert receipt.json()["status"] == "paid" and receipt.json()["amount_vnd"] == FEE
    refused = await client.post(
        "/api/v1/payments", json={"purpose": "test_fee", "reference": "R1"}, headers=people["a"]
    )
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "already_paid"


async def test_tampered_ipns_are_refused_and_change_nothing(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    started = await open_payment(client, people["a"])
    good = gateway_answer(started)
    cases = {
        "97": good | {"vnp_Amount": "100"},  # amount changed after signing
        "04": gateway_answer(started, vnp_Amount="100"),  # signed, but not what was asked
        "01": gateway_answer(started, vnp_TxnRef="HSNOSUCHORDER"),
        "99": gateway_answer(started, vnp_Amount="12345"),  # not whole đồng
    }
    unsigned = {key: value for key, value in good.items() if key != "vnp_SecureHash"}
    for code, params in [*cases.items(), ("97", unsigned)]:
        answer = await client.get(IPN, params=params)
        assert answer.json()["RspCode"] == code, (code, answer.json())
        assert stored(app, started["payment"]["id"]).status == "pending"


@BOTH_DATABASES
async def test_ten_concurrent_ipns_pay_once(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    started = await open_payment(client, people["a"])
    answer = gateway_answer(started)
    replies = await asyncio.gather(*(client.get(IPN, params=answer) for _ in range(10)))
    codes = sorted(reply.json()["RspCode"] for reply in replies)
    assert codes == ["00"] + ["02"] * 9
    with app.state.session_factory() as session:
        rows = session.scalars(select(Payment).where(Payment.status == "paid")).all()
    assert len(rows) == 1


async def test_cancelled_payment_frees_the_fee_for_a_new_one(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    started = await open_payment(client, people["a"])
    answer = gateway_answer(started, vnp_ResponseCode="24", vnp_TransactionStatus="02")
    assert (await client.get(IPN, params=answer)).json()["RspCode"] == "00"
    assert stored(app, started["payment"]["id"]).status == "failed"
    again = await open_payment(client, people["a"])
    assert again["payment"]["id"] != started["payment"]["id"]


async def test_someone_else_cannot_pay_or_see_a_waiting_payment(
    client: httpx.AsyncClient, people: Any
) -> None:
    started = await open_payment(client, people["a"])
    other = await client.post(
        "/api/v1/payments", json={"purpose": "test_fee", "reference": "R1"}, headers=people["b"]
    )
    assert other.status_code == 409 and other.json()["error"]["code"] == "payment_pending"
    seen = await client.get(f"/api/v1/payments/{started['payment']['id']}", headers=people["b"])
    assert seen.status_code == 404
    assert (await client.get("/api/v1/payments/mine", headers=people["b"])).json() == []
    nothing = await client.post(
        "/api/v1/payments",
        json={"purpose": "test_fee", "reference": "NOTYOURS"},
        headers=people["b"],
    )
    assert nothing.status_code == 404 and nothing.json()["error"]["code"] == "nothing_to_pay"


async def test_an_unanswered_payment_expires_and_another_may_start(
    app: FastAPI, client: httpx.AsyncClient, people: Any, clock: MovableClock
) -> None:
    started = await open_payment(client, people["a"])
    clock.now += timedelta(minutes=19)  # past expiry, within the grace for a late IPN
    other = await client.post(
        "/api/v1/payments", json={"purpose": "test_fee", "reference": "R1"}, headers=people["b"]
    )
    assert other.status_code == 409
    clock.now += timedelta(minutes=2)
    await open_payment(client, people["b"])
    assert stored(app, started["payment"]["id"]).status == "expired"


async def test_return_page_shows_what_is_stored_and_changes_nothing(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    started = await open_payment(client, people["a"])
    answer = gateway_answer(started)
    before_ipn = await client.get(RETURN, params=answer)
    assert before_ipn.status_code == 200 and "đang được xác nhận" in before_ipn.text
    assert stored(app, started["payment"]["id"]).status == "pending"
    await client.get(IPN, params=answer)
    after_ipn = await client.get(RETURN, params=answer, headers={"Accept-Language": "en"})
    assert "Đã nhận thanh toán" in after_ipn.text, "the language paid in, not the browser's"
    forged = await client.get(RETURN, params=answer | {"vnp_ResponseCode": "24"})
    assert forged.status_code == 400
    english = await client.get(RETURN, params=forged.request.url.params, headers=ENGLISH)
    assert "Invalid payment answer" in english.text


async def test_return_page_speaks_the_language_paid_in(
    client: httpx.AsyncClient, people: Any
) -> None:
    body = {"purpose": "test_fee", "reference": "R9", "locale": "en"}
    started = (await client.post("/api/v1/payments", json=body, headers=people["a"])).json()
    page = await client.get(RETURN, params=gateway_answer(started))
    assert "Your payment is being confirmed" in page.text and "₫50,000" in page.text


async def test_ipn_first_then_return_ends_paid(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    started = await open_payment(client, people["a"])
    answer = gateway_answer(started)
    await client.get(IPN, params=answer)
    page = await client.get(RETURN, params=answer)
    assert "Đã nhận thanh toán" in page.text
    mine = (await client.get("/api/v1/payments/mine", headers=people["a"])).json()
    assert [payment["status"] for payment in mine] == ["paid"]


async def test_anonymous_callers_are_refused(client: httpx.AsyncClient) -> None:
    for path in ("/api/v1/payments/mine", "/api/v1/payments/1"):
        assert (await client.get(path)).status_code == 401
    posted = await client.post("/api/v1/payments", json={"purpose": "test_fee", "reference": "1"})
    assert posted.status_code == 401


async def test_the_sandbox_fee_exists_only_with_the_local_sandbox(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    started = await open_payment(client, people["a"], purpose="sandbox_fee")
    assert started["payment"]["amount_vnd"] == 10_000
    app.state.payments_gateway = VNPayGateway(
        tmn_code="REAL", hash_secret="x", pay_page="https://pay.vnpay.vn/vpcpay.html"
    )
    real = await client.post(
        "/api/v1/payments", json={"purpose": "sandbox_fee", "reference": "2"}, headers=people["a"]
    )
    assert real.status_code == 404 and real.json()["error"]["code"] == "purpose_not_found"


async def test_a_deleted_account_leaves_its_payments_on_the_books(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    started = await open_payment(client, people["a"])
    await client.get(IPN, params=gateway_answer(started))
    assert (await client.delete("/api/v1/me", headers=people["a"])).status_code == 204
    kept = stored(app, started["payment"]["id"])
    assert (kept.owner_id, kept.status, kept.amount_vnd) == (None, "paid", FEE)
