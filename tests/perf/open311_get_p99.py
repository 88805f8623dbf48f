"""Open311 GET latency (median, p95, p99) with 1,000,000 stored reports.

    python3 tests/perf/open311_get_p99.py [--rows 1000000] [--requests 2000]

Fills a fresh SQLite file with the rows in one INSERT ... SELECT over a recursive counter
(reports spread over two years, all services, all wards, every status), serves the backend on
127.0.0.1 and times sequential GETs of the usual kinds: the default list (last 90 days, first
page), a list by service and status, a second page with extensions, and single requests by id.
Prints the latencies of each kind and of all together (target p99 <= 30 ms).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import Engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from open311_bench import percentile, serving, summary  # noqa: E402

from hue_s.backend.app import create_app  # noqa: E402
from hue_s.backend.config import BackendSettings, sqlite_url_for  # noqa: E402
from hue_s.backend.server import settle_heap  # noqa: E402
from hue_s.modules.incidents.backend.models import Incident  # noqa: E402

TARGET_P99_MS = 30.0
FILL_SQL = """
WITH RECURSIVE counter(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM counter WHERE i < :rows),
service_list AS (SELECT code, ROW_NUMBER() OVER (ORDER BY code) - 1 AS n
                 FROM incident_services),
ward_list AS (SELECT code, centroid_lat, centroid_lon, ROW_NUMBER() OVER (ORDER BY code) - 1 AS n
          FROM wards),
statuses(status, n) AS (VALUES ('received', 0), ('assigned', 1), ('in_progress', 2),
                               ('resolved', 3), ('rejected', 4), ('transferred', 5))
INSERT INTO incidents (token, service_code, status, urgency, description, lat, lon, ward_code,
    attributes, public, source, hide_name, requested_at, updated_at, deadline_at)
SELECT printf('%032x', i), service_list.code, statuses.status, 'normal', 'Phản ánh số ' || i,
    ward_list.centroid_lat + (i % 97) * 0.00001, ward_list.centroid_lon + (i % 89) * 0.00001,
    ward_list.code, '{}', CASE WHEN i % 10 = 0 THEN 0 ELSE 1 END, 'open311', 0,
    strftime('%Y-%m-%d %H:%M:%S.000000', 'now', printf('%+d seconds', -(:rows - i) * :step)),
    strftime('%Y-%m-%d %H:%M:%S.000000', 'now', printf('%+d seconds', -(:rows - i) * :step)),
    strftime('%Y-%m-%d %H:%M:%S.000000', 'now', printf('%+d seconds', 259200 - (:rows - i) * :step))
FROM counter
JOIN service_list ON service_list.n = i % (SELECT COUNT(*) FROM service_list)
JOIN ward_list ON ward_list.n = i % (SELECT COUNT(*) FROM ward_list)
JOIN statuses ON statuses.n = i % 6
"""
TWO_YEARS_SECONDS = 2 * 365 * 24 * 3600


def fill(engine: Engine, rows: int) -> float:
    """Insert the rows (indexes dropped meanwhile, built again after); return the seconds."""
    started = time.perf_counter()
    indexes = list(Incident.__table__.indexes)
    with engine.begin() as connection:
        connection.execute(text("PRAGMA cache_size = -262144"))
        for index in indexes:
            index.drop(connection)
        connection.execute(text(FILL_SQL), {"rows": rows, "step": TWO_YEARS_SECONDS // rows})
        for index in indexes:
            index.create(connection)
        connection.execute(text("ANALYZE"))
    return time.perf_counter() - started


def paths(rows: int, rng: random.Random) -> dict[str, list[str]]:
    """Return the GET paths of each kind."""
    return {
        "default list": ["/open311/v2/requests.json"],
        "by service+status": [
            f"/open311/v2/requests.json?service_code={code}&status=open"
            for code in ("road_pothole", "waste", "street_lighting", "noise")
        ],
        "page 2, extensions": ["/open311/v2/requests.json?page=2&extensions=true"],
        "by id": [f"/open311/v2/requests/{rng.randint(1, rows)}.json" for _ in range(500)],
        "by id, xml": [f"/open311/v2/requests/{rng.randint(1, rows)}.xml" for _ in range(100)],
    }


def main() -> int:
    """Fill, serve, time and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep the filled database in DIR and reuse it"
    )
    args = parser.parse_args()
    rng = random.Random(311)
    with tempfile.TemporaryDirectory() as temporary:
        directory = args.keep or Path(temporary)
        directory.mkdir(parents=True, exist_ok=True)
        reused = (directory / "hue.db").exists()
        settings = BackendSettings(
            data_dir=directory, database_url=sqlite_url_for(directory / "hue.db")
        )
        app = create_app(settings)
        if reused:
            print(f"reusing the reports in {directory}")
        else:
            print(f"filled {args.rows} reports in {fill(app.state.engine, args.rows):.1f} s")
        kinds = paths(args.rows, rng)
        settle_heap()  # as `hue-s backend` does once started
        samples: dict[str, list[float]] = {kind: [] for kind in kinds}
        with serving(app) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
            for path in [path for group in kinds.values() for path in group][:50]:
                client.get(path)  # warm-up
            for number in range(args.requests):
                kind = list(kinds)[number % len(kinds)]
                path = rng.choice(kinds[kind])
                started = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code not in (200, 404):
                    raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")
                samples[kind].append(elapsed)
        app.state.engine.dispose()
    for kind, values in samples.items():
        print(f"{kind:20s} {summary(values)}")
    everything = [value for values in samples.values() for value in values]
    p99 = percentile(everything, 0.99)
    print(f"{'all':20s} {summary(everything)}")
    verdict = "met" if p99 <= TARGET_P99_MS else "NOT met"
    print(f"p99 {p99:.2f} ms (target <= {TARGET_P99_MS:.0f} ms: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
