"""DossierHandler: how the one outbox sender files dossiers, exactly once.

A dossier is queued under its draft's idempotency key (the item's id) with its procedure, ward,
answers and references to the documents kept on the device. Every attempt sends that same key,
so an attempt whose answer was lost is simply sent again: the backend answers with the dossier
it filed the first time (no look-up needed). Once filed, the draft and its documents go from the
device (the backend dropped its own copy in the filing's transaction).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from hue_s.app.api.errors import HueAPIError
from hue_s.app.state.outbox import Outbox, OutboxItem
from hue_s.app.state.outbox_handler import Delivery, OutboxHandler, Refusal
from hue_s.app.state.store import Store
from hue_s.modules.services.app.api import ServicesResource
from hue_s.modules.services.app.filing.drafts import forget_locally, kept_document

logger = logging.getLogger(__name__)

DOSSIER_KIND = "services.dossier"
KINDS = (DOSSIER_KIND,)


def dossier_payload(
    *,
    procedure_code: str,
    ward_code: str,
    answers: dict[str, Any],
    documents: list[str],
    name: str = "",
) -> dict[str, Any]:
    """Return what a queued dossier holds (documents: the evidence codes of kept files)."""
    return {
        "procedure_code": procedure_code,
        "ward_code": ward_code,
        "answers": answers,
        "documents": documents,
        "name": name,
    }


def queue_dossier(outbox: Outbox, device_id: str, key: str, payload: dict[str, Any]) -> None:
    """Queue a dossier under its idempotency key, unless it is queued already."""
    if outbox.get(device_id, key) is None:
        outbox.enqueue(device_id, kind=DOSSIER_KIND, payload=payload, item_id=key)


class DossierHandler(OutboxHandler):
    """Sends queued dossiers through the services resource, documents read from the store."""

    kinds = KINDS

    def __init__(
        self,
        api: ServicesResource,
        store: Store,
        *,
        ready: Callable[[], bool] = lambda: True,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        """Send through `api`; `ready()` False (nobody signed in) keeps dossiers waiting."""
        self.api = api
        self.store = store
        self._ready = ready
        self.on_change = on_change

    @property
    def server(self) -> str:
        """Dossiers go to the Hue-S backend (its address changes with each start, not its data)."""
        return "hue-s"

    def ready(self) -> bool:
        """Say whether dossiers can be sent now."""
        return self._ready()

    async def send(self, item: OutboxItem) -> Delivery:
        """File one dossier under the item's id; then forget its draft and documents."""
        payload = item.payload if isinstance(item.payload, dict) else {}
        procedure_code = str(payload.get("procedure_code") or "")
        codes = [str(code) for code in payload.get("documents") or []]
        if not procedure_code:
            raise Refusal("invalid_item")
        # Files gone after a filing the app could not record (a crash): the key alone gives
        # the dossier back; were it never filed, the backend refuses it (document_missing).
        attachments = [kept_document(self.store, item.device_id, item.id, code) for code in codes]
        dossier = await self.api.file(
            procedure_code=procedure_code,
            ward_code=str(payload.get("ward_code") or ""),
            answers=dict(payload.get("answers") or {}),
            attachments=[found for found in attachments if found is not None],
            idempotency_key=item.id,
        )
        forget_locally(self.store, item.device_id, procedure_code, item.id, codes)
        try:  # the backend dropped it when filing; an older app's copy may linger
            await self.api.forget_draft(procedure_code=procedure_code)
        except HueAPIError as error:
            logger.info("draft of %s not dropped on the server: %s", procedure_code, error)
        return Delivery(server_ref=dossier.code, receipt={"code": dossier.code})

    def changed(self) -> None:
        """Tell the module that its queue moved on."""
        if self.on_change is not None:
            self.on_change()
