"""The `hue_s.modules` entry point: the app's manifest and the backend's hook implementations."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hue_s.hookspecs import MigrationBranch, hookimpl
from hue_s_surveys.app import manifest

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Table
    from sqlalchemy.orm import Session

__all__ = ["manifest"]
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve /api/v1/surveys and /api/v1/ideas."""
    from hue_s_surveys.backend import ideas, surveys

    return (surveys.router, ideas.router)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the surveys, their answers, the ideas and their supporters."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s_surveys.backend import models  # noqa: F401  (maps the tables)

    return tables_of("hue_s_surveys")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `surveys` branch."""
    return (MigrationBranch("surveys", MIGRATIONS),)


@hookimpl
def hue_s_account_deleted(session: Session, user: Any) -> None:
    """A deleted account's supports go; its ideas and answers stay, tied to nobody."""
    from sqlalchemy import delete, update

    from hue_s_surveys.backend.models import IdeaRow, ResponseRow, VoteRow

    session.execute(delete(VoteRow).where(VoteRow.user_id == user.id))
    session.execute(update(IdeaRow).where(IdeaRow.author_id == user.id).values(author_id=None))
    session.execute(update(ResponseRow).where(ResponseRow.user_id == user.id).values(user_id=None))
