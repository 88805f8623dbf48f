"""SQLAlchemy models of alerts: CAP messages, infos, areas, wards hit, events, check-ins."""

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
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hue_s.backend.kernel.models import Base
from hue_s.modules.alerts.backend.columns import UTCDateTime, utc_now

ALERT_STATES = ("current", "updated", "cancelled")
MAX_ID = 2**31 - 1
"""Largest id an integer column holds (PostgreSQL INTEGER)."""


class Alert(Base):
    """One CAP message, issued here by an operator or ingested from a feed."""

    __tablename__ = "alerts"
    __table_args__ = (
        UniqueConstraint("sender", "identifier", "sent"),
        CheckConstraint("state IN ('current', 'updated', 'cancelled')", name="state"),
        CheckConstraint("origin IN ('operator', 'ingested')", name="origin"),
        Index("ix_alerts_listing", "state", "expires_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identifier: Mapped[str] = mapped_column(String(255))
    sender: Mapped[str] = mapped_column(String(255))
    sent: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_text: Mapped[str] = mapped_column(String(40))
    """<sent> as CAP writes it, keeping the sender's UTC offset."""
    status: Mapped[str] = mapped_column(String(10))
    msg_type: Mapped[str] = mapped_column(String(10))
    scope: Mapped[str] = mapped_column(String(12))
    cap_version: Mapped[str] = mapped_column(String(4))
    source: Mapped[str | None] = mapped_column(Text)
    restriction: Mapped[str | None] = mapped_column(Text)
    addresses: Mapped[str | None] = mapped_column(Text)
    codes: Mapped[list[str]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    references: Mapped[str | None] = mapped_column(Text)
    """The <references> triples, space-separated."""
    incidents: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(10))
    """'operator' (issued here) or 'ingested' (read from a feed or file)."""
    source_url: Mapped[str | None] = mapped_column(Text)
    issued_by: Mapped[str | None] = mapped_column(String(64))
    """Id of the operator who issued it, for alerts issued here."""
    raw_xml: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """When the last info expires; None if some info never does."""
    severity_rank: Mapped[int] = mapped_column(SmallInteger)
    """0 (Extreme) to 4 (Unknown): the most severe info."""
    urgency_rank: Mapped[int] = mapped_column(SmallInteger)
    """0 (Immediate) to 4 (Unknown): the most urgent info."""
    state: Mapped[str] = mapped_column(String(10), default="current")
    """'current', 'updated' (a later Update replaced it) or 'cancelled'."""
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"))

    infos: Mapped[list[AlertInfo]] = relationship(
        back_populates="alert",
        cascade="all, delete-orphan",
        order_by="AlertInfo.position",
        lazy="selectin",
    )
    wards: Mapped[list[AlertWard]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    replaced: Mapped[list[Alert]] = relationship(lazy="selectin", order_by="Alert.id")
    """The alerts this Update or Cancel replaced."""


class AlertInfo(Base):
    """One <info> block of an alert."""

    __tablename__ = "alert_infos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    language: Mapped[str] = mapped_column(String(35))
    categories: Mapped[list[str]] = mapped_column(JSON)
    event: Mapped[str] = mapped_column(Text)
    response_types: Mapped[list[str]] = mapped_column(JSON)
    urgency: Mapped[str] = mapped_column(String(10))
    severity: Mapped[str] = mapped_column(String(10))
    certainty: Mapped[str] = mapped_column(String(10))
    """'' when the sender gave none (it is not guessed; the API shows null)."""
    audience: Mapped[str | None] = mapped_column(Text)
    event_codes: Mapped[list[list[str]]] = mapped_column(JSON)
    effective: Mapped[datetime | None] = mapped_column(UTCDateTime())
    onset: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sender_name: Mapped[str | None] = mapped_column(Text)
    headline: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    instruction: Mapped[str | None] = mapped_column(Text)
    web: Mapped[str | None] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(Text)
    parameters: Mapped[list[list[str]]] = mapped_column(JSON)
    resources: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    """<resource> blocks as objects named like CapResource's fields (None before alerts_0003)."""
    time_texts: Mapped[dict[str, str] | None] = mapped_column(JSON)
    """effective/onset/expires as the sender wrote them, with their UTC offset."""

    alert: Mapped[Alert] = relationship(back_populates="infos")
    areas: Mapped[list[AlertArea]] = relationship(
        cascade="all, delete-orphan", order_by="AlertArea.position", lazy="selectin"
    )


class AlertArea(Base):
    """One <area> of an info, with its bounding box for point queries."""

    __tablename__ = "alert_areas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    info_id: Mapped[int] = mapped_column(
        ForeignKey("alert_infos.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(SmallInteger)
    area_desc: Mapped[str] = mapped_column(Text)
    polygons: Mapped[list[list[list[float]]]] = mapped_column(JSON)
    """Rings of [lat, lon] points."""
    circles: Mapped[list[dict[str, float]]] = mapped_column(JSON)
    """{"lat", "lon", "radius_km"} objects."""
    geocodes: Mapped[list[list[str]]] = mapped_column(JSON)
    altitude: Mapped[float | None] = mapped_column(Float)
    ceiling: Mapped[float | None] = mapped_column(Float)
    outline: Mapped[list[list[list[float]]] | None] = mapped_column(JSON)
    """The polygons as lists show them (simplified when large); None before alerts_0003."""
    min_lat: Mapped[float | None] = mapped_column(Float)
    min_lon: Mapped[float | None] = mapped_column(Float)
    max_lat: Mapped[float | None] = mapped_column(Float)
    max_lon: Mapped[float | None] = mapped_column(Float)


class AlertWard(Base):
    """A ward or commune of the city that an alert's areas cover."""

    __tablename__ = "alert_wards"

    alert_id: Mapped[int] = mapped_column(
        ForeignKey("alerts.id", ondelete="CASCADE"), primary_key=True
    )
    ward_code: Mapped[str] = mapped_column(ForeignKey("wards.code"), primary_key=True, index=True)


class AlertEvent(Base):
    """One change to the alerts, in commit order: what the SSE stream sends and replays."""

    __tablename__ = "alert_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    """'issued', 'updated' or 'cancelled'."""
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The alert's JSON as the API returned it at that moment."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class AlertSource(Base):
    """Polling state of one configured CAP feed or alert URL (for conditional requests)."""

    __tablename__ = "alert_sources"

    url: Mapped[str] = mapped_column(String(2000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failures: Mapped[int] = mapped_column(Integer, default=0)
    """Polls failed in a row; the source is then asked less often (see sources.py)."""
    next_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """What became of the entries at the last poll that read the feed: counts and errors."""


class AlertCheckin(Base):
    """What one person said during an alert ('safe' or 'help'): one row per account or device."""

    __tablename__ = "alert_checkins"
    __table_args__ = (
        UniqueConstraint("user_id", "alert_id"),
        UniqueConstraint("device_hash", "alert_id"),
        CheckConstraint("status IN ('safe', 'help')", name="status"),
        CheckConstraint("user_id IS NOT NULL OR device_hash IS NOT NULL", name="someone"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    """The signed-in person; None for an anonymous device."""
    device_hash: Mapped[str | None] = mapped_column(String(64))
    """SHA-256 (hex) of the anonymous device's secret key; the key itself is never stored."""
    status: Mapped[str] = mapped_column(String(4))
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    """Signed in, or a device key this server issued (alerts_0004); else counted apart."""
    ward_code: Mapped[str | None] = mapped_column(ForeignKey("wards.code"))
    """Where the person is (from their point, else the ward they named); None if unknown."""
    case_id: Mapped[int | None] = mapped_column(Integer)
    """The urgent case filed for a request for help (an incidents id)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


from hue_s.modules.alerts.backend.weather import models as _weather_models  # noqa: E402, F401
