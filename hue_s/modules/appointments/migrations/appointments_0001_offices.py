"""Create the appointments tables; open a booking office in each of Huế's 40 wards.

Frozen here: every ward office is open Monday to Friday, 07:30-11:30 and 13:30-17:00 (Huế
time), in 30-minute slots; a ward (phường) takes 3 people a slot and 36 a day, a commune (xã)
2 and 24. Closed weekdays beyond the working-day rule's solar holidays (1/1, 30/4, 1/5, 2/9):
Tết 2026 (14-22 February, the weekdays), Hùng Kings 2026 (26 April, a Sunday, taken on the
27th), 1 September 2026 (the day beside National Day); for 2027 the lunar days as the calendar
gives them (Tết on 6 February, Hùng Kings on 16 April), the exact span of Tết 2027 not yet
decided when frozen: a later revision adds what the government announces.

Revision ID: appointments_0001
Revises:
Create Date: 2026-12-04 23:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "appointments_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("appointments",)
depends_on: str | Sequence[str] | None = ("0001", "accounts_0001")

STAMP = sa.DateTime(timezone=True)
HOURS = [["07:30", "11:30"], ["13:30", "17:00"]]
WARDS = [
    "19753",
    "19774",
    "19777",
    "19789",
    "19804",
    "19813",
    "19815",
    "19819",
    "19828",
    "19831",
    "19858",
    "19873",
    "19900",
    "19909",
    "19930",
    "19960",
    "19969",
    "19975",
    "19996",
    "20014",
    "20017",
]
COMMUNES = [
    "19867",
    "19885",
    "19918",
    "19942",
    "19945",
    "20035",
    "20044",
    "20050",
    "20056",
    "20071",
    "20101",
    "20107",
    "20122",
    "20131",
    "20137",
    "20140",
    "20161",
    "20179",
    "20182",
]
CLOSED_DAYS = [
    *[(date(2026, 2, day), "Tết Bính Ngọ 2026") for day in range(16, 21)],
    (date(2026, 4, 27), "Giỗ Tổ Hùng Vương 2026 (nghỉ bù)"),
    (date(2026, 9, 1), "Quốc khánh 2026"),
    *[(date(2027, 2, day), "Tết Đinh Mùi 2027") for day in range(4, 13) if day not in (6, 7)],
    (date(2027, 4, 16), "Giỗ Tổ Hùng Vương 2027"),
]


def upgrade() -> None:
    """Create the tables, then seed the offices and closed days."""
    offices = op.create_table(
        "appointment_offices",
        sa.Column("ward_code", sa.String(length=5), nullable=False),
        sa.Column("hours", sa.JSON(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("slot_capacity", sa.Integer(), nullable=False),
        sa.Column("day_capacity", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("ward_code", name=op.f("pk_appointment_offices")),
    )  # fmt: skip
    closed = op.create_table(
        "appointment_closed_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_appointment_closed_days")),
    )
    op.create_table(
        "appointment_bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("ward_code", sa.String(length=5), nullable=False),
        sa.Column("procedure_code", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start", STAMP, nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("slot_seat", sa.Integer(), nullable=True),
        sa.Column("day_seat", sa.Integer(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.CheckConstraint(
            "status IN ('booked', 'cancelled', 'checked_in')",
            name=op.f("ck_appointment_bookings_status"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_appointment_bookings_user_id_users"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ward_code"], ["appointment_offices.ward_code"],
            name=op.f("fk_appointment_bookings_ward_code_appointment_offices"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment_bookings")),
        sa.UniqueConstraint("ward_code", "start", "slot_seat", name="uq_appointment_slot_seat"),
        sa.UniqueConstraint("ward_code", "day", "day_seat", name="uq_appointment_day_seat"),
        sa.UniqueConstraint("user_id", "idempotency_key", name="uq_appointment_idempotency"),
    )  # fmt: skip
    op.create_index(
        "ix_appointment_bookings_user_id_start", "appointment_bookings", ["user_id", "start"]
    )
    op.create_table(
        "appointment_tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ward_code", sa.String(length=5), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("booking_start", STAMP, nullable=True),
        sa.Column("issued_at", STAMP, nullable=False),
        sa.Column("called_at", STAMP, nullable=True),
        sa.CheckConstraint(
            "kind IN ('walk_in', 'booking')", name=op.f("ck_appointment_tickets_kind")
        ),
        sa.CheckConstraint(
            "status IN ('waiting', 'called')", name=op.f("ck_appointment_tickets_status")
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["appointment_bookings.id"],
            name=op.f("fk_appointment_tickets_booking_id_appointment_bookings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_appointment_tickets_user_id_users"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["ward_code"], ["appointment_offices.ward_code"],
            name=op.f("fk_appointment_tickets_ward_code_appointment_offices"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment_tickets")),
        sa.UniqueConstraint("booking_id", name=op.f("uq_appointment_tickets_booking_id")),
        sa.UniqueConstraint("ward_code", "day", "number", name="uq_appointment_ticket_number"),
    )  # fmt: skip
    op.bulk_insert(
        offices,
        [
            {"ward_code": code, "hours": HOURS, "slot_minutes": 30}
            | ({"slot_capacity": 3, "day_capacity": 36} if code in WARDS else {})
            | ({"slot_capacity": 2, "day_capacity": 24} if code in COMMUNES else {})
            for code in (*WARDS, *COMMUNES)
        ],
    )
    op.bulk_insert(closed, [{"day": day, "reason": reason} for day, reason in CLOSED_DAYS])


def downgrade() -> None:
    """Drop the tables."""
    for table in (
        "appointment_tickets", "appointment_bookings", "appointment_closed_days",
        "appointment_offices",
    ):  # fmt: skip
        op.drop_table(table)
