"""Wire models of public services, shared by the app and the backend, and the one form check.

A procedure follows Vietnam's national structure (code, field, authority, steps, channels with
time and fees, documents, legal basis, result, conditions) and CPSV-AP's PublicService
(processingTime as an ISO 8601 duration, isGroupedBy life events). Texts arrive in the asked
language. A dossier's answers are checked by `form_problems`, on the device and on the server.

A form is data: questions (`FormField`), some shown only when a sibling question has one of some
answers (`shown_when`), and groups of questions answered once per item (a list of people,
`kind="group"`, between `min_items` and `max_items` items). Answers are texts by question name,
a group's a list of such dicts. An answer to a question that is hidden is refused (`hidden`):
the app drops them before sending (it keeps them in the draft, in case the answer comes back).
`form_json_schema` gives the same rules as a JSON Schema (draft 2020-12) document.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ChannelKind = Literal["in_person", "online", "postal"]
Audience = Literal["citizen", "business"]
FieldKind = Literal["text", "date", "choice", "number", "group"]
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
ISO_DAYS = re.compile(r"^P(\d{1,3})D$")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date answer: YYYY-MM-DD (as JSON Schema's "date" format reads it)."""
NUMBER = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,6})?")
"""A number answer: digits, a point for decimals (no exponent, no infinity)."""
MAX_ITEMS = 20
"""The most items a group may have (a household, a list of people)."""
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


class Condition(Wire):
    """When a question is shown: another question of the same level (the form, or the same
    group item) has one of these answers."""

    field: str
    equals: list[str]


class FormField(Wire):
    """One question of a procedure's online form, or a group of questions asked per item."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    kind: FieldKind
    label: str
    required: bool = False
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    options: list[Option] = Field(default_factory=list)
    shown_when: Condition | None = None
    """Shown only when this holds; hidden, it may not be answered (`hidden`)."""
    fields: list[FormField] = Field(default_factory=list)
    """A group's questions, asked once per item (no group inside a group)."""
    min_items: int = Field(default=0, ge=0)
    max_items: int = Field(default=MAX_ITEMS, ge=1, le=MAX_ITEMS)
    item_label: str | None = None
    """What one item is ("Cha hoặc mẹ"): items read as "<item_label> 1", "... 2"."""

    @model_validator(mode="after")
    def _consistent(self) -> FormField:
        """Refuse a group without questions or inside a group, and conditions on unknowns."""
        if self.kind == "group":
            if not self.fields or any(sub.kind == "group" for sub in self.fields):
                raise ValueError(f"group {self.name}: questions, and no group inside")
            if self.min_items > self.max_items:
                raise ValueError(f"group {self.name}: min_items > max_items")
            check_conditions(self.fields)
        return self


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

    @model_validator(mode="after")
    def _form_consistent(self) -> Procedure:
        """Refuse a form whose conditions name no question of their level."""
        check_conditions(self.form)
        return self


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
    answers: Answers
    visitor_name: str | None = None
    """Filed at the ward office for this visitor (no owner: followed by its code)."""
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


def check_conditions(fields: list[FormField]) -> None:
    """Raise ValueError when a condition names no question of its level, or a group."""
    kinds = {field.name: field.kind for field in fields}
    for field in fields:
        if field.shown_when is not None:
            if kinds.get(field.shown_when.field) in (None, "group"):
                raise ValueError(f"{field.name}: shown_when names no question of its level")
            if field.shown_when.field == field.name:
                raise ValueError(f"{field.name}: shown_when names itself")


def shown(field: FormField, fields: list[FormField], answers: dict[str, Any]) -> bool:
    """Say whether a question is shown: it has no condition, or the question it names is
    shown and answered with one of the condition's values."""
    by_name = {item.name: item for item in fields}
    seen: set[str] = set()
    current: FormField | None = field
    while current is not None and current.shown_when is not None:
        if current.name in seen:
            return False  # a loop of conditions: never shown
        seen.add(current.name)
        rule = current.shown_when
        value = answers.get(rule.field)
        if not isinstance(value, str) or value.strip() not in rule.equals:
            return False
        current = by_name.get(rule.field)
    return True


def form_problems(form: list[FormField], answers: dict[str, Any]) -> dict[str, str]:
    """Return, per question, what is wrong with the answers (empty: acceptable); same on
    both sides. A group item's question is named `<group>.<index>.<question>`. Messages are
    stable codes: required, too_long, not_a_date, not_an_option, not_a_number, too_small,
    too_large, unknown (no such question), hidden (present while its condition is not met),
    not_a_text (a list for a question), not_a_list (a text for a group), not_an_item (an item
    that is not an object), too_few, too_many (items of a group)."""
    problems: dict[str, str] = {}
    known = {field.name for field in form}
    for name in answers:
        if name not in known:
            problems[name] = "unknown"
    for field in form:
        value = answers.get(field.name)
        if not shown(field, form, answers):
            if field.name in answers:  # even empty: the app sends no hidden question
                problems[field.name] = "hidden"
            continue
        if field.kind == "group":
            problems.update(group_problems(field, value))
            continue
        if value is not None and not isinstance(value, str):
            problems[field.name] = "not_a_text"
            continue
        text = (value or "").strip()
        if not text:
            if field.required:
                problems[field.name] = "required"
            continue
        problem = value_problem(field, text)
        if problem:
            problems[field.name] = problem
    return problems


def group_problems(group: FormField, value: Any) -> dict[str, str]:
    """Return the problems of a group's answer: a list of items, each checked as a form."""
    if value is None:
        value = []
    if not isinstance(value, list):
        return {group.name: "not_a_list"}
    if len(value) < group.min_items:
        return {group.name: "too_few"}
    if len(value) > group.max_items:
        return {group.name: "too_many"}
    problems: dict[str, str] = {}
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            problems[f"{group.name}.{index}"] = "not_an_item"
            continue
        for name, problem in form_problems(group.fields, item).items():
            problems[f"{group.name}.{index}.{name}"] = problem
    return problems


def value_problem(field: FormField, value: str) -> str | None:
    """Return what is wrong with one non-empty answer, or None."""
    if field.max_length is not None and len(value) > field.max_length:
        return "too_long"
    if field.kind == "date":
        if not ISO_DATE.fullmatch(value):
            return "not_a_date"
        try:
            date.fromisoformat(value)
        except ValueError:
            return "not_a_date"
    elif field.kind == "choice" and value not in {option.value for option in field.options}:
        return "not_an_option"
    elif field.kind == "number":
        if not NUMBER.fullmatch(value):
            return "not_a_number"
        number = float(value)
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
