"""The timer settles pending payments whose IPN never came, expires those past their window,
and agrees with a late IPN on one outcome; its rounds are driven one by one, no sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from hue_s.modules.payments.backend.reconcile import QUERY_AFTER, Reconciler, reconcile_forever
from hue_s.modules.payments.backend.service import LATE_ANSWER_GRACE, PAY_WITHIN
from hue_s.modules.payments.gateway import GatewayResult, PaymentOrder
from hue_s.testing.backend import MovableClock, asgi_client

from ..conftest import BOTH_DATABASES, FEE, GATEWAY
from .test_routes import IPN, gateway_answer, open_payment, stored


@dataclass
class AskedGateway:
    """The test gateway, whose querydr answers are set by the test (None: no final answer)."""

    answers: dict[str, GatewayResult | None] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    hold: asyncio.Event | None = None
    """While set to an unset event, a query waits for it (a slow gateway)."""
    name: str = "vnpay"

    def pay_url(self, order: PaymentOrder) -> str:
        """Return the test gateway's pay URL."""
        return GATEWAY.pay_url(order)

    def read_callback(self, params: Mapping[str, str]) -> GatewayResult:
        """Read a callback signed with the test secret."""
        return GATEWAY.read_callback(params)

    async def query(self, order: PaymentOrder, now: datetime) -> GatewayResult | None:
        """Answer what the test set for this order."""
        self.asked.append(order.txn_ref)
        if self.hold is not None:
            await self.hold.wait()
        return self.answers.get(order.txn_ref)


def paid(txn_ref: str, amount: int = FEE) -> GatewayResult:
    """Return querydr's answer for a paid order."""
    return GatewayResult(txn_ref, amount, "00", "00", "14000009", "NCB", "20261204120100")


def reconciler(app: FastAPI, gateway: AskedGateway, clock: MovableClock) -> Reconciler:
    """Return the app's reconciler with the test gateway and clock."""
    app.state.payments_gateway = gateway
    return Reconciler(app.state.session_factory, lambda: gateway, clock, app.state.writer)


@BOTH_DATABASES
async def test_a_missed_ipn_is_settled_by_the_timer(
    app: FastAPI, client: httpx.AsyncClient, people: Any, clock: MovableClock
) -> None:
    gateway = AskedGateway()
    timer = reconciler(app, gateway, clock)
    started = await open_payment(client, people["a"])
    ref, payment_id = started["payment"]["txn_ref"], started["payment"]["id"]
    gateway.answers[ref] = paid(ref)
    assert (await timer.run_once()).asked == 0, "a payment just opened is left to its IPN"
    clock.now += QUERY_AFTER
    assert await timer.run_once() == (1, 1, 0)
    row = stored(app, payment_id)
    assert (row.status, row.transaction_no, row.settled_at) == ("paid", "14000009", clock.now)
    clock.now += QUERY_AFTER
    assert (await timer.run_once()).asked == 0, "a settled payment is not asked about again"


async def test_a_failed_answer_fails_and_no_answer_waits(
    app: FastAPI, client: httpx.AsyncClient, people: Any, clock: MovableClock
) -> None:
    gateway = AskedGateway()
    timer = reconciler(app, gateway, clock)
    cancelled = (await open_payment(client, people["a"], "R1"))["payment"]
    silent = (await open_payment(client, people["a"], "R2"))["payment"]
    ref = cancelled["txn_ref"]
    gateway.answers[ref] = GatewayResult(ref, FEE, "02", "02")
    clock.now += QUERY_AFTER
    assert await timer.run_once() == (2, 1, 0)
    assert stored(app, cancelled["id"]).status == "failed"
    assert stored(app, silent["id"]).status == "pending"
    odd = (await open_payment(client, people["a"], "R3"))["payment"]
    gateway.answers[odd["txn_ref"]] = paid(odd["txn_ref"], amount=1)  # not what was asked
    clock.now += QUERY_AFTER
    assert await timer.run_once() == (2, 0, 0)
    assert (stored(app, silent["id"]).status, stored(app, odd["id"]).status) == ("pending",) * 2


@BOTH_DATABASES
async def test_an_expired_order_is_no_longer_payable(
    app: FastAPI, client: httpx.AsyncClient, people: Any, clock: MovableClock
) -> None:
    gateway = AskedGateway()
    timer = reconciler(app, gateway, clock)
    started = await open_payment(client, people["a"])
    clock.now += PAY_WITHIN + LATE_ANSWER_GRACE + timedelta(seconds=1)
    assert await timer.run_once() == (1, 0, 1), "asked first, then expired"
    assert stored(app, started["payment"]["id"]).status == "expired"
    mine = await client.get(f"/api/v1/payments/{started['payment']['id']}", headers=people["a"])
    assert (mine.json()["status"], mine.json()["pay_url"]) == ("expired", None)
    late = await client.get(IPN, params=gateway_answer(started))
    assert late.json()["RspCode"] == "02"
    assert stored(app, started["payment"]["id"]).status == "expired"
    again = await open_payment(client, people["a"])
    assert again["payment"]["txn_ref"] != started["payment"]["txn_ref"]


@BOTH_DATABASES
async def test_the_timer_and_a_late_ipn_give_one_outcome(
    app: FastAPI, client: httpx.AsyncClient, people: Any, clock: MovableClock
) -> None:
    gateway = AskedGateway(hold=asyncio.Event())
    timer = reconciler(app, gateway, clock)
    started = await open_payment(client, people["a"])
    ref, payment_id = started["payment"]["txn_ref"], started["payment"]["id"]
    gateway.answers[ref] = paid(ref)
    clock.now += QUERY_AFTER
    round_ = asyncio.create_task(timer.run_once())
    while not gateway.asked:  # the timer is waiting on the gateway's answer
        await asyncio.sleep(0)
    ipn_at = clock.now
    assert (await client.get(IPN, params=gateway_answer(started))).json()["RspCode"] == "00"
    clock.now += timedelta(seconds=5)
    gateway.hold.set()
    assert await round_ == (1, 0, 0), "the timer's answer came second and changed nothing"
    row = stored(app, payment_id)
    assert (row.status, row.transaction_no, row.settled_at) == ("paid", "14000001", ipn_at)


async def test_the_timer_runs_a_round_per_interval_and_stops_with_the_app(
    app: FastAPI, client: httpx.AsyncClient, people: Any, clock: MovableClock
) -> None:
    gateway = AskedGateway()
    app.state.payments_gateway = gateway
    started = await open_payment(client, people["a"])
    gateway.answers[started["payment"]["txn_ref"]] = paid(started["payment"]["txn_ref"])
    waits: list[float] = []
    tick, waiting = asyncio.Queue[None](), asyncio.Event()

    async def wait(seconds: float) -> None:
        waits.append(seconds)
        waiting.set()
        await tick.get()

    app.state.payments_wait = wait
    async with asgi_client(app, lifespan=True):
        task = app.state.payments_reconciler
        await waiting.wait()
        clock.now += QUERY_AFTER
        waiting.clear()
        tick.put_nowait(None)
        await waiting.wait()  # one round ran; the loop waits again
        assert stored(app, started["payment"]["id"]).status == "paid"
    assert waits == [60.0, 60.0]
    assert task.done() and app.state.payments_reconciler is None


async def test_a_round_that_fails_does_not_stop_the_timer(
    app: FastAPI, clock: MovableClock
) -> None:
    rounds: list[str] = []

    class Flaky(Reconciler):
        async def run_once(self) -> Any:
            rounds.append("round")
            if len(rounds) == 1:
                raise RuntimeError("the database went away")
            raise asyncio.CancelledError

    flaky = Flaky(app.state.session_factory, AskedGateway, clock)

    async def no_wait(_seconds: float) -> None:
        return None

    with pytest.raises(asyncio.CancelledError):
        await reconcile_forever(flaky, 30, no_wait)
    assert rounds == ["round", "round"]
