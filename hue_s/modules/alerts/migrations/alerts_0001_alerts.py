"""Create the alerts, weather-cache and river-gauge tables; load the Huế gauges.

Tables: alerts, alert_infos, alert_areas, alert_wards, alert_events, alert_sources,
weather_forecasts, gauge_stations, gauge_readings. The two gauges (Kim Long, Phú Ốc) come
with their readings of Nov-Dec 2025 from the CSV files next to this one (copies of
alerts/data/ as they were: a later change there does not rewrite this revision).

Revision ID: alerts_0001
Revises:
Create Date: 2026-11-26 22:00:00
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "alerts_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("alerts",)
depends_on: str | Sequence[str] | None = "0001"

STAMP = sa.DateTime(timezone=True)
STATIONS_FILE = Path(__file__).with_name("alerts_0001_gauge_stations.csv")
READINGS_FILE = Path(__file__).with_name("alerts_0001_gauge_readings.csv")
HUE_TIME = timezone(timedelta(hours=7), "ICT")
"""VNDMS writes local time (GMT+7) even where its header says UTC."""


def create_alerts() -> None:
    """Create alerts, alert_infos and alert_areas."""
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identifier", sa.String(length=255), nullable=False),
        sa.Column("sender", sa.String(length=255), nullable=False),
        sa.Column("sent", STAMP, nullable=False),
        sa.Column("sent_text", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("msg_type", sa.String(length=10), nullable=False),
        sa.Column("scope", sa.String(length=12), nullable=False),
        sa.Column("cap_version", sa.String(length=4), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("restriction", sa.Text(), nullable=True),
        sa.Column("addresses", sa.Text(), nullable=True),
        sa.Column("codes", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("references", sa.Text(), nullable=True),
        sa.Column("incidents", sa.Text(), nullable=True),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("issued_by", sa.String(length=64), nullable=True),
        sa.Column("raw_xml", sa.Text(), nullable=False),
        sa.Column("received_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=True),
        sa.Column("severity_rank", sa.SmallInteger(), nullable=False),
        sa.Column("urgency_rank", sa.SmallInteger(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("replaced_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("origin IN ('operator', 'ingested')", name=op.f("ck_alerts_origin")),
        sa.CheckConstraint(
            "state IN ('current', 'updated', 'cancelled')", name=op.f("ck_alerts_state")
        ),
        sa.ForeignKeyConstraint(
            ["replaced_by_id"], ["alerts.id"], name=op.f("fk_alerts_replaced_by_id_alerts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("sender", "identifier", "sent", name=op.f("uq_alerts_sender")),
    )
    op.create_index("ix_alerts_listing", "alerts", ["state", "expires_at"], unique=False)
    op.create_table(
        "alert_infos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("response_types", sa.JSON(), nullable=False),
        sa.Column("urgency", sa.String(length=10), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("certainty", sa.String(length=10), nullable=False),
        sa.Column("audience", sa.Text(), nullable=True),
        sa.Column("event_codes", sa.JSON(), nullable=False),
        sa.Column("effective", STAMP, nullable=True),
        sa.Column("onset", STAMP, nullable=True),
        sa.Column("expires", STAMP, nullable=True),
        sa.Column("sender_name", sa.Text(), nullable=True),
        sa.Column("headline", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("instruction", sa.Text(), nullable=True),
        sa.Column("web", sa.Text(), nullable=True),
        sa.Column("contact", sa.Text(), nullable=True),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alerts.id"],
            name=op.f("fk_alert_infos_alert_id_alerts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_infos")),
    )
    op.create_index(op.f("ix_alert_infos_alert_id"), "alert_infos", ["alert_id"], unique=False)
    op.create_table(
        "alert_areas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("info_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("area_desc", sa.Text(), nullable=False),
        sa.Column("polygons", sa.JSON(), nullable=False),
        sa.Column("circles", sa.JSON(), nullable=False),
        sa.Column("geocodes", sa.JSON(), nullable=False),
        sa.Column("altitude", sa.Float(), nullable=True),
        sa.Column("ceiling", sa.Float(), nullable=True),
        sa.Column("min_lat", sa.Float(), nullable=True),
        sa.Column("min_lon", sa.Float(), nullable=True),
        sa.Column("max_lat", sa.Float(), nullable=True),
        sa.Column("max_lon", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["info_id"],
            ["alert_infos.id"],
            name=op.f("fk_alert_areas_info_id_alert_infos"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_areas")),
    )
    op.create_index(op.f("ix_alert_areas_info_id"), "alert_areas", ["info_id"], unique=False)


def create_wards_events_and_sources() -> None:
    """Create alert_wards, alert_events and alert_sources."""
    op.create_table(
        "alert_wards",
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("ward_code", sa.String(length=5), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alerts.id"],
            name=op.f("fk_alert_wards_alert_id_alerts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ward_code"], ["wards.code"], name=op.f("fk_alert_wards_ward_code_wards")
        ),
        sa.PrimaryKeyConstraint("alert_id", "ward_code", name=op.f("pk_alert_wards")),
    )
    op.create_index(op.f("ix_alert_wards_ward_code"), "alert_wards", ["ward_code"], unique=False)
    op.create_table(
        "alert_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alerts.id"],
            name=op.f("fk_alert_events_alert_id_alerts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_events")),
    )
    op.create_index(op.f("ix_alert_events_alert_id"), "alert_events", ["alert_id"], unique=False)
    op.create_table(
        "alert_sources",
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("last_polled_at", STAMP, nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_alert_sources")),
    )


def create_weather_and_gauges() -> tuple[sa.Table, sa.Table]:
    """Create weather_forecasts, gauge_stations and gauge_readings; return the last two."""
    op.create_table(
        "weather_forecasts",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("point", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("fetched_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("kind", "point", name=op.f("pk_weather_forecasts")),
    )
    stations = op.create_table(
        "gauge_stations",
        sa.Column("station_id", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("river", sa.String(length=100), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("alarm_1_m", sa.Float(), nullable=False),
        sa.Column("alarm_2_m", sa.Float(), nullable=False),
        sa.Column("alarm_3_m", sa.Float(), nullable=False),
        sa.Column("historic_peak_m", sa.Float(), nullable=True),
        sa.Column("historic_peak_year", sa.Integer(), nullable=True),
        sa.Column("ward_code", sa.String(length=5), nullable=True),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_gauge_stations")),
    )
    readings = op.create_table(
        "gauge_readings",
        sa.Column("station_id", sa.String(length=20), nullable=False),
        sa.Column("observed_at", STAMP, nullable=False),
        sa.Column("water_level_m", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["gauge_stations.station_id"],
            name=op.f("fk_gauge_readings_station_id_gauge_stations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("station_id", "observed_at", name=op.f("pk_gauge_readings")),
    )
    return stations, readings


def csv_rows(path: Path) -> list[dict[str, str]]:
    """Return the rows of a CSV file next to this revision."""
    with path.open(encoding="utf-8", newline="") as opened:
        return list(csv.DictReader(opened))


def station_row(row: dict[str, str]) -> dict[str, Any]:
    """Turn a row of the stations file into a gauge_stations row."""
    peak, year = row["historic_peak_m"].strip(), row["historic_peak_year"]
    return {
        "station_id": row["station_id_vndms"], "name": row["station"], "river": row["river"],
        "lat": float(row["lat"]), "lon": float(row["lon"]),
        "alarm_1_m": float(row["bd1_m"]), "alarm_2_m": float(row["bd2_m"]),
        "alarm_3_m": float(row["bd3_m"]),
        "historic_peak_m": float(peak) if peak else None,
        "historic_peak_year": int(year) if year else None,
        "ward_code": row["ward_2025_of_coord"].split()[0] or None,
    }  # fmt: skip


def reading_row(row: dict[str, str]) -> dict[str, Any]:
    """Turn a row of the readings file into a gauge_readings row (its time in UTC, as the
    models' UTC column stores it)."""
    local = datetime.strptime(row["observed_at_local"].strip(), "%Y-%m-%d %H:%M")
    return {
        "station_id": row["station_id"].strip(),
        "observed_at": local.replace(tzinfo=HUE_TIME).astimezone(UTC),
        "water_level_m": float(row["water_level_m"]),
    }


def load_gauges(stations: sa.Table, readings: sa.Table) -> None:
    """Insert the two gauges and their readings."""
    connection = op.get_bind()
    rows = [station_row(row) for row in csv_rows(STATIONS_FILE)]
    connection.execute(sa.insert(stations), rows)
    known = {row["station_id"] for row in rows}
    measured = [reading_row(row) for row in csv_rows(READINGS_FILE)]
    connection.execute(sa.insert(readings), [r for r in measured if r["station_id"] in known])


def upgrade() -> None:
    """Create the tables and load the two Huế gauges with their readings."""
    create_alerts()
    create_wards_events_and_sources()
    load_gauges(*create_weather_and_gauges())


def downgrade() -> None:
    """Drop the tables, children first."""
    for table in (
        "gauge_readings",
        "gauge_stations",
        "weather_forecasts",
        "alert_sources",
        "alert_events",
        "alert_wards",
        "alert_areas",
        "alert_infos",
        "alerts",
    ):
        op.drop_table(table)
