"""The alerts module's state of one app session: delivery, the device's choices, its screens."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.models.wards import Ward
from hue_s.app.modules import BadgeCount
from hue_s.modules.alerts.app.api import AlertsResource
from hue_s.modules.alerts.app.checkins.checkins import (
    KINDS,
    CheckinHandler,
    CheckinNote,
    queue_checkin,
)
from hue_s.modules.alerts.app.config import AlertsConfig
from hue_s.modules.alerts.app.device_state import AlertsDeviceState
from hue_s.modules.alerts.app.places import Subscriptions
from hue_s.modules.alerts.app.stream.delivery import AlertDelivery, Clock, DeliveryMode, Notice
from hue_s.modules.alerts.app.stream.notices import attach_notices
from hue_s.modules.alerts.app.stream.sse import AlertStream, SseAlertStream, stream_client
from hue_s.modules.alerts.app.stream.stream_switch import SwitchableStream
from hue_s.modules.alerts.app.weather.weather_models import Forecast, Rivers

if TYPE_CHECKING:
    import httpx

    from hue_s.app.context import AppContext
    from hue_s.app.state.outbox import OutboxItem
    from hue_s.app.state.outbox_sender import FlushResult

logger = logging.getLogger(__name__)

MODULE_ID = "alerts"


class AlertsSession:
    """Everything the alerts module keeps for one session (in `ctx.module_state['alerts']`)."""

    def __init__(
        self, ctx: AppContext, config: AlertsConfig | None = None, clock: Clock | None = None
    ) -> None:
        """Read the device's choices and prepare delivery; `start()` begins it."""
        self.ctx = ctx
        self.config = config or AlertsConfig()
        self.api = ctx.api.resource(AlertsResource)
        self.device = AlertsDeviceState(ctx.store, ctx.device_id)
        self.checkins = CheckinHandler(self.api, self.device)
        """What the session's outbox sender sends check-ins with (registered by setup)."""
        self._http: httpx.AsyncClient = stream_client(ctx.services.backend_url)
        self.delivery = AlertDelivery(
            source=self.api,
            stream=self._stream(),
            ledger=self.device.ledger(),
            subscriptions=self.device.subscriptions(),
            poll_seconds=self.config.poll_seconds,
            clock=clock,
        )
        self.delivery.on_change = self._changed
        self.delivery.on_online = self.send_checkins
        self.on_notice: Callable[[Notice], None] = lambda notice: None
        self.viewed: Callable[[int], None] = lambda alert_id: None
        """Called when the person opens an alert (its banner is then closed)."""
        self._listeners: list[Callable[[], None]] = []
        self._task: Future[None] | None = None
        self._wards: list[Ward] | None = None
        self.badge = BadgeCount()
        """How many warnings the person follows are in force (on the tile and nav entry)."""
        cached = self.device.cached_alerts()
        if cached is not None:
            self.delivery.restore(*cached)
            self.badge.set(len(self.delivery.relevant()))

    def _stream(self) -> AlertStream:
        """Return the live stream (switchable when a browser test asks for it)."""
        stream: AlertStream = SseAlertStream(self._http)
        if self.config.stream_cut_file is not None:
            stream = SwitchableStream(stream, self.config.stream_cut_file)
        return stream

    def start(self) -> None:
        """Start delivering alerts in the background."""
        self.delivery.on_notice = lambda notice: self.on_notice(notice)
        self._task = self.ctx.page.run_task(self.delivery.run)

    async def stop(self) -> None:
        """Stop delivery and close the stream's connection."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        await asyncio.sleep(0)
        await self._http.aclose()

    # -- what screens use ------------------------------------------------------------------------

    def listen(self, listener: Callable[[], None]) -> None:
        """Call `listener` whenever the alerts or the delivery mode change."""
        self._listeners.append(listener)

    def forget(self, listener: Callable[[], None]) -> None:
        """Stop calling a listener."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    @property
    def subscriptions(self) -> Subscriptions:
        """Return what the device follows."""
        return self.delivery.subscriptions

    def change_subscriptions(self, subscriptions: Subscriptions) -> None:
        """Store new subscriptions and apply them at once."""
        self.device.save_subscriptions(subscriptions)
        self.delivery.change_subscriptions(subscriptions)

    async def wards(self) -> list[Ward]:
        """Return the city's wards (fetched once a session; the cached list when offline)."""
        if self._wards is None:
            try:
                self._wards = await self.ctx.api.wards.list()
                self.device.cache_wards(self._wards)
            except HueAPIError:
                cached = self.device.cached_wards()
                if not cached:
                    raise
                return cached
        return self._wards

    async def ward_list(self) -> list[Ward]:
        """Return the city's wards, or none when they cannot be had."""
        try:
            return await self.wards()
        except HueAPIError:
            return []

    async def ward_names(self) -> dict[str, str]:
        """Return ward code -> full name (codes alone when the list cannot be had)."""
        try:
            return {ward.code: ward.full_name or ward.name for ward in await self.wards()}
        except HueAPIError:
            return {}

    async def forecast_point(self) -> tuple[float, float] | None:
        """Return where to forecast: the first followed point, else a followed ward's centre."""
        for place in self.subscriptions.places:
            if place.lat is not None and place.lon is not None:
                return place.lat, place.lon
        codes = [p.ward_code for p in self.subscriptions.places if p.ward_code]
        if codes:
            with contextlib.suppress(HueAPIError):
                for ward in await self.wards():
                    if ward.code == codes[0] and ward.centroid is not None:
                        return ward.centroid.lat, ward.centroid.lon
        return None

    async def load_forecast(self) -> tuple[Forecast | None, bool]:
        """Return the forecast and whether it is the offline copy (None if there is none)."""
        point = await self.forecast_point()
        try:
            forecast = await self.api.weather(
                lat=point[0] if point else None, lon=point[1] if point else None
            )
        except HueAPIError as error:
            logger.info("no forecast: %s", error)
            return self.device.cached_forecast(), True
        self.device.cache_forecast(forecast)
        return forecast, False

    async def load_rivers(self) -> tuple[Rivers | None, bool]:
        """Return the river forecast and whether it is the offline copy (None if none)."""
        try:
            rivers = await self.api.rivers()
        except HueAPIError as error:
            logger.info("no river forecast: %s", error)
            return self.device.cached_rivers(), True
        self.device.cache_rivers(rivers)
        return rivers, False

    def queue_checkin(self, note: CheckinNote) -> OutboxItem:
        """Keep a check-in in the outbox until it is sent."""
        return queue_checkin(self.ctx.store.outbox, self.ctx.device_id, note)

    async def send_checkins(self) -> FlushResult:
        """Send the device's due check-ins ("I'm safe", "I need help") now; say what came of it."""
        return await self.ctx.outbox_sender.flush(kinds=KINDS)

    def _changed(self) -> None:
        """Keep the cache and the badge current, then tell the screens."""
        self.badge.set(len(self.delivery.relevant()))
        if self.delivery.mode in (DeliveryMode.LIVE, DeliveryMode.POLLING):
            try:
                self.device.cache_alerts(self.delivery.active())
            except Exception:
                logger.exception("cannot cache alerts")
        for listener in list(self._listeners):
            try:
                listener()
            except RuntimeError:  # its controls left the page
                self.forget(listener)


def alerts_session(ctx: AppContext) -> AlertsSession:
    """Return the alerts state of a session (created by the module's setup)."""
    state = ctx.module_state.get(MODULE_ID)
    if not isinstance(state, AlertsSession):
        raise RuntimeError("the alerts module was not set up for this session")
    return state


def followed_warnings(ctx: AppContext) -> BadgeCount | None:
    """Return the count of followed warnings in force of a session (None before setup)."""
    state = ctx.module_state.get(MODULE_ID)
    return state.badge if isinstance(state, AlertsSession) else None


async def setup_session(ctx: AppContext) -> None:
    """Create the session's alerts state, register its check-in handler, start delivery."""
    session = AlertsSession(ctx)
    ctx.module_state[MODULE_ID] = session
    ctx.outbox_sender.register(session.checkins)
    attach_notices(ctx, session)
    session.start()


async def teardown_session(ctx: AppContext) -> None:
    """Stop the session's delivery and drop its state."""
    state = ctx.module_state.pop(MODULE_ID, None)
    if isinstance(state, AlertsSession):
        ctx.outbox_sender.unregister(state.checkins)
        await state.stop()
