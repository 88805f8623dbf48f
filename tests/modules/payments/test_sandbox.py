"""The sandbox as a separate process: pay, cancel and time out, each IPN'd to a real backend."""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from hue_s.modules.payments.gateway import PaymentOrder
from hue_s.modules.payments.vnpay import VNPayGateway, vnpay_time

from .backend.test_routes import RETURN, open_payment, stored
from .conftest import NOON, SECRET

WAIT_SECONDS = 30


def free_port() -> int:
    """Return a loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(condition: Any, what: str) -> None:
    """Wait for a condition (a server answering), failing after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def answers(url: str) -> bool:
    """Tell whether an HTTP server answers at a URL."""
    try:
        httpx.get(url, timeout=1)
    except httpx.TransportError:
        return False
    return True


@pytest.fixture
def backend_url(app: FastAPI) -> Iterator[str]:
    """The test backend served on a loopback port (where the sandbox sends its IPNs)."""
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started, "the backend")
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(WAIT_SECONDS)


@contextmanager
def running_sandbox(app: FastAPI, backend_url: str, *options: str) -> Iterator[str]:
    """Run the sandbox process on a free port, its merchant the test backend's; stop it."""
    port = free_port()
    env = os.environ | {"HUE_S_VNPAY_TMN_CODE": "TESTCODE", "HUE_S_VNPAY_HASH_SECRET": SECRET}
    ipn = f"{backend_url}/api/v1/payments/vnpay/ipn"
    process = subprocess.Popen(
        [sys.executable, "-m", "hue_s.modules.payments.sandbox", "--port", str(port)]
        + ["--ipn-url", ipn, "--now", vnpay_time(NOON), *options],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: answers(f"{base}/sandbox/transactions"), "the sandbox")
        app.state.payments_gateway = VNPayGateway(
            tmn_code="TESTCODE", hash_secret=SECRET, pay_page=f"{base}/paymentv2/vpcpay.html"
        )
        yield base
    finally:
        process.terminate()
        process.wait(WAIT_SECONDS)


@pytest.fixture
def sandbox(app: FastAPI, backend_url: str) -> Iterator[str]:
    """The sandbox, sending its IPNs."""
    with running_sandbox(app, backend_url) as base:
        yield base


@pytest.fixture
def forgetful_sandbox(app: FastAPI, backend_url: str) -> Iterator[str]:
    """The sandbox losing every IPN: the backend learns the outcome only by asking."""
    with running_sandbox(app, backend_url, "--drop-ipn") as base:
        yield base


def choose(pay_url: str, action: str) -> httpx.Response:
    """Open the pay page and press a button; return the sandbox's redirect."""
    opened = httpx.get(pay_url)
    assert opened.status_code == 200 and "Thanh toán" in opened.text, opened.text
    base = pay_url.split("/paymentv2/")[0]
    ref = dict(parse_qsl(urlsplit(pay_url).query))["vnp_TxnRef"]
    return httpx.post(f"{base}/paymentv2/decide", data={"ref": ref, "action": action})


async def test_paying_sends_the_ipn_then_returns(
    app: FastAPI, client: httpx.AsyncClient, people: Any, sandbox: str
) -> None:
    started = await open_payment(client, people["a"])
    redirect = choose(started["pay_url"], "pay")
    assert redirect.status_code == 303
    location = redirect.headers["location"]
    assert location.startswith("http://hue-s.test" + RETURN)
    assert stored(app, started["payment"]["id"]).status == "paid", "the IPN came first"
    back = dict(parse_qsl(urlsplit(location).query))
    assert (back["vnp_ResponseCode"], back["vnp_TransactionStatus"]) == ("00", "00")
    page = await client.get(RETURN, params=back)
    assert "Đã nhận thanh toán" in page.text
    log = httpx.get(f"{sandbox}/sandbox/transactions").json()
    assert log[0]["ipn_answers"] == [{"RspCode": "00", "Message": "Confirm Success"}]
    again = httpx.get(started["pay_url"])  # opened again: the same answer, no second IPN
    assert dict(parse_qsl(urlsplit(again.headers["location"]).query)) == back
    assert len(httpx.get(f"{sandbox}/sandbox/transactions").json()[0]["ipn_answers"]) == 1


async def test_cancelling_fails_the_payment(
    app: FastAPI, client: httpx.AsyncClient, people: Any, sandbox: str
) -> None:
    started = await open_payment(client, people["a"])
    redirect = choose(started["pay_url"], "cancel")
    back = dict(parse_qsl(urlsplit(redirect.headers["location"]).query))
    assert back["vnp_ResponseCode"] == "24"
    payment = stored(app, started["payment"]["id"])
    assert (payment.status, payment.gateway_code) == ("failed", "24")
    page = await client.get(RETURN, params=back)
    assert "Bạn đã hủy thanh toán" in page.text


def test_a_pay_page_opened_too_late_times_out(sandbox: str) -> None:
    gateway = VNPayGateway(
        tmn_code="TESTCODE", hash_secret=SECRET, pay_page=f"{sandbox}/paymentv2/vpcpay.html"
    )
    order = PaymentOrder(
        txn_ref="HSLATE", amount_vnd=10_000, order_info="Le phi", return_url="http://x.test/r",
        ip_address="127.0.0.1", created_at=NOON - timedelta(minutes=20),
        expires_at=NOON - timedelta(minutes=5),
    )  # fmt: skip
    redirect = httpx.get(gateway.pay_url(order))  # the sandbox's clock starts at NOON
    assert redirect.status_code == 303
    assert dict(parse_qsl(urlsplit(redirect.headers["location"]).query))["vnp_ResponseCode"] == (
        "11"
    )
    log = httpx.get(f"{sandbox}/sandbox/transactions").json()
    assert log[0]["ipn_answers"][0] == {"RspCode": "01", "Message": "Order not found"}


def test_a_forged_pay_request_is_refused(sandbox: str) -> None:
    forger = VNPayGateway(
        tmn_code="TESTCODE", hash_secret="WRONG", pay_page=f"{sandbox}/paymentv2/vpcpay.html"
    )
    order = PaymentOrder(
        txn_ref="HSFORGED", amount_vnd=10_000, order_info="x", return_url="http://x.test/r",
        ip_address="127.0.0.1", created_at=NOON, expires_at=NOON + timedelta(minutes=15),
    )  # fmt: skip
    refused = httpx.get(forger.pay_url(order))
    assert refused.status_code == 400


async def test_a_lost_ipn_is_made_good_by_asking_the_gateway(
    app: FastAPI, client: httpx.AsyncClient, people: Any, forgetful_sandbox: str
) -> None:
    started = await open_payment(client, people["a"])
    payment_id = started["payment"]["id"]
    check = f"/api/v1/payments/{payment_id}/check"
    unfinished = await client.post(check, headers=people["a"])
    assert unfinished.json()["status"] == "pending", "not paid yet: querydr says 01"
    redirect = choose(started["pay_url"], "pay")
    back = dict(parse_qsl(urlsplit(redirect.headers["location"]).query))
    assert "đang được xác nhận" in (await client.get(RETURN, params=back)).text
    assert stored(app, payment_id).status == "pending", "the return alone settles nothing"
    assert (await client.post(check, headers=people["b"])).status_code == 404
    paid = await client.post(check, headers=people["a"])
    assert (
        paid.json()["status"] == "paid"
        and paid.json()["transaction_no"] == back["vnp_TransactionNo"]
    )
    assert httpx.get(f"{forgetful_sandbox}/sandbox/transactions").json()[0]["ipn_answers"] == []


async def test_an_answer_signed_with_another_secret_changes_nothing(
    app: FastAPI, client: httpx.AsyncClient, people: Any, forgetful_sandbox: str
) -> None:
    started = await open_payment(client, people["a"])
    choose(started["pay_url"], "pay")
    app.state.payments_gateway = VNPayGateway(
        tmn_code="TESTCODE", hash_secret="NOT-THE-SANDBOX-SECRET",
        pay_page=f"{forgetful_sandbox}/paymentv2/vpcpay.html",
    )  # fmt: skip
    check = f"/api/v1/payments/{started['payment']['id']}/check"
    assert (await client.post(check, headers=people["a"])).json()["status"] == "pending"


async def test_without_an_ipn_url_the_ipn_goes_beside_the_return_url(
    app: FastAPI, backend_url: str, people: Any
) -> None:
    with running_sandbox(app, backend_url, "--ipn-url", "") as base:
        async with httpx.AsyncClient(base_url=backend_url) as served:
            started = await open_payment(served, people["a"])
        assert started["pay_url"].startswith(base)
        choose(started["pay_url"], "pay")
    assert stored(app, started["payment"]["id"]).status == "paid"


async def test_a_pay_page_left_open_times_out_by_itself(
    app: FastAPI, client: httpx.AsyncClient, people: Any, sandbox: str
) -> None:
    started = await open_payment(client, people["a"])
    page = httpx.get(started["pay_url"])
    refresh = re.search(r'http-equiv="refresh" content="(\d+);url=([^"]+)"', page.text)
    assert refresh is not None and 14 * 60 < int(refresh.group(1)) <= 15 * 60  # to expiry
    redirect = httpx.get(sandbox + html.unescape(refresh.group(2)))  # what the browser does then
    back = dict(parse_qsl(urlsplit(redirect.headers["location"]).query))
    assert back["vnp_ResponseCode"] == "11"
    payment = stored(app, started["payment"]["id"])
    assert (payment.status, payment.gateway_code) == ("failed", "11")
    assert "Đã hết thời gian thanh toán" in (await client.get(RETURN, params=back)).text


async def test_staff_refund_a_payment_through_the_sandbox(
    app: FastAPI, client: httpx.AsyncClient, people: Any, sandbox: str
) -> None:
    from hue_s.testing.backend import sign_in

    from .backend.test_receipt_pdf import WARD

    started = await open_payment(client, people["a"], WARD, purpose="ward_fee")
    choose(started["pay_url"], "pay")
    assert stored(app, started["payment"]["id"]).status == "paid"
    officer = sign_in(app, "+84905000041", "officer", WARD)
    path = f"/api/v1/payments/{started['payment']['id']}/refund"
    body = {"reason": "Hồ sơ bị từ chối", "amount_vnd": 20_000}
    refunded = await client.post(path, json=body, headers=officer)
    assert refunded.status_code == 200, refunded.text
    assert (refunded.json()["status"], refunded.json()["refunded_vnd"]) == ("refunded", 20_000)
    seen = httpx.get(f"{sandbox}/sandbox/transactions").json()
    assert [(t["txn_ref"], t["refunded_vnd"]) for t in seen] == [
        (started["payment"]["txn_ref"], 20_000)
    ]
