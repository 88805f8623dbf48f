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

revision: str = "incidents_0002"
down_revision: str | None = "incidents_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODE = "disaster_help"
SERVICE = {
    "code": CODE,
    "name_vi": "Cần cứu trợ khi thiên tai",
    "name_en": "Help needed in a disaster",
    "description_vi": "Người dân cần giúp đỡ khẩn cấp trong lúc có cảnh báo lũ, bão, sạt lở.",
    "description_en": "Someone needs urgent help during a flood, storm or landslide warning.",
    "group": "disaster",
    "keywords": "cứu trợ, cứu hộ, lũ, bão, help, rescue, flood, storm",
    "agency": "Ban Chỉ huy Phòng chống thiên tai và TKCN thành phố Huế",
    "sla_hours_high": 2,
    "sla_hours_normal": 2,
    "sla_hours_low": 4,
    "attributes": [
        {"code": "alert_id", "datatype": "number", "required": False, "order": 10,
         "description_vi": "Mã cảnh báo liên quan",
         "description_en": "Id of the alert it belongs to"},
        {"code": "people_count", "datatype": "number", "required": False, "order": 11,
         "description_vi": "Số người cần giúp", "description_en": "How many people need help"},
    ],
    "sort_order": 15,
    "active": True,
}  # fmt: skip
"""The service as the catalogue had it, frozen (a later catalogue change does not rewrite it)."""
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
    connection.execute(sa.insert(SERVICES).values(**SERVICE))


def downgrade() -> None:
    """Keep the service: the cases filed under it refer to it."""
