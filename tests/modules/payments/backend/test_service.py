"""The service under real concurrency (PostgreSQL): twin IPNs, twin payments of one fee."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, select

from hue_s.backend.accounts.models import User
from hue_s.modules.payments.backend.service import (
    PaymentRefused,
    create_payment,
    payment_status,
    settle_from_ipn,
)

from ..conftest import FEE, GATEWAY, NOON, PHONES
from .test_routes import gateway_answer, open_payment, stored

TWINS = 10


@pytest.mark.parametrize(
    "database_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_ten_ipns_that_all_read_pending_pay_once(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    started = await open_payment(client, people["a"])
    answer = gateway_answer(started)
    all_read = threading.Barrier(TWINS, timeout=30)

    def hold_updates(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        """Let no UPDATE of payments run before every twin has read the payment."""
        if statement.startswith("UPDATE payments"):
            all_read.wait()

    engine = app.state.engine
    event.listen(engine, "before_cursor_execute", hold_updates)

    def one_ipn() -> str:
        with app.state.session_factory() as session:
            reply = settle_from_ipn(session, dict(answer), GATEWAY, NOON)
            session.commit()
            return reply.code

    try:
        with ThreadPoolExecutor(TWINS) as pool:
            codes = sorted(pool.map(lambda _: one_ipn(), range(TWINS)))
    finally:
        event.remove(engine, "before_cursor_execute", hold_updates)
    assert codes == ["00"] + ["02"] * (TWINS - 1)
    assert stored(app, started["payment"]["id"]).status == "paid"


async def test_payment_status_tells_other_modules_what_is_paid(
    app: FastAPI, client: httpx.AsyncClient, people: Any
) -> None:
    def status(reference: str) -> str | None:
        with app.state.session_factory() as session:
            return payment_status(session, "test_fee", reference)

    assert status("R1") is None
    started = await open_payment(client, people["a"])
    assert status("R1") == "pending"
    await client.get("/api/v1/payments/vnpay/ipn", params=gateway_answer(started))
    assert status("R1") == "paid"


@pytest.mark.parametrize(
    "database_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_two_people_opening_the_same_fee_at_once_get_one_payment(app: FastAPI, people: Any) -> None:
    both_looked = threading.Barrier(2, timeout=30)

    def hold_inserts(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        """Let no INSERT of a payment run before both have found none open."""
        if statement.startswith("INSERT INTO payments"):
            both_looked.wait()

    def open_as(phone: str) -> str:
        with app.state.session_factory() as session:
            owner = session.scalars(select(User).where(User.phone == phone)).one()
            try:
                payment = create_payment(
                    session, owner, "test_fee", "R1", FEE, description="Lệ phí", gateway=GATEWAY,
                    return_url="http://x.test/r", ip_address="127.0.0.1", now=NOON,
                )  # fmt: skip
            except PaymentRefused as refused:
                return refused.code
            session.commit()
            return f"opened {payment.id}"

    event.listen(app.state.engine, "before_cursor_execute", hold_inserts)
    try:
        with ThreadPoolExecutor(2) as pool:
            outcomes = sorted(pool.map(open_as, PHONES.values()))
    finally:
        event.remove(app.state.engine, "before_cursor_execute", hold_inserts)
    assert outcomes[0].startswith("opened") and outcomes[1] == "payment_pending", outcomes
