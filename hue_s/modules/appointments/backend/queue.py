"""The day's queue at an office: numbers issued once each, "call next", what the screen shows.

Blocking functions (run in a worker thread by the routes). A number is the day's highest plus
one, inserted under a unique (office, day, number): two issued at once cannot share one, the
loser takes the next. "Call next" marks a ticket called only if it is still waiting, so two
officers pressing at once call two different people.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.models import Ward
from hue_s.backend.kernel.working_days import hue_date
from hue_s.modules.appointments.backend.bookings import office_of
from hue_s.modules.appointments.backend.models import BookingRow, TicketRow
from hue_s.modules.appointments.wire import Display, Ticket

Factory = sessionmaker[Session]
SHOWN_CALLS = 5


def ticket_of(row: TicketRow) -> Ticket:
    """Return a ticket as the wire says it."""
    return Ticket(
        id=row.id, ward_code=row.ward_code, day=row.day, number=row.number, kind=row.kind,  # type: ignore[arg-type]
        status=row.status, issued_at=row.issued_at, booking_start=row.booking_start,  # type: ignore[arg-type]
        called_at=row.called_at,
    )  # fmt: skip


def issue(
    factory: Factory,
    ward_code: str,
    now: datetime,
    user_id: int | None,
    booking: BookingRow | None = None,
) -> tuple[TicketRow, bool]:
    """Give the next number of the office's day (a person already waiting gets theirs back);
    says whether it is new."""  # fmt: skip
    day = hue_date(now)
    for _ in range(100):
        with factory() as session:
            office_of(session, ward_code)
            if user_id is not None and booking is None:
                waiting = session.scalars(select(TicketRow).where(
                    TicketRow.ward_code == ward_code, TicketRow.day == day,
                    TicketRow.user_id == user_id, TicketRow.status == "waiting",
                    TicketRow.kind == "walk_in",
                )).first()  # fmt: skip
                if waiting is not None:
                    session.expunge(waiting)
                    return waiting, False
            highest = session.scalar(select(func.max(TicketRow.number)).where(
                TicketRow.ward_code == ward_code, TicketRow.day == day))  # fmt: skip
            row = TicketRow(
                ward_code=ward_code, day=day, number=(highest or 0) + 1, status="waiting",
                kind="booking" if booking else "walk_in", user_id=user_id, issued_at=now,
                booking_id=booking.id if booking else None,
                booking_start=booking.start if booking else None,
            )  # fmt: skip
            session.add(row)
            if booking is not None:
                session.execute(update(BookingRow).where(BookingRow.id == booking.id)
                                .values(status="checked_in", updated_at=now))  # fmt: skip
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                if booking is not None and ticket_for(session, booking.id) is not None:
                    raise APIError(
                        409, "not_booked", "This booking is checked in already."
                    ) from None
                continue
            session.refresh(row)
            session.expunge(row)
            return row, True
    raise APIError(503, "busy", "Too many numbers at once; try again.")


def ticket_for(session: Session, booking_id: int) -> TicketRow | None:
    """Return a booking's ticket, if it was checked in."""
    return session.scalars(select(TicketRow).where(TicketRow.booking_id == booking_id)).first()


def check_in(factory: Factory, booking: BookingRow, now: datetime) -> TicketRow:
    """Give a booking its number, on its day only (409 before or after)."""
    if booking.status != "booked":
        raise APIError(409, "not_booked", "This booking is cancelled or checked in already.")
    if booking.day != hue_date(now):
        raise APIError(409, "not_today", "A booking is checked in on its day, at the office.")
    row, _ = issue(factory, booking.ward_code, now, user_id=booking.user_id, booking=booking)
    return row


def call_next(factory: Factory, ward_code: str, now: datetime) -> TicketRow | None:
    """Call the next waiting number: bookings whose time has come first (by their time), then
    everyone by number; None when nobody waits."""
    day = hue_date(now)
    due = case(
        (TicketRow.kind == "booking", case((TicketRow.booking_start <= now, 0), else_=2)), else_=1
    )
    for _ in range(100):
        with factory() as session:
            office_of(session, ward_code)
            query = select(TicketRow).where(
                TicketRow.ward_code == ward_code, TicketRow.day == day,
                TicketRow.status == "waiting",
            ).order_by(due, TicketRow.booking_start, TicketRow.number).limit(1)  # fmt: skip
            row = session.scalars(query).first()
            if row is None:
                return None
            taken = session.execute(
                update(TicketRow).where(TicketRow.id == row.id, TicketRow.status == "waiting")
                .values(status="called", called_at=now)
            )  # fmt: skip
            session.commit()
            if getattr(taken, "rowcount", 0) == 1:
                session.refresh(row)
                session.expunge(row)
                return row
    raise APIError(503, "busy", "Too many calls at once; try again.")


def display_of(session: Session, ward_code: str, now: datetime) -> Display:
    """Return what the office's screen shows today: the numbers called, how many wait."""
    office_of(session, ward_code)
    day = hue_date(now)
    mine = (TicketRow.ward_code == ward_code, TicketRow.day == day)
    called = session.scalars(
        select(TicketRow.number).where(*mine, TicketRow.status == "called")
        .order_by(TicketRow.called_at.desc(), TicketRow.id.desc()).limit(SHOWN_CALLS)
    )  # fmt: skip
    waiting = session.scalar(select(func.count()).where(*mine, TicketRow.status == "waiting"))
    ward = session.get_one(Ward, ward_code)
    return Display(ward_code=ward_code, ward_name=ward.full_name, day=day,
                   calling=list(called), waiting=waiting or 0)  # fmt: skip


def waiting_of(session: Session, ward_code: str, day: date) -> list[Ticket]:
    """Return the day's waiting tickets, by number."""
    query = select(TicketRow).where(
        TicketRow.ward_code == ward_code, TicketRow.day == day, TicketRow.status == "waiting"
    )
    return [ticket_of(row) for row in session.scalars(query.order_by(TicketRow.number))]
