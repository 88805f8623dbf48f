"""The appointments API as the app calls it: offices, days, bookings, the queue, the screen."""

from __future__ import annotations

import builtins
from datetime import datetime

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.appointments.wire import (
    Booking,
    BookingRequest,
    Called,
    Day,
    Display,
    Office,
    Queue,
    Ticket,
)
from hue_s.modules.services.wire import ProcedureSummary

APPOINTMENTS = f"{API_V1}/appointments"


class AppointmentsResource(Resource):
    """Typed calls of the appointments module (and the catalogue's list to pick from)."""

    async def offices(self) -> builtins.list[Office]:
        """Return the ward offices that take bookings."""
        return await self._client.request(
            "GET", f"{APPOINTMENTS}/offices", model=builtins.list[Office]
        )

    async def procedures(self, *, q: str = "") -> builtins.list[ProcedureSummary]:
        """Return the public services' procedures (what one books a visit for)."""
        return await self._client.request(
            "GET",
            f"{API_V1}/services/procedures",
            params={"q": q},
            model=builtins.list[ProcedureSummary],
        )

    async def days(self, *, ward_code: str) -> builtins.list[Day]:
        """Return an office's days from today with their slots."""
        path = f"{APPOINTMENTS}/offices/{ward_code}/days"
        return await self._client.request("GET", path, model=builtins.list[Day])

    async def book(
        self, *, ward_code: str, procedure_code: str, start: datetime, idempotency_key: str
    ) -> Booking:
        """Book a slot; the same key gives back the same booking."""
        body = BookingRequest(ward_code=ward_code, procedure_code=procedure_code, start=start)
        return await self._client.request(
            "POST",
            f"{APPOINTMENTS}/bookings",
            json=body.model_dump(mode="json"),
            idempotency_key=idempotency_key,
            model=Booking,
        )

    async def mine(self) -> builtins.list[Booking]:
        """Return one's bookings from today on."""
        path = f"{APPOINTMENTS}/bookings/mine"
        return await self._client.request("GET", path, model=builtins.list[Booking])

    async def cancel(self, *, booking_id: int) -> Booking:
        """Cancel one's booking."""
        path = f"{APPOINTMENTS}/bookings/{booking_id}/cancel"
        return await self._client.request("POST", path, model=Booking)

    async def reschedule(self, *, booking_id: int, start: datetime) -> Booking:
        """Move one's booking to another slot."""
        path = f"{APPOINTMENTS}/bookings/{booking_id}/reschedule"
        body = {"start": start.isoformat()}
        return await self._client.request("POST", path, json=body, model=Booking)

    async def check_in(self, *, booking_id: int) -> Ticket:
        """Take the queue number of one's booking, on its day."""
        path = f"{APPOINTMENTS}/bookings/{booking_id}/check-in"
        return await self._client.request("POST", path, model=Ticket)

    async def take_ticket(self, *, ward_code: str) -> Ticket:
        """Take today's next number at an office."""
        path = f"{APPOINTMENTS}/queue/{ward_code}/tickets"
        return await self._client.request("POST", path, model=Ticket)

    async def queue(self, *, ward_code: str) -> Queue:
        """Return today's queue of the ward (its staff)."""
        return await self._client.request("GET", f"{APPOINTMENTS}/queue/{ward_code}", model=Queue)

    async def call_next(self, *, ward_code: str) -> Called:
        """Call the next number (the ward's staff)."""
        path = f"{APPOINTMENTS}/queue/{ward_code}/call-next"
        return await self._client.request("POST", path, model=Called)

    async def display(self, *, ward_code: str) -> Display:
        """Return what the office's screen shows."""
        path = f"{APPOINTMENTS}/display/{ward_code}"
        return await self._client.request("GET", path, model=Display)
