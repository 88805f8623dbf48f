"""What the appointments app and backend say to each other (pydantic models both sides share)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

BookingStatus = Literal["booked", "cancelled", "checked_in"]
TicketKind = Literal["walk_in", "booking"]
TicketStatus = Literal["waiting", "called"]
REFUSALS = (
    "slot_full", "day_full", "not_a_slot", "in_the_past", "too_far_ahead", "office_closed",
    "unknown_procedure", "unknown_office", "not_booked", "not_today",
)  # fmt: skip
"""The codes of the 409/422 refusals the app explains in its own words."""


class Wire(BaseModel):
    """A model both sides read: unknown fields are kept (a newer server may add some)."""

    model_config = ConfigDict(extra="allow")


class Office(Wire):
    """A ward office that takes bookings: its opening hours (Huế time) and capacities."""

    ward_code: str
    name: str
    hours: list[tuple[str, str]] = Field(description='Opening spans, e.g. [["07:30", "11:30"]].')
    slot_minutes: int
    slot_capacity: int = Field(description="People per slot.")
    day_capacity: int = Field(description="People per day, all slots together.")


class Slot(Wire):
    """One time slot of a day and how many of its seats are taken."""

    start: datetime
    end: datetime
    capacity: int
    taken: int
    bookable: bool = Field(description="Free, in the future, and the day not full.")


class Day(Wire):
    """One day at an office: open or not (weekend, holiday), its slots."""

    day: date
    open: bool
    day_capacity: int
    day_taken: int
    slots: list[Slot]


class BookingRequest(BaseModel):
    """Book the slot starting at `start` at a ward office, for a procedure."""

    model_config = ConfigDict(extra="forbid")

    ward_code: str = Field(min_length=5, max_length=5, pattern=r"^\d{5}$")
    procedure_code: str = Field(min_length=1, max_length=40)
    start: AwareDatetime = Field(description="The slot's start, with its offset.")


class RescheduleRequest(BaseModel):
    """Move a booking to the slot starting at `start` (same office, same procedure)."""

    model_config = ConfigDict(extra="forbid")

    start: AwareDatetime = Field(description="The new slot's start, with its offset.")


class Booking(Wire):
    """A person's booking."""

    id: int
    ward_code: str
    ward_name: str
    procedure_code: str
    procedure_name: str
    start: datetime
    end: datetime
    status: BookingStatus
    ticket_number: int | None = None


class Ticket(Wire):
    """A queue number of an office's day; a booking's goes first from its time."""

    id: int
    ward_code: str
    day: date
    number: int
    kind: TicketKind
    status: TicketStatus
    issued_at: datetime
    booking_start: datetime | None = None
    called_at: datetime | None = None


class Display(Wire):
    """What an office's screen shows: numbers only, no personal data."""

    ward_code: str
    ward_name: str
    day: date
    calling: list[int] = Field(description="Numbers called today, the latest first (up to 5).")
    waiting: int


class Queue(Wire):
    """The ward staff's view of today's queue."""

    display: Display
    waiting: list[Ticket]


class Called(Wire):
    """The answer to "call next": the ticket called (None: nobody waits) and the screen."""

    ticket: Ticket | None
    display: Display


def number_text(number: int) -> str:
    """Return a queue number as the screen shows it (three digits at least)."""
    return f"{number:03d}"
