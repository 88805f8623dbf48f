"""Refunds: staff give back all or part of a paid payment, once, with a reason.

A refund is claimed before the gateway is asked: one row per payment (a unique key), so two
staff asking at once give one request to the gateway; the one who lost the race is told it
is in progress, and asking again for the same amount once it is done answers what was done
(nothing is sent twice). A refusal by the gateway may be retried; an answer that never came
(or was not signed) leaves the refund "requested": nobody sends it again blindly.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.modules.payments.backend.models import Payment, PaymentRefund
from hue_s.modules.payments.backend.service import order_of
from hue_s.modules.payments.gateway import RefundOrder, RefundResult


class RefundRefused(Exception):
    """A refund that must not be sent: its HTTP status, stable code and English message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        """Keep the status, code and message."""
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class Claim:
    """A refund row, and whether this request must send it to the gateway."""

    refund_id: int
    send: bool


def new_request_id() -> str:
    """Return a fresh id for a request to the gateway (vnp_RequestId)."""
    return secrets.token_hex(16)


def refund_of(session: Session, payment_id: int) -> PaymentRefund | None:
    """Return a payment's refund row, if any (as committed: read afresh)."""
    query = select(PaymentRefund).where(PaymentRefund.payment_id == payment_id)
    return session.scalars(query.execution_options(populate_existing=True)).first()


def claim_refund(
    session: Session, payment: Payment, staff: Any, amount_vnd: int, reason: str, now: datetime
) -> Claim:
    """Claim the payment's refund for this request, or tell what became of an earlier one;
    the caller commits. Raises RefundRefused (not paid, too much, done or in progress)."""
    if payment.status != "paid":
        raise RefundRefused(409, "not_paid", "Only a paid payment is refunded.")
    if not 0 < amount_vnd <= payment.amount_vnd:
        raise RefundRefused(422, "refund_too_large", "A refund is at most what was paid.")
    asked = {
        "amount_vnd": amount_vnd, "reason": reason, "requested_by_id": staff.id,
        "requested_at": now, "state": "requested", "request_id": new_request_id(),
    }  # fmt: skip
    found = refund_of(session, payment.id)
    if found is None:
        row = PaymentRefund(payment_id=payment.id, **asked)
        try:
            with session.begin_nested():
                session.add(row)
            return Claim(row.id, send=True)
        except IntegrityError:  # another request claimed it first
            found = refund_of(session, payment.id)
            if found is None:
                raise
    if found.state == "refused":
        retried = session.execute(
            update(PaymentRefund)
            .where(PaymentRefund.id == found.id, PaymentRefund.state == "refused")
            .values(**asked, settled_at=None, gateway_code=None, transaction_no=None)
            .execution_options(synchronize_session=False)
        )
        if retried.rowcount == 1:  # type: ignore[attr-defined]
            return Claim(found.id, send=True)
        found = refund_of(session, payment.id) or found
    if found.state == "done" and found.amount_vnd == amount_vnd:
        return Claim(found.id, send=False)
    if found.state == "done":
        raise RefundRefused(409, "already_refunded", "This payment was refunded already.")
    raise RefundRefused(409, "refund_in_progress", "A refund of this payment is under way.")


def refund_order(session: Session, payment: Payment, refund_id: int) -> RefundOrder:
    """Return what the gateway is asked, for a claimed refund."""
    refund = session.get_one(PaymentRefund, refund_id)
    return RefundOrder(
        order=order_of(payment), amount_vnd=refund.amount_vnd,
        transaction_no=payment.transaction_no or "", request_id=refund.request_id,
        created_by=f"hue-s-user-{refund.requested_by_id}",
    )  # fmt: skip


def finish_refund(
    session: Session, refund_id: int, result: RefundResult | None, now: datetime
) -> None:
    """Record the gateway's answer (done or refused); no answer leaves it requested. The
    caller commits."""
    if result is None:
        return
    session.execute(
        update(PaymentRefund)
        .where(PaymentRefund.id == refund_id, PaymentRefund.state == "requested")
        .values(
            state="done" if result.succeeded else "refused",
            settled_at=now,
            gateway_code=result.response_code[:4] or None,
            transaction_no=result.transaction_no[:40] or None,
        )  # fmt: skip
        .execution_options(synchronize_session=False)
    )
