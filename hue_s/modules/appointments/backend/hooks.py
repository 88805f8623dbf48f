"""Appointments as a plugin: its router, tables and migration branch.
Hooks import what they return when called (the command line stays light). A deleted account's
bookings go with it (ON DELETE CASCADE); its queue tickets stay, without it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hue_s.hookspecs import MigrationBranch, hookimpl
from hue_s.modules.appointments.migrations import VERSIONS

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Table


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve offices and slots, bookings, the queue and the office's display."""
    from hue_s.modules.appointments.backend.routes import router

    return (router,)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the offices, closed days, bookings and tickets."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s.modules.appointments.backend import models  # noqa: F401  (maps the tables)

    return tables_of("hue_s.modules.appointments")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `appointments` branch."""
    return (MigrationBranch("appointments", VERSIONS),)
