"""City dashboard benchmark: how long the city overview takes over many cases, on SQLite.

    python3 tests/perf/dashboard_overview.py [--cases 200000] [--rounds 15]

Writes a year of cases (40 wards, every status, some reopened, rated, with staff answers and
hotline calls) into a fresh SQLite database of the real backend, then builds the city
dashboard (figures, previous period, trend, categories, channels, 40 wards) for the last 30
days and for the whole year, as the route does, twice: from the cases only (the raw path) and
from the daily roll-ups (the route's path; the cases were written in bulk, bypassing the ORM, so
the roll-ups are built once after, and that time is printed too). The floor is one COUNT(*) of
the same period's cases, measured in the same run; the script prints each path's median, p99
and ratio to the floor.
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import func, insert, select  # noqa: E402

from hue_s.backend.app import create_app  # noqa: E402
from hue_s.backend.config import BackendSettings, sqlite_url_for  # noqa: E402
from hue_s.backend.kernel.models import Ward  # noqa: E402
from hue_s.modules.dashboard.backend.service import (  # noqa: E402
    Period,
    build_dashboard,
)
from hue_s.modules.dashboard.wire import Bucket  # noqa: E402
from hue_s.modules.incidents.backend.dashboard.call_rollups import rebuild_call_days  # noqa: E402
from hue_s.modules.incidents.backend.dashboard.panel import CasesPanelProvider  # noqa: E402
from hue_s.modules.incidents.backend.dashboard.rollups import rebuild_days  # noqa: E402
from hue_s.modules.incidents.backend.models import (  # noqa: E402
    HotlineCall,
    Incident,
    IncidentEvent,
)

NOW = datetime(2026, 12, 1, 5, tzinfo=UTC)
SERVICES = ("road_pothole", "fallen_tree", "waste", "street_lighting", "drainage_flooding")
SOURCES = ("open311", "open311", "open311", "hotline", "assisted")


def fill(session: Any, cases: int, rng: random.Random) -> None:
    """Insert `cases` cases of the year before NOW, with their timelines and some calls."""
    wards = list(session.scalars(select(Ward.code)))
    batch, events, calls = [], [], []
    for number in range(1, cases + 1):
        requested = NOW - timedelta(seconds=rng.randrange(365 * 86400))
        deadline = requested + timedelta(hours=rng.choice((24, 72, 168)))
        status = rng.choices(
            ("resolved", "rejected", "received", "in_progress", "transferred"), (80, 8, 5, 5, 2)
        )[0]
        closed = requested + timedelta(hours=rng.uniform(1, 200)) if status in (
            "resolved", "rejected") else None  # fmt: skip
        batch.append({
            "id": number, "token": secrets.token_hex(16), "service_code": rng.choice(SERVICES),
            "status": status, "urgency": "normal", "ward_code": rng.choice(wards),
            "source": rng.choice(SOURCES), "requested_at": requested, "updated_at": requested,
            "deadline_at": deadline, "closed_at": closed, "public": True, "hide_name": False,
            "attributes": {},
            "rating": rng.choice((None, None, 5, 4, 3, 1)) if status == "resolved" else None,
        })  # fmt: skip
        answer = requested + timedelta(hours=rng.uniform(0.5, 48))
        events.append((number, requested, "received", "citizen"))
        if rng.random() < 0.8:
            events.append((number, answer, "accepted", "officer"))
        if status == "resolved" and rng.random() < 0.03:
            events.append((number, answer + timedelta(hours=1), "reopened", "citizen"))
        if rng.random() < 0.2:
            calls.append({"direction": "incoming", "number": "0905000000", "summary": "gọi",
                          "at": requested, "ward_code": batch[-1]["ward_code"],
                          "incident_id": number if rng.random() < 0.5 else None})  # fmt: skip
        if len(batch) == 10_000 or number == cases:
            session.execute(insert(Incident), batch)
            session.execute(insert(IncidentEvent), [
                {"incident_id": i, "at": at, "action": action, "actor_role": role,
                 "status": "received", "public": True}
                for i, at, action, role in events
            ])  # fmt: skip
            if calls:
                session.execute(insert(HotlineCall), calls)
            session.commit()
            batch, events, calls = [], [], []


def timed(run: Any, rounds: int) -> list[float]:
    """Return the milliseconds of each of `rounds` runs (after one warm-up)."""
    run()
    found = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        found.append((time.perf_counter() - start) * 1000)
    return found


def p99(values: list[float]) -> float:
    """Return the 99th percentile (the maximum for fewer than 100 values)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def main() -> None:
    """Fill a database, then time the city overview against the floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = sqlite_url_for(Path(folder) / "bench.db")
        settings = BackendSettings(
            data_dir=Path(folder), database_url=url, modules=["incidents", "dashboard"]
        )
        app = create_app(settings)
        with app.state.session_factory() as session:
            started = time.perf_counter()
            fill(session, args.cases, random.Random(18))
            print(f"{args.cases} cases written in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with app.state.engine.begin() as connection:
            rebuild_days(connection)
            rebuild_call_days(connection)
        print(f"roll-ups built from the cases in {time.perf_counter() - started:.1f} s")
        paths = {
            "raw cases": {"cases": CasesPanelProvider(rollups=False)},
            "roll-ups": {"cases": CasesPanelProvider()},
        }
        last = NOW.date()
        for days, bucket in ((30, Bucket.DAY), (365, Bucket.MONTH)):
            period = Period(last - timedelta(days=days - 1), last)
            start, end = period.bounds()
            with app.state.session_factory() as session:

                def floor(s: Any = session, a: datetime = start, b: datetime = end) -> None:
                    s.scalar(select(func.count()).where(
                        Incident.requested_at >= a, Incident.requested_at < b))  # fmt: skip

                base = timed(floor, args.rounds)
                print(f"last {days} days: floor COUNT(*) median {statistics.median(base):.1f} ms")
                for name, panels in paths.items():

                    def overview(
                        s: Any = session,
                        p: Period = period,
                        k: Bucket = bucket,
                        panels: Any = panels,
                    ) -> None:
                        build_dashboard(s, panels, ward_code=None, period=p, now=NOW, bucket=k,
                                        language="vi")  # fmt: skip

                    full = timed(overview, args.rounds)
                    ratio = statistics.median(full) / statistics.median(base)
                    print(
                        f"  city overview from the {name}: median "
                        f"{statistics.median(full):.1f} ms, p99 {p99(full):.1f} ms "
                        f"({ratio:.1f} x the floor)"
                    )
        app.state.engine.dispose()


if __name__ == "__main__":
    main()
