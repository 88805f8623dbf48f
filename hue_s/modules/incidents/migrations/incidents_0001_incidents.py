"""Create the incident tables and load the catalogue of services.

The services are frozen in incidents_0001_services.json next to this file (the catalogue as
a fresh install got it): a later change to the live catalogue does not rewrite this revision;
`hue-s backend seed-incident-services` brings an install up to date with it.

Until #13 this revision also created idempotency_keys; the table moved to the kernel, whose
revision 0002 creates it when missing (a database migrated before keeps the one made here).

Revision ID: incidents_0001
Revises:
Create Date: 2026-11-26 21:30:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "incidents_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("incidents",)
depends_on: str | Sequence[str] | None = ("0001", "accounts_0001")

STAMP = sa.DateTime(timezone=True)
SERVICES_FILE = Path(__file__).with_name("incidents_0001_services.json")


def create_services_and_incidents() -> sa.Table:
    """Create incident_services and incidents; return incident_services."""
    services = op.create_table(
        "incident_services",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_vi", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("description_vi", sa.Text(), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=False),
        sa.Column("group", sa.String(length=40), nullable=False),
        sa.Column("keywords", sa.String(length=400), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=False),
        sa.Column("sla_hours_high", sa.Integer(), nullable=False),
        sa.Column("sla_hours_normal", sa.Integer(), nullable=False),
        sa.Column("sla_hours_low", sa.Integer(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_incident_services")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("client_uuid", sa.String(length=36), nullable=True),
        sa.Column("service_code", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_notes", sa.Text(), nullable=True),
        sa.Column("urgency", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("address", sa.String(length=400), nullable=True),
        sa.Column("address_id", sa.String(length=100), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("ward_code", sa.String(length=5), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("media_url", sa.String(length=1000), nullable=True),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("api_client_id", sa.Integer(), nullable=True),
        sa.Column("first_name", sa.String(length=100), nullable=True),
        sa.Column("last_name", sa.String(length=100), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("device_id", sa.String(length=100), nullable=True),
        sa.Column("hide_name", sa.Boolean(), nullable=False),
        sa.Column("assigned_officer_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.Column("deadline_at", STAMP, nullable=False),
        sa.Column("closed_at", STAMP, nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("rating_comment", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('received', 'assigned', 'in_progress', 'resolved', 'rejected', "
            "'transferred')",
            name=op.f("ck_incidents_status"),
        ),
        sa.CheckConstraint(
            "urgency IN ('low', 'normal', 'high')", name=op.f("ck_incidents_urgency")
        ),
        sa.CheckConstraint(
            "rating IS NULL OR rating BETWEEN 1 AND 5", name=op.f("ck_incidents_rating")
        ),
        sa.ForeignKeyConstraint(
            ["service_code"],
            ["incident_services.code"],
            name=op.f("fk_incidents_service_code_incident_services"),
        ),
        sa.ForeignKeyConstraint(
            ["ward_code"], ["wards.code"], name=op.f("fk_incidents_ward_code_wards")
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"], ["users.id"], name=op.f("fk_incidents_reporter_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["api_client_id"],
            ["api_clients.id"],
            name=op.f("fk_incidents_api_client_id_api_clients"),
        ),
        sa.ForeignKeyConstraint(
            ["assigned_officer_id"],
            ["users.id"],
            name=op.f("fk_incidents_assigned_officer_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("client_uuid", name=op.f("uq_incidents_client_uuid")),
        sa.UniqueConstraint("token", name=op.f("uq_incidents_token")),
    )
    op.create_index("ix_incidents_requested_at", "incidents", ["requested_at"])
    op.create_index("ix_incidents_service_requested", "incidents", ["service_code", "requested_at"])
    op.create_index("ix_incidents_inbox", "incidents", ["ward_code", "status", "deadline_at"])
    op.create_index("ix_incidents_reporter", "incidents", ["reporter_id", "requested_at"])
    op.create_index("ix_incidents_lat_lon", "incidents", ["lat", "lon"])
    return services


def incident_fk(table: str) -> sa.ForeignKeyConstraint:
    """Return the cascading foreign key from table.incident_id to incidents.id."""
    return sa.ForeignKeyConstraint(
        ["incident_id"],
        ["incidents.id"],
        name=op.f(f"fk_{table}_incident_id_incidents"),
        ondelete="CASCADE",
    )


def create_case_tables() -> None:
    """Create the timeline, photo and follower tables."""
    op.create_table(
        "incident_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("ward_code", sa.String(length=5), nullable=True),
        incident_fk("incident_events"),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_incident_events_actor_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_events")),
    )
    op.create_index("ix_incident_events_incident", "incident_events", ["incident_id", "id"])
    op.create_table(
        "incident_photos",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("content_type", sa.String(length=20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("taken_at", STAMP, nullable=True),
        sa.Column("gps_lat", sa.Float(), nullable=True),
        sa.Column("gps_lon", sa.Float(), nullable=True),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", STAMP, nullable=False),
        sa.CheckConstraint("kind IN ('before', 'after')", name=op.f("ck_incident_photos_kind")),
        incident_fk("incident_photos"),
        sa.ForeignKeyConstraint(
            ["uploaded_by"], ["users.id"], name=op.f("fk_incident_photos_uploaded_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_photos")),
    )
    op.create_index("ix_incident_photos_incident", "incident_photos", ["incident_id"])
    op.create_table(
        "incident_followers",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("since", STAMP, nullable=False),
        incident_fk("incident_followers"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_incident_followers_user_id_users")
        ),
        sa.PrimaryKeyConstraint("incident_id", "user_id", name=op.f("pk_incident_followers")),
    )


def create_support_tables() -> None:
    """Create the hotline table (idempotency_keys is the kernel's: revision 0002)."""
    op.create_table(
        "hotline_calls",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("ward_code", sa.String(length=5), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "direction IN ('incoming', 'outgoing')", name=op.f("ck_hotline_calls_direction")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_hotline_calls_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(
            ["ward_code"], ["wards.code"], name=op.f("fk_hotline_calls_ward_code_wards")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["users.id"], name=op.f("fk_hotline_calls_officer_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotline_calls")),
    )
    op.create_index("ix_hotline_calls_at", "hotline_calls", ["at"])


def load_services(services: sa.Table) -> None:
    """Insert the frozen catalogue of services."""
    rows = json.loads(SERVICES_FILE.read_text(encoding="utf-8"))
    op.get_bind().execute(sa.insert(services), rows)


def upgrade() -> None:
    """Create the tables and load the services of the catalogue."""
    services = create_services_and_incidents()
    create_case_tables()
    create_support_tables()
    load_services(services)


def downgrade() -> None:
    """Drop the incident tables."""
    for table in (
        "hotline_calls",
        "incident_followers",
        "incident_photos",
        "incident_events",
        "incidents",
        "incident_services",
    ):
        op.drop_table(table)
