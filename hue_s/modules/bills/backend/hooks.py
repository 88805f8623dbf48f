"""Bills as a plugin: its router (and its payment purpose), tables, branch and command.
Hooks import what they return when called (the command line stays light). A deleted
account's customers go with it (ON DELETE CASCADE)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hue_s.hookspecs import MigrationBranch, hookimpl
from hue_s.modules.bills.migrations import VERSIONS

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Table


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve the customers, their bills and outages, and make bills payable."""
    from hue_s.modules.bills.backend.routes import router
    from hue_s.modules.bills.backend.service import register

    register()
    return (router,)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the customers followed and their last bills."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s.modules.bills.backend import models  # noqa: F401  (maps the tables)

    return tables_of("hue_s.modules.bills")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `bills` branch."""
    return (MigrationBranch("bills", VERSIONS),)


@hookimpl
def hue_s_backend_commands(commands: Any) -> None:
    """Add `hue-s backend bills-sandbox` (the utilities' local sandbox)."""
    from hue_s.modules.bills.sandbox import add_arguments, serve

    parser = commands.add_parser("bills-sandbox", help="serve the utilities' local sandbox")
    add_arguments(parser)
    parser.set_defaults(func=serve)
