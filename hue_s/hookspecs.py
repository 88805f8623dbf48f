# mypy: disable-error-code="empty-body"
"""The hooks a Hue-S module may implement (pluggy specifications), backend side.

A module is a plugin: a Python module (built-in, or a `hue_s.modules` entry point) whose
functions are marked `@hookimpl` and named after these specifications. Hooks that return a
value are called for every plugin; the host collects the results.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Connection, Table
    from sqlalchemy.orm import Session

PROJECT = "hue_s"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@dataclass(frozen=True)
class MigrationBranch:
    """One Alembic branch a module brings: its label and the folder of its revisions."""

    label: str
    versions: Path


@hookspec
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Return the FastAPI routers the module serves, in the order they must be matched."""


@hookspec
def hue_s_backend_tables() -> Sequence[Table]:
    """Return the database tables the module owns (its ORM models imported and mapped)."""


@hookspec
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Return the Alembic branches that create and change the module's tables."""


@hookspec
def hue_s_backend_commands(commands: Any) -> None:
    """Add the module's `hue-s backend` sub-commands to the argparse sub-parsers given."""


@hookspec
def hue_s_backend_body_limits() -> Mapping[Callable[..., Any], int]:
    """Return the endpoints that take bodies over the default limit, with their limit in bytes."""


@hookspec
def hue_s_backend_database_ready(connection: Connection) -> None:
    """Fill what the module derives from its rows and finds missing (e.g. roll-ups of rows an
    older version stored), with today's code and schema, once migrations ran (no commit)."""


@hookspec
def hue_s_signed_in(session: Session, user: Any) -> None:
    """Do the module's work, in the sign-in transaction (no commit), once a user proved a phone."""


@hookspec
def hue_s_account_deleted(session: Session, user: Any) -> None:
    """Delete or anonymise the module's rows of a user, before the user row goes (no commit)."""


@hookspec
def hue_s_dashboard_panels() -> Sequence[Any]:
    """Return the module's panels on the leaders' dashboard: objects with an `id` and
    `read(session, query)` (the `Panel` protocol of hue_s/modules/dashboard/backend/service.py)."""
