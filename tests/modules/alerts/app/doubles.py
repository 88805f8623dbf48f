"""Stand-ins for the delivery's source, stream, clock and ledger, and alerts to feed it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from hue_s.app.api.errors import APIConnectionError
from hue_s.modules.alerts.app.models import Alert
from hue_s.modules.alerts.app.stream.sse import AlertEvent, StreamBroken

START = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
PHU_XUAN = "19753"
KIM_LONG = "19774"
VY_DA = "19777"


def make_alert(
    alert_id: int,
    *,
    wards: tuple[str, ...] = (PHU_XUAN,),
    severity: str = "Severe",
    urgency: str = "Expected",
    msg_type: str = "Alert",
    identifier: str | None = None,
    sent: datetime = START,
    replaces: tuple[int, ...] = (),
    active: bool = True,
    expires: datetime | None = None,
    headline: str = "Lũ trên sông Hương",
    polygon: list[list[float]] | None = None,
) -> Alert:
    """Return an alert as the backend would send it."""
    areas: list[dict[str, Any]] = [
        {"area_desc": f"Ward {code}", "polygons": [], "circles": [],
         "geocodes": [{"value_name": "vn-dvhc-2025", "value": code}]}
        for code in wards
    ]  # fmt: skip
    if polygon is not None:
        areas.append({"area_desc": "Drawn", "polygons": [polygon], "circles": [], "geocodes": []})
    return Alert.model_validate(
        {
            "id": alert_id,
            "identifier": identifier or f"urn:uuid:{alert_id}",
            "sender": "hueioc@hue.gov.vn",
            "sent": sent.isoformat(),
            "msg_type": msg_type,
            "state": "current" if active else "cancelled",
            "active": active,
            "severity": severity,
            "urgency": urgency,
            "headline": headline,
            "expires": (expires or START + timedelta(days=1)).isoformat(),
            "replaces": list(replaces),
            "ward_codes": list(wards),
            "infos": [
                {"language": "vi-VN", "event": "Lũ", "urgency": urgency, "severity": severity,
                 "certainty": "Likely", "headline": headline, "areas": areas}
            ],
        }
    )  # fmt: skip


def cancel_of(alert: Alert, cancel_id: int) -> Alert:
    """Return the Cancel message of an alert."""
    return make_alert(
        cancel_id, wards=tuple(alert.ward_codes), msg_type="Cancel", replaces=(alert.id,),
        active=False, sent=alert.sent + timedelta(minutes=5),
    )  # fmt: skip


class FakeClock:
    """A clock whose sleeps end only when the test says so (`wake()`), moving time on."""

    def __init__(self) -> None:
        self.current = START
        self.sleeps: list[float] = []
        self._wake: asyncio.Future[None] | None = None

    def now(self) -> datetime:
        return self.current

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self._wake = asyncio.get_running_loop().create_future()
        await self._wake
        self.current += timedelta(seconds=seconds)

    @property
    def sleeping(self) -> bool:
        """Say whether the code under test waits in a sleep."""
        return self._wake is not None and not self._wake.done()

    async def wake(self) -> None:
        """End the pending sleep and let the code run until it waits again."""
        await settle()
        assert self.sleeping, "nothing is sleeping"
        assert self._wake is not None
        self._wake.set_result(None)
        await settle()


class MemoryLedger:
    """A ledger in memory."""

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def seen(self, key: str) -> bool:
        return key in self.keys

    def remember(self, key: str) -> None:
        self.keys.add(key)


class FakeSource:
    """The list endpoint: returns `alerts`, or fails while `failing`."""

    def __init__(self, alerts: list[Alert] | None = None) -> None:
        self.alerts = list(alerts or [])
        self.failing = False
        self.calls = 0

    async def list_active(self) -> list[Alert]:
        self.calls += 1
        if self.failing:
            raise APIConnectionError("offline")
        return [alert for alert in self.alerts if alert.active]


BREAK = object()


class FakeStream:
    """A stream that is refused while `down`; when open, yields what the test pushes."""

    def __init__(self) -> None:
        self.down = False
        self.connects: list[int | None] = []
        self.opened = 0
        self.queue: asyncio.Queue[object] = asyncio.Queue()

    def push(self, event_id: int, kind: str, alert: Alert) -> None:
        """Send an event to the open (or next) connection."""
        self.queue.put_nowait(AlertEvent(event_id, kind, alert))

    def cut(self) -> None:
        """Break the open connection and refuse new ones."""
        self.down = True
        self.queue.put_nowait(BREAK)

    @asynccontextmanager
    async def connect(
        self, *, last_event_id: int | None
    ) -> AsyncIterator[AsyncIterator[AlertEvent]]:
        self.connects.append(last_event_id)
        if self.down:
            raise StreamBroken("refused")
        self.opened += 1
        yield self._events()

    async def _events(self) -> AsyncIterator[AlertEvent]:
        while True:
            item = await self.queue.get()
            if item is BREAK:
                raise StreamBroken("cut")
            assert isinstance(item, AlertEvent)
            yield item


async def settle(rounds: int = 20) -> None:
    """Let the tasks under test run until they wait."""
    for _ in range(rounds):
        await asyncio.sleep(0)
