"""The appointments tables: offices, closed days, bookings (with seats), queue tickets.

Capacity is the database's to keep: a booked booking holds a seat of its slot (1..slot
capacity) and a seat of its day (1..day capacity), each unique, so the last seat can be taken
once; a cancelled one holds none (NULLs never collide). Queue numbers are unique per office
and day.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.accounts.models import UtcDateTime
from hue_s.backend.kernel.models import Base


class OfficeRow(Base):
    """A ward office that takes bookings (seeded per ward by the `appointments` branch)."""

    __tablename__ = "appointment_offices"

    ward_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    """The ward's official code (no foreign key: the wards are seeded after the migrations)."""
    hours: Mapped[list[Any]] = mapped_column(JSON)
    """Opening spans in Huế time, [["07:30", "11:30"], ["13:30", "17:00"]]."""
    slot_minutes: Mapped[int]
    slot_capacity: Mapped[int]
    day_capacity: Mapped[int]


class ClosedDayRow(Base):
    """A public holiday that moves each year (Tết, Hùng Kings, the day beside 2 September)."""

    __tablename__ = "appointment_closed_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str] = mapped_column(String(100))


class BookingRow(Base):
    """A person's booking of a slot; a booked one holds a slot seat and a day seat."""

    __tablename__ = "appointment_bookings"
    __table_args__ = (
        CheckConstraint("status IN ('booked', 'cancelled', 'checked_in')", name="status"),
        UniqueConstraint("ward_code", "start", "slot_seat", name="uq_appointment_slot_seat"),
        UniqueConstraint("ward_code", "day", "day_seat", name="uq_appointment_day_seat"),
        UniqueConstraint("user_id", "idempotency_key", name="uq_appointment_idempotency"),
        Index("ix_appointment_bookings_user_id_start", "user_id", "start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    ward_code: Mapped[str] = mapped_column(
        String(5), ForeignKey("appointment_offices.ward_code", ondelete="CASCADE")
    )
    procedure_code: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    """The Huế day of `start`."""
    start: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(10))
    slot_seat: Mapped[int | None]
    day_seat: Mapped[int | None]
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TicketRow(Base):
    """A queue number of an office's day: a walk-in's, or a checked-in booking's."""

    __tablename__ = "appointment_tickets"
    __table_args__ = (
        CheckConstraint("kind IN ('walk_in', 'booking')", name="kind"),
        CheckConstraint("status IN ('waiting', 'called')", name="status"),
        UniqueConstraint("ward_code", "day", "number", name="uq_appointment_ticket_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ward_code: Mapped[str] = mapped_column(
        String(5), ForeignKey("appointment_offices.ward_code", ondelete="CASCADE")
    )
    day: Mapped[date] = mapped_column(Date)
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    """Who took it (None: issued by staff for a visitor, or the account is gone)."""
    booking_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment_bookings.id", ondelete="SET NULL"), unique=True
    )
    booking_start: Mapped[datetime | None] = mapped_column(UtcDateTime)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
