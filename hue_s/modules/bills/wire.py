"""What the bills app and backend say to each other, and the shape of a customer code.

Code shapes (the module's documented rule; checked before any provider is asked):
- electricity: EVN's customer code, 13 characters: `P`, the power company's letter (central
  Vietnam's EVNCPC codes start with PC, PQ or PP), then 11 letters or digits, e.g.
  PC07AA0123456 (the first 6 name the electricity unit that serves the customer's area);
- water: Huế Water (HueWACO) customer code as printed on the bill: 2 letters of the route then
  8 digits, e.g. HU01012345 (the first 4 name the area).
Spaces and dashes people type are dropped and letters upper-cased.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["electricity", "water"]
SHAPES: dict[str, re.Pattern[str]] = {
    "electricity": re.compile(r"P[CQP][0-9A-Z]{11}"),
    "water": re.compile(r"[A-Z]{2}[0-9]{8}"),
}
AREA_LENGTH = {"electricity": 6, "water": 4}
UNITS = {"electricity": "kWh", "water": "m³"}
PURPOSE = "utility_bill"
"""The payments module's purpose for a bill; its reference is `<customer id>-<yyyymm>`."""
HISTORY_MONTHS = 12
OUTAGE_DAYS = 7
"""Outages are shown from today through this many days ahead."""


def normalise_code(kind: str, typed: str) -> str | None:
    """Return a typed code in its canonical form, or None when it has not the kind's shape."""
    code = re.sub(r"[\s\-.]", "", typed).upper()
    shape = SHAPES.get(kind)
    return code if shape is not None and shape.fullmatch(code) else None


def bill_reference(customer_id: int, year: int, month: int) -> str:
    """Return the payments reference of one month's bill of a customer."""
    return f"{customer_id}-{year:04d}{month:02d}"


class CustomerAdd(BaseModel):
    """A customer code a person follows, with their name for it ("Nhà bà nội")."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    code: str = Field(min_length=1, max_length=40)
    nickname: str = Field(min_length=1, max_length=60)


class Customer(BaseModel):
    """A followed customer as its follower sees it."""

    id: int
    kind: Kind
    code: str
    nickname: str
    name: str = Field(description="The customer's name at the utility.")
    address: str
    area_code: str
    area_name: str


class Bill(BaseModel):
    """One month's bill: consumption (kWh or m³) and the amount in whole đồng."""

    year: int
    month: int = Field(ge=1, le=12)
    consumption: int
    amount_vnd: int
    issued_on: date
    due_on: date
    paid: bool


class Outage(BaseModel):
    """A planned cut of power or water in an area (local Huế times)."""

    area_code: str
    area_name: str
    starts_at: datetime
    ends_at: datetime
    reason: str


class Statement(BaseModel):
    """A customer's current bill, its last 12 months (oldest first) and outages coming."""

    customer: Customer
    unit: str
    current: Bill | None
    history: list[Bill]
    outages: list[Outage]
    payment: Literal["pending", "paid"] | None = Field(
        None, description="The app's payment of the current bill, if one was opened."
    )
    payable: bool = Field(description="True when the current bill can be paid in the app.")
    reference: str | None = Field(None, description="The current bill's payments reference.")


class PayTicket(BaseModel):
    """What to hand the payments module to pay a customer's current bill."""

    purpose: str
    reference: str
    amount_vnd: int
