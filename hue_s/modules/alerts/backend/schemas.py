"""JSON of alerts for the app: what GET /api/v1/alerts returns and the SSE stream carries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, model_validator

from hue_s.modules.alerts.backend.cap.values import parse_references
from hue_s.modules.alerts.backend.models import Alert, AlertArea, AlertInfo, AlertSource
from hue_s.modules.alerts.backend.rules import is_active, most_severe_info


def _in_utc(moment: datetime) -> datetime:
    """Return a time in UTC (rows read back are UTC; fresh ones carry the sender's offset)."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


UtcTime = Annotated[datetime, AfterValidator(_in_utc)]


class NamedValue(BaseModel):
    """A CAP valueName/value pair (eventCode, parameter, geocode)."""

    value_name: str = Field(description="Name of the code system, e.g. 'SAME' or 'vn-dvhc-2025'.")
    value: str = Field(description="The value in that system, e.g. '19753'.")

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, data: Any) -> Any:
        """Read a stored [valueName, value] pair too."""
        if isinstance(data, list | tuple):
            value_name, value = data
            return {"value_name": value_name, "value": value}
        return data


class Circle(BaseModel):
    """A circle area."""

    lat: float
    lon: float
    radius_km: float


class ResourceOut(BaseModel):
    """A file that goes with an info: a map, an image, a document (by link)."""

    resource_desc: str = Field(description="What it is, e.g. 'Map of the flooded area'.")
    mime_type: str | None = Field(default=None, description="e.g. 'image/png'; null: not given.")
    size: int | None = Field(default=None, description="Size in bytes.")
    uri: str | None = Field(default=None, description="Where to get it.")
    digest: str | None = Field(default=None, description="SHA-1 of the file, as the sender gave.")


class AreaOut(BaseModel):
    """One area of an info."""

    area_desc: str = Field(description="Text description of the area.")
    polygons: list[list[list[float]]] = Field(
        description="Closed rings of [lat, lon] points. In lists and the stream, large areas "
        "are simplified (about 200 points per info); GET /api/v1/alerts/{id} has every point."
    )
    circles: list[Circle]
    geocodes: list[NamedValue]
    altitude: float | None = None
    ceiling: float | None = None

    @classmethod
    def from_row(cls, area: AlertArea, full: bool) -> AreaOut:
        """Build the JSON of an AlertArea row: every point when full, else its outline."""
        polygons = area.outline if not full and area.outline is not None else area.polygons
        names = (name for name in cls.model_fields if name != "polygons")
        return cls.model_validate(
            {"polygons": polygons, **{name: getattr(area, name) for name in names}}
        )


class InfoOut(BaseModel):
    """One info block: the event in one language."""

    language: str = Field(description="RFC 3066 tag, e.g. 'vi-VN'.")
    categories: list[str] = Field(description="CAP categories, e.g. ['Met'].")
    event: str
    response_types: list[str]
    urgency: str = Field(description="Immediate, Expected, Future, Past or Unknown.")
    severity: str = Field(description="Extreme, Severe, Moderate, Minor or Unknown.")
    certainty: Annotated[str | None, BeforeValidator(lambda text: text or None)] = Field(
        description="Observed, Likely, Possible, Unlikely or Unknown; null: the sender gave none."
    )
    audience: str | None = None
    event_codes: list[NamedValue]
    effective: UtcTime | None = None
    onset: UtcTime | None = None
    expires: UtcTime | None = None
    sender_name: str | None = None
    headline: str | None = None
    description: str | None = None
    instruction: str | None = None
    web: str | None = None
    contact: str | None = None
    parameters: list[NamedValue] = Field(description="A value may be '' (sent empty).")
    resources: list[ResourceOut]
    areas: list[AreaOut]

    @classmethod
    def from_row(cls, info: AlertInfo, full: bool) -> InfoOut:
        """Build the JSON of an AlertInfo row, with its areas (its columns bear these names)."""
        names = (name for name in cls.model_fields if name not in ("areas", "resources"))
        return cls.model_validate(
            {
                **{name: getattr(info, name) for name in names},
                "resources": info.resources or [],
                "areas": [AreaOut.from_row(area, full) for area in info.areas],
            }
        )


class ReferenceOut(BaseModel):
    """An earlier message this one updates or cancels."""

    sender: str
    identifier: str
    sent: UtcTime | None = None


class AlertOut(BaseModel):
    """A CAP alert as the app shows it."""

    id: int = Field(description="Id in this backend; also in /alerts/{id}.cap.")
    identifier: str = Field(description="CAP identifier, unique for the sender.")
    sender: str
    sent: UtcTime
    status: str = Field(description="Actual, Exercise, System, Test or Draft.")
    msg_type: str = Field(description="Alert, Update, Cancel, Ack or Error.")
    scope: str = Field(description="Public, Restricted or Private.")
    state: str = Field(description="'current', 'updated' (replaced) or 'cancelled'.")
    active: bool = Field(description="Current, Actual, Public, an Alert/Update, not expired.")
    origin: str = Field(description="'operator' (issued here) or 'ingested'.")
    severity: str = Field(description="Severity of the most severe info.")
    urgency: str = Field(description="Urgency of the most severe info.")
    headline: str | None = Field(description="Headline (else event) of the most severe info.")
    expires: UtcTime | None = Field(description="When the last info expires; null: never.")
    replaced_by: int | None = Field(description="Id of the Update or Cancel that replaced it.")
    replaces: list[int] = Field(description="Ids of the alerts this Update or Cancel replaced.")
    references: list[ReferenceOut]
    note: str | None = None
    ward_codes: list[str] = Field(description="Codes of the city's wards the areas cover.")
    cap_url: str = Field(description="Path of the CAP 1.2 XML of this alert.")
    infos: list[InfoOut]

    @classmethod
    def from_row(cls, alert: Alert, now: datetime, full: bool = False) -> AlertOut:
        """Build the JSON of an Alert row as of `now` (every polygon point only when full)."""
        top = most_severe_info(alert)
        return cls(
            id=alert.id,
            identifier=alert.identifier,
            sender=alert.sender,
            sent=alert.sent,
            status=alert.status,
            msg_type=alert.msg_type,
            scope=alert.scope,
            state=alert.state,
            active=is_active(alert, now),
            origin=alert.origin,
            severity=top.severity if top else "Unknown",
            urgency=top.urgency if top else "Unknown",
            headline=(top.headline or top.event) if top else None,
            expires=alert.expires_at,
            replaced_by=alert.replaced_by_id,
            replaces=[replaced.id for replaced in alert.replaced],
            references=[
                ReferenceOut(sender=ref.sender, identifier=ref.identifier, sent=ref.sent)
                for ref in parse_references(alert.references or "")
            ],
            note=alert.note,
            ward_codes=sorted(link.ward_code for link in alert.wards),
            cap_url=f"/alerts/{alert.id}.cap",
            infos=[InfoOut.from_row(info, full) for info in alert.infos],
        )


class AreaWards(BaseModel):
    """The wards and communes a drawn area covers."""

    ward_codes: list[str] = Field(description="Official codes, e.g. ['19753', '19774'].")


class EntriesReport(BaseModel):
    """What became of a feed's entries at its last successful read."""

    entries: int = Field(description="Alerts found (embedded or linked).")
    stored: int = Field(description="New alerts stored.")
    unchanged: int = Field(description="Alerts already stored before.")
    refused: int = Field(description="Entries that could not be read or stored.")
    outside_city: int = Field(default=0, description="Stored, but covering no ward of the city.")
    errors: list[str] = Field(description="Why the first refused entries were refused.")


class SourceStatus(BaseModel):
    """How one configured CAP source (HUE_S_CAP_SOURCES) is being followed."""

    url: str
    state: str = Field(description="'waiting' (not polled yet), 'ok' or 'failing'.")
    last_polled_at: UtcTime | None = None
    last_success_at: UtcTime | None = None
    last_status: int | None = Field(default=None, description="HTTP status of the last answer.")
    last_error: str | None = Field(default=None, description="Why the last poll failed.")
    failures: int = Field(default=0, description="Polls failed in a row.")
    next_poll_at: UtcTime | None = Field(
        default=None, description="When it is asked next (later and later while it fails)."
    )
    report: EntriesReport | None = Field(default=None, description="Its entries, last read.")

    @classmethod
    def from_row(cls, url: str, source: AlertSource | None) -> SourceStatus:
        """Build the status of a configured source from its row (None: never polled)."""
        if source is None or source.last_polled_at is None:
            return cls(url=url, state="waiting")
        return cls(
            url=url,
            state="failing" if source.failures else "ok",
            last_polled_at=source.last_polled_at,
            last_success_at=source.last_success_at,
            last_status=source.last_status,
            last_error=source.last_error,
            failures=source.failures or 0,
            next_poll_at=source.next_poll_at,
            report=EntriesReport.model_validate(source.last_report) if source.last_report else None,
        )
