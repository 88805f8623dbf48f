"""Incident reports on the wire: Open311 GeoReport v2 records and the citizens' / officers' JSON."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Self

from pydantic import Field, model_validator

from hue_s.app.api.models.base import IdStr, RequestModel, ResponseModel

DEVICE_MARK = re.compile(r"\s*(#hues-[0-9a-f]{12})\s*$")
"""The mark this app puts at the end of a description sent to a plain GeoReport server."""


class Service(ResponseModel):
    """A kind of problem that can be reported (GeoReport v2 `service`)."""

    service_code: IdStr = Field(description="Stable code, e.g. 'road_pothole'.")
    service_name: str = Field(description="Name in the caller's language.")
    description: str | None = Field(default=None, description="What the service covers.")
    metadata: bool = Field(default=False, description="Whether the service has attributes.")
    type: str | None = Field(default=None, description="realtime, batch or blackbox.")
    keywords: str | None = Field(default=None, description="Comma-separated search words.")
    group: str | None = Field(default=None, description="Category group, e.g. 'roads'.")


class AttributeValue(ResponseModel):
    """One choice of a list attribute."""

    key: str = Field(description="The value sent back as the answer.")
    name: str = Field(description="What the choice is called in the caller's language.")


class ServiceAttribute(ResponseModel):
    """A question a service asks (GeoReport v2 attribute)."""

    code: str = Field(description="Answer field name: attribute[code].")
    variable: bool = Field(default=True, description="False: a note to show, not a question.")
    datatype: str = Field(description="string, number, datetime, text, (single|multi)valuelist.")
    required: bool = Field(default=False, description="Whether an answer is required.")
    order: int = Field(default=0, description="Position in the form.")
    description: str | None = Field(default=None, description="The question, translated.")
    values: list[AttributeValue] = Field(default_factory=list, description="List choices.")


class ServiceDefinition(ResponseModel):
    """The attributes of one service."""

    service_code: IdStr = Field(description="The service these attributes belong to.")
    attributes: list[ServiceAttribute] = Field(default_factory=list, description="In order.")


class RequestCreated(ResponseModel):
    """What the server answers to a new report (GeoReport v2 POST)."""

    service_request_id: IdStr | None = Field(default=None, description="The report's id.")
    token: IdStr | None = Field(default=None, description="Token to look the id up later.")
    service_notice: str | None = Field(default=None, description="What happens next.")
    raw: str | None = Field(
        default=None, description="Set by the client: a 2xx answer it could not read, as text."
    )
    photos_dropped: bool = Field(
        default=False, description="Set by the client: the server took the report, not photos."
    )


class WardRef(ResponseModel):
    """The ward a public report belongs to."""

    code: str = Field(description="Official 5-digit code.")
    name: str | None = Field(default=None, description="Vietnamese name.")
    name_en: str | None = Field(default=None, description="English (ASCII) name.")


class PublicEvent(ResponseModel):
    """One public change of a report (extended_attributes.timeline)."""

    at: datetime = Field(validation_alias="datetime", description="When it happened.")
    action: str = Field(description="received, accepted, transferred, resolved, ...")
    status: str = Field(description="The detailed status after the change.")
    actor: str | None = Field(default=None, description="Role of who acted.")
    note: str | None = Field(default=None, description="Public note.")


class ExtendedAttributes(ResponseModel):
    """The `?extensions=true` part of a public report."""

    ward: WardRef | None = Field(default=None, description="Ward handling it.")
    detailed_status: str | None = Field(default=None, description="received, assigned, ...")
    urgency: str | None = Field(default=None, description="low, normal or high.")
    media_urls: list[str] = Field(default_factory=list, description="Every photo.")
    timeline: list[PublicEvent] = Field(default_factory=list, description="Public changes.")


class ServiceRequest(ResponseModel):
    """A public report (GeoReport v2 `request`); never carries the reporter's identity."""

    service_request_id: IdStr = Field(description="The report's id.")
    status: str = Field(description='"open" or "closed".')
    status_notes: str | None = Field(default=None, description="Why the status is what it is.")
    service_name: str | None = Field(default=None, description="Category, translated.")
    service_code: IdStr = Field(description="Category code.")
    description: str | None = Field(default=None, description="What the reporter wrote.")
    agency_responsible: str | None = Field(default=None, description="Who handles it.")
    requested_datetime: datetime | None = Field(default=None, description="When reported.")
    updated_datetime: datetime | None = Field(default=None, description="Last change.")
    expected_datetime: datetime | None = Field(default=None, description="Deadline.")
    address: str | None = Field(default=None, description="Address as given.")
    lat: float | None = Field(default=None, description="Latitude (WGS84).")
    long: float | None = Field(default=None, description="Longitude (WGS84).")
    media_url: str | None = Field(default=None, description="First photo.")
    extended_attributes: ExtendedAttributes | None = Field(
        default=None, description="Only with ?extensions=true."
    )

    device_mark: str | None = Field(
        default=None,
        description="Set by the client: the filing device's mark, taken out of "
        "the description (plain GeoReport servers).",
    )

    @model_validator(mode="after")
    def no_point_at_zero(self) -> Self:
        """Read lat/long 0 (or half a point) as no point: servers send 0 for an address alone."""
        if not self.lat or not self.long:
            self.lat = self.long = None
        return self

    @model_validator(mode="after")
    def mark_apart(self) -> Self:
        """Take this app's mark out of the description, to show it as its reporter wrote it."""
        found = DEVICE_MARK.search(self.description or "")
        if found and self.description is not None:
            self.device_mark = found.group(1)
            self.description = self.description[: found.start()]
        return self


class CaseSummary(ResponseModel):
    """A report as the citizen's list and the officer's inbox show it."""

    id: int = Field(description="The Open311 service_request_id, as a number.")
    service_code: str = Field(description="Category code.")
    service_name: str = Field(description="Category, translated.")
    status: str = Field(description="received, assigned, in_progress, transferred, ...")
    open311_status: str | None = Field(default=None, description='"open" or "closed".')
    urgency: str = Field(default="normal", description="low, normal or high.")
    ward_code: str | None = Field(
        default=None, description="Ward holding the case now; None: the city level, to place it."
    )
    description: str | None = Field(default=None, description="What the reporter wrote.")
    address: str | None = Field(default=None, description="Address as given.")
    lat: float | None = Field(default=None, description="Latitude (WGS84).")
    lon: float | None = Field(default=None, description="Longitude (WGS84).")
    requested_at: datetime = Field(description="When reported.")
    deadline_at: datetime = Field(description="When the service level wants it closed.")
    overdue: bool = Field(default=False, description="Open and past its deadline.")
    assigned_officer_id: int | None = Field(default=None, description="Officer on it.")


class TimelineEntry(ResponseModel):
    """One change of a case: when, what, by which role, with which note."""

    at: datetime = Field(description="When it happened.")
    action: str = Field(description="received, accepted, transferred, noted, resolved, ...")
    status: str = Field(description="The status after the change.")
    actor_role: str = Field(description="citizen, officer, ...")
    actor_id: int | None = Field(default=None, description="Staff views only.")
    note: str | None = Field(default=None, description="Note or reason.")
    public: bool = Field(default=True, description="Shown to the public.")
    ward_code: str | None = Field(default=None, description="Ward at that moment.")


class PhotoInfo(ResponseModel):
    """A stored photo of a case."""

    id: str = Field(description="Photo id.")
    kind: str = Field(description='"before" (with the report) or "after" (the fix).')
    url: str = Field(description="Where to fetch it.")
    width: int = Field(description="Pixels.")
    height: int = Field(description="Pixels.")


class Reporter(ResponseModel):
    """How the ward reaches the reporter (never public); name None when hidden."""

    name: str | None = Field(default=None, description="Name, unless hidden.")
    phone: str | None = Field(default=None, description="Phone number.")
    email: str | None = Field(default=None, description="E-mail address.")


class CaseDetail(CaseSummary):
    """A case with its photos, timeline, reporter contact and rating."""

    reporter: Reporter | None = Field(default=None, description="Reporter and staff only.")
    photos: list[PhotoInfo] = Field(default_factory=list, description="Before and after.")
    timeline: list[TimelineEntry] = Field(default_factory=list, description="Oldest first.")
    followers: int = Field(default=0, description='Citizens who said "me too".')
    rating: int | None = Field(default=None, description="1 to 5 stars, once resolved.")
    rating_comment: str | None = Field(default=None, description="The rating's comment.")


class NearbyIncident(ResponseModel):
    """An open report close to a point, offered instead of filing a duplicate."""

    id: int = Field(description="The report's id.")
    service_code: str = Field(description="Category code.")
    status: str = Field(description="Detailed status.")
    description: str | None = Field(default=None, description="What its reporter wrote.")
    lat: float = Field(description="Latitude (WGS84).")
    lon: float = Field(description="Longitude (WGS84).")
    distance_m: float = Field(description="Metres from the point asked about.")
    requested_at: datetime = Field(description="When reported.")
    followers: int = Field(default=0, description='Citizens who said "me too".')


class Following(ResponseModel):
    """The answer to "me too": the caller now follows the report."""

    incident_id: int = Field(description="The report followed.")
    followers: int = Field(description="How many follow it now.")


class RatingBody(RequestModel):
    """Rate the outcome of one's resolved report, once."""

    stars: int = Field(ge=1, le=5, description="1 (bad) to 5 (very good).")
    comment: str | None = Field(default=None, max_length=2000, description="Optional words.")


class ReasonBody(RequestModel):
    """A reason: to reopen a report, or (officers) to reject a case."""

    reason: str = Field(min_length=3, max_length=2000, description="Why, in a sentence.")
