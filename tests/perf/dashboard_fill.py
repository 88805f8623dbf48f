"""The dashboard benchmarks' database: two years of a city's cases, written once and kept.

`filled_sqlite(cases)` returns a SQLite file of the real backend (incidents, alerts and the
dashboard on) holding `cases` cases over the 730 days before NOW, in 40 wards of unequal size,
with their timelines (filed, accepted, started, transferred, resolved or rejected, rated,
reopened and resolved again), ratings (about 45% of resolved cases, about 93% with 4 or 5
stars), places near their ward for the live map, and hotline calls (about a fifth of the cases:
incoming calls turned into the hotline's cases, incoming calls that were not, outgoing calls).
Old cases are nearly all closed, recent ones often still open, as in a city that keeps up. Rows
are written by executemany in batches, bypassing the ORM, then the roll-ups are built once.
The file is kept under /tmp (its name carries the size, the seed and FILL_VERSION), so a
second run starts at once. `copy_to_postgres` copies every filled table into a PostgreSQL
database with COPY, so both databases hold the same rows.
"""

from __future__ import annotations

import math
import random
import secrets
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fastapi import FastAPI  # noqa: E402
from sqlalchemy import Connection, insert, select, text  # noqa: E402

from hue_s.backend.app import create_app  # noqa: E402
from hue_s.backend.config import BackendSettings, sqlite_url_for  # noqa: E402
from hue_s.backend.kernel.geo import ward_shapes  # noqa: E402
from hue_s.modules.incidents.backend.dashboard import call_rollups, rollups  # noqa: E402
from hue_s.modules.incidents.backend.dashboard.sums import CALLS, CASES, EVENTS  # noqa: E402
from hue_s.modules.incidents.backend.models import IncidentService  # noqa: E402

NOW = datetime(2026, 12, 1, 5, tzinfo=UTC)
"""The benchmarks' clock: noon in Huế on 1 December 2026."""
DAYS = 730
WARDS = 40
FILL_VERSION = 1
"""Bump when the rows written change, so a kept file of the old kind is not reused."""
MODULES = ["incidents", "alerts", "dashboard"]
BATCH = 20_000
FILLED_TABLES = (
    "incidents",
    "incident_events",
    "hotline_calls",
    "dashboard_case_days",
    "dashboard_case_months",
    "dashboard_case_closings",
    "dashboard_city_closings",
    "dashboard_call_days",
)
"""The tables `fill` writes, in the order they are copied (cases before what points at them)."""


def open_app(url: str, data_dir: Path) -> FastAPI:
    """Return the backend on a database (migrated and seeded), its clock at NOW."""
    settings = BackendSettings(data_dir=data_dir, database_url=url, modules=MODULES)
    app = create_app(settings)
    app.state.clock = lambda: NOW
    return app


def hours(rng: random.Random, median: float) -> timedelta:
    """Return a log-normal duration around a median number of hours."""
    return timedelta(hours=median * math.exp(rng.gauss(0, 0.9)))


def one_case(rng: random.Random, number: int, place: tuple[str, float, float], service: str):  # type: ignore[no-untyped-def]  # noqa: E501
    """Return a case's row, its timeline entries and its calls."""
    ward, lat, lon = place
    requested = NOW - timedelta(seconds=rng.randrange(DAYS * 86400))
    age_days = (NOW - requested).total_seconds() / 86400
    deadline = requested + timedelta(hours=rng.choice((24, 72, 72, 168)))
    closed_share = 0.995 if age_days > 30 else min(0.97, 0.15 + age_days / 12)
    if rng.random() < closed_share:
        status = "resolved" if rng.random() < 0.9 else "rejected"
        closed: datetime | None = min(requested + hours(rng, 30), NOW)
    else:
        status, closed = rng.choices(("received", "in_progress", "transferred"), (5, 4, 1))[0], None
    source = rng.choices(("open311", "hotline", "assisted"), (75, 15, 10))[0]
    rating = None
    if status == "resolved" and rng.random() < 0.45:
        rating = rng.choices((5, 4, 3, 2, 1), (68, 25, 3, 2, 2))[0]
    row = {
        "id": number, "token": secrets.token_hex(16), "service_code": service, "status": status,
        "urgency": "normal", "ward_code": ward, "source": source, "requested_at": requested,
        "updated_at": closed or requested, "deadline_at": deadline, "closed_at": closed,
        "public": True, "hide_name": False, "attributes": {}, "rating": rating,
        "lat": lat + rng.uniform(-0.01, 0.01), "lon": lon + rng.uniform(-0.01, 0.01),
    }  # fmt: skip
    entries = [(requested, "received", "citizen", "received", True)]
    answered = requested + hours(rng, 4)
    if status != "received" and (closed is None or answered < closed):
        entries.append((answered, "accepted", "officer", "in_progress", True))
    if status == "transferred" or rng.random() < 0.02:
        entries.append((answered, "transferred", "officer", "transferred", True))
    if closed is not None:
        if status == "resolved" and rng.random() < 0.03:
            first = requested + (closed - requested) / 2
            entries.append((first, "resolved", "officer", "resolved", True))
            entries.append((first + timedelta(minutes=30), "reopened", "citizen", "received", True))
        entries.append((closed, status, "officer", status, True))
        if rating is not None:
            entries.append((closed + timedelta(hours=2), "rated", "citizen", status, False))
    events = [
        {"incident_id": number, "at": at, "action": action, "actor_role": role, "status": after,
         "public": public, "ward_code": ward}
        for at, action, role, after, public in entries
    ]  # fmt: skip
    calls = []
    if source == "hotline":
        calls.append((requested - timedelta(minutes=3), "incoming", number))
    if rng.random() < 0.06:  # a question or a complaint that became no case
        calls.append((requested + timedelta(minutes=rng.randrange(600)), "incoming", None))
    if rng.random() < 0.02:  # staff calling back
        calls.append((answered, "outgoing", None))
    call_rows = [
        {"direction": direction, "number": "0905000000", "summary": "gọi", "at": at,
         "ward_code": ward, "incident_id": case_id}
        for at, direction, case_id in calls
    ]  # fmt: skip
    return row, events, call_rows


def places(connection: Connection, rng: random.Random) -> list[tuple[str, float, float]]:
    """Return 40 wards with a point inside each, listed by weight (a few wards are busy)."""
    from sqlalchemy.orm import Session

    with Session(connection) as session:
        shapes = sorted(ward_shapes(session), key=lambda shape: shape.code)[:WARDS]
    found = []
    for shape in shapes:
        point = shape.boundary.representative_point()
        found += [(shape.code, point.y, point.x)] * rng.randint(1, 10)
    return found


def fill(connection: Connection, cases: int, seed: int) -> None:
    """Write `cases` cases with their timelines and calls, then build the roll-ups."""
    rng = random.Random(seed)
    wards = places(connection, rng)
    services = list(connection.scalars(select(IncidentService.code).order_by("code")))
    batch: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    for number in range(1, cases + 1):
        for kept, written in zip(batch, one_case(rng, number, rng.choice(wards),
                                                 rng.choice(services)), strict=True):  # fmt: skip
            kept.extend(written if isinstance(written, list) else [written])
        if len(batch[0]) == BATCH or number == cases:
            for table, rows in zip((CASES, EVENTS, CALLS), batch, strict=True):
                if rows:
                    connection.execute(insert(table), rows)
                rows.clear()
    rollups.rebuild_days(connection)
    call_rollups.rebuild_call_days(connection)


def filled_sqlite(cases: int, seed: int = 18, folder: Path | None = None) -> Path:
    """Return a SQLite database file holding `cases` cases (filled now, or kept from before)."""
    folder = folder or Path(tempfile.gettempdir())
    path = folder / f"hue-s-dashboard-{cases}-s{seed}-v{FILL_VERSION}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    # The backend's own files go to a data directory of their own, never the shared folder.
    with tempfile.TemporaryDirectory() as data_dir:
        app = open_app(sqlite_url_for(partial), Path(data_dir))
        try:
            with app.state.engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA synchronous=OFF")
                fill(connection, cases, seed)
        finally:
            app.state.engine.dispose()
    partial.rename(path)
    print(f"filled {path} ({cases} cases) in {time.perf_counter() - started:.0f} s")
    return path


def rows_of(source: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[tuple[Any]]:
    """Yield a table's rows from SQLite, in `columns` order."""
    names = ", ".join(f'"{name}"' for name in columns)
    yield from source.execute(f'SELECT {names} FROM "{table}"')  # noqa: S608


def copy_to_postgres(sqlite_path: Path, app: FastAPI) -> None:
    """Copy the filled tables from a SQLite file into the app's PostgreSQL database (COPY)."""
    started = time.perf_counter()
    source = sqlite3.connect(sqlite_path)
    raw = app.state.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SET TIME ZONE 'UTC'")  # SQLite's timestamps are UTC, without a zone
        for table in FILLED_TABLES:
            columns = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]
            names = ", ".join(f'"{name}"' for name in columns)
            with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows_of(source, table, columns):
                    copy.write_row(row)
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f'(SELECT coalesce(max(id), 1) FROM "{table}"))'
            )
        raw.commit()
    finally:
        raw.close()
        source.close()
    with app.state.engine.connect() as connection:
        # As autovacuum would have by then: statistics, and the visibility map index-only
        # scans need (without it a COUNT(*) of a month's cases read 35,000 table rows).
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    print(f"copied into PostgreSQL in {time.perf_counter() - started:.0f} s")
