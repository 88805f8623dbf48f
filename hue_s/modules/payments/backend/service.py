"""What other modules may call: open a payment, ask whether something is paid, settle IPNs.

A module names what it charges for by registering a purpose: a function telling, for a
signed-in person and a reference, the amount and description (None when it is not theirs or
has nothing to pay). One payment is open per (purpose, reference) at a time, enforced by a
unique key; a paid thing refuses another payment. Only the gateway's IPN settles a payment.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.kernel.clock import utc_now as utc_now
from hue_s.modules.payments.backend.models import Payment, PaymentRefund
from hue_s.modules.payments.gateway import (
    BadSignature,
    GatewayResult,
    MalformedCallback,
    PaymentGateway,
    PaymentOrder,
)
from hue_s.modules.payments.wire import PaymentView

PAY_WITHIN = timedelta(minutes=15)
"""How long the pay page accepts a payment (vnp_ExpireDate)."""
LATE_ANSWER_GRACE = timedelta(minutes=5)
"""A pending payment is given up this long after it expired (a late IPN still finds it)."""


@dataclass(frozen=True)
class Quote:
    """What a module charges for one thing: whole đồng and a description."""

    amount_vnd: int
    description: str


Quoter = Callable[[Session, Any, str], Quote | None]
StaffCheck = Callable[[Session, Any, str], bool]
PURPOSES: dict[str, Quoter] = {}
STAFF_CHECKS: dict[str, StaffCheck] = {}


def register_purpose(purpose: str, quoter: Quoter, staff_may_see: StaffCheck | None = None) -> None:
    """Let people pay things of a kind: `quoter(session, user, reference)` prices them;
    `staff_may_see(session, user, reference)` tells which staff may see their receipts."""
    PURPOSES[purpose] = quoter
    if staff_may_see is not None:
        STAFF_CHECKS[purpose] = staff_may_see


def may_see(session: Session, user: Any, payment: Payment) -> bool:
    """Tell whether a person may see a payment: its payer, or staff its purpose allows."""
    if payment.owner_id == user.id:
        return True
    check = STAFF_CHECKS.get(payment.purpose)
    return check is not None and check(session, user, payment.reference)


SANDBOX_PURPOSE = "sandbox_fee"
"""A 10,000-đồng test payment of any reference, offered only while the pay page is the local
sandbox: developers and the browser tests try the whole journey with it."""


def quote_sandbox_fee(_session: Session, _user: Any, reference: str) -> Quote:
    """Price a sandbox test payment."""
    return Quote(10_000, f"Khoản thử nghiệm {reference}")


def quoter_for(purpose: str, gateway: PaymentGateway) -> Quoter | None:
    """Return what prices a purpose (the sandbox's test fee only with the local sandbox)."""
    if purpose == SANDBOX_PURPOSE:
        return quote_sandbox_fee if getattr(gateway, "is_sandbox", False) else None
    return PURPOSES.get(purpose)


class PaymentRefused(Exception):
    """A payment that must not be opened: `code` says why (already_paid, payment_pending...)."""

    def __init__(self, code: str, message: str) -> None:
        """Keep the stable code and the English message."""
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class IpnAnswer:
    """The answer VNPay expects to an IPN: {"RspCode": ..., "Message": ...}."""

    code: str
    message: str

    def body(self) -> dict[str, str]:
        """Return the JSON body."""
        return {"RspCode": self.code, "Message": self.message}


CONFIRMED = IpnAnswer("00", "Confirm Success")
NOT_FOUND = IpnAnswer("01", "Order not found")
ALREADY_CONFIRMED = IpnAnswer("02", "Order already confirmed")
INVALID_AMOUNT = IpnAnswer("04", "Invalid amount")
INVALID_SIGNATURE = IpnAnswer("97", "Invalid signature")
UNKNOWN_ERROR = IpnAnswer("99", "Unknown error")


def open_key(purpose: str, reference: str) -> str:
    """Return the key that allows one open payment per thing."""
    return f"{purpose}:{reference}"


def give_up_overdue(session: Session, now: datetime, key: str | None = None) -> int:
    """Mark pending payments long past their expiry as expired (of one thing, or all)."""
    statement = (
        update(Payment)
        .where(Payment.status == "pending", Payment.expires_at < now - LATE_ANSWER_GRACE)
        .values(status="expired", open_key=None, settled_at=now)
    )
    if key is not None:
        statement = statement.where(Payment.open_key == key)
    return session.execute(statement).rowcount  # type: ignore[attr-defined]


def open_payment_of(session: Session, key: str) -> Payment | None:
    """Return the pending or paid payment of a thing, if any."""
    return session.scalars(select(Payment).where(Payment.open_key == key)).first()


def reuse_or_refuse(found: Payment, owner: Any, amount_vnd: int) -> Payment:
    """Return the owner's own pending payment of the same amount; refuse anything else."""
    if found.status == "paid":
        raise PaymentRefused("already_paid", "This has been paid already.")
    if found.owner_id != owner.id or found.amount_vnd != amount_vnd:
        raise PaymentRefused("payment_pending", "A payment of this is waiting; try later.")
    return found


def create_payment(
    session: Session,
    owner: Any,
    purpose: str,
    reference: str,
    amount_vnd: int,
    *,
    description: str,
    gateway: PaymentGateway,
    return_url: str,
    ip_address: str,
    now: datetime,
    locale: str = "vn",
) -> Payment:
    """Open a payment (or return the owner's pending one) with its pay URL; flushes, the
    caller commits. Raises PaymentRefused when the thing is paid or another payment waits."""
    if not isinstance(amount_vnd, int) or isinstance(amount_vnd, bool) or amount_vnd <= 0:
        raise ValueError("an amount is a positive whole number of đồng")
    key = open_key(purpose, reference)
    give_up_overdue(session, now, key)
    found = open_payment_of(session, key)
    if found is not None:
        return reuse_or_refuse(found, owner, amount_vnd)
    txn_ref = "HS" + secrets.token_hex(8).upper()
    order = PaymentOrder(
        txn_ref=txn_ref, amount_vnd=amount_vnd, order_info=description, return_url=return_url,
        ip_address=ip_address, created_at=now, expires_at=now + PAY_WITHIN, locale=locale,
    )  # fmt: skip
    payment = Payment(
        owner_id=owner.id, purpose=purpose, reference=reference, open_key=key,
        description=description, amount_vnd=amount_vnd, provider=gateway.name, txn_ref=txn_ref,
        pay_url=gateway.pay_url(order), locale=order.locale, status="pending", created_at=now,
        expires_at=order.expires_at,
    )  # fmt: skip
    try:
        with session.begin_nested():
            session.add(payment)
    except IntegrityError:  # someone opened one in the meantime
        found = open_payment_of(session, key)
        if found is None:
            raise
        return reuse_or_refuse(found, owner, amount_vnd)
    return payment


def payment_status(session: Session, purpose: str, reference: str) -> str | None:
    """Return "paid", "pending" or "refunded" for a thing with an open payment, else None."""
    payment = open_payment_of(session, open_key(purpose, reference))
    return shown_status(payment) if payment is not None else None


def refund_done(payment: Payment) -> PaymentRefund | None:
    """Return a paid payment's refund once the gateway accepted it."""
    refund = payment.refund
    return refund if payment.status == "paid" and refund and refund.state == "done" else None


def shown_status(payment: Payment) -> str:
    """Return a payment's status as people see it: "refunded" once its refund is done."""
    return "refunded" if refund_done(payment) is not None else payment.status


def settle_from_ipn(
    session: Session, params: dict[str, str], gateway: PaymentGateway, now: datetime
) -> IpnAnswer:
    """Apply a gateway's IPN: signature, order, amount, still pending, then one conditional
    update (paid, or failed); the caller commits. A replay changes nothing."""
    try:
        result = gateway.read_callback(params)
    except BadSignature:
        return INVALID_SIGNATURE
    except MalformedCallback:
        return UNKNOWN_ERROR
    return settle(session, result, gateway.name, now)


def settle(session: Session, result: GatewayResult, provider: str, now: datetime) -> IpnAnswer:
    """Apply what the gateway said (an IPN, or its answer to a query): order, amount, still
    pending, then one conditional update; the caller commits."""
    payment = session.scalars(select(Payment).where(Payment.txn_ref == result.txn_ref)).first()
    if payment is None or payment.provider != provider:
        return NOT_FOUND
    if payment.amount_vnd != result.amount_vnd:
        return INVALID_AMOUNT
    if payment.status != "pending":
        return ALREADY_CONFIRMED
    paid = result.succeeded
    changed = session.execute(
        update(Payment)
        .where(Payment.id == payment.id, Payment.status == "pending")
        .values(
            status="paid" if paid else "failed",
            open_key=payment.open_key if paid else None,
            settled_at=now,
            gateway_code=result.response_code[:4],
            gateway_status=result.transaction_status[:4],
            transaction_no=result.transaction_no[:40] or None,
            bank_code=result.bank_code[:20] or None,
            pay_date=result.pay_date[:14] or None,
        )
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        return ALREADY_CONFIRMED
    return CONFIRMED


def order_of(payment: Payment) -> PaymentOrder:
    """Return the gateway's view of a stored payment (to query the gateway about it)."""
    return PaymentOrder(
        txn_ref=payment.txn_ref, amount_vnd=payment.amount_vnd, order_info=payment.description,
        return_url="", ip_address="127.0.0.1", created_at=payment.created_at,
        expires_at=payment.expires_at, locale=payment.locale,
    )  # fmt: skip


def payment_view(payment: Payment) -> PaymentView:
    """Return a payment as its owner sees it (with its pay URL while pending; with what was
    refunded, why and when, once refunded)."""
    view = PaymentView.model_validate(payment, from_attributes=True)
    refund = refund_done(payment)
    changes: dict[str, Any] = {} if payment.status == "pending" else {"pay_url": None}
    if refund is not None:
        changes |= {
            "status": "refunded", "refunded_vnd": refund.amount_vnd,
            "refund_reason": refund.reason, "refunded_at": refund.settled_at,
        }  # fmt: skip
    return view.model_copy(update=changes) if changes else view


REFUNDERS = ("officer", "operator", "admin")
"""The roles that may refund, where the purpose's staff check lets them see the payment."""


def may_refund(session: Session, user: Any, payment: Payment) -> bool:
    """Tell whether staff may refund a payment: the purpose lets them see it (never the
    payer alone, never a purpose without a staff check)."""
    check = STAFF_CHECKS.get(payment.purpose)
    return user.role in REFUNDERS and check is not None and check(session, user, payment.reference)


def payments_of(session: Session, owner: Any, limit: int = 100) -> list[Payment]:
    """Return a person's payments, latest first."""
    query = (
        select(Payment)
        .where(Payment.owner_id == owner.id)
        .order_by(Payment.created_at.desc(), Payment.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def forget_owner(session: Session, owner: Any) -> None:
    """Keep a deleted person's payments on the books without them."""
    session.execute(update(Payment).where(Payment.owner_id == owner.id).values(owner_id=None))
