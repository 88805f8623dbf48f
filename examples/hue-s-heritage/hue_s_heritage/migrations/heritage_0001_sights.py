"""The heritage_sights table, with the sights the module ships (data frozen here).

Revision ID: heritage_0001
Revises:
Create Date: 2026-12-04 15:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "heritage_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("heritage",)
depends_on: str | Sequence[str] | None = "0001"

# (name, English name, latitude, longitude) from OpenStreetMap, © OpenStreetMap contributors (ODbL).
SIGHTS = (
    ("Đại Nội Huế", "Imperial City", 16.4698, 107.5786),
    ("Ngọ Môn", "Meridian Gate", 16.4669, 107.5790),
    ("Chùa Thiên Mụ", "Thien Mu Pagoda", 16.4537, 107.5446),
    ("Lăng Tự Đức", "Tomb of Tu Duc", 16.4333, 107.5653),
    ("Chợ Đông Ba", "Dong Ba Market", 16.4734, 107.5884),
    ("Cầu Trường Tiền", "Truong Tien Bridge", 16.4680, 107.5880),
)


def upgrade() -> None:
    """Create the table and load the sights."""
    table = op.create_table(
        "heritage_sights",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
    )
    op.bulk_insert(
        table,
        [
            {"id": number, "name": name, "name_en": name_en, "lat": lat, "lon": lon}
            for number, (name, name_en, lat, lon) in enumerate(SIGHTS, start=1)
        ],
    )


def downgrade() -> None:
    """Drop the table."""
    op.drop_table("heritage_sights")
