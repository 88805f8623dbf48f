"""The declarative base of every ORM model, and the kernel's own: wards, idempotency keys."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from hue_s.backend.kernel.clock import utc_now

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
WARD_KINDS = ("ward", "commune")


class Base(DeclarativeBase):
    """Declarative base whose metadata names constraints predictably (for Alembic)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Ward(Base):
    """A commune-level administrative unit of the city: a phường (ward) or a xã (commune)."""

    __tablename__ = "wards"
    __table_args__ = (
        CheckConstraint("kind IN ('ward', 'commune')", name="kind"),
        Index("ix_wards_bbox", "min_lon", "max_lon", "min_lat", "max_lat"),
    )

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    """Official 5-digit code (mã ĐVHC, Công văn 1027/CTK-CSCL)."""
    name: Mapped[str] = mapped_column(String(100))
    """Vietnamese name without the unit type, as the official list writes it ("Phú Xuân")."""
    full_name: Mapped[str] = mapped_column(String(120))
    """Vietnamese name with the unit type ("Phường Phú Xuân")."""
    name_en: Mapped[str] = mapped_column(String(100))
    """ASCII name used in English ("Phu Xuan")."""
    kind: Mapped[str] = mapped_column(String(10))
    """"ward" for a phường, "commune" for a xã."""
    area_km2: Mapped[float] = mapped_column(Float)
    """Official area in square kilometres."""
    boundary: Mapped[str] = mapped_column(Text)
    """GeoJSON text of the simplified MultiPolygon (WGS84, lon/lat)."""
    centroid_lat: Mapped[float] = mapped_column(Float)
    centroid_lon: Mapped[float] = mapped_column(Float)
    min_lat: Mapped[float] = mapped_column(Float)
    min_lon: Mapped[float] = mapped_column(Float)
    max_lat: Mapped[float] = mapped_column(Float)
    max_lon: Mapped[float] = mapped_column(Float)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite drops the zone).

    Unlike accounts' UtcDateTime, a naive value is taken as UTC rather than refused.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to UTC before storing; naive values are taken as UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Return the stored value as an aware UTC datetime."""
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class IdempotencyRecord(Base):
    """A POST seen with an Idempotency-Key: its fingerprint and, once done, its response."""

    __tablename__ = "idempotency_keys"

    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    """Hash of who sent it (credentials), so two clients' keys never meet."""
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)
    """None while the first request with this key is still being processed."""
    content_type: Mapped[str | None] = mapped_column(String(100))
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


def tables_of(package: str) -> list[Table]:
    """Return the tables of the ORM classes defined in a module or package (imported already)."""
    return [
        mapper.local_table
        for mapper in Base.registry.mappers
        if isinstance(mapper.local_table, Table)
        and (mapper.class_.__module__ + ".").startswith(package + ".")
    ]
