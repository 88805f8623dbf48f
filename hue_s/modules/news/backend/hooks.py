"""News as a plugin: its router, its table, its branch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hue_s.hookspecs import MigrationBranch, hookimpl

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Table

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve /api/v1/news."""
    from hue_s.modules.news.backend.routes import router

    return (router,)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the news items."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s.modules.news.backend import models  # noqa: F401  (maps the table)

    return tables_of("hue_s.modules.news")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `news` branch."""
    return (MigrationBranch("news", MIGRATIONS),)
