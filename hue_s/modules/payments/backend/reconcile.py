"""Pending payments settled on a timer, not only when a person opens them.

Every `interval` seconds, while the server runs, the gateway is asked (VNPay: querydr) about
the payments pending longer than `QUERY_AFTER` (their IPN may never come); what it answers
is applied as an IPN is (one conditional update: a late IPN and the timer give one
outcome). Then the payments left pending past their window are expired. The clock, the
interval and the wait between rounds are injected: tests drive rounds one by one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple, TypeVar

import httpx
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from hue_s.backend.kernel.clock import utc_now
from hue_s.backend.kernel.event_hub import stop_task
from hue_s.modules.payments.backend import service
from hue_s.modules.payments.backend.models import Payment
from hue_s.modules.payments.gateway import (
    CallbackRefused,
    GatewayResult,
    PaymentGateway,
    PaymentOrder,
    gateway_from_environment,
)

logger = logging.getLogger(__name__)
QUERY_AFTER = timedelta(minutes=2)
"""A payment pending this long is asked about (its IPN normally comes within seconds)."""
BATCH = 50
"""At most this many payments are asked about in one round (the oldest first)."""
INTERVAL_ENV = "HUE_S_PAYMENTS_RECONCILE_SECONDS"
DEFAULT_INTERVAL = 60.0
Result = TypeVar("Result")
Wait = Callable[[float], Awaitable[None]]


async def ask_gateway(
    gateway: PaymentGateway, order: PaymentOrder, now: datetime
) -> GatewayResult | None:
    """Return the gateway's final answer about an order; None when it has none yet, cannot be
    reached, or answers about another order."""
    try:
        result = await gateway.query(order, now)
    except (CallbackRefused, httpx.HTTPError, ValueError) as error:
        logger.warning("payment %s: the gateway's query failed: %r", order.txn_ref, error)
        return None
    return result if result is not None and result.txn_ref == order.txn_ref else None


class Round(NamedTuple):
    """What one round did: how many payments it asked about, settled and expired."""

    asked: int
    settled: int
    expired: int


@dataclass
class Reconciler:
    """Asks the gateway about payments left pending and settles or expires them."""

    session_factory: sessionmaker[Session]
    gateway: Callable[[], PaymentGateway]
    clock: Callable[[], datetime]
    writer: Executor | None = None
    """The SQLite writer thread (None: any worker thread)."""

    async def blocking(self, work: Callable[..., Result], *args: object) -> Result:
        """Run blocking database work off the event loop (on the writer, if there is one)."""
        if self.writer is None:
            return await asyncio.to_thread(work, *args)
        return await asyncio.get_running_loop().run_in_executor(self.writer, work, *args)

    def overdue_orders(self, now: datetime) -> list[PaymentOrder]:
        """Return the gateway's view of the payments pending longer than QUERY_AFTER."""
        with self.session_factory() as session:
            query = (
                select(Payment)
                .where(Payment.status == "pending", Payment.created_at <= now - QUERY_AFTER)
                .order_by(Payment.created_at, Payment.id)
                .limit(BATCH)
            )
            return [service.order_of(payment) for payment in session.scalars(query)]

    def apply(self, result: GatewayResult, now: datetime) -> bool:
        """Apply the gateway's answer as an IPN; tell whether it settled the payment."""
        with self.session_factory() as session:
            answer = service.settle(session, result, self.gateway().name, now)
            session.commit()
        return answer == service.CONFIRMED

    def expire(self, now: datetime) -> int:
        """Expire the payments left pending past their window; return how many."""
        with self.session_factory() as session:
            count = service.give_up_overdue(session, now)
            session.commit()
        return count

    async def run_once(self) -> Round:
        """Ask about the overdue payments, settle what the gateway answers, expire the rest."""
        now = self.clock()
        orders = await self.blocking(self.overdue_orders, now)
        settled = 0
        for order in orders:
            result = await ask_gateway(self.gateway(), order, now)
            if result is not None and await self.blocking(self.apply, result, now):
                settled += 1
        expired = await self.blocking(self.expire, now)
        return Round(asked=len(orders), settled=settled, expired=expired)


async def reconcile_forever(reconciler: Reconciler, interval: float, wait: Wait) -> None:
    """Run a round every `interval` seconds until cancelled (a failed round is logged)."""
    while True:
        await wait(interval)
        try:
            await reconciler.run_once()
        except Exception:
            logger.exception("a payments reconciliation round failed")


def interval_from_environment() -> float:
    """Return the seconds between rounds ($HUE_S_PAYMENTS_RECONCILE_SECONDS; 0: no timer)."""
    text = os.environ.get(INTERVAL_ENV, "").strip()
    return float(text) if text else DEFAULT_INTERVAL


def gateway_of_app(app: FastAPI) -> PaymentGateway:
    """Return the app's payment gateway, configured from the environment the first time."""
    gateway: PaymentGateway | None = getattr(app.state, "payments_gateway", None)
    if gateway is None:
        gateway = gateway_from_environment(os.environ)
        app.state.payments_gateway = gateway
    return gateway


@contextlib.asynccontextmanager
async def payments_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Run the reconciliation timer while the server runs (tests may set
    `app.state.payments_wait`, the wait between rounds, and `app.state.clock`)."""
    interval = interval_from_environment()
    if interval <= 0:
        yield
        return

    def now() -> datetime:
        clock = getattr(app.state, "clock", None)
        return clock() if clock is not None else utc_now()

    reconciler = Reconciler(
        app.state.session_factory, lambda: gateway_of_app(app), now, app.state.writer
    )
    wait: Wait = getattr(app.state, "payments_wait", None) or asyncio.sleep
    task = asyncio.create_task(reconcile_forever(reconciler, interval, wait), name="payments")
    app.state.payments_reconciler = task
    try:
        yield
    finally:
        await stop_task(task)
        app.state.payments_reconciler = None
