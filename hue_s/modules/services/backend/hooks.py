"""Public services as a plugin: its router, tables, migration branch and dossier bodies.
Hooks import what they return when called (the command line stays light). A deleted account's
dossiers go with it by their foreign key (ON DELETE CASCADE), documents, timelines and drafts
too."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hue_s.hookspecs import MigrationBranch, hookimpl

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Table

MIGRATIONS = Path(__file__).parent.parent / "migrations"


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve the catalogue, dossiers, tracking and the ward's actions (fees payable online)."""
    from hue_s.modules.services.backend.fees import register
    from hue_s.modules.services.backend.routes import router

    register()
    return (router,)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the catalogue and the dossiers with their documents and timelines."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s.modules.services.backend import models  # noqa: F401  (maps the tables)

    return tables_of("hue_s.modules.services.backend")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `services` branch."""
    return (MigrationBranch("services", MIGRATIONS),)


@hookimpl
def hue_s_backend_body_limits() -> Mapping[Callable[..., Any], int]:
    """Let dossiers with their documents, and results, through."""
    from hue_s.modules.services.backend.routes.dossiers import (
        add_supplement,
        add_supplement_at_office,
    )
    from hue_s.modules.services.backend.routes.filing import (
        create_assisted_dossier,
        create_dossier,
    )
    from hue_s.modules.services.backend.routes.staff import approve_dossier
    from hue_s.modules.services.backend.uploads import DOSSIER_BODY_BYTES

    return {
        create_dossier: DOSSIER_BODY_BYTES,
        create_assisted_dossier: DOSSIER_BODY_BYTES,
        add_supplement: DOSSIER_BODY_BYTES,
        add_supplement_at_office: DOSSIER_BODY_BYTES,
        approve_dossier: DOSSIER_BODY_BYTES,
    }


@hookimpl
def hue_s_dashboard_panels() -> Sequence[Any]:
    """Give the leaders' dashboard the dossiers' on-time figures (QĐ 766/QĐ-TTg)."""
    from hue_s.modules.services.backend.punctuality import PunctualityProvider

    return (PunctualityProvider(),)
