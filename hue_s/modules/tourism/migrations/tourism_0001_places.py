"""Create the tourism tables; load the places frozen from OpenStreetMap.

The places come from tourism_0001_places.json next to this file (derived from the shared OSM
extract of Huế, ODbL; how, in SOURCES.md); a later change of the places is a new revision,
this one stays as it is.

Revision ID: tourism_0001
Revises:
Create Date: 2026-12-04 18:40:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "tourism_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("tourism",)
depends_on: str | Sequence[str] | None = None

PLACES = Path(__file__).with_name("tourism_0001_places.json")
STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the tables and load the frozen places."""
    places = op.create_table(
        "tourism_places",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
    )
    op.create_index("ix_tourism_places_category", "tourism_places", ["category"])
    op.create_table(
        "tourism_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", sa.String(255), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("start_at", STAMP, nullable=False),
        sa.Column("end_at", STAMP, nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("organizer", sa.String(300), nullable=True),
        sa.Column("price", sa.String(100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("url", sa.String(1000), nullable=True),
        sa.Column("imported_by", sa.Integer(), nullable=True),
        sa.Column("imported_at", STAMP, nullable=False),
        sa.UniqueConstraint("uid", name="uq_tourism_events_uid"),
    )
    op.create_index("ix_tourism_events_start_at", "tourism_events", ["start_at"])
    data = json.loads(PLACES.read_text(encoding="utf-8"))
    op.bulk_insert(
        places,
        [
            {
                "id": item["id"],
                "position": index,
                "category": item["category"],
                "name": item["name"],
                "lat": item["lat"],
                "lon": item["lon"],
                "document": item,
            }  # fmt: skip
            for index, item in enumerate(data["places"])
        ],
    )


def downgrade() -> None:
    """Drop the tourism tables."""
    op.drop_table("tourism_events")
    op.drop_table("tourism_places")
