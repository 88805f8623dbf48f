"""Official receipt numbers from a counter per ward and year (services_receipt_counters).

services_0001 numbered a received dossier by counting the ward's numbered dossiers of the year:
two officers receiving at once got the same number, and a deleted account's dossiers made the
count fall back onto numbers already given. The counter starts at the highest number each ward
gave each year so far.

Revision ID: services_0002
Revises: services_0001
Create Date: 2026-12-05 02:30:00
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "services_0002"
down_revision: str | None = "services_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NUMBER = re.compile(r"-(\d+)/(\d{4})$")
"""A receipt number as services_0001 wrote it: <ward>-<5 digits>/<year>."""


def upgrade() -> None:
    """Create the counters, each at the highest number its ward gave in its year."""
    counters = op.create_table(
        "services_receipt_counters",
        sa.Column("ward_code", sa.String(5), sa.ForeignKey("wards.code"), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("last", sa.Integer(), nullable=False),
    )
    given = op.get_bind().execute(
        sa.text(
            "SELECT ward_code, receipt_number FROM services_dossiers"
            " WHERE receipt_number IS NOT NULL"
        )
    )
    highest: dict[tuple[str, int], int] = {}
    for ward_code, number in given:
        found = NUMBER.search(number)
        if found:
            key = (ward_code, int(found.group(2)))
            highest[key] = max(highest.get(key, 0), int(found.group(1)))
    op.bulk_insert(
        counters,
        [{"ward_code": ward, "year": year, "last": last} for (ward, year), last in highest.items()],
    )


def downgrade() -> None:
    """Drop the counters (services_0001 counts the dossiers again)."""
    op.drop_table("services_receipt_counters")
