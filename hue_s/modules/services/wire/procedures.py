"""A procedure as Vietnam's national structure has it (code, field, authority, steps,
channels with time and fees, documents, legal basis, result, conditions) and CPSV-AP's
PublicService (processingTime as an ISO 8601 duration, isGroupedBy life events); the topics to
browse by. Texts arrive in the asked language."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import Field, model_validator

from hue_s.modules.services.wire.base import Wire
from hue_s.modules.services.wire.forms import FormField, check_conditions

ChannelKind = Literal["in_person", "online", "postal"]
Audience = Literal["citizen", "business"]
ISO_DAYS = re.compile(r"^P(\d{1,3})D$")


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
