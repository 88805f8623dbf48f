"""Accounts as a kernel plugin: sign-in and profile routes, their tables, branch and commands.
Hooks import what they return when called (the command line stays light)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hue_s.backend.migrations import VERSIONS
from hue_s.hookspecs import MigrationBranch, hookimpl

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Table


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve sign-in and the signed-in person's own account."""
    from hue_s.backend.accounts.routes import auth, me

    return (auth.router, me.router)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own users, sessions, tokens, codes, rate limits and API clients."""
    from hue_s.backend.accounts import models  # noqa: F401  (maps the tables)
    from hue_s.backend.kernel.models import tables_of

    return tables_of("hue_s.backend.accounts")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `accounts` branch."""
    return (MigrationBranch("accounts", VERSIONS),)


@hookimpl
def hue_s_backend_commands(commands: Any) -> None:
    """Add the account commands (roles, API keys)."""
    from hue_s.backend.accounts.commands import add_accounts_commands

    add_accounts_commands(commands)
