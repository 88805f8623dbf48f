"""'I need help' during an alert: an urgent Open311 case of the person's ward, via the outbox."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from hue_s.app.api.errors import APIConnectionError, APIStatusError, HueAPIError
from hue_s.app.modules.alerts.api import AlertsResource
from hue_s.app.modules.alerts.models import Alert
from hue_s.app.state.outbox import Outbox, OutboxItem
from hue_s.app.state.timestamps import utc_now

logger = logging.getLogger(__name__)

OUTBOX_KIND = "alerts.help"
HELP_SERVICE_CODES = ("disaster_help", "drainage_flooding")
"""Open311 services a help request goes to, first one the backend offers. `disaster_help` is
asked of the incidents backend; until it exists, flooding cases reach the same ward inbox."""
RETRY_AFTER = (timedelta(seconds=15), timedelta(minutes=1), timedelta(minutes=5))


@dataclass(frozen=True)
class HelpRequest:
    """What a person in trouble sends: where they are, what is wrong, which alert."""

    alert_id: int
    headline: str
    lat: float | None
    lon: float | None
    ward_code: str | None
    details: str
    place_name: str | None = None
    phone: str | None = None

    def payload(self) -> dict[str, Any]:
        """Return the JSON kept in the outbox."""
        return {
            "alert_id": self.alert_id,
            "headline": self.headline,
            "lat": self.lat,
            "lon": self.lon,
            "ward_code": self.ward_code,
            "details": self.details,
            "place_name": self.place_name,
            "phone": self.phone,
        }


def help_request_for(
    alert: Alert,
    *,
    lat: float | None,
    lon: float | None,
    ward_code: str | None,
    place_name: str | None,
    details: str,
) -> HelpRequest:
    """Return the help request of a person during `alert` at a point or in a ward."""
    return HelpRequest(
        alert_id=alert.id,
        headline=alert.headline or "",
        lat=lat,
        lon=lon,
        ward_code=ward_code,
        details=details.strip(),
        place_name=place_name,
    )


def open311_form(payload: dict[str, Any], service_code: str) -> dict[str, str]:
    """Return the GeoReport form of a queued help request: urgent, located, described."""
    text = f"[CẦN CỨU TRỢ / NEED HELP] {payload.get('headline') or ''}".strip()
    if payload.get("details"):
        text += f"\n{payload['details']}"
    form = {
        "service_code": service_code,
        "description": text[:4000],
        "attribute[urgency]": "high",
    }
    if payload.get("lat") is not None and payload.get("lon") is not None:
        form.update(lat=str(payload["lat"]), long=str(payload["lon"]))
    if payload.get("ward_code"):
        form["attribute[ward_code]"] = str(payload["ward_code"])
        if "lat" not in form:
            form["address_string"] = str(payload.get("place_name") or payload["ward_code"])
    if payload.get("phone"):
        form["phone"] = str(payload["phone"])
    return form


class HelpSender:
    """Sends a device's queued help requests; each item's id is its idempotency key."""

    def __init__(self, outbox: Outbox, device_id: str, api: AlertsResource) -> None:
        """Send the items of one device through one client."""
        self.outbox = outbox
        self.device_id = device_id
        self.api = api
        self._service_code: str | None = None

    def queue(self, request: HelpRequest) -> OutboxItem:
        """Keep a help request until it is sent."""
        return self.outbox.enqueue(self.device_id, kind=OUTBOX_KIND, payload=request.payload())

    def pending(self) -> list[OutboxItem]:
        """Return the help requests not sent yet."""
        items = self.outbox.entries(self.device_id, states=("pending", "sending", "failed"))
        return [item for item in items if item.kind == OUTBOX_KIND]

    async def service_code(self) -> str:
        """Return the first help service the backend offers (asked once per session)."""
        if self._service_code is None:
            offered = {service.service_code for service in await self.api.services()}
            found = [code for code in HELP_SERVICE_CODES if code in offered]
            self._service_code = found[0] if found else HELP_SERVICE_CODES[-1]
        return self._service_code

    async def send_due(self) -> list[str]:
        """Send every due help request; return the case ids the backend gave."""
        sent: list[str] = []
        for item in self.outbox.due(self.device_id):
            if item.kind != OUTBOX_KIND or not self.outbox.mark_sending(self.device_id, item.id):
                continue
            try:
                form = open311_form(item.payload, await self.service_code())
                created = await self.api.request_help(form=form, idempotency_key=item.id)
            except HueAPIError as error:
                self._failed(item, error)
                if isinstance(error, APIConnectionError):
                    break  # the network is down: the rest waits too
                continue
            case_id = created[0].service_request_id if created else None
            self.outbox.mark_sent(self.device_id, item.id, server_ref=case_id)
            if case_id is not None:
                sent.append(case_id)
        return sent

    def _failed(self, item: OutboxItem, error: HueAPIError) -> None:
        """Record a failed send: retried later, unless the server refused it for good."""
        retryable = not isinstance(error, APIStatusError) or error.status_code in (401, 408, 429)
        retryable = retryable or (isinstance(error, APIStatusError) and error.status_code >= 500)
        wait = RETRY_AFTER[min(item.attempts, len(RETRY_AFTER) - 1)]
        self.outbox.mark_failed(
            self.device_id,
            item.id,
            error=str(error)[:500],
            next_attempt_at=utc_now() + wait if retryable else None,
        )
        logger.info("help request %s not sent: %s", item.id, error)
