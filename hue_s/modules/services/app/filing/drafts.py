"""A half-filled dossier on the device (ward, answers, idempotency key, documents' bytes) and on
the server for signed-in people; on opening, the newer of the two wins.

Documents are kept apart from the draft, one store entry each under the draft's key (the
idempotency key), so a draft started anew never mixes with the files of one being sent.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hue_s.app.state.store import Store
from hue_s.app.state.timestamps import from_db_time, to_db_time, utc_now
from hue_s.modules.services.app.api import Attachment
from hue_s.modules.services.wire_drafts import ServiceDraft

DRAFT_PREFIX = "services:draft:"
DOCUMENT_PREFIX = "services:document:"


def draft_key(procedure_code: str) -> str:
    """Return the store key of a procedure's draft on this device."""
    return f"{DRAFT_PREFIX}{procedure_code}"


def document_key(key: str, evidence_code: str) -> str:
    """Return the store key of one document of the draft whose idempotency key is `key`."""
    return f"{DOCUMENT_PREFIX}{key}:{evidence_code}"


@dataclass
class DossierDraft:
    """What a person has filled in for one procedure, and the key that files it once."""

    procedure_code: str
    key: str = field(default_factory=lambda: str(uuid.uuid4()))
    name: str = ""
    ward: str | None = None
    typed: Any = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    """evidence code -> {"filename", "content_type", "size"}; the bytes are kept apart."""
    updated_at: datetime | None = None

    def shared(self) -> dict[str, Any]:
        """Return what the server keeps: the ward, the answers, the name (no key, no files)."""
        return {"name": self.name, "ward": self.ward, "typed": self.typed}

    def local(self) -> dict[str, Any]:
        """Return what the device keeps."""
        when = to_db_time(self.updated_at) if self.updated_at else None
        return self.shared() | {"key": self.key, "documents": self.documents, "updated_at": when}


def local_draft(store: Store, device_id: str, procedure_code: str) -> DossierDraft | None:
    """Return the draft of a procedure kept on this device, if any."""
    stored = store.drafts.get(device_id, draft_key(procedure_code))
    if stored is None or not isinstance(stored.value, dict):
        return None
    value = stored.value
    when = value.get("updated_at")
    return DossierDraft(
        procedure_code=procedure_code,
        key=str(value.get("key") or uuid.uuid4()),
        name=str(value.get("name") or ""),
        ward=value.get("ward"),
        typed=value.get("typed") or {},
        documents=dict(value.get("documents") or {}),
        updated_at=from_db_time(when) if isinstance(when, str) else stored.stored_at,
    )


def local_drafts(store: Store, device_id: str) -> list[DossierDraft]:
    """Return every draft kept on this device."""
    codes = [
        entry.key.removeprefix(DRAFT_PREFIX)
        for entry in store.drafts.entries(device_id)
        if entry.key.startswith(DRAFT_PREFIX)
    ]
    found = [local_draft(store, device_id, code) for code in codes]
    return [draft for draft in found if draft is not None]


def keep_locally(store: Store, device_id: str, draft: DossierDraft) -> None:
    """Keep a draft on this device, stamped now."""
    draft.updated_at = utc_now()
    store.drafts.put(device_id, draft_key(draft.procedure_code), draft.local())


def newer(local: DossierDraft | None, server: ServiceDraft | None) -> DossierDraft | None:
    """Return the draft to resume: the server's when it changed after the device's (the key
    and documents stay the device's)."""
    if server is None or (
        local is not None and local.updated_at and local.updated_at >= server.updated_at
    ):
        return local
    taken = local or DossierDraft(procedure_code=server.procedure_code)
    taken.ward = server.draft.get("ward") or taken.ward
    taken.typed = server.draft.get("typed") or {}
    taken.name = str(server.draft.get("name") or taken.name)
    taken.updated_at = server.updated_at
    return taken


def keep_document(store: Store, device_id: str, key: str, attachment: Attachment) -> None:
    """Keep a picked document's bytes on this device (closing the app does not lose it)."""
    store.drafts.put(
        device_id,
        document_key(key, attachment.evidence_code),
        {
            "filename": attachment.filename,
            "content_type": attachment.content_type,
            "b64": base64.b64encode(attachment.content).decode("ascii"),
        },
    )


def kept_document(store: Store, device_id: str, key: str, evidence_code: str) -> Attachment | None:
    """Return a kept document, or None when it is gone."""
    stored = store.drafts.get(device_id, document_key(key, evidence_code))
    if stored is None or not isinstance(stored.value, dict):
        return None
    value = stored.value
    return Attachment(
        evidence_code,
        str(value.get("filename") or evidence_code),
        str(value.get("content_type") or ""),
        base64.b64decode(str(value.get("b64") or "")),
    )


def kept_documents(store: Store, device_id: str, draft: DossierDraft) -> dict[str, Attachment]:
    """Return the documents a draft keeps, by evidence code."""
    found = {code: kept_document(store, device_id, draft.key, code) for code in draft.documents}
    return {code: attachment for code, attachment in found.items() if attachment is not None}


def forget_locally(
    store: Store, device_id: str, procedure_code: str, key: str, evidence_codes: list[str]
) -> None:
    """Drop a filed draft and its documents from this device (a newer draft of the same
    procedure, with another key, stays)."""
    kept = local_draft(store, device_id, procedure_code)
    if kept is not None and kept.key == key:
        store.drafts.delete(device_id, draft_key(procedure_code))
    for code in evidence_codes:
        store.drafts.delete(device_id, document_key(key, code))
