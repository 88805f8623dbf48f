"""ReportHandler: how the one outbox sender files this module's reports and "me too"s.

Against the Hue-S backend each item's UUID is its Idempotency-Key: sending again is safe. A plain
GeoReport server knows no such key: there, after an attempt whose outcome is unknown, the report
is first looked for on the server by the mark its description carries, and sent again only when
it is not there; an answer to a POST that carries no id is looked up by that mark as well.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from hue_s.app.api.errors import APIStatusError, HueAPIError
from hue_s.app.state.outbox import OutboxItem
from hue_s.app.state.outbox_handler import Delivery, OutboxHandler, Refusal
from hue_s.modules.incidents.app.api import IncidentsResource, error_code, error_text
from hue_s.modules.incidents.app.draft import IncidentDraft
from hue_s.modules.incidents.app.models import RequestCreated
from hue_s.modules.incidents.app.outbox.queue import KINDS, ME_TOO_KIND, REPORT_KIND, read_item

logger = logging.getLogger(__name__)


class ReportHandler(OutboxHandler):
    """Sends reports and "me too"s through the incidents resource (Hue-S or a plain server)."""

    kinds = KINDS

    def __init__(
        self,
        api: IncidentsResource,
        *,
        ready: Callable[[], bool] = lambda: True,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        """Send through `api`; `ready()` False (nobody signed in) keeps items waiting."""
        self.api = api
        self._ready = ready
        self.on_change = on_change

    @property
    def server(self) -> str:
        """Say where reports go now."""
        return self.api.server

    @property
    def accounts(self) -> bool:
        """Say whether the server has accounts (a plain GeoReport server has none)."""
        return not self.api.plain

    def ready(self) -> bool:
        """Say whether reports can be sent now."""
        return self._ready()

    def can_look_up(self, item: OutboxItem) -> bool:
        """A plain server knows no Idempotency-Key: a report sent before is looked for first."""
        return self.api.plain and item.kind == REPORT_KIND

    async def find(self, item: OutboxItem) -> Delivery | None:
        """Return the report as the plain server has it, by the mark of its description."""
        draft = read_item(item).draft
        if draft is None:
            return None
        found = await self.api.find_filed(draft=draft, item_id=item.id, since=item.created_at)
        return Delivery(server_ref=found, receipt={"found": True}) if found is not None else None

    async def send(self, item: OutboxItem) -> Delivery:
        """File a report, or follow one ("me too"), under the item's UUID."""
        queued = read_item(item)
        if item.kind == ME_TOO_KIND:
            if queued.incident_id is None:
                raise Refusal("invalid_item")
            following = await self.api.me_too(
                incident_id=queued.incident_id, idempotency_key=item.id
            )
            return Delivery(server_ref=str(following.incident_id))
        if queued.draft is None:
            raise Refusal("invalid_item")
        created = await self.api.create(draft=queued.draft, idempotency_key=item.id)
        return await self._delivered(item, queued.draft, created)

    async def _delivered(
        self, item: OutboxItem, draft: IncidentDraft, created: RequestCreated
    ) -> Delivery:
        """Return the delivery of a 2xx answer; an unreadable one is looked up by its mark."""
        server_ref = created.service_request_id
        if server_ref is None and created.token is None and self.api.plain:
            try:
                server_ref = await self.api.find_filed(
                    draft=draft, item_id=item.id, since=item.created_at
                )
            except HueAPIError as error:  # delivered all the same: the id stays unknown
                logger.info("outbox item %s filed; its id not found: %s", item.id, error)
        receipt = created.model_dump(exclude_none=True, exclude_defaults=True)
        return Delivery(server_ref=server_ref, receipt=receipt or None)

    def error_code(self, error: APIStatusError) -> str | None:
        """Return the server's code, from `{"error": ...}` or GeoReport's `[{error_code}]`."""
        return error_code(error)

    def error_text(self, error: APIStatusError) -> str:
        """Return the server's own description of an error."""
        return error_text(error)

    def changed(self) -> None:
        """Tell the module that its queue moved on."""
        if self.on_change is not None:
            self.on_change()
