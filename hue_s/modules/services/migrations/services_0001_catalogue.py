"""Create the public-services tables; load the catalogue of ward-level procedures.

Tables: services_catalogue_parts (fields, life events, authorities, forms), services_procedures,
services_dossiers, services_dossier_documents, services_dossier_events. The procedures come from
services_0001_procedures.json next to this file (sources and dates: SOURCES.md); a later
change of the catalogue is a new revision, this one stays as it is.

Revision ID: services_0001
Revises:
Create Date: 2026-12-04 15:30:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "services_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("services",)
depends_on: str | Sequence[str] | None = ("0001", "accounts_0001")

CATALOGUE = Path(__file__).with_name("services_0001_procedures.json")
STAMP = sa.DateTime(timezone=True)
PART_KINDS = {"fields": "field", "life_events": "life_event"}


def create_catalogue() -> tuple[sa.Table, sa.Table]:
    """Create the catalogue tables; return them for loading."""
    parts = op.create_table(
        "services_catalogue_parts",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("document", sa.JSON(), nullable=False),
    )
    procedures = op.create_table(
        "services_procedures",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
    )
    return parts, procedures


def create_dossiers() -> None:
    """Create the dossiers, their documents and their timelines."""
    op.create_table(
        "services_dossiers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column(
            "procedure_code",
            sa.String(40),
            sa.ForeignKey("services_procedures.code"),
            nullable=False,
        ),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("ward_code", sa.String(5), sa.ForeignKey("wards.code"), nullable=False),
        sa.Column("idempotency_key", sa.String(64), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("receipt_number", sa.String(32), nullable=True),
        sa.Column("submitted_at", STAMP, nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.UniqueConstraint("user_id", "idempotency_key", name="one_per_key"),
    )
    op.create_index("ix_services_dossiers_user_id", "services_dossiers", ["user_id"])
    op.create_index("ix_services_dossiers_ward_code", "services_dossiers", ["ward_code"])
    dossier = sa.ForeignKey("services_dossiers.id", ondelete="CASCADE")
    op.create_table(
        "services_dossier_documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("dossier_id", sa.Integer(), dossier, nullable=False),
        sa.Column("evidence_code", sa.String(40), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("content_type", sa.String(40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
    )
    op.create_index(
        "ix_services_dossier_documents_dossier_id", "services_dossier_documents", ["dossier_id"]
    )
    op.create_table(
        "services_dossier_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "dossier_id",
            sa.Integer(),
            sa.ForeignKey("services_dossiers.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column(
            "actor_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
        ),
    )
    op.create_index(
        "ix_services_dossier_events_dossier_id", "services_dossier_events", ["dossier_id"]
    )


def upgrade() -> None:
    """Create the tables and load the frozen catalogue."""
    parts, procedures = create_catalogue()
    create_dossiers()
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    rows = [
        {"kind": kind, "code": item["code"], "document": item}
        for key, kind in PART_KINDS.items()
        for item in data[key]
    ]
    rows += [
        {"kind": "authority", "code": code, "document": {"code": code, "name": name}}
        for code, name in data["authorities"].items()
    ]
    rows += [
        {"kind": "form", "code": code, "document": form} for code, form in data["forms"].items()
    ]
    op.bulk_insert(parts, rows)
    op.bulk_insert(
        procedures,
        [
            {"code": item["code"], "position": index, "document": item}
            for index, item in enumerate(data["procedures"])
        ],
    )


def downgrade() -> None:
    """Drop the public-services tables."""
    for table in (
        "services_dossier_events",
        "services_dossier_documents",
        "services_dossiers",
        "services_procedures",
        "services_catalogue_parts",
    ):
        op.drop_table(table)
