"""The kernel as a plugin: wards, health and meta. Hooks import what they return when called,
so that building the command line does not load the web app."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hue_s.backend.migrations import VERSIONS
from hue_s.hookspecs import MigrationBranch, hookimpl

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Table


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve health, meta and the wards."""
    from hue_s.backend.routers import health, meta, wards

    return (health.router, meta.router, wards.router)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the wards table."""
    from hue_s.backend.kernel.models import tables_of

    return tables_of("hue_s.backend.kernel.models")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `core` branch (wards)."""
    return (MigrationBranch("core", VERSIONS),)
