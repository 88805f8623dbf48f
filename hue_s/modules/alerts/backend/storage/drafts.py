"""What an operator sends to issue or update an alert, and to cancel one (request JSON)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, model_validator

Severity = Literal["Extreme", "Severe", "Moderate", "Minor", "Unknown"]
Urgency = Literal["Immediate", "Expected", "Future", "Past", "Unknown"]
Certainty = Literal["Observed", "Likely", "Possible", "Unlikely", "Unknown"]
Category = Literal[
    "Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra",
    "CBRNE", "Other",
]  # fmt: skip
ResponseType = Literal[
    "Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None"
]
MAX_POLYGON_POINTS = 2000
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 (so CAP) cannot carry."""


def _xml_text(value: str) -> str:
    """Refuse text that XML cannot carry (control characters other than tab and newlines)."""
    if NOT_IN_XML.search(value):
        raise ValueError("control characters are not allowed")
    return value


def _plausible_time(value: datetime) -> datetime:
    """Refuse times outside 2000-2100 (they are typing mistakes, and overflow in UTC)."""
    try:
        year = value.astimezone(UTC).year
    except OverflowError:
        year = 0
    if not 2000 <= year <= 2100:
        raise ValueError("the time must be between the years 2000 and 2100")
    return value


Text = Annotated[str, AfterValidator(_xml_text)]
Moment = Annotated[AwareDatetime, AfterValidator(_plausible_time)]


class DrawnPolygon(BaseModel):
    """A GeoJSON Polygon drawn on the map (lon/lat; only the outer ring is used)."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["Polygon"]
    coordinates: list[list[tuple[float, float]]] = Field(
        min_length=1, description="Rings of [lon, lat] positions; the first is the outline."
    )

    @model_validator(mode="after")
    def check_ring(self) -> Self:
        """Require an outline of 3 to 2000 distinct points within WGS84 bounds."""
        ring = self.coordinates[0]
        if not 4 <= len(ring) <= MAX_POLYGON_POINTS + 1 or len(set(ring)) < 3:
            raise ValueError("the outline needs 3 to 2000 distinct [lon, lat] points")
        if any(not (-180 <= lon <= 180 and -90 <= lat <= 90) for lon, lat in ring):
            raise ValueError("positions must be [lon, lat] in WGS84 degrees")
        return self


class DrawnArea(BaseModel):
    """A polygon drawn on the map, to learn which wards it covers."""

    model_config = ConfigDict(extra="forbid")

    polygon: DrawnPolygon


class AlertDraft(BaseModel):
    """An alert as an operator writes it: the event, how bad, what to do, until when, where."""

    model_config = ConfigDict(extra="forbid")

    event: Text = Field(min_length=1, max_length=200, description="E.g. 'Lũ lớn' (flood).")
    severity: Severity
    urgency: Urgency
    certainty: Certainty
    headline: Text = Field(min_length=1, max_length=200, description="One line for lists.")
    description: Text | None = Field(default=None, max_length=10_000)
    instruction: Text | None = Field(
        default=None, max_length=10_000, description="What people should do."
    )
    expires: Moment = Field(description="When the alert ends (with a UTC offset).")
    onset: Moment | None = Field(default=None, description="When the hazard begins.")
    category: Category = "Met"
    response_type: ResponseType | None = None
    language: str = Field(default="vi-VN", pattern=r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
    ward_codes: list[str] = Field(
        default_factory=list,
        max_length=40,
        description="Official codes of the wards or communes concerned, e.g. ['19753'].",
    )
    polygon: DrawnPolygon | None = Field(default=None, description="An area drawn on the map.")
    area_description: Text | None = Field(
        default=None, max_length=500, description="Name of the drawn area, e.g. 'Ven sông Hương'."
    )
    contact: Text | None = Field(default=None, max_length=500)
    web: Text | None = Field(default=None, max_length=2000, pattern=r"^https?://\S+$")
    status: Literal["Actual", "Exercise", "Test"] = Field(
        default="Actual", description="Exercise and Test alerts are never shown as active."
    )

    @model_validator(mode="after")
    def check_area(self) -> Self:
        """Require wards or a drawn polygon, and distinct 5-digit ward codes."""
        if not self.ward_codes and self.polygon is None:
            raise ValueError("give ward_codes, a polygon, or both")
        if any(len(code) != 5 or not code.isdigit() for code in self.ward_codes):
            raise ValueError("ward codes are 5 digits")
        if len(set(self.ward_codes)) != len(self.ward_codes):
            raise ValueError("ward codes are repeated")
        return self


class CancelRequest(BaseModel):
    """Why an issued alert is cancelled."""

    model_config = ConfigDict(extra="forbid")

    note: Text | None = Field(
        default=None, max_length=1000, description="Shown with the cancellation."
    )
