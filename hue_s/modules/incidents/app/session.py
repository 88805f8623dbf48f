"""IncidentsSession: the incident module's state of one app session, and its background work."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from hue_s.app.api.client import HueClient
from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.open311 import Open311Endpoint
from hue_s.modules.incidents.app.api import IncidentsResource
from hue_s.modules.incidents.app.case_stream import live_status_of
from hue_s.modules.incidents.app.draft import IncidentDraft
from hue_s.modules.incidents.app.models import Service, ServiceDefinition
from hue_s.modules.incidents.app.outbox.handler import ReportHandler
from hue_s.modules.incidents.app.outbox.queue import KINDS, REPORT_KIND, ReportQueue
from hue_s.modules.incidents.app.status_watch import StatusChange

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

logger = logging.getLogger(__name__)

MODULE_ID = "incidents"
DRAFT_KEY = "incidents.new"
DRAFT_PHOTOS_KEY = "incidents.new.photos"
SERVICES_KEY = "incidents.services"
DEFINITIONS_KEY = "incidents.definition"


class IncidentsSession:
    """Everything the incidents module keeps for one session (`ctx.module_state["incidents"]`)."""

    def __init__(self, ctx: AppContext) -> None:
        """Prepare the outbox handler and the watcher; `start()` sets the watcher running."""
        self.ctx = ctx
        self._plain_client: HueClient | None = None
        settings = ctx.services.open311.settings
        if settings is None:
            self.api = ctx.api.resource(IncidentsResource)
        else:  # a city's own GeoReport server: reports go there, without accounts
            self._plain_client = HueClient(settings.url, language=ctx.settings.language)
            self.api = IncidentsResource(self._plain_client, Open311Endpoint(settings))
        self.handler = ReportHandler(
            self.api,
            ready=lambda: self.plain or not ctx.session.is_guest,
            on_change=self._queue_changed,
        )
        """What the session's outbox sender files reports with (registered by setup)."""
        self.live = live_status_of(ctx, self.api, self._status_changed)
        self.watcher = self.live.watcher
        self.notices: list[StatusChange] = []
        self.on_status_change: Callable[[list[StatusChange]], Any] | None = None
        self._services: list[Service] | None = None
        self._services_language: str | None = None
        self._definitions: dict[str, ServiceDefinition] = {}
        self._stop = asyncio.Event()
        self._tasks: list[Future[None]] = []

    @property
    def plain(self) -> bool:
        """Say whether reports go to a plain GeoReport server (no accounts, news or tracking)."""
        return self.api.plain

    @property
    def queue(self) -> ReportQueue:
        """Return this device's queued reports (the device id changes with a kiosk visitor)."""
        return ReportQueue(self.ctx.store, self.ctx.device_id)

    def start(self) -> None:
        """Start watching report statuses in the background."""
        self._tasks = [self.ctx.page.run_task(self._watch, self._stop)]

    async def stop(self) -> None:
        """Stop the background work (at teardown)."""
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        self._tasks = []
        if self._plain_client is not None:
            await self._plain_client.aclose()

    async def send_now(self) -> None:
        """Try every waiting report now (the kiosk's "send before leaving", "send now" buttons)."""
        await self.ctx.outbox_sender.flush(kinds=KINDS, everything=True)

    def wake_sender(self) -> None:
        """Have the outbox sender look at this module's queue now."""
        self.ctx.outbox_sender.wake(KINDS)

    def file(self, draft: IncidentDraft, *, replacing: str | None = None) -> str | None:
        """Queue a report (or change a queued one); return its outbox id, None if too late."""
        if replacing is not None:
            item_id = self.queue.replace(replacing, draft)
        else:
            item_id = self.queue.add(draft).id
            self.discard_draft()
        self.wake_sender()
        return item_id

    def me_too(self, incident_id: int) -> None:
        """Queue a "me too" on a report."""
        self.queue.add_me_too(incident_id)
        self.wake_sender()

    def saved_draft(self) -> IncidentDraft:
        """Return the report being written on this device (empty when none)."""
        device = self.ctx.device_id
        stored = self.ctx.store.drafts.get(device, DRAFT_KEY)
        photos = self.ctx.store.drafts.get(device, DRAFT_PHOTOS_KEY)
        fields = dict(stored.value) if stored and isinstance(stored.value, dict) else {}
        fields["photos"] = photos.value if photos and isinstance(photos.value, list) else []
        try:
            return IncidentDraft.model_validate(fields)
        except ValueError:
            return IncidentDraft()

    def save_draft(self, draft: IncidentDraft, *, photos: bool = False) -> None:
        """Keep the report being written (its photos too when `photos`): nothing typed is lost."""
        values: dict[str, Any] = {DRAFT_KEY: draft.model_dump(mode="json", exclude={"photos"})}
        if photos:
            values[DRAFT_PHOTOS_KEY] = [p.model_dump(mode="json") for p in draft.photos]
        self.ctx.store.drafts.put_many(self.ctx.device_id, values)

    def discard_draft(self) -> None:
        """Forget the report being written."""
        for key in (DRAFT_KEY, DRAFT_PHOTOS_KEY):
            self.ctx.store.drafts.delete(self.ctx.device_id, key)

    async def services(self) -> list[Service]:
        """Return the report categories: fetched once per language, else the last ones known."""
        language = self.ctx.i18n.language
        if self._services is not None and self._services_language == language:
            return self._services
        if self._plain_client is not None:
            self._plain_client.language = language
        key = f"{SERVICES_KEY}.{language}"
        try:
            services = await self.api.services()
        except HueAPIError:
            stored = self.ctx.store.cache.get(self.ctx.device_id, key)
            if stored is None:
                raise
            return [Service.model_validate(value) for value in stored.value]
        self.ctx.store.cache.put(
            self.ctx.device_id, key, [service.model_dump(mode="json") for service in services]
        )
        self._services, self._services_language = services, language
        return services

    async def definition(self, service_code: str) -> ServiceDefinition:
        """Return a category's questions: fetched once per session and language, else last known.

        A category whose `metadata` is false has none, and the server is not asked.
        """
        key = f"{DEFINITIONS_KEY}.{self.ctx.i18n.language}.{service_code}"
        known = self._definitions.get(key)
        if known is not None:
            return known
        try:
            listed = {service.service_code: service for service in await self.services()}
        except HueAPIError:
            listed = {}
        if service_code in listed and not listed[service_code].metadata:
            return ServiceDefinition(service_code=service_code, attributes=[])
        try:
            found = await self.api.definition(service_code=service_code)
        except HueAPIError:
            stored = self.ctx.store.cache.get(self.ctx.device_id, key)
            if stored is None:
                raise
            return ServiceDefinition.model_validate(stored.value)
        self.ctx.store.cache.put(self.ctx.device_id, key, found.model_dump(mode="json"))
        self._definitions[key] = found
        return found

    def _queue_changed(self) -> None:
        """Redraw the reports screen when the outbox moved on while it is shown."""
        if (self.ctx.page.route or "").split("?")[0] == "/incidents" and self.ctx.refresh:
            self.ctx.page.run_task(self.ctx.refresh)

    async def _watch(self, stop: asyncio.Event) -> None:
        """Hear of status changes: live from the case stream, else by a look now and then."""
        try:
            await self.live.run(stop)
        finally:
            await self.live.close()

    async def _status_changed(self, changes: list[StatusChange]) -> None:
        """Keep the news of the latest changes and pass it on (a bar, a notification)."""
        self.notices = [*changes, *self.notices][:20]
        if self.on_status_change is not None:
            await self.on_status_change(changes)


def incidents_session(ctx: AppContext) -> IncidentsSession:
    """Return the module's session state, creating it if setup has not run (tests, kiosks)."""
    state = ctx.module_state.get(MODULE_ID)
    if not isinstance(state, IncidentsSession):
        state = IncidentsSession(ctx)
        ctx.module_state[MODULE_ID] = state
    return state


def has_unsent_reports(ctx: AppContext) -> bool:
    """Say whether this device still has reports waiting to be sent."""
    return any(q.item.kind == REPORT_KIND for q in incidents_session(ctx).queue.unsent())
