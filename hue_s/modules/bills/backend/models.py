"""The bills tables: the customers people follow, and the last bill seen of each."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.accounts.models import UtcDateTime
from hue_s.backend.kernel.models import Base


class CustomerRow(Base):
    """A customer code a person follows, with their nickname and the utility's details."""

    __tablename__ = "bills_customers"
    __table_args__ = (UniqueConstraint("owner_id", "kind", "code", name="uq_bills_customer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    code: Mapped[str] = mapped_column(String(20))
    nickname: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(200))
    area_code: Mapped[str] = mapped_column(String(20))
    area_name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class BillRow(Base):
    """The current bill last read from the utility: what the payments module charges."""

    __tablename__ = "bills_current"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("bills_customers.id", ondelete="CASCADE"), primary_key=True
    )
    year: Mapped[int]
    month: Mapped[int]
    amount_vnd: Mapped[int]
    due_on: Mapped[date] = mapped_column(Date)
    paid: Mapped[bool]
    """Paid as the utility said when read (a payment in the app is the payments module's)."""
    read_at: Mapped[datetime] = mapped_column(UtcDateTime)
