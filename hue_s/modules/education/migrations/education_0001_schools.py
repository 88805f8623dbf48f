"""Create education_schools; load Huế's schools, colleges and universities from OpenStreetMap.

The schools come from education_0001_schools.json next to this file (derived from the city's
OSM extract, see SOURCES.md; © OpenStreetMap contributors, ODbL 1.0). A later change of the
data is a new revision; this one stays as it is.

Revision ID: education_0001
Revises:
Create Date: 2026-12-04 18:40:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "education_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("education",)
depends_on: str | Sequence[str] | None = None

DATA = Path(__file__).with_name("education_0001_schools.json")


def upgrade() -> None:
    """Create the table and load the schools."""
    schools = op.create_table(
        "education_schools",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("amenity", sa.String(20), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
    )
    rows = json.loads(DATA.read_text(encoding="utf-8"))["schools"]
    op.bulk_insert(
        schools,
        [
            {key: row[key] for key in ("id", "name", "amenity", "lat", "lon", "tags")}
            for row in rows
        ],
    )


def downgrade() -> None:
    """Drop the table."""
    op.drop_table("education_schools")
