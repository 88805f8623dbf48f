"""JSON of the incident API for officers and citizens (/api/v1/cases, /api/v1/incidents)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hue_s.backend.schemas.ids import MAX_ROW_ID as MAX_ROW_ID
from hue_s.backend.schemas.ids import RowId as RowId

Text = Field(min_length=3, max_length=2000)


class RequestModel(BaseModel):
    """A request body: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class CaseSummary(BaseModel):
    """A case as an inbox lists it."""

    id: int = Field(description="The Open311 service_request_id, as a number.")
    service_code: str
    service_name: str = Field(description="Name of the service in the caller's language.")
    status: str = Field(description="received, assigned, in_progress, resolved, rejected, ...")
    open311_status: str = Field(description='"open" or "closed", as Open311 reports it.')
    urgency: str = Field(description="low, normal or high.")
    ward_code: str | None = Field(
        description="Ward or commune holding the case now; null: the city tier, to triage."
    )
    description: str | None
    address: str | None
    lat: float | None
    lon: float | None
    requested_at: datetime
    deadline_at: datetime = Field(description="When the SLA wants it closed.")
    overdue: bool = Field(description="Open and past its deadline.")
    assigned_officer_id: int | None


class TimelineEntry(BaseModel):
    """One change of a case: who, when, what, why."""

    at: datetime
    action: str = Field(description="received, accepted, started, transferred, noted, ...")
    status: str = Field(description="The case status after the change.")
    actor_role: str
    actor_id: int | None = Field(description="Staff only; None for citizens' views.")
    note: str | None
    public: bool
    ward_code: str | None


class PhotoInfo(BaseModel):
    """A stored photo of a case (metadata stripped) and where and when it was taken."""

    id: str
    kind: str = Field(description='"before" (with the report) or "after" (the fix).')
    url: str
    width: int
    height: int
    taken_at: datetime | None
    lat: float | None
    lon: float | None


class Reporter(BaseModel):
    """How to reach the person who reported (never public); name None if hidden."""

    name: str | None
    phone: str | None
    email: str | None


class CaseDetail(CaseSummary):
    """A case with its photos, timeline, reporter contact and rating."""

    reporter: Reporter | None = Field(description="For the reporter and the ward's staff only.")
    photos: list[PhotoInfo]
    timeline: list[TimelineEntry]
    followers: int = Field(description='How many citizens said "me too".')
    rating: int | None
    rating_comment: str | None


class AcceptBody(RequestModel):
    """Accept a case, optionally with a note."""

    note: str | None = Field(default=None, max_length=2000)


class NoteBody(RequestModel):
    """Add a note to a case's timeline."""

    note: str = Text
    public: bool = Field(default=True, description="Shown in the public timeline.")


class ReasonBody(RequestModel):
    """Reject (or reopen) with a reason."""

    reason: str = Text


class TransferBody(RequestModel):
    """Hand a case to another ward or commune, with a reason."""

    ward_code: str = Field(min_length=5, max_length=5)
    reason: str = Text


class RatingBody(RequestModel):
    """Rate the outcome of a resolved case, once."""

    stars: int = Field(ge=1, le=5)
    comment: str | None = Field(default=None, max_length=2000)


class Following(BaseModel):
    """Answer of me-too: the caller follows the report."""

    incident_id: int
    followers: int


class NearbyIncident(BaseModel):
    """An open report close to a point, offered as a possible duplicate."""

    id: int
    service_code: str
    status: str
    description: str | None
    lat: float
    lon: float
    distance_m: float
    requested_at: datetime
    followers: int


class CallIn(RequestModel):
    """A hotline call to log."""

    direction: Literal["incoming", "outgoing"]
    number: str = Field(min_length=3, max_length=40)
    summary: str = Field(min_length=1, max_length=4000)
    ward_code: str | None = Field(default=None, min_length=5, max_length=5)


class Call(BaseModel):
    """A logged hotline call."""

    id: int
    direction: str
    number: str
    summary: str
    at: datetime
    officer_id: int | None
    ward_code: str | None
    incident_id: int | None


class CallToCase(RequestModel):
    """Turn a call into a case: what, where (point or ward), how urgent."""

    service_code: str
    description: str | None = Field(default=None, max_length=4000)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    address: str | None = Field(default=None, max_length=400)
    ward_code: str | None = Field(default=None, min_length=5, max_length=5)
    urgency: Literal["low", "normal", "high"] = "normal"


class DailyCalls(BaseModel):
    """Calls of one day (Huế time)."""

    day: date
    incoming: int
    outgoing: int
    cases: int = Field(description="Calls of that day turned into cases.")
