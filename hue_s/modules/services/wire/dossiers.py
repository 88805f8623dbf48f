"""A dossier as anyone holding its code sees it (`TrackedDossier`), and as its owner and the
ward's staff do (`Dossier`); its documents' limits; the staff's steps and which status allows
which (`STAFF_ACTIONS`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from hue_s.modules.services.wire.base import Wire

Answers = dict[str, str | list[dict[str, str]]]
"""A dossier's answers: a text per question, a list of items (texts by name) per group."""
DossierStatus = Literal["submitted", "received", "supplement_requested", "approved", "rejected"]
StaffAction = Literal["receive", "request_supplement", "approve", "reject", "transfer"]
STAFF_ACTIONS: dict[StaffAction, tuple[tuple[DossierStatus, ...], DossierStatus]] = {
    "receive": (("submitted",), "received"),
    "request_supplement": (("submitted", "received"), "supplement_requested"),
    "approve": (("received",), "approved"),
    "reject": (("submitted", "received", "supplement_requested"), "rejected"),
    "transfer": (("received",), "received"),
}
"""Per staff action: the statuses it may start from and the status it leads to (transfer: to
the city tier, the status kept). The app shows these; the backend refuses the others (409)."""
NOTE_REQUIRED: tuple[StaffAction, ...] = ("request_supplement", "reject", "transfer")
"""Actions that say why: what is missing, why it is refused, why the ward cannot decide."""
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
"""One attached document: a phone photo or a scanned PDF."""
MAX_DOCUMENTS = 6
DOCUMENT_TYPES = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG",
}
"""The types a document may have, each with the bytes its file starts with."""


class TimelineEntry(Wire):
    """One step of a dossier's handling."""

    at: datetime
    action: str
    status: DossierStatus
    note: str | None = None
    by: str | None = None
    """Who (to the owner and staff): a staff member's name, else their role (officer, ...)."""


class DossierDocument(Wire):
    """A document attached to a dossier."""

    id: int
    evidence_code: str
    filename: str
    content_type: str
    size: int


class TrackedDossier(Wire):
    """What anyone with the code sees: no names, no answers, no notes."""

    code: str
    procedure_code: str
    procedure_name: str
    ward_name: str
    status: DossierStatus
    submitted_at: datetime
    due_on: date | None
    timeline: list[TimelineEntry]
    result_ready: bool = False
    """A result document is issued (its owner and the ward's staff download it)."""


class Dossier(TrackedDossier):
    """A dossier as its owner and the ward's staff see it."""

    receipt_number: str | None = None
    online_fee_vnd: int = 0
    """The fee payable online (0: free, or set locally and paid at the office)."""
    fee_status: str | None = None
    """Its online payment: pending, paid or refunded (None: not paid online)."""
    ward_code: str
    answers: Answers
    filed_at_office: bool = False
    """Filed by a ward officer for a visitor (no owner, followed by its code): the ward adds
    its supplement at the office. Set by the server; the app is not told who owns a dossier."""
    visitor_name: str | None = None
    """The visitor it was filed for at the ward office."""
    visitor_phone: str | None = None
    documents: list[DossierDocument]
    city_tier: bool = False
    """Transferred to the city tier: its staff decide it, the ward no longer acts on it."""


def allowed_actions(status: str, city_tier: bool, city_staff: bool) -> list[StaffAction]:
    """Return the staff actions a dossier allows now: none to a ward once it is at the city
    tier, and no transfer from there."""
    if city_tier and not city_staff:
        return []
    return [
        action
        for action, (starts, _to) in STAFF_ACTIONS.items()
        if status in starts and not (action == "transfer" and city_tier)
    ]
