"""'I'm safe' and 'I need help' during an alert: kept in the outbox, sent to the city once.

Without an account, a check-in is proved by this install's device key, which the backend
issues once (POST /api/v1/alerts/devices) and the store keeps: check-ins sent with it count as
verified for the operators. Queued check-ins wait offline; the key is asked for on the first
send that reaches the backend.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from hue_s.app.api.errors import APIConnectionError, APIStatusError, HueAPIError
from hue_s.app.modules.alerts.api import AlertsResource
from hue_s.app.modules.alerts.checkin_models import Checkin, CheckinRequest, CheckinStatus
from hue_s.app.modules.alerts.device_state import AlertsDeviceState
from hue_s.app.modules.alerts.models import Alert
from hue_s.app.state.outbox import Outbox, OutboxItem
from hue_s.app.state.timestamps import utc_now

logger = logging.getLogger(__name__)

OUTBOX_KIND = "alerts.checkin"
LEGACY_HELP_KIND = "alerts.help"
"""Requests for help queued by an earlier version (as Open311 reports): sent as check-ins."""
KINDS = (OUTBOX_KIND, LEGACY_HELP_KIND)
RETRY_AFTER = (timedelta(seconds=15), timedelta(minutes=1), timedelta(minutes=5))
SendResults = dict[str, Checkin | HueAPIError]


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


def retryable(error: HueAPIError) -> bool:
    """Say whether a failed send may succeed later (network, rate limit, server trouble)."""
    if not isinstance(error, APIStatusError):
        return True
    return error.status_code in (401, 408, 429) or error.status_code >= 500


class CheckinSender:
    """Queues a device's check-ins and sends them; each item's id is its idempotency key."""

    def __init__(
        self, outbox: Outbox, device_id: str, api: AlertsResource, device: AlertsDeviceState
    ) -> None:
        """Send one device's items through one client, proving the device by its issued key."""
        self.outbox = outbox
        self.device_id = device_id
        self.api = api
        self.device = device
        self._key_lock = asyncio.Lock()

    async def device_key(self) -> str:
        """Return this install's key, asking the backend for one the first time only."""
        async with self._key_lock:
            key = self.device.device_key()
            if key is None:
                key = await self.api.register_device()
                self.device.save_device_key(key)
            return key

    def queue(self, note: CheckinNote) -> OutboxItem:
        """Keep a check-in until it is sent."""
        return self.outbox.enqueue(self.device_id, kind=OUTBOX_KIND, payload=note.payload())

    def pending(self) -> list[OutboxItem]:
        """Return the check-ins not sent yet (failed ones included)."""
        items = self.outbox.entries(self.device_id, states=("pending", "sending", "failed"))
        return [item for item in items if item.kind in KINDS]

    async def send_due(self) -> SendResults:
        """Send every due check-in, oldest first; return per item what the backend said."""
        results: SendResults = {}
        for item in self.outbox.due(self.device_id):
            if item.kind not in KINDS or not self.outbox.mark_sending(self.device_id, item.id):
                continue
            note = note_of(item)
            key: str | None = None
            try:
                key = await self.device_key()
                sent = await self.api.check_in(
                    alert_id=note.alert_id, checkin=note.request(),
                    device_key=key, idempotency_key=item.id,
                )  # fmt: skip
            except HueAPIError as error:
                results[item.id] = error
                self._failed(item, error)
                if key is None or isinstance(error, APIConnectionError):
                    break  # no key or no network: the rest waits too
                continue
            if sent.verified is False:  # the backend no longer knows the key: ask anew next time
                self.device.forget_device_key()
            results[item.id] = sent
            self.outbox.mark_sent(self.device_id, item.id, server_ref=sent.case_id or str(sent.id))
        return results

    def _failed(self, item: OutboxItem, error: HueAPIError) -> None:
        """Record a failed send: retried later, unless the server refused it for good."""
        wait = RETRY_AFTER[min(item.attempts, len(RETRY_AFTER) - 1)]
        self.outbox.mark_failed(
            self.device_id,
            item.id,
            error=str(error)[:500],
            next_attempt_at=utc_now() + wait if retryable(error) else None,
        )
        logger.info("check-in %s not sent: %s", item.id, error)
