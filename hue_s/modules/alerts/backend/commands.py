"""`hue-s backend ingest-cap` and `import-gauge-readings`: feed alerts and river levels in."""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine

from hue_s.backend.kernel.db import create_session_factory
from hue_s.backend.startup import BackendStartError, prepare_database
from hue_s.modules.alerts.backend.cap.safe_xml import MAX_DOCUMENT_BYTES, CapError
from hue_s.modules.alerts.backend.feeds.fetch import http_client
from hue_s.modules.alerts.backend.feeds.ingest import Ingestor, IngestOutcome
from hue_s.modules.alerts.backend.weather.gauge_seed import import_readings


def add_alerts_commands(commands: Any) -> None:
    """Register the alerts sub-commands on `hue-s backend`'s sub-parsers."""
    from hue_s.backend.cli import add_database_option  # cli imports this module first

    ingest_parser: argparse.ArgumentParser = commands.add_parser(
        "ingest-cap",
        help="validate and store the CAP alerts of a file or URL (alert, feed or EDXL-DE)",
    )
    ingest_parser.add_argument("source", metavar="FILE_OR_URL", help="path, or http(s) URL")
    add_database_option(ingest_parser, with_default=False)
    ingest_parser.set_defaults(func=ingest_cap)

    gauges_parser: argparse.ArgumentParser = commands.add_parser(
        "import-gauge-readings",
        help="add river gauge readings from a CSV (station_id,observed_at_local,water_level_m)",
    )
    gauges_parser.add_argument("csv_file", type=Path, metavar="CSV")
    add_database_option(gauges_parser, with_default=False)
    gauges_parser.set_defaults(func=import_gauge_readings)


def _fail(command: str, message: str) -> int:
    """Print a one-line error and return the exit status 1."""
    print(f"hue-s backend {command}: error: {message}", file=sys.stderr)
    return 1


def _open_database(args: argparse.Namespace) -> Engine:
    """Return the migrated database engine the arguments name (raises BackendStartError)."""
    from hue_s.backend.cli import settings_from_args

    return prepare_database(settings_from_args(args).database_url)


def read_local_document(path: Path) -> bytes:
    """Read a CAP file, refusing one over the size limit before reading it."""
    if path.stat().st_size > MAX_DOCUMENT_BYTES:
        raise CapError("too_large", f"Refused: over the {MAX_DOCUMENT_BYTES}-byte limit")
    return path.read_bytes()


async def ingest_source(
    engine: Engine, source: str, transport: httpx.AsyncBaseTransport | None = None
) -> list[IngestOutcome]:
    """Ingest one file or URL into the database; raise CapError or OSError if unusable."""
    async with (
        http_client()
        if transport is None
        else httpx.AsyncClient(transport=transport, follow_redirects=True) as client
    ):
        ingestor = Ingestor(create_session_factory(engine), client)
        if source.startswith(("http://", "https://")):
            return await ingestor.ingest_url(source)
        return await ingestor.ingest_document(read_local_document(Path(source)), None)


def ingest_cap(args: argparse.Namespace, transport: httpx.AsyncBaseTransport | None = None) -> int:
    """Print one line per alert (stored, unchanged or refused); exit 1 if anything was refused."""
    try:
        engine = _open_database(args)
    except BackendStartError as error:
        return _fail("ingest-cap", str(error))
    try:
        outcomes = asyncio.run(ingest_source(engine, args.source, transport))
    except CapError as error:
        return _fail("ingest-cap", f"{args.source}: {error.message}")
    except OSError as error:
        return _fail("ingest-cap", f"{args.source}: {error.strerror or error}")
    finally:
        engine.dispose()
    for outcome in outcomes:
        print(outcome.summary(), file=sys.stdout if outcome.cap else sys.stderr)
    refused = sum(1 for outcome in outcomes if outcome.cap is None)
    stored = sum(1 for outcome in outcomes if outcome.created)
    print(
        f"{args.source}: {len(outcomes)} alerts: {stored} stored, "
        f"{len(outcomes) - stored - refused} already stored, {refused} refused"
    )
    return 1 if refused else 0


def import_gauge_readings(args: argparse.Namespace) -> int:
    """Add the readings of a CSV file for the known gauges; print how many were new."""
    try:
        with args.csv_file.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        return _fail("import-gauge-readings", f"{args.csv_file}: {error.strerror or error}")
    try:
        engine = _open_database(args)
    except BackendStartError as error:
        return _fail("import-gauge-readings", str(error))
    try:
        with engine.begin() as connection:
            added = import_readings(connection, rows)
    except (KeyError, ValueError) as error:
        return _fail("import-gauge-readings", f"{args.csv_file}: bad row ({error})")
    finally:
        engine.dispose()
    print(f"{args.csv_file}: {added} new readings of {len(rows)}")
    return 0
