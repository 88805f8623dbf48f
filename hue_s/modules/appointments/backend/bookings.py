"""Bookings: book (once per Idempotency-Key), cancel, reschedule; seats keep the capacity.

Blocking functions, each its own transactions (run in a worker thread by the routes). A seat
is taken by inserting (or moving) a row whose (office, slot, seat) and (office, day, seat)
are unique: two people racing for the last seat both try it, the database lets one in, and
the other, on its retry, finds none left.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.working_days import hue_date
from hue_s.modules.appointments.backend.models import BookingRow, ClosedDayRow, OfficeRow
from hue_s.modules.appointments.backend.slots import BOOK_AHEAD_DAYS, office_open, slot_starts
from hue_s.modules.appointments.wire import Day, Slot

Factory = sessionmaker[Session]
BOOKED = ("booked", "checked_in")
"""Statuses that hold their seats (a checked-in booking keeps its place)."""


@dataclass(frozen=True)
class Wanted:
    """What a person asks for: an office, a procedure (already checked), a slot's start."""

    ward_code: str
    procedure_code: str
    start: datetime
    idempotency_key: str | None


def office_of(session: Session, ward_code: str) -> OfficeRow:
    """Return a ward's office, or 404."""
    office = session.get(OfficeRow, ward_code)
    if office is None:
        raise APIError(404, "unknown_office", "This ward's office takes no bookings.")
    return office


def closed_days(session: Session) -> set[date]:
    """Return the closed days beyond weekends and the solar holidays."""
    return set(session.scalars(select(ClosedDayRow.day)))


def days_of(session: Session, ward_code: str, now: datetime) -> list[Day]:
    """Return the office's bookable days from today, each with its slots and seats taken."""
    office = office_of(session, ward_code)
    closed = closed_days(session)
    today = hue_date(now)
    last = today + timedelta(days=BOOK_AHEAD_DAYS)
    held = select(BookingRow.start, func.count()).where(
        BookingRow.ward_code == ward_code, BookingRow.status.in_(BOOKED),
        BookingRow.day >= today, BookingRow.day <= last,
    )  # fmt: skip
    taken = {start: count for start, count in session.execute(held.group_by(BookingRow.start))}
    days = []
    for offset in range(BOOK_AHEAD_DAYS + 1):
        day = today + timedelta(days=offset)
        starts = slot_starts(office.hours, office.slot_minutes, day)
        if not office_open(day, closed):
            days.append(Day(day=day, open=False, day_capacity=0, day_taken=0, slots=[]))
            continue
        counts = [taken.get(start, 0) for start in starts]
        day_taken = sum(counts)
        slots = [
            Slot(
                start=start,
                end=start + timedelta(minutes=office.slot_minutes),
                capacity=office.slot_capacity,
                taken=count,
                bookable=start > now
                and count < office.slot_capacity
                and day_taken < office.day_capacity,
            )  # fmt: skip
            for start, count in zip(starts, counts, strict=True)
        ]
        days.append(Day(day=day, open=True, day_capacity=office.day_capacity,
                        day_taken=day_taken, slots=slots))  # fmt: skip
    return days


def check_slot(session: Session, office: OfficeRow, start: datetime, now: datetime) -> date:
    """Refuse a start that is not a slot of an open day ahead (422/409); return its day."""
    day = hue_date(start)
    if start not in slot_starts(office.hours, office.slot_minutes, day):
        raise APIError(422, "not_a_slot", "The office has no slot starting then.")
    if start <= now:
        raise APIError(409, "in_the_past", "This slot has already started.")
    if day > hue_date(now) + timedelta(days=BOOK_AHEAD_DAYS):
        raise APIError(409, "too_far_ahead", f"Book at most {BOOK_AHEAD_DAYS} days ahead.")
    if not office_open(day, closed_days(session)):
        raise APIError(409, "office_closed", "The office is closed that day.")
    return day


def free_seat(
    session: Session,
    column: InstrumentedAttribute[int | None],
    where: list[ColumnElement[bool]],
    capacity: int,
) -> int | None:
    """Return the lowest seat of 1..capacity no booking holds, or None."""
    held = set(session.scalars(select(column).where(*where, column.isnot(None))))
    return next((seat for seat in range(1, capacity + 1) if seat not in held), None)


def take_seats(session: Session, office: OfficeRow, row: BookingRow, start: datetime) -> None:
    """Give a booking a seat of the slot at `start` and of its day (409 when either is full)."""
    day = hue_date(start)
    ward = BookingRow.ward_code == office.ward_code
    slot_seat = free_seat(session, BookingRow.slot_seat, [ward, BookingRow.start == start],
                          office.slot_capacity)  # fmt: skip
    if slot_seat is None:
        raise APIError(409, "slot_full", "Somebody took the last place of this slot.")
    day_seat = row.day_seat if row.day == day and row.day_seat else None
    if day_seat is None:
        day_seat = free_seat(session, BookingRow.day_seat, [ward, BookingRow.day == day],
                             office.day_capacity)  # fmt: skip
    if day_seat is None:
        raise APIError(409, "day_full", "The office is fully booked that day.")
    row.start, row.day, row.slot_seat, row.day_seat = start, day, slot_seat, day_seat


def with_retries(factory: Factory, work: object, attempts: int = 50) -> BookingRow:
    """Run `work(session)` in a transaction, again from the start when a seat was raced away."""
    for _ in range(attempts):
        with factory() as session:
            try:
                row: BookingRow = work(session)  # type: ignore[operator]
                session.commit()
            except IntegrityError:
                session.rollback()
                continue
            session.refresh(row)
            session.expunge(row)
            return row
    raise APIError(503, "busy", "Too many people are booking this slot; try again.")


def replayed(session: Session, user_id: int, key: str | None) -> BookingRow | None:
    """Return the person's booking made with this Idempotency-Key, if any."""
    if key is None:
        return None
    query = select(BookingRow).where(BookingRow.user_id == user_id,
                                     BookingRow.idempotency_key == key)  # fmt: skip
    return session.scalars(query).first()


def book(factory: Factory, user_id: int, wanted: Wanted, now: datetime) -> tuple[BookingRow, bool]:
    """Book a slot for a person; with a known Idempotency-Key, return the booking made under it.
    Says whether it is new."""
    made = True

    def work(session: Session) -> BookingRow:
        nonlocal made
        earlier = replayed(session, user_id, wanted.idempotency_key)
        if earlier is not None:
            made = False
            return earlier
        office = office_of(session, wanted.ward_code)
        check_slot(session, office, wanted.start, now)
        row = BookingRow(
            user_id=user_id, ward_code=office.ward_code, procedure_code=wanted.procedure_code,
            status="booked", idempotency_key=wanted.idempotency_key, created_at=now,
            updated_at=now, day=hue_date(wanted.start), start=wanted.start,
        )  # fmt: skip
        take_seats(session, office, row, wanted.start)
        session.add(row)
        session.flush()
        return row

    row = with_retries(factory, work)
    return row, made


def own_booking(session: Session, booking_id: int, user_id: int) -> BookingRow:
    """Return the person's booking, or 404 (another's is not theirs to know of)."""
    row = session.get(BookingRow, booking_id)
    if row is None or row.user_id != user_id:
        raise APIError(404, "not_found", "No such booking of yours.")
    return row


def changeable(row: BookingRow, now: datetime) -> None:
    """Refuse to change a booking that is not booked (409) or has started (409)."""
    if row.status != "booked":
        raise APIError(409, "not_booked", "This booking is cancelled or checked in already.")
    if row.start <= now:
        raise APIError(409, "in_the_past", "This booking's time has passed.")


def cancel(factory: Factory, booking_id: int, user_id: int, now: datetime) -> BookingRow:
    """Cancel one's booking before its time; its seats are free again."""

    def work(session: Session) -> BookingRow:
        row = own_booking(session, booking_id, user_id)
        changeable(row, now)
        row.status, row.slot_seat, row.day_seat, row.updated_at = "cancelled", None, None, now
        return row

    return with_retries(factory, work)


def reschedule(
    factory: Factory, booking_id: int, user_id: int, start: datetime, now: datetime
) -> BookingRow:
    """Move one's booking to another slot of the same office (the old one kept if refused)."""

    def work(session: Session) -> BookingRow:
        row = own_booking(session, booking_id, user_id)
        changeable(row, now)
        office = office_of(session, row.ward_code)
        check_slot(session, office, start, now)
        if start != row.start:
            row.slot_seat = None  # its own seat is not "held" while it looks for a new one
            session.flush()
            take_seats(session, office, row, start)
        row.updated_at = now
        session.flush()
        return row

    return with_retries(factory, work)
