"""The payments table: one row per attempt to pay something, amounts in whole đồng."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hue_s.backend.accounts.models import UtcDateTime
from hue_s.backend.kernel.models import Base

STATUSES = ("pending", "paid", "failed", "expired")
"""pending: sent to the pay page; paid: the gateway's IPN said 00/00; failed: it said
otherwise (cancelled, timed out, refused); expired: no answer came before it expired."""


class Payment(Base):
    """One attempt to pay a fee or bill through a gateway."""

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'paid', 'failed', 'expired')", name="status"),
        CheckConstraint("amount_vnd > 0", name="amount_positive"),
        CheckConstraint(
            "(open_key IS NOT NULL) = (status IN ('pending', 'paid'))", name="open_key_when_open"
        ),
        Index("ix_payments_owner_id_created_at", "owner_id", "created_at"),
        Index("ix_payments_purpose_reference", "purpose", "reference"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    """Who pays; None once their account is deleted (the payment stays on the books)."""
    purpose: Mapped[str] = mapped_column(String(40))
    """What kind of thing is paid, named by the module that asks ("service_fee")."""
    reference: Mapped[str] = mapped_column(String(100))
    """Which one, in that module's words (a dossier number, a bill id)."""
    open_key: Mapped[str | None] = mapped_column(String(141), unique=True)
    """purpose:reference while pending or paid, else None: one open payment per thing."""
    description: Mapped[str] = mapped_column(String(255))
    amount_vnd: Mapped[int] = mapped_column(BigInteger)
    provider: Mapped[str] = mapped_column(String(20))
    txn_ref: Mapped[str] = mapped_column(String(40), unique=True)
    """Our reference of the attempt at the gateway (vnp_TxnRef)."""
    pay_url: Mapped[str] = mapped_column(String(2000))
    locale: Mapped[str] = mapped_column(String(2), default="vn")
    """The language the person paid in (vnp_Locale: vn or en): the return page speaks it."""
    status: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    settled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    """When the IPN that settled it (paid or failed) came, or when it expired."""
    gateway_code: Mapped[str | None] = mapped_column(String(4))
    """The gateway's response code (VNPay: 00 paid, 24 cancelled, 11 timed out...)."""
    gateway_status: Mapped[str | None] = mapped_column(String(4))
    transaction_no: Mapped[str | None] = mapped_column(String(40))
    bank_code: Mapped[str | None] = mapped_column(String(20))
    pay_date: Mapped[str | None] = mapped_column(String(14))
    """When the gateway took the money, as it wrote it (VNPay: yyyyMMddHHmmss, GMT+7)."""
    refund: Mapped[PaymentRefund | None] = relationship(viewonly=True, uselist=False)
    """Its refund, if staff asked for one."""


REFUND_STATES = ("requested", "done", "refused")
"""requested: sent to the gateway, no answer yet (or none we could trust); done: the gateway
accepted it; refused: the gateway said no (staff may try again)."""


class PaymentRefund(Base):
    """The one refund of a paid payment (all or part of it), asked by staff with a reason."""

    __tablename__ = "payment_refunds"
    __table_args__ = (
        CheckConstraint("state IN ('requested', 'done', 'refused')", name="state"),
        CheckConstraint("amount_vnd > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(
        ForeignKey("payments.id", ondelete="CASCADE"), unique=True
    )
    """Unique: a payment is refunded once (two staff asking at once: one refund)."""
    amount_vnd: Mapped[int] = mapped_column(BigInteger)
    """Whole đồng, at most the payment's amount (checked before the row is written)."""
    reason: Mapped[str] = mapped_column(String(500))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    request_id: Mapped[str] = mapped_column(String(32), unique=True)
    """The latest request's id at the gateway (vnp_RequestId)."""
    state: Mapped[str] = mapped_column(String(10), default="requested")
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    settled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    gateway_code: Mapped[str | None] = mapped_column(String(4))
    transaction_no: Mapped[str | None] = mapped_column(String(40))
    """The gateway's number of the refund transaction."""
