"""Add the `disaster_help` service (a person asking for help during an alert) to installs that
have the catalogue already; a new install got it with incidents_0001.

Revision ID: incidents_0002
Revises: incidents_0001
Create Date: 2026-11-28 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from hue_s.backend.incidents.catalogue import CATALOGUE

revision: str = "incidents_0002"
down_revision: str | None = "incidents_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODE = "disaster_help"
SERVICES = sa.table(
    "incident_services",
    *(sa.column(name) for name in ("code", "name_vi", "name_en", "description_vi")),
    *(sa.column(name) for name in ("description_en", "group", "keywords", "agency")),
    *(sa.column(name) for name in ("sla_hours_high", "sla_hours_normal", "sla_hours_low")),
    sa.column("attributes", sa.JSON()),
    sa.column("sort_order"),
    sa.column("active"),
)


def upgrade() -> None:
    """Insert the service unless the catalogue loaded it already."""
    connection = op.get_bind()
    if connection.scalar(sa.select(SERVICES.c.code).where(SERVICES.c.code == CODE)) is not None:
        return
    position = next(i for i, entry in enumerate(CATALOGUE, start=1) if entry["code"] == CODE)
    entry = CATALOGUE[position - 1]
    connection.execute(sa.insert(SERVICES).values(**entry, sort_order=position, active=True))


def downgrade() -> None:
    """Keep the service: the cases filed under it refer to it."""
