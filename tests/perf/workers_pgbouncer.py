"""Hue-S's `--workers N` on PostgreSQL, straight and through PgBouncer: speed and connections.

    python3 tests/perf/workers_pgbouncer.py [--workers 1 2 4] [--seconds 8] [--connections 32]
                                            [--listeners 200] [--pool-size 20]

The load of workers_pg.py (the same mix of list reads, detail reads and Open311 POSTs on
`--connections` keep-alive connections, `--listeners` alert streams held open, one alert issued
after the load), on Hue-S only. For each worker count Hue-S runs twice on one throwaway
PostgreSQL: straight, then through a fresh PgBouncer in transaction mode (`--pool-size` server
connections; the database URL carries `?prepare_threshold=none`, and LISTEN goes straight to
PostgreSQL through $HUE_S_DATABASE_LISTEN_URL). While each runs, a thread counts PostgreSQL's
client connections every 0.1 s (`pg_stat_activity`, its own left out) and keeps the peak.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from workers_pg import (  # noqa: E402
    Load,
    database_urls,
    file_reports,
    hue_credentials,
    load_average,
    measure,
    running,
    sides,
)

from tests.backend.pgbouncer import PgBouncer  # noqa: E402
from tests.backend.postgres_cluster import PostgresCluster, free_loopback_port  # noqa: E402

CONNECTIONS_SEEN = text(
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
)
SAMPLE_SECONDS = 0.1


@contextmanager
def peak_connections(admin_url: str) -> Iterator[list[int]]:
    """Count PostgreSQL's client connections until the block ends; the list holds the peak."""
    peak = [0]
    done = threading.Event()
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")

    def sample() -> None:
        """Keep the highest count seen."""
        with engine.connect() as connection:
            while not done.wait(SAMPLE_SECONDS):
                peak[0] = max(peak[0], connection.execute(CONNECTIONS_SEEN).scalar_one())

    sampler = threading.Thread(target=sample, name="pg-connections", daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        done.set()
        sampler.join(10)
        engine.dispose()


@contextmanager
def pooled(admin_url: str, hue_url: str, pool_size: int) -> Iterator[tuple[str, dict[str, str]]]:
    """Start PgBouncer; yield Hue-S's URL through it and the environment sending LISTEN past it."""
    bouncer = PgBouncer.start(admin_url, pool_size)
    try:
        url = make_url(bouncer.url_for(hue_url)).update_query_dict({"prepare_threshold": "none"})
        yield url.render_as_string(hide_password=False), {"HUE_S_DATABASE_LISTEN_URL": hue_url}
    finally:
        bouncer.stop()


@contextmanager
def straight(hue_url: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield Hue-S's URL as it is, LISTEN included."""
    yield hue_url, {}


def main() -> int:
    """Start PostgreSQL, measure each worker count both ways, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--listeners", type=int, default=200)
    parser.add_argument("--pool-size", type=int, default=20)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {load_average()} at start")
    cluster = PostgresCluster.start()
    try:
        hue_url, bare_url = database_urls(cluster.admin_url)
        key, operator = hue_credentials(hue_url)
        with tempfile.TemporaryDirectory() as data_dir:
            _, hue = sides(hue_url, bare_url, Path(data_dir), key)
            with running(hue, free_loopback_port(), 1) as url:
                file_reports(url, hue.post_form, 52)
            for workers in args.workers:
                for way in ("straight", "pgbouncer"):
                    route = (
                        straight(hue_url)
                        if way == "straight"
                        else pooled(cluster.admin_url, hue_url, args.pool_size)
                    )
                    with route as (database_url, extra):
                        command = [*hue.command[:-1], database_url]  # its last is the URL
                        side = replace(hue, command=command, environment=hue.environment | extra)
                        with (
                            peak_connections(cluster.admin_url) as peak,
                            running(side, free_loopback_port(), workers) as url,
                        ):
                            load = measure(side, url, args, args.listeners, operator)
                    print_run(workers, way, load, peak[0], args)
    finally:
        cluster.stop()
    print(f"load average {load_average()} at the end")
    return 0


def print_run(workers: int, way: str, load: Load, peak: int, args: argparse.Namespace) -> None:
    """Print one run's figures."""
    print(
        f"{workers} worker(s), {way:9}: {load.rate:6.1f} req/s (p50 {load.p50_ms:.1f} ms, "
        f"p99 {load.p99_ms:.1f} ms, {load.errors} errors)   PostgreSQL connections at peak "
        f"{peak}   alert heard by {load.heard}/{args.listeners} streams in "
        f"{load.fan_out_ms:.0f} ms",
        flush=True,
    )


if __name__ == "__main__":
    raise SystemExit(main())
