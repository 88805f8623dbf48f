"""The declarative base of every ORM model, and the kernel's own: wards."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Float, Index, MetaData, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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


def tables_of(package: str) -> list[Table]:
    """Return the tables of the ORM classes defined in a module or package (imported already)."""
    return [
        mapper.local_table
        for mapper in Base.registry.mappers
        if isinstance(mapper.local_table, Table)
        and (mapper.class_.__module__ + ".").startswith(package + ".")
    ]
