"""Wire models of alerts: CAP 1.2 alerts as the backend sends them, and what operators send."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, Field

from hue_s.app.api.models.base import RequestModel, ResponseModel
from hue_s.app.i18n import FALLBACK_LANGUAGES

Severity = Literal["Extreme", "Severe", "Moderate", "Minor", "Unknown"]
Urgency = Literal["Immediate", "Expected", "Future", "Past", "Unknown"]
Certainty = Literal["Observed", "Likely", "Possible", "Unlikely", "Unknown"]


class NamedValue(ResponseModel):
    """A CAP valueName/value pair (eventCode, parameter, geocode)."""

    value_name: str = Field(description="Name of the code system, e.g. 'vn-dvhc-2025'.")
    value: str = Field(description="The value in that system, e.g. '19753'.")


class Circle(ResponseModel):
    """A circular alert area."""

    lat: float = Field(description="Latitude of the centre.")
    lon: float = Field(description="Longitude of the centre.")
    radius_km: float = Field(description="Radius in kilometres.")


class AlertArea(ResponseModel):
    """One area of an alert: a description, polygons, circles and geocodes."""

    area_desc: str = Field(description="Text description, e.g. 'Phường Phú Xuân, Huế'.")
    polygons: list[list[list[float]]] = Field(
        default_factory=list, description="Closed rings of [lat, lon] points."
    )
    circles: list[Circle] = Field(default_factory=list, description="Circles of the area.")
    geocodes: list[NamedValue] = Field(default_factory=list, description="Codes of the area.")


class AlertInfo(ResponseModel):
    """One info block of an alert: the event described in one language."""

    language: str = Field(default="vi-VN", description="RFC 3066 tag, e.g. 'vi-VN'.")
    event: str = Field(description="The kind of event, e.g. 'Lũ trên sông Hương'.")
    urgency: str = Field(description="Immediate, Expected, Future, Past or Unknown.")
    severity: str = Field(description="Extreme, Severe, Moderate, Minor or Unknown.")
    certainty: str | None = Field(default=None, description="Observed ... Unknown; None: not sent.")
    onset: datetime | None = Field(default=None, description="When the hazard begins.")
    expires: datetime | None = Field(default=None, description="When this info expires.")
    sender_name: str | None = Field(default=None, description="Who issued it, for people.")
    headline: str | None = Field(default=None, description="One line for lists.")
    description: str | None = Field(default=None, description="What is happening.")
    instruction: str | None = Field(default=None, description="What people should do.")
    web: str | None = Field(default=None, description="A page with more information.")
    contact: str | None = Field(default=None, description="How to reach the sender.")
    areas: list[AlertArea] = Field(default_factory=list, description="Where it applies.")


class AlertReference(ResponseModel):
    """An earlier message that this one updates or cancels."""

    sender: str = Field(description="Sender of the earlier message.")
    identifier: str = Field(description="Identifier of the earlier message.")
    sent: datetime | None = Field(default=None, description="When the earlier one was sent.")


class Alert(ResponseModel):
    """A CAP alert (or its Update or Cancel) as the app shows it."""

    id: int = Field(description="Id in the backend.")
    identifier: str = Field(description="CAP identifier, unique for the sender.")
    sender: str = Field(description="CAP sender, e.g. 'hueioc@hue.gov.vn'.")
    sent: datetime = Field(description="When the message was sent.")
    status: str = Field(default="Actual", description="Actual, Exercise, System, Test, Draft.")
    msg_type: str = Field(default="Alert", description="Alert, Update, Cancel, Ack or Error.")
    state: str = Field(default="current", description="'current', 'updated' or 'cancelled'.")
    active: bool = Field(default=True, description="Whether a citizen should see it now.")
    origin: str = Field(default="operator", description="'operator' (issued here) or 'ingested'.")
    severity: str = Field(default="Unknown", description="Severity of the most severe info.")
    urgency: str = Field(default="Unknown", description="Urgency of the most severe info.")
    headline: str | None = Field(default=None, description="Headline of the most severe info.")
    expires: datetime | None = Field(default=None, description="When it ends; None: never.")
    replaced_by: int | None = Field(default=None, description="Id of what replaced it.")
    replaces: list[int] = Field(default_factory=list, description="Ids this message replaced.")
    references: list[AlertReference] = Field(default_factory=list, description="Earlier ones.")
    note: str | None = Field(default=None, description="Note, e.g. why it was cancelled.")
    ward_codes: list[str] = Field(default_factory=list, description="Wards the areas cover.")
    infos: list[AlertInfo] = Field(default_factory=list, description="The info blocks.")

    @property
    def delivery_key(self) -> str:
        """Return what makes this message unique: sender, identifier and sent time."""
        return f"{self.sender}|{self.identifier}|{self.sent.isoformat()}"

    def info_for(self, language: str) -> AlertInfo | None:
        """Return the info in `language` ('vi', 'en'), else in the one it falls back to
        (English for a visitor's), else the most severe one, else None."""
        for wanted in (language, FALLBACK_LANGUAGES.get(language)):
            for info in self.infos:
                if info.language.lower().split("-")[0] == wanted:
                    return info
        ranked = [info for info in self.infos if info.severity == self.severity]
        candidates = ranked or self.infos
        return candidates[0] if candidates else None


class DrawnPolygon(RequestModel):
    """A GeoJSON Polygon drawn on the map, in [lon, lat] positions."""

    type: Literal["Polygon"] = "Polygon"
    coordinates: list[list[tuple[float, float]]] = Field(description="Rings of [lon, lat].")


class AlertDraft(RequestModel):
    """An alert as an operator writes it; sent to issue a new alert or update one."""

    event: str = Field(min_length=1, max_length=200, description="E.g. 'Lũ' (flood).")
    severity: Severity = Field(description="How bad it is.")
    urgency: Urgency = Field(description="How soon people must act.")
    certainty: Certainty = Field(description="How sure the sender is.")
    headline: str = Field(min_length=1, max_length=200, description="One line for lists.")
    description: str | None = Field(default=None, max_length=10_000, description="Details.")
    instruction: str | None = Field(default=None, max_length=10_000, description="What to do.")
    expires: AwareDatetime = Field(description="When the alert ends (with a UTC offset).")
    category: str = Field(default="Met", description="CAP category, e.g. 'Met'.")
    response_type: str | None = Field(default=None, description="E.g. 'Prepare', 'Evacuate'.")
    language: str = Field(default="vi-VN", description="Language of the texts.")
    ward_codes: list[str] = Field(default_factory=list, description="Codes of the wards.")
    polygon: DrawnPolygon | None = Field(default=None, description="An area drawn on a map.")
    area_description: str | None = Field(
        default=None, max_length=500, description="Name of the drawn area."
    )


class CancelRequest(RequestModel):
    """Why an issued alert is cancelled."""

    note: str | None = Field(default=None, max_length=1000, description="Shown with it.")


def alert_from_json(payload: Any) -> Alert:
    """Validate an alert's JSON (from the stream or the cache)."""
    return Alert.model_validate(payload)
