"""SQLAlchemy models of incident reporting: services, requests, timeline, photos, calls."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.kernel.clock import utc_now as utc_now
from hue_s.backend.kernel.models import Base
from hue_s.backend.kernel.models import UTCDateTime as UTCDateTime

STATUSES = ("received", "assigned", "in_progress", "resolved", "rejected", "transferred")
URGENCIES = ("low", "normal", "high")
PHOTO_KINDS = ("before", "after")
CALL_DIRECTIONS = ("incoming", "outgoing")


def check_in(column: str, values: tuple[str, ...]) -> str:
    """Return the SQL of a CHECK that a column holds one of the values."""
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class IncidentService(Base):
    """A kind of problem a citizen can report (an Open311 service), with its SLA."""

    __tablename__ = "incident_services"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    description_vi: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str] = mapped_column(Text)
    group: Mapped[str] = mapped_column(String(40))
    keywords: Mapped[str] = mapped_column(String(400))
    agency: Mapped[str] = mapped_column(String(200))
    """Agency responsible (Vietnamese name), shown as Open311 agency_responsible."""
    sla_hours_high: Mapped[int] = mapped_column(Integer)
    sla_hours_normal: Mapped[int] = mapped_column(Integer)
    sla_hours_low: Mapped[int] = mapped_column(Integer)
    attributes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    """Service-specific Open311 attribute definitions (texts in vi and en)."""
    sort_order: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Incident(Base):
    """A citizen's report (an Open311 service request) and the case officers work on."""

    __tablename__ = "incidents"
    __table_args__ = (
        CheckConstraint(check_in("status", STATUSES), name="status"),
        CheckConstraint(check_in("urgency", URGENCIES), name="urgency"),
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating"),
        Index("ix_incidents_requested_at", "requested_at"),
        Index("ix_incidents_service_requested", "service_code", "requested_at"),
        Index("ix_incidents_inbox", "ward_code", "status", "deadline_at"),
        Index("ix_incidents_reporter", "reporter_id", "requested_at"),
        Index("ix_incidents_lat_lon", "lat", "lon"),
        Index("ix_incidents_open_deadline", "status", "deadline_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    client_uuid: Mapped[str | None] = mapped_column(String(36), unique=True)
    """The UUID the client generated for this report (an app's outbox key), at most once."""
    service_code: Mapped[str] = mapped_column(ForeignKey("incident_services.code"))
    status: Mapped[str] = mapped_column(String(20), default="received")
    status_notes: Mapped[str | None] = mapped_column(Text)
    urgency: Mapped[str] = mapped_column(String(10), default="normal")
    description: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(String(400))
    address_id: Mapped[str | None] = mapped_column(String(100))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    ward_code: Mapped[str | None] = mapped_column(ForeignKey("wards.code"))
    """The ward or commune handling the case; None: the city tier, until it places the case."""
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    media_url: Mapped[str | None] = mapped_column(String(1000))
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str] = mapped_column(String(20), default="open311")
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    api_client_id: Mapped[int | None] = mapped_column(ForeignKey("api_clients.id"))
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    device_id: Mapped[str | None] = mapped_column(String(100))
    hide_name: Mapped[bool] = mapped_column(Boolean, default=False)
    assigned_officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_comment: Mapped[str | None] = mapped_column(Text)


class IncidentEvent(Base):
    """One entry of a case's timeline: who did what, when, with which note."""

    __tablename__ = "incident_events"
    __table_args__ = (Index("ix_incident_events_incident", "incident_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    action: Mapped[str] = mapped_column(String(20))
    """received, accepted, started, transferred, noted, rejected, resolved, reopened, rated."""
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_role: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    """The case status after this entry."""
    note: Mapped[str | None] = mapped_column(Text)
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    ward_code: Mapped[str | None] = mapped_column(String(5))
    """The ward holding the case after this entry (changes on transfer)."""


class IncidentPhoto(Base):
    """A re-encoded photo without metadata, with the place and time read from its EXIF."""

    __tablename__ = "incident_photos"
    __table_args__ = (
        CheckConstraint(check_in("kind", PHOTO_KINDS), name="kind"),
        CheckConstraint("data IS NOT NULL OR object_key IS NOT NULL", name="bytes_kept"),
        Index("ix_incident_photos_incident", "incident_id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    content_type: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    """The bytes, when they are kept in the database (the default, and every older photo)."""
    object_key: Mapped[str | None] = mapped_column(String(200))
    """The bytes' key in the object store ($HUE_S_PHOTO_STORE), when they are kept there."""
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    gps_lat: Mapped[float | None] = mapped_column(Float)
    gps_lon: Mapped[float | None] = mapped_column(Float)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class IncidentFollower(Base):
    """A citizen who said "me too" and follows a report."""

    __tablename__ = "incident_followers"

    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class HotlineCall(Base):
    """A call on the 19001075 hotline, logged by an officer, maybe turned into a case."""

    __tablename__ = "hotline_calls"
    __table_args__ = (
        CheckConstraint(check_in("direction", CALL_DIRECTIONS), name="direction"),
        Index("ix_hotline_calls_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    direction: Mapped[str] = mapped_column(String(10))
    number: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    ward_code: Mapped[str | None] = mapped_column(ForeignKey("wards.code"))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))


# The dashboard's roll-ups of these cases, and the flush listeners that keep them in step.
from hue_s.modules.incidents.backend.dashboard.rollup_models import (  # noqa: E402
    CaseClosingDay,
    CaseDay,
    CaseMonth,
    CaseSums,
    CityClosingDay,
)

__all__ = ["CaseClosingDay", "CaseDay", "CaseMonth", "CaseSums", "CityClosingDay"]
