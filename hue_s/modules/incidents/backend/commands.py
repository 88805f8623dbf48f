"""`hue-s backend seed-incident-services` and `overdue-cases`: catalogue and late cases."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.accounts.commands import with_database
from hue_s.modules.incidents.backend.cases.status import OPEN_STATUSES
from hue_s.modules.incidents.backend.models import Incident, utc_now
from hue_s.modules.incidents.backend.open311.records import timestamp
from hue_s.modules.incidents.backend.seed import seed_services


def add_incidents_commands(commands: Any) -> None:
    """Register the incident sub-commands on `hue-s backend`'s sub-parsers."""
    from hue_s.backend.cli import add_database_option  # cli imports this module first

    seed_parser: argparse.ArgumentParser = commands.add_parser(
        "seed-incident-services",
        help="add or update the incident services (categories and SLAs) from the catalogue",
    )
    add_database_option(seed_parser, with_default=False)
    seed_parser.set_defaults(func=lambda args: with_database(args, seed_catalogue))

    overdue_parser: argparse.ArgumentParser = commands.add_parser(
        "overdue-cases", help="list open incident cases past their SLA deadline"
    )
    overdue_parser.add_argument("--ward", help="only this ward's cases (ward code)")
    add_database_option(overdue_parser, with_default=False)
    overdue_parser.set_defaults(
        func=lambda args: with_database(args, lambda session: list_overdue(session, args.ward))
    )


def seed_catalogue(session: Session) -> int:
    """Upsert the catalogue of services; print what changed."""
    counts = seed_services(session.connection())
    session.commit()
    print(f"incident services: {counts['added']} added, {counts['updated']} updated")
    return 0


def list_overdue(session: Session, ward_code: str | None) -> int:
    """Print the overdue open cases, most late first, one a line."""
    query = select(Incident).where(
        Incident.status.in_(OPEN_STATUSES), Incident.deadline_at < utc_now()
    )
    if ward_code:
        query = query.where(Incident.ward_code == ward_code)
    cases = list(session.scalars(query.order_by(Incident.deadline_at)))
    for case in cases:
        print(
            f"{case.id}\t{case.ward_code}\t{case.service_code}\t{case.status}\t"
            f"due {timestamp(case.deadline_at)}"
        )
    print(f"{len(cases)} overdue case(s)")
    return 0
