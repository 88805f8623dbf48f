"""Alert delivery: live over SSE, polling while the stream is down, each message told once.

Plain Python with an injected source, stream, clock and ledger, so it is tested without Flet.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from hue_s.app.api.errors import HueAPIError
from hue_s.modules.alerts.app.models import Alert
from hue_s.modules.alerts.app.places import Subscriptions, listing_order
from hue_s.modules.alerts.app.stream.sse import AlertEvent, AlertStream, StreamBroken

logger = logging.getLogger(__name__)

DEFAULT_POLL_SECONDS = 60.0
FIRST_RETRY_SECONDS = 2.0
REMOVING_KINDS = ("Cancel",)


class DeliveryMode(StrEnum):
    """How the app hears about alerts right now."""

    CONNECTING = "connecting"
    LIVE = "live"
    POLLING = "polling"
    OFFLINE = "offline"


class NoticeKind(StrEnum):
    """What happened to an alert the person should hear about."""

    NEW = "new"
    UPDATED = "updated"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Notice:
    """Something to tell the person about one alert."""

    kind: NoticeKind
    alert: Alert


class AlertSource(Protocol):
    """Where the current list of active alerts comes from (GET /api/v1/alerts)."""

    async def list_active(self) -> list[Alert]:
        """Return the active alerts of the city."""
        ...


class Ledger(Protocol):
    """The messages a device was already told about."""

    def seen(self, key: str) -> bool:
        """Say whether the device was told about this message."""
        ...

    def remember(self, key: str) -> None:
        """Record that the device was told about this message."""
        ...


class Clock(Protocol):
    """Time, injectable so tests need not wait."""

    def now(self) -> datetime:
        """Return the current UTC time."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait this many seconds."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """Return the current UTC time."""
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        """Wait this many seconds."""
        await asyncio.sleep(seconds)


class AlertDelivery:
    """Keeps the active alerts of the city current and tells about those a device follows."""

    def __init__(
        self,
        *,
        source: AlertSource,
        stream: AlertStream,
        ledger: Ledger,
        subscriptions: Subscriptions,
        clock: Clock | None = None,
        poll_seconds: float = DEFAULT_POLL_SECONDS,
        first_retry_seconds: float = FIRST_RETRY_SECONDS,
    ) -> None:
        """Prepare delivery; nothing is fetched until `run()`."""
        self.source = source
        self.stream = stream
        self.ledger = ledger
        self.subscriptions = subscriptions
        self.clock = clock or SystemClock()
        self.poll_seconds = poll_seconds
        self.first_retry_seconds = min(first_retry_seconds, poll_seconds)
        self.alerts: dict[int, Alert] = {}
        self.mode = DeliveryMode.CONNECTING
        self.known_at: datetime | None = None
        self.last_event_id: int | None = None
        self.on_notice: Callable[[Notice], None] = lambda notice: None
        self.on_change: Callable[[], None] = lambda: None
        self.on_online: Callable[[], Awaitable[object]] | None = None

    # -- what the screens read -----------------------------------------------------------------

    def active(self) -> list[Alert]:
        """Return the active, unexpired alerts, most severe and urgent first."""
        now = self.clock.now()
        alive = [a for a in self.alerts.values() if a.expires is None or a.expires > now]
        return sorted(alive, key=listing_order)

    def relevant(self) -> list[Alert]:
        """Return the active alerts this device follows."""
        return [alert for alert in self.active() if self.subscriptions.wants(alert)]

    def others(self) -> list[Alert]:
        """Return the active alerts elsewhere in the city (or below the threshold)."""
        return [alert for alert in self.active() if not self.subscriptions.wants(alert)]

    # -- changing what is known ------------------------------------------------------------------

    def restore(self, alerts: list[Alert], known_at: datetime) -> None:
        """Start from alerts known earlier (the offline cache), without telling about them."""
        self.alerts = {alert.id: alert for alert in alerts if alert.active}
        self.known_at = known_at
        self._changed()

    def apply_snapshot(self, alerts: list[Alert]) -> None:
        """Replace what is known with a full list; tell about new ones, drop the rest."""
        self.alerts = {alert.id: alert for alert in alerts if alert.active}
        self.known_at = self.clock.now()
        self._tell_unseen(NoticeKind.NEW)
        self._changed()

    def apply_event(self, event: AlertEvent) -> None:
        """Apply one live event: an alert issued, replaced by an update, or cancelled."""
        if event.id > (self.last_event_id or 0):
            self.last_event_id = event.id
        self.apply_message(event.alert)

    def apply_message(self, alert: Alert) -> None:
        """Apply one message known first-hand (an operator's own issue, update or cancel)."""
        removed = [self.alerts.pop(old) for old in alert.replaces if old in self.alerts]
        self.known_at = self.clock.now()
        if alert.msg_type in REMOVING_KINDS or not alert.active:
            for old in removed:
                if self.subscriptions.wants(old):
                    self._tell(Notice(NoticeKind.CANCELLED, old))
        else:
            self.alerts[alert.id] = alert
            kind = NoticeKind.UPDATED if alert.msg_type == "Update" else NoticeKind.NEW
            self._tell_unseen(kind, only=alert.id)
        self._changed()

    def change_subscriptions(self, subscriptions: Subscriptions) -> None:
        """Follow other places or another threshold; tell about alerts that now concern us."""
        self.subscriptions = subscriptions
        self._tell_unseen(NoticeKind.NEW)
        self._changed()

    def _tell_unseen(self, kind: NoticeKind, only: int | None = None) -> None:
        """Tell about each followed alert not told before (each message once per device)."""
        for alert in self.relevant():
            if only is not None and alert.id != only:
                continue
            if self.ledger.seen(alert.delivery_key):
                continue
            self.ledger.remember(alert.delivery_key)
            self._tell(Notice(kind, alert))

    # -- the loop --------------------------------------------------------------------------------

    async def run(self) -> None:
        """Follow the stream; while it is down, poll every `poll_seconds` and retry it."""
        retry_in = self.first_retry_seconds
        next_poll = self.clock.now()
        while True:
            if await self.follow_stream():
                retry_in = self.first_retry_seconds
                next_poll = self.clock.now()
            if self.clock.now() >= next_poll:
                await self.poll()
                next_poll = self.clock.now() + timedelta(seconds=self.poll_seconds)
            until_poll = (next_poll - self.clock.now()).total_seconds()
            await self.clock.sleep(max(0.0, min(retry_in, until_poll)))
            retry_in = min(retry_in * 2, self.poll_seconds)

    async def follow_stream(self) -> bool:
        """Read the stream until it breaks; return whether it was open (live) at all."""
        opened = False
        try:
            async with self.stream.connect(last_event_id=self.last_event_id) as events:
                opened = True
                self.apply_snapshot(await self.source.list_active())
                self._set_mode(DeliveryMode.LIVE)
                await self._came_online()
                async for event in events:
                    self.apply_event(event)
        except (StreamBroken, HueAPIError) as error:
            logger.info("alert stream down: %s", error)
        if opened and self.mode == DeliveryMode.LIVE:
            self.known_at = self.clock.now()  # everything was current until this moment
        return opened

    async def poll(self) -> None:
        """Fetch the active alerts once (the stream is down)."""
        try:
            alerts = await self.source.list_active()
        except HueAPIError as error:
            logger.info("alert poll failed: %s", error)
            self._set_mode(DeliveryMode.OFFLINE)
            return
        self._set_mode(DeliveryMode.POLLING)
        self.apply_snapshot(alerts)
        await self._came_online()

    def _tell(self, notice: Notice) -> None:
        """Pass a notice on; a failing screen must not stop delivery."""
        try:
            self.on_notice(notice)
        except Exception:
            logger.exception("showing an alert notice failed")

    def _changed(self) -> None:
        """Tell the screens that something changed; a failing one must not stop delivery."""
        try:
            self.on_change()
        except Exception:
            logger.exception("updating the alert screens failed")

    def _set_mode(self, mode: DeliveryMode) -> None:
        """Change the mode and tell the screens."""
        if mode != self.mode:
            self.mode = mode
            self._changed()

    async def _came_online(self) -> None:
        """Let the module send what waited for the network (requests for help)."""
        if self.on_online is not None:
            try:
                await self.on_online()
            except Exception:
                logger.exception("sending queued requests failed")
