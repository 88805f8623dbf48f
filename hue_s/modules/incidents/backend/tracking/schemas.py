"""JSON of public case tracking (also the answer to filing a report for a visitor)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class PublicStep(BaseModel):
    """One public entry of a case's timeline."""

    at: datetime
    action: str = Field(description="received, accepted, started, transferred, resolved, ...")
    status: str = Field(description="The case status after the entry.")
    actor_role: str = Field(description="Role of who acted (citizen, officer, ...); never who.")
    note: str | None = Field(description="The public note of the entry, if any.")


class TrackedCase(BaseModel):
    """A case as anyone holding its tracking code sees it: no personal data, text or place."""

    tracking_code: str = Field(description='The code printed on the slip, e.g. "42-7KQ9-MXA3".')
    id: int = Field(description="The Open311 service_request_id, as a number.")
    service_code: str
    service_name: str = Field(description="Name of the category in the caller's language.")
    status: str = Field(description="received, assigned, in_progress, resolved, rejected, ...")
    open311_status: str = Field(description='"open" or "closed".')
    ward_code: str | None = Field(
        description="Ward or commune handling the case now; null: the city tier, to triage."
    )
    ward_name: str = Field(description="Its name in the caller's language.")
    requested_at: datetime
    updated_at: datetime
    deadline_at: datetime = Field(description="When the SLA wants it closed.")
    overdue: bool = Field(description="Open and past its deadline.")
    filed_at_ward_office: bool = Field(description="Filed by a ward officer for a visitor.")
    timeline: list[PublicStep] = Field(description="Public entries, oldest first.")
