"""The surveys, their answers, the ideas and their supporters.

Revision ID: surveys_0001
Revises:
Create Date: 2026-12-04 18:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "surveys_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("surveys",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the four tables; the unique keys make one answer and one support per person."""
    op.create_table(
        "surveys_surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("ward_code", sa.String(5), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_surveys")),
    )
    op.create_index(op.f("ix_surveys_surveys_ward_code"), "surveys_surveys", ["ward_code"])
    op.create_table(
        "surveys_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("device_key", sa.String(64), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["surveys_surveys.id"],
            ondelete="CASCADE",
            name=op.f("fk_surveys_responses_survey_id_surveys_surveys"),
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_responses")),
        sa.UniqueConstraint("survey_id", "user_id", name="uq_surveys_responses_user"),
        sa.UniqueConstraint("survey_id", "device_key", name="uq_surveys_responses_device"),
    )
    op.create_table(
        "surveys_ideas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(150), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("ward_code", sa.String(5), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hidden_reason", sa.Text(), nullable=True),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_ideas")),
    )
    op.create_index(op.f("ix_surveys_ideas_ward_code"), "surveys_ideas", ["ward_code"])
    op.create_index(op.f("ix_surveys_ideas_author_id"), "surveys_ideas", ["author_id"])
    op.create_table(
        "surveys_idea_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["idea_id"],
            ["surveys_ideas.id"],
            ondelete="CASCADE",
            name=op.f("fk_surveys_idea_votes_idea_id_surveys_ideas"),
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_idea_votes")),
        sa.UniqueConstraint("idea_id", "user_id", name="uq_surveys_idea_votes_user"),
    )


def downgrade() -> None:
    """Drop the four tables."""
    op.drop_table("surveys_idea_votes")
    op.drop_table("surveys_ideas")
    op.drop_table("surveys_responses")
    op.drop_table("surveys_surveys")
