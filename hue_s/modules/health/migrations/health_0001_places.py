"""Create health_places; load Huế's health places from OpenStreetMap.

The places come from health_0001_places.json next to this file (derived from the city's OSM
extract, see SOURCES.md; © OpenStreetMap contributors, ODbL 1.0). A later change of the data
is a new revision; this one stays as it is.

Revision ID: health_0001
Revises:
Create Date: 2026-12-04 18:40:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "health_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("health",)
depends_on: str | Sequence[str] | None = None

DATA = Path(__file__).with_name("health_0001_places.json")


def upgrade() -> None:
    """Create the table and load the places."""
    places = op.create_table(
        "health_places",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
    )
    rows = json.loads(DATA.read_text(encoding="utf-8"))["places"]
    op.bulk_insert(
        places,
        [{key: row[key] for key in ("id", "name", "kind", "lat", "lon", "tags")} for row in rows],
    )


def downgrade() -> None:
    """Drop the table."""
    op.drop_table("health_places")
