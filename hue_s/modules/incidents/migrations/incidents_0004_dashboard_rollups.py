"""The dashboard's roll-ups of the cases (per day or month, ward, category and channel; and the
cases received per day by their closing day), and an index that finds the open cases not yet
due without reading the closed ones.

The tables start empty: the incidents module fills them from the cases already there when the
backend starts (its `hue_s_backend_database_ready` hook), with the code that keeps them in step
afterwards and against the schema of that day, which a revision must not import.

Revision ID: incidents_0004
Revises: incidents_0003
Create Date: 2026-12-04 19:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "incidents_0004"
down_revision: str | None = "incidents_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SUMS = ("received", "processed", "on_time", "late", "open", "reopened", "rated", "satisfied",
        "resolved", "responded")  # fmt: skip


def upgrade() -> None:
    """Create the roll-ups, and index open cases by deadline."""
    for table, period, length in (("days", "day", 10), ("months", "month", 7)):
        op.create_table(
            f"dashboard_case_{table}",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("ward_code", sa.String(5)),
            sa.Column("service_code", sa.String(40), nullable=False),
            sa.Column("source", sa.String(20), nullable=False),
            *(sa.Column(name, sa.Integer(), nullable=False) for name in SUMS),
            sa.Column("resolution_s", sa.Float(), nullable=False),
            sa.Column("response_s", sa.Float(), nullable=False),
            sa.Column(period, sa.String(length), nullable=False),
        )
        name = f"dashboard_case_{table}"
        op.create_index(f"ix_{name}_{period}", name, [period, "ward_code"])
        op.create_index(f"ix_{name}_ward", name, ["ward_code", period])
    op.create_table(
        "dashboard_case_closings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("ward_code", sa.String(5)),
        sa.Column("closed_day", sa.String(10)),
        sa.Column("cases", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_dashboard_case_closings_day", "dashboard_case_closings", ["day", "ward_code"]
    )
    op.create_index(
        "ix_dashboard_case_closings_ward", "dashboard_case_closings", ["ward_code", "day"]
    )
    op.create_table(
        "dashboard_city_closings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("closed_day", sa.String(10)),
        sa.Column("cases", sa.Integer(), nullable=False),
    )
    op.create_index("ix_dashboard_city_closings_day", "dashboard_city_closings", ["day"])
    op.create_index("ix_incidents_open_deadline", "incidents", ["status", "deadline_at"])


def downgrade() -> None:
    """Drop the roll-ups and the index."""
    op.drop_index("ix_incidents_open_deadline", table_name="incidents")
    op.drop_table("dashboard_city_closings")
    op.drop_table("dashboard_case_closings")
    op.drop_table("dashboard_case_months")
    op.drop_table("dashboard_case_days")
