"""ReportQueue: one device's incident reports in the shared outbox, to list, edit and delete."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hue_s.app.state.outbox import OutboxItem, OutboxState
from hue_s.app.state.outbox_handler import REFUSED
from hue_s.modules.incidents.app.draft import IncidentDraft

if TYPE_CHECKING:
    from hue_s.app.state.store import Store

REPORT_KIND = "incident.report"
ME_TOO_KIND = "incident.me_too"
KINDS = (REPORT_KIND, ME_TOO_KIND)
UNSENT_STATES: tuple[OutboxState, ...] = ("pending", "sending", "failed")
SENT_STATES: tuple[OutboxState, ...] = ("sent",)


@dataclass(frozen=True)
class QueuedReport:
    """An outbox item of this module, with its report (or "me too") read back."""

    item: OutboxItem
    draft: IncidentDraft | None
    incident_id: int | None

    @property
    def id(self) -> str:
        """Return the item id, which is also the report's idempotency key."""
        return self.item.id

    @property
    def refused(self) -> bool:
        """Say whether the server refused it for good (the user must edit or delete it)."""
        return self.item.state == "failed" and self.item.next_attempt_at is None

    @property
    def refusal_code(self) -> str | None:
        """Return the server's error code of a refusal."""
        error = self.item.last_error or ""
        return error.split(":", 2)[1] if error.startswith(f"{REFUSED}:") else None

    @property
    def refusal_detail(self) -> str | None:
        """Return what the server said when it refused it, if it said anything."""
        parts = (self.item.last_error or "").split(":", 2)
        return parts[2] if parts[0] == REFUSED and len(parts) == 3 else None

    @property
    def receipt(self) -> dict[str, Any]:
        """Return what the server answered when it took the report (empty before)."""
        payload = self.item.payload if isinstance(self.item.payload, dict) else {}
        receipt = payload.get("receipt")
        return receipt if isinstance(receipt, dict) else {}

    @property
    def wait_reason(self) -> str | None:
        """Return why it has not been sent yet (NETWORK, SIGN_IN, ...), None when untried."""
        error = self.item.last_error or ""
        return error.split(":", 1)[0] or None

    @property
    def editable(self) -> bool:
        """Say whether the user may still change or delete it (not being sent, not sent)."""
        return self.item.state in ("pending", "failed")


def read_item(item: OutboxItem) -> QueuedReport:
    """Return the report or follow-up an outbox item carries."""
    payload: dict[str, Any] = item.payload if isinstance(item.payload, dict) else {}
    draft = None
    if item.kind == REPORT_KIND:
        draft = IncidentDraft.model_validate(payload.get("draft") or {})
    incident_id = payload.get("incident_id")
    return QueuedReport(item, draft, incident_id if isinstance(incident_id, int) else None)


def report_payload(draft: IncidentDraft) -> dict[str, Any]:
    """Return the outbox payload of a report."""
    return {"draft": draft.model_dump(mode="json")}


class ReportQueue:
    """The incident items of one device in the store's outbox."""

    def __init__(self, store: Store, device_id: str) -> None:
        """Work on `device_id`'s items of `store`."""
        self._store = store
        self.device_id = device_id

    def add(self, draft: IncidentDraft) -> QueuedReport:
        """Queue a report under its client UUID (its idempotency key); sent in the background.

        Filing the same draft again (after a crash between queueing it and clearing the form)
        returns the item already queued: a report is queued once.
        """
        existing = self._store.outbox.get(self.device_id, draft.client_id)
        if existing is None:
            existing = self._store.outbox.enqueue(
                self.device_id,
                kind=REPORT_KIND,
                payload=report_payload(draft),
                item_id=draft.client_id,
            )
        return read_item(existing)

    def add_me_too(self, incident_id: int) -> QueuedReport:
        """Queue a "me too" on an existing report."""
        item = self._store.outbox.enqueue(
            self.device_id, kind=ME_TOO_KIND, payload={"incident_id": incident_id}
        )
        return read_item(item)

    def get(self, item_id: str) -> QueuedReport | None:
        """Return one of this device's items, or None."""
        item = self._store.outbox.get(self.device_id, item_id)
        return read_item(item) if item is not None and item.kind in KINDS else None

    def filed(self) -> list[QueuedReport]:
        """Return the reports this device filed (sent), newest first: its own "my reports"."""
        items = self._store.outbox.entries(self.device_id, states=SENT_STATES)
        return [read_item(item) for item in reversed(items) if item.kind == REPORT_KIND]

    async def learn_ids(self, id_for_token: Callable[[str], Awaitable[str | None]]) -> None:
        """Ask the ids of filed reports the server answered with a token only, and keep them."""
        for queued in self.filed():
            token = queued.receipt.get("token")
            if queued.item.server_ref is None and isinstance(token, str):
                number = await id_for_token(token)
                if number is not None:
                    self._store.outbox.learn_server_ref(self.device_id, queued.id, number)

    def unsent(self) -> list[QueuedReport]:
        """Return the items not sent yet, oldest first."""
        items = self._store.outbox.entries(self.device_id, states=UNSENT_STATES)
        return [read_item(item) for item in items if item.kind in KINDS]

    def replace(self, item_id: str, draft: IncidentDraft) -> str | None:
        """Change a queued report; return its id now, or None if it is being sent or was sent.

        An item the server refused gets a new UUID: its old key is bound to the refused body.
        Any other item keeps its key, so a copy that did reach the server is never doubled.
        """
        queued = self.get(item_id)
        if queued is None or not queued.editable or queued.item.kind != REPORT_KIND:
            return None
        return self._store.outbox.replace(
            self.device_id,
            item_id,
            payload=report_payload(draft),
            new_id=str(uuid.uuid4()) if queued.refused else None,
        )

    def delete(self, item_id: str) -> bool:
        """Drop an item that is not being sent; False if it is being sent or already sent."""
        if self.get(item_id) is None:
            return False
        return self._store.outbox.delete(self.device_id, item_id)
