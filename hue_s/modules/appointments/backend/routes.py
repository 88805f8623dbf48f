"""Appointments' HTTP API: offices and their slots (public), one's bookings (signed in), the
queue (tickets for anyone signed in, the ward's staff call next) and the office's screen
(public: numbers only). Every route knows its caller before it does any work."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from hue_s.backend.accounts.deps import SessionDependency, current_user, require_roles
from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.db import run_write
from hue_s.backend.kernel.locale import request_language
from hue_s.backend.kernel.models import Ward
from hue_s.backend.kernel.working_days import hue_date
from hue_s.backend.schemas.ids import RowId
from hue_s.modules.appointments.backend import bookings, queue
from hue_s.modules.appointments.backend.models import BookingRow, OfficeRow, TicketRow
from hue_s.modules.appointments.wire import (
    Booking,
    BookingRequest,
    Called,
    Day,
    Display,
    Office,
    Queue,
    RescheduleRequest,
    Ticket,
)
from hue_s.modules.services.backend.service import procedure_name

router = APIRouter(prefix="/api/v1/appointments", tags=["appointments"])
Person = Annotated[User, Depends(current_user)]
STAFF_EVERYWHERE = ("operator", "admin")
Staff = Annotated[User, Depends(require_roles("officer", *STAFF_EVERYWHERE))]
WardCode = Annotated[str, Path(pattern=r"^\d{5}$")]
BookingId = RowId


Language = Annotated[str, Depends(request_language)]


def check_ward(staff: User, ward_code: str) -> None:
    """Refuse an officer another ward's queue (403)."""
    if staff.role not in STAFF_EVERYWHERE and staff.ward_code != ward_code:
        raise APIError(403, "forbidden", "This is another ward's queue.")


async def booking_views(
    request: Request, session: Session, rows: list[BookingRow], lang: str
) -> list[Booking]:
    """Return bookings as the wire says them: ward and procedure names, queue numbers."""

    def facts() -> tuple[dict[str, tuple[str, int]], dict[int, int]]:
        codes = {row.ward_code for row in rows}
        wards = session.execute(
            select(Ward.code, Ward.full_name, Ward.name_en, OfficeRow.slot_minutes)
            .join(OfficeRow, OfficeRow.ward_code == Ward.code).where(Ward.code.in_(codes))
        )  # fmt: skip
        names = {code: (vi if lang == "vi" else en, minutes) for code, vi, en, minutes in wards}
        ids = [row.id for row in rows]
        numbers = session.execute(
            select(TicketRow.booking_id, TicketRow.number).where(TicketRow.booking_id.in_(ids))
        )
        return names, {booking_id: number for booking_id, number in numbers if booking_id}

    names, numbers = await run_in_threadpool(facts)
    views = []
    for row in rows:
        ward_name, minutes = names[row.ward_code]
        procedure = await procedure_name(request, row.procedure_code, lang)
        views.append(Booking(
            id=row.id, ward_code=row.ward_code, ward_name=ward_name,
            procedure_code=row.procedure_code, procedure_name=procedure or row.procedure_code,
            start=row.start, end=row.start + timedelta(minutes=minutes),
            status=row.status, ticket_number=numbers.get(row.id),  # type: ignore[arg-type]
        ))  # fmt: skip
    return views


@router.get("/offices", response_model=list[Office])
def list_offices(session: SessionDependency, lang: Language) -> list[Office]:
    """Return the ward offices that take bookings (public)."""
    rows = session.execute(
        select(OfficeRow, Ward).join(Ward, Ward.code == OfficeRow.ward_code).order_by(Ward.name)
    )
    return [
        Office(
            ward_code=office.ward_code,
            name=ward.full_name if lang == "vi" else ward.name_en,
            hours=[tuple(span) for span in office.hours],
            slot_minutes=office.slot_minutes,
            slot_capacity=office.slot_capacity,
            day_capacity=office.day_capacity,
        )  # fmt: skip
        for office, ward in rows
    ]


@router.get("/offices/{ward_code}/days", response_model=list[Day])
def list_days(request: Request, session: SessionDependency, ward_code: WardCode) -> list[Day]:
    """Return an office's days from today, with their slots and the places taken (public)."""
    return bookings.days_of(session, ward_code, now_of(request))


@router.post("/bookings", response_model=Booking, status_code=201)
async def create_booking(
    request: Request,
    response: Response,
    person: Person,
    session: SessionDependency,
    lang: Language,
    body: BookingRequest,
    idempotency_key: Annotated[str | None, Header(max_length=64)] = None,
) -> Booking:
    """Book a slot for a procedure; the same Idempotency-Key gives back the same booking."""
    if await procedure_name(request, body.procedure_code, lang) is None:
        raise APIError(422, "unknown_procedure", "No such procedure.")
    wanted = bookings.Wanted(body.ward_code, body.procedure_code, body.start, idempotency_key)
    factory = request.app.state.session_factory
    row, new = await run_write(request, bookings.book, factory, person.id, wanted, now_of(request))
    if not new:
        response.status_code = 200
    return (await booking_views(request, session, [row], lang))[0]


@router.get("/bookings/mine", response_model=list[Booking])
async def my_bookings(
    request: Request, person: Person, session: SessionDependency, lang: Language
) -> list[Booking]:
    """Return the caller's bookings from today on (cancelled ones too), soonest first."""
    today = hue_date(now_of(request))
    query = select(BookingRow).where(BookingRow.user_id == person.id, BookingRow.day >= today)
    rows = list(session.scalars(query.order_by(BookingRow.start, BookingRow.id).limit(100)))
    return await booking_views(request, session, rows, lang)


@router.post("/bookings/{booking_id}/cancel", response_model=Booking)
async def cancel_booking(
    request: Request, person: Person, session: SessionDependency, lang: Language,
    booking_id: BookingId,
) -> Booking:  # fmt: skip
    """Cancel one's booking before its time (404 if not one's own)."""
    factory = request.app.state.session_factory
    row = await run_write(request, bookings.cancel, factory, booking_id, person.id, now_of(request))
    return (await booking_views(request, session, [row], lang))[0]


@router.post("/bookings/{booking_id}/reschedule", response_model=Booking)
async def reschedule_booking(
    request: Request, person: Person, session: SessionDependency, lang: Language,
    booking_id: BookingId, body: RescheduleRequest,
) -> Booking:  # fmt: skip
    """Move one's booking to another slot of the same office (404 if not one's own)."""
    factory = request.app.state.session_factory
    row = await run_write(
        request, bookings.reschedule, factory, booking_id, person.id, body.start, now_of(request)
    )
    return (await booking_views(request, session, [row], lang))[0]


@router.post("/bookings/{booking_id}/check-in", response_model=Ticket)
async def check_in_booking(
    request: Request, person: Person, session: SessionDependency, booking_id: BookingId
) -> Ticket:
    """Give a booking its queue number, on its day: its owner, or staff of its ward."""
    row = await run_in_threadpool(session.get, BookingRow, booking_id)
    staff_here = row is not None and person.role in ("officer", *STAFF_EVERYWHERE) and (
        person.role in STAFF_EVERYWHERE or person.ward_code == row.ward_code
    )  # fmt: skip
    if row is None or (row.user_id != person.id and not staff_here):
        raise APIError(404, "not_found", "No such booking of yours.")
    factory = request.app.state.session_factory
    ticket = await run_write(request, queue.check_in, factory, row, now_of(request))
    return queue.ticket_of(ticket)


@router.post("/queue/{ward_code}/tickets", response_model=Ticket, status_code=201)
async def take_ticket(
    request: Request, response: Response, person: Person, ward_code: WardCode
) -> Ticket:
    """Take today's next number at an office (a kiosk's walk-in): a person for themselves
    (their waiting one back if they have one), the ward's staff for a visitor."""
    staff = person.role in ("officer", *STAFF_EVERYWHERE)
    if staff:
        check_ward(person, ward_code)
    factory = request.app.state.session_factory
    row, new = await run_write(
        request, queue.issue, factory, ward_code, now_of(request), None if staff else person.id
    )
    if not new:
        response.status_code = 200
    return queue.ticket_of(row)


@router.get("/queue/{ward_code}", response_model=Queue)
def read_queue(
    request: Request, staff: Staff, session: SessionDependency, ward_code: WardCode
) -> Queue:
    """Return today's queue of the ward's office (its staff only)."""
    check_ward(staff, ward_code)
    now = now_of(request)
    display = queue.display_of(session, ward_code, now)
    return Queue(display=display, waiting=queue.waiting_of(session, ward_code, display.day))


@router.post("/queue/{ward_code}/call-next", response_model=Called)
async def call_next(
    request: Request, staff: Staff, session: SessionDependency, ward_code: WardCode
) -> Called:
    """Call the next number (bookings due first); the ward's staff only."""
    check_ward(staff, ward_code)
    now = now_of(request)
    factory = request.app.state.session_factory
    row = await run_write(request, queue.call_next, factory, ward_code, now)
    display = await run_in_threadpool(queue.display_of, session, ward_code, now)
    return Called(ticket=queue.ticket_of(row) if row else None, display=display)


@router.get("/display/{ward_code}", response_model=Display)
def read_display(
    request: Request, response: Response, session: SessionDependency, ward_code: WardCode
) -> Display:
    """Return what the office's screen shows (public: numbers only, nobody's name)."""
    response.headers["Cache-Control"] = "no-store"
    return queue.display_of(session, ward_code, now_of(request))
