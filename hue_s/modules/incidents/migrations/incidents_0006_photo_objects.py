"""A photo's bytes may be in the object store: incident_photos.object_key, and data optional.

Every row keeps its bytes somewhere (a CHECK: data or object_key). On SQLite the NOT NULL is
removed from the stored table definition and the CHECK added to it, as incidents_0003 does:
the rows stay as they are, none is copied (a table of photos may hold gigabytes).

Revision ID: incidents_0006
Revises: incidents_0005
Create Date: 2026-12-05 15:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "incidents_0006"
down_revision: str | None = "incidents_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "incident_photos"
CHECK_NAME = "ck_incident_photos_bytes_kept"
CHECK = "data IS NOT NULL OR object_key IS NOT NULL"
REQUIRED = "data BLOB NOT NULL,"
OPTIONAL = "data BLOB,"
KIND_CHECK = "CONSTRAINT ck_incident_photos_kind CHECK (kind IN ('before', 'after')),"
BOTH_CHECKS = f"{KIND_CHECK} CONSTRAINT {CHECK_NAME} CHECK ({CHECK}),"


def set_sqlite_definition(changes: Sequence[tuple[str, str]]) -> None:
    """Replace parts of the photos table's stored definition (SQLite; rows unchanged)."""
    connection = op.get_bind()
    table = f"type = 'table' AND name = '{TABLE}'"
    definition = connection.scalar(sa.text(f"SELECT sql FROM sqlite_master WHERE {table}"))
    for old, new in changes:
        if old not in definition:
            raise RuntimeError(f"{TABLE} has no {old!r} to change")
        definition = definition.replace(old, new, 1)
    version = connection.scalar(sa.text("PRAGMA schema_version"))
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    connection.execute(
        sa.text(f"UPDATE sqlite_master SET sql = :sql WHERE {table}"), {"sql": definition}
    )
    connection.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    connection.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    """Add object_key; let data be NULL when object_key is not."""
    op.add_column(TABLE, sa.Column("object_key", sa.String(200), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        set_sqlite_definition([(REQUIRED, OPTIONAL), (KIND_CHECK, BOTH_CHECKS)])
    else:
        op.alter_column(TABLE, "data", existing_type=sa.LargeBinary(), nullable=True)
        op.create_check_constraint(op.f(CHECK_NAME), TABLE, CHECK)


def downgrade() -> None:
    """Drop object_key (refused while a photo's bytes are only in the object store)."""
    elsewhere = op.get_bind().scalar(sa.text(f"SELECT COUNT(*) FROM {TABLE} WHERE data IS NULL"))
    if elsewhere:
        raise RuntimeError(f"{elsewhere} photos are only in the object store; bring them back")
    if op.get_bind().dialect.name == "sqlite":
        set_sqlite_definition([(OPTIONAL, REQUIRED), (BOTH_CHECKS, KIND_CHECK)])
    else:
        op.drop_constraint(op.f(CHECK_NAME), TABLE, type_="check")
        op.alter_column(TABLE, "data", existing_type=sa.LargeBinary(), nullable=False)
    op.drop_column(TABLE, "object_key")
