"""The officer workspace on the wire: case actions and the 19001075 hotline log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from hue_s.app.api.models.base import RequestModel, ResponseModel


class AcceptBody(RequestModel):
    """Take a case on (or start work on it), with an optional note."""

    note: str | None = Field(default=None, max_length=2000, description="Shown in the timeline.")


class NoteBody(RequestModel):
    """A note in a case's timeline."""

    note: str = Field(min_length=3, max_length=2000, description="What to note.")
    public: bool = Field(default=True, description="Shown to the reporter and the public.")


class TransferBody(RequestModel):
    """Hand a case to another ward or commune."""

    ward_code: str = Field(min_length=5, max_length=5, description="The ward taking it.")
    reason: str = Field(min_length=3, max_length=2000, description="Why it is theirs.")


class CallIn(RequestModel):
    """A hotline call to log."""

    direction: Literal["incoming", "outgoing"] = Field(description="Who called whom.")
    number: str = Field(min_length=3, max_length=40, description="The other party's number.")
    summary: str = Field(min_length=1, max_length=4000, description="What was said.")
    ward_code: str | None = Field(default=None, min_length=5, max_length=5, description="Ward.")


class Call(ResponseModel):
    """A logged hotline call."""

    id: int = Field(description="Call id.")
    direction: str = Field(description="incoming or outgoing.")
    number: str = Field(description="The other party's number.")
    summary: str = Field(description="What was said.")
    at: datetime = Field(description="When it was logged.")
    officer_id: int | None = Field(default=None, description="Who logged it.")
    ward_code: str | None = Field(default=None, description="Ward it concerns.")
    incident_id: int | None = Field(default=None, description="The case made of it, if any.")


class CallToCase(RequestModel):
    """Turn a call into a case."""

    service_code: str = Field(description="Kind of problem.")
    description: str | None = Field(default=None, max_length=4000, description="What is wrong.")
    address: str | None = Field(default=None, max_length=400, description="Where, in words.")
    ward_code: str | None = Field(default=None, min_length=5, max_length=5, description="Ward.")
    urgency: Literal["low", "normal", "high"] = Field(default="normal", description="Urgency.")


class DailyCalls(ResponseModel):
    """Calls of one day (Huế time)."""

    day: date = Field(description="The day.")
    incoming: int = Field(description="Calls taken.")
    outgoing: int = Field(description="Calls made.")
    cases: int = Field(description="Calls of that day turned into cases.")
