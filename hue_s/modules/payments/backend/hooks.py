"""Payments as a plugin: its router, table, branch, commands and clean-up.
Hooks import what they return when called (the command line stays light)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hue_s.hookspecs import MigrationBranch, hookimpl
from hue_s.modules.payments.migrations import VERSIONS

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Table
    from sqlalchemy.orm import Session


@hookimpl
def hue_s_backend_routers() -> Sequence[APIRouter]:
    """Serve the payments API, VNPay's callbacks and the staff's refunds."""
    from hue_s.modules.payments.backend.refund_routes import router as refund_router
    from hue_s.modules.payments.backend.routes import router

    return (router, refund_router)


@hookimpl
def hue_s_backend_tables() -> Sequence[Table]:
    """Own the payments and payment_refunds tables."""
    from hue_s.backend.kernel.models import tables_of
    from hue_s.modules.payments.backend import models  # noqa: F401  (maps the table)

    return tables_of("hue_s.modules.payments")


@hookimpl
def hue_s_backend_migrations() -> Sequence[MigrationBranch]:
    """Bring the `payments` branch."""
    return (MigrationBranch("payments", VERSIONS),)


@hookimpl
def hue_s_backend_commands(commands: Any) -> None:
    """Add `hue-s backend payments-sandbox` (the local VNPay) and `payments-expire`."""
    from hue_s.modules.payments.backend.commands import add_payments_commands

    add_payments_commands(commands)


@hookimpl
def hue_s_account_deleted(session: Session, user: Any) -> None:
    """Keep the person's payments on the books, without them."""
    from hue_s.modules.payments.backend.service import forget_owner

    forget_owner(session, user)
