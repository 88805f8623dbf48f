"""`hue-s backend seed-incident-services`, `overdue-cases` and `move-incident-photos`:
the catalogue, late cases, and photos moved from the database to the object store."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import Engine, select
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

    move_parser: argparse.ArgumentParser = commands.add_parser(
        "move-incident-photos",
        help="move the photos kept in the database to the object store of $HUE_S_PHOTO_STORE "
        "(s3://bucket/prefix), a batch at a time; safe to run again",
    )
    move_parser.add_argument(
        "--batch-size", type=batch_size, default=100, help="photos per transaction (default 100)"
    )
    add_database_option(move_parser, with_default=False)
    move_parser.set_defaults(
        func=lambda args: with_database(args, lambda session: move_to_store(session, args))
    )


def batch_size(given: str) -> int:
    """Parse --batch-size: a whole number from 1 to 10,000."""
    if not given.isdigit() or not 1 <= int(given) <= 10_000:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 10000, got {given!r}")
    return int(given)


def move_to_store(session: Session, args: argparse.Namespace) -> int:
    """Move the database's photos to $HUE_S_PHOTO_STORE; print each batch and the totals."""
    from hue_s.backend.accounts.commands import fail
    from hue_s.backend.config import BackendSettings
    from hue_s.backend.kernel.blob_store import BlobStoreError, open_blob_store
    from hue_s.modules.incidents.backend.photos.moving import Moved, move_photos

    setting = BackendSettings().photo_store
    try:
        store = open_blob_store(setting)
    except BlobStoreError as error:
        return fail(str(error))
    if store is None:
        return fail("set HUE_S_PHOTO_STORE=s3://bucket/prefix: photos are in the database now")

    def tell(moved: Moved) -> None:
        """Print the totals after a batch."""
        print(f"moved {moved.photos} photos ({moved.bytes / 1e6:.1f} MB), {moved.left} to go")

    engine = session.get_bind()
    assert isinstance(engine, Engine)
    session.close()
    moved = move_photos(engine, store, args.batch_size, tell)
    print(f"{moved.photos} photos moved to {setting}; none left in the database")
    if moved.photos:
        print(
            "The database reuses the freed space for new rows; to shrink its file, run VACUUM "
            "(SQLite, backend stopped) or VACUUM FULL incident_photos (PostgreSQL)."
        )
    return 0


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
