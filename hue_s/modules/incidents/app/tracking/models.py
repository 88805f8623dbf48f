"""A case followed by its public tracking code (also the answer to filing for a visitor)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from hue_s.app.api.models.base import ResponseModel


class PublicStep(ResponseModel):
    """One public entry of a case's timeline."""

    at: datetime = Field(description="When it happened.")
    action: str = Field(description="received, accepted, started, transferred, resolved, ...")
    status: str = Field(description="The case status after the entry.")
    actor_role: str | None = Field(default=None, description="Role of who acted.")
    note: str | None = Field(default=None, description="Public note.")


class TrackedCase(ResponseModel):
    """What anyone holding a case's tracking code sees (no personal data)."""

    tracking_code: str = Field(description='The code on the slip, e.g. "42-7KQ9-MXA3".')
    id: int = Field(description="The report's number.")
    service_code: str = Field(description="Category code.")
    service_name: str = Field(description="Category name in the client's language.")
    status: str = Field(description="received, assigned, in_progress, resolved, ...")
    ward_code: str | None = Field(default=None, description="Ward handling it; None: the city.")
    ward_name: str = Field(description="Its name in the client's language.")
    requested_at: datetime = Field(description="When it was filed.")
    deadline_at: datetime = Field(description="When it should be handled by.")
    overdue: bool = Field(default=False, description="Open and past its deadline.")
    filed_at_ward_office: bool = Field(default=False, description="Filed by an officer.")
    timeline: list[PublicStep] = Field(default_factory=list, description="Oldest first.")
