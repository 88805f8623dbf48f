"""'I'm safe' and 'I need help' during an alert: kept in the outbox, sent to the city once.

Without an account, a check-in is proved by this install's device key, which the backend
issues once (POST /api/v1/alerts/devices) and the store keeps: check-ins sent with it count as
verified for the operators. Queued check-ins wait offline; the key is asked for on the first
send that reaches the backend.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass
from typing import Any

from hue_s.app.api.errors import HueAPIError, ResponseValidationError
from hue_s.app.state.outbox import Outbox, OutboxItem
from hue_s.app.state.outbox_handler import Delivery, OutboxHandler
from hue_s.modules.alerts.app.api import AlertsResource
from hue_s.modules.alerts.app.checkins.checkin_models import CheckinRequest
from hue_s.modules.alerts.app.device_state import AlertsDeviceState
from hue_s.modules.alerts.app.models import Alert
from hue_s.modules.alerts.wire import CheckinStatus

OUTBOX_KIND = "alerts.checkin"
LEGACY_HELP_KIND = "alerts.help"
"""Requests for help queued by an earlier version (as Open311 reports): sent as check-ins."""
KINDS = (OUTBOX_KIND, LEGACY_HELP_KIND)


@dataclass(frozen=True)
class CheckinNote:
    """What a person says during one alert, where they are, and how to reach them."""

    alert_id: int
    headline: str
    status: CheckinStatus
    lat: float | None = None
    lon: float | None = None
    ward_code: str | None = None
    details: str | None = None
    phone: str | None = None
    people_count: int | None = None

    def payload(self) -> dict[str, Any]:
        """Return the JSON kept in the outbox."""
        return asdict(self)

    def request(self) -> CheckinRequest:
        """Return what is sent to the backend."""
        return CheckinRequest(
            status=self.status, lat=self.lat, lon=self.lon, ward_code=self.ward_code,
            phone=self.phone, details=self.details, people_count=self.people_count,
        )  # fmt: skip


def checkin_for(
    alert: Alert, status: CheckinStatus, *, lat: float | None = None, lon: float | None = None,
    ward_code: str | None = None, details: str | None = None, phone: str | None = None,
    people_count: int | None = None,
) -> CheckinNote:  # fmt: skip
    """Return the check-in of a person during `alert` (blank texts dropped)."""
    return CheckinNote(
        alert_id=alert.id, headline=alert.headline or "", status=status, lat=lat, lon=lon,
        ward_code=ward_code, details=(details or "").strip() or None,
        phone=(phone or "").strip() or None, people_count=people_count,
    )  # fmt: skip


def note_of(item: OutboxItem) -> CheckinNote:
    """Return the check-in of a queued item (an older help request becomes a help check-in)."""
    payload = item.payload
    return CheckinNote(
        alert_id=int(payload["alert_id"]),
        headline=str(payload.get("headline") or ""),
        status="safe" if payload.get("status") == "safe" else "help",
        lat=payload.get("lat"),
        lon=payload.get("lon"),
        ward_code=payload.get("ward_code"),
        details=payload.get("details") or None,
        phone=payload.get("phone") or None,
        people_count=payload.get("people_count"),
    )


class CheckinHandler(OutboxHandler):
    """Sends a device's check-ins through the one outbox sender, proving the device by its key."""

    kinds = KINDS

    def __init__(self, api: AlertsResource, device: AlertsDeviceState) -> None:
        """Send through `api`, with the key kept in `device` (asked for on the first send)."""
        self.api = api
        self.device = device
        self._key_lock = asyncio.Lock()

    async def device_key(self) -> str:
        """Return this install's key, asking the backend for one the first time only."""
        async with self._key_lock:
            key = self.device.device_key()
            if key is None:
                try:
                    key = await self.api.register_device()
                except ResponseValidationError as error:  # not the check-in's answer: retry
                    raise HueAPIError(f"unreadable device key: {error}") from error
                self.device.save_device_key(key)
            return key

    async def send(self, item: OutboxItem) -> Delivery:
        """Send one check-in under its item's UUID."""
        note = note_of(item)
        sent = await self.api.check_in(
            alert_id=note.alert_id, checkin=note.request(),
            device_key=await self.device_key(), idempotency_key=item.id,
        )  # fmt: skip
        if sent.verified is False:  # the backend no longer knows the key: ask anew next time
            self.device.forget_device_key()
        return Delivery(server_ref=sent.case_id or str(sent.id))


def queue_checkin(outbox: Outbox, device_id: str, note: CheckinNote) -> OutboxItem:
    """Keep a check-in until it is sent."""
    return outbox.enqueue(device_id, kind=OUTBOX_KIND, payload=note.payload())
