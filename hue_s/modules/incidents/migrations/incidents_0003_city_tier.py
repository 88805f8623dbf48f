"""A case may have no ward yet: filed to the city tier for triage (incidents.ward_code NULL).

On SQLite the NOT NULL is removed from the stored table definition, as SQLite's documentation
describes for changes that leave the stored rows as they are: rebuilding the table would drop
it, and its foreign keys' ON DELETE CASCADE would empty the cases' timelines and photos.

Revision ID: incidents_0003
Revises: incidents_0002
Create Date: 2026-12-04 11:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "incidents_0003"
down_revision: str | None = "incidents_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REQUIRED = "ward_code VARCHAR(5) NOT NULL,"
OPTIONAL = "ward_code VARCHAR(5),"


def set_sqlite_definition(old: str, new: str) -> None:
    """Replace part of the incidents table's stored definition (SQLite; rows unchanged)."""
    connection = op.get_bind()
    table = "type = 'table' AND name = 'incidents'"
    definition = connection.scalar(sa.text(f"SELECT sql FROM sqlite_master WHERE {table}"))
    if old not in definition:
        raise RuntimeError(f"incidents has no {old!r} to change")
    version = connection.scalar(sa.text("PRAGMA schema_version"))
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    connection.execute(
        sa.text(f"UPDATE sqlite_master SET sql = :sql WHERE {table}"),
        {"sql": definition.replace(old, new, 1)},
    )
    connection.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    connection.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    """Let incidents.ward_code be NULL."""
    if op.get_bind().dialect.name == "sqlite":
        set_sqlite_definition(REQUIRED, OPTIONAL)
    else:
        op.alter_column("incidents", "ward_code", existing_type=sa.String(5), nullable=True)


def downgrade() -> None:
    """Require a ward again (refused while a case waits in the city tier)."""
    waiting = op.get_bind().scalar(
        sa.text("SELECT COUNT(*) FROM incidents WHERE ward_code IS NULL")
    )
    if waiting:
        raise RuntimeError(f"{waiting} cases have no ward yet; transfer them to a ward first")
    if op.get_bind().dialect.name == "sqlite":
        set_sqlite_definition(OPTIONAL, REQUIRED)
    else:
        op.alter_column("incidents", "ward_code", existing_type=sa.String(5), nullable=False)
