"""Wire models of public services, shared by the app and the backend, and the one form check.

A procedure follows Vietnam's national structure (code, field, authority, steps, channels with
time and fees, documents, legal basis, result, conditions) and CPSV-AP's PublicService
(processingTime as an ISO 8601 duration, isGroupedBy life events). Texts arrive in the asked
language. A dossier's answers are checked by `form_problems`, on the device and on the server.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ChannelKind = Literal["in_person", "online", "postal"]
Audience = Literal["citizen", "business"]
FieldKind = Literal["text", "date", "choice", "number"]
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
ISO_DAYS = re.compile(r"^P(\d{1,3})D$")
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
"""One attached document: a phone photo or a scanned PDF."""
MAX_DOCUMENTS = 6
DOCUMENT_TYPES = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG",
}
"""The types a document may have, each with the bytes its file starts with."""


class Wire(BaseModel):
    """A model both sides read: unknown fields are kept (a newer server may add some)."""

    model_config = ConfigDict(extra="allow")


class Fee(Wire):
    """A cost (CPSV-AP hasCost; PHILEPHI): amount in VND (None: set locally), what it covers."""

    amount: int | None
    description: str


class Channel(Wire):
    """A way to file (KENH): its processing time (ISO 8601, working days) and fees."""

    kind: ChannelKind
    processing_time: str = Field(pattern=ISO_DAYS.pattern)
    time_note: str
    fees: list[Fee]


class Evidence(Wire):
    """A required document (THANHPHANHOSO; CPSV-AP hasInput) and its template, if any."""

    code: str
    name: str
    copies: str
    template: str | None = None
    required: bool
    online: bool
    """Whether it is attached when filing online (else shown at the office)."""


class Option(Wire):
    """One answer of a choice field."""

    value: str
    label: str


class FormField(Wire):
    """One question of a procedure's online form."""

    name: str
    kind: FieldKind
    label: str
    required: bool = False
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    options: list[Option] = Field(default_factory=list)


class ProcedureSummary(Wire):
    """A procedure as lists show it."""

    code: str
    name: str
    field: str
    field_name: str
    authority: str
    level: str
    audience: Audience
    life_events: list[str]
    online: bool
    processing_time: str
    fee_text: str


class Procedure(ProcedureSummary):
    """A procedure's whole page: steps, channels, documents, conditions, basis, result, form."""

    steps: list[str]
    channels: list[Channel]
    documents: list[Evidence]
    conditions: list[str]
    legal_basis: list[str]
    result: str
    form: list[FormField] = Field(default_factory=list)


class Topic(Wire):
    """A field or a life event, with how many procedures it groups."""

    code: str
    name: str
    count: int
    audience: Audience | None = None


class Topics(Wire):
    """What one can browse the catalogue by."""

    fields: list[Topic]
    life_events: list[Topic]


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
    answers: dict[str, str]
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


def form_problems(form: list[FormField], answers: dict[str, str]) -> dict[str, str]:
    """Return, per question, what is wrong with the answers (empty: acceptable); same on
    both sides. Messages are stable codes: required, too_long, not_a_date, not_an_option,
    not_a_number, too_small, too_large, unknown."""
    problems: dict[str, str] = {}
    known = {field.name for field in form}
    for name in answers:
        if name not in known:
            problems[name] = "unknown"
    for field in form:
        value = (answers.get(field.name) or "").strip()
        if not value:
            if field.required:
                problems[field.name] = "required"
            continue
        problem = value_problem(field, value)
        if problem:
            problems[field.name] = problem
    return problems


def value_problem(field: FormField, value: str) -> str | None:
    """Return what is wrong with one non-empty answer, or None."""
    if field.max_length is not None and len(value) > field.max_length:
        return "too_long"
    if field.kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return "not_a_date"
    elif field.kind == "choice" and value not in {option.value for option in field.options}:
        return "not_an_option"
    elif field.kind == "number":
        try:
            number = float(value)
        except ValueError:
            return "not_a_number"
        if number != number or number in (float("inf"), float("-inf")):
            return "not_a_number"
        if field.minimum is not None and number < field.minimum:
            return "too_small"
        if field.maximum is not None and number > field.maximum:
            return "too_large"
    return None


def working_days(duration: str) -> int:
    """Return the days of an ISO 8601 duration of whole days ("P3D" -> 3)."""
    found = ISO_DAYS.match(duration)
    if found is None:
        raise ValueError(f"not a duration of days: {duration!r}")
    return int(found.group(1))


def fold(text: str) -> str:
    """Return text lower-cased without diacritics ("Đăng ký" -> "dang ky"), as search compares."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
