"""What the payments app and backend say to each other (pydantic models both sides share)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

PaymentStatus = Literal["pending", "paid", "failed", "expired", "refunded"]
"""refunded: paid, then all or part of it given back (refunded_vnd says how much)."""


class PaymentRequest(BaseModel):
    """Pay something a module names: its purpose and reference (the amount is the module's)."""

    model_config = ConfigDict(extra="forbid")

    purpose: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$", description="What kind of thing.")
    reference: str = Field(min_length=1, max_length=100, description="Which one.")
    locale: Literal["vn", "en"] = Field(default="vn", description="The pay page's language.")


class PaymentView(BaseModel):
    """One payment as its owner sees it: also their receipt once paid."""

    model_config = ConfigDict(extra="allow")

    id: int
    purpose: str
    reference: str
    description: str
    amount_vnd: int = Field(description="Whole đồng (never a float).")
    status: PaymentStatus
    provider: str
    txn_ref: str = Field(description="Our reference at the gateway (vnp_TxnRef).")
    created_at: datetime
    expires_at: datetime
    settled_at: datetime | None = None
    gateway_code: str | None = Field(default=None, description="The gateway's response code.")
    transaction_no: str | None = Field(default=None, description="The gateway's transaction.")
    bank_code: str | None = None
    pay_date: str | None = Field(default=None, description="yyyyMMddHHmmss, GMT+7.")
    pay_url: str | None = Field(default=None, description="Where to pay, while pending.")
    refunded_vnd: int | None = Field(default=None, description="Whole đồng given back.")
    refund_reason: str | None = Field(default=None, description="Why staff refunded it.")
    refunded_at: datetime | None = None


class RefundRequest(BaseModel):
    """Staff give back a paid payment's money (all of it unless an amount is given)."""

    model_config = ConfigDict(extra="forbid")

    amount_vnd: int | None = Field(
        default=None, ge=1, le=10**15, description="Whole đồng; default: all that was paid."
    )
    reason: str = Field(min_length=3, max_length=500, description="Why, kept with the refund.")


class PaymentStarted(BaseModel):
    """A payment waiting on the gateway's pay page."""

    model_config = ConfigDict(extra="allow")

    payment: PaymentView
    pay_url: str = Field(description="Where to send the person to pay.")


def pay_route(purpose: str, reference: str) -> str:
    """Return the app route where a person pays a thing (other modules' screens open it)."""
    return f"/payments/pay/{quote(purpose, safe='')}/{quote(reference, safe='')}"


class ReceiptCheck(BaseModel):
    """What anyone holding a receipt's QR code learns: whether it is a real, paid receipt (and
    then its amount, date and references), never who paid."""

    valid: bool
    reference: str = Field(description="The receipt's transaction reference (vnp_TxnRef).")
    amount_vnd: int | None = Field(default=None, description="Whole đồng, when valid.")
    paid_at: datetime | None = None
    transaction_no: str | None = Field(default=None, description="The gateway's transaction.")
    status: Literal["paid", "refunded"] | None = Field(
        default=None, description="refunded: real, but its money was given back (not valid)."
    )
    refunded_vnd: int | None = Field(default=None, description="Whole đồng given back.")


def verify_path(txn_ref: str, amount_vnd: int) -> str:
    """Return the backend path that verifies a receipt (its QR code opens it)."""
    return f"/api/v1/payments/verify/{quote(txn_ref, safe='')}?amount={amount_vnd}"
