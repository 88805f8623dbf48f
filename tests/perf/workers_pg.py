"""`hue-s backend --workers N` on PostgreSQL against a bare FastAPI app with as many workers.

    python3 tests/perf/workers_pg.py [--workers 1 2 4] [--seconds 8] [--connections 32]
                                     [--listeners 200]

Starts a throwaway PostgreSQL cluster (tests/backend/postgres_cluster.py), then for each
worker count runs, one after the other, both sides as their own process trees on 127.0.0.1:
Hue-S (`python -m hue_s backend --workers N`, 52 reports filed first through its GeoReport
POST) and the floor, `bare_pg_app.py` served by `uvicorn --workers N`: the same three
requests on its own table of the same database, with no auth, checks or timeline. A spawned
process loads each with `--connections` keep-alive connections, each repeating a mix of 8
requests: 5 reads of the newest 50 reports, 2 reads of one report, 1 report POSTed (an api_key
client on Hue-S). Meanwhile `--listeners` alert streams (SSE) stay open on Hue-S; when the
load ends, an operator issues one alert through it and the script counts the streams that
received it, whichever worker holds them. Prints req/s, p50/p99 latency and errors of each
side, the ratio to the floor, and each side's speed-up over one worker.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bare_pg_app import BARE_URL_ENV  # noqa: E402
from open311_bench import percentile, read_response  # noqa: E402

from tests.backend.postgres_cluster import PostgresCluster, free_loopback_port  # noqa: E402

SECRET = "workers-pg-benchmark-secret-key-0123456789"
FORM = {"service_code": "road_pothole", "lat": "16.4637", "long": "107.5909"}
ALERT = {
    "event": "Lũ trên sông Hương",
    "severity": "Severe",
    "urgency": "Immediate",
    "certainty": "Observed",
    "headline": "Lũ trên sông Hương vượt báo động III tại Kim Long",
    "description": "Mực nước tại Kim Long 3,6 m.",
    "category": "Met",
    "response_type": "Evacuate",
    "ward_codes": ["19753"],
}


@dataclass
class Side:
    """How to start one side and what its load sends."""

    name: str
    command: list[str]
    environment: dict[str, str]
    list_path: str
    detail_path: str
    post_path: str
    post_form: dict[str, str]
    ready_path: str


@dataclass
class Load:
    """What one timed load of one side gave."""

    rate: float
    p50_ms: float
    p99_ms: float
    errors: int
    heard: int = 0
    """Streams that received the alert issued after the load."""
    fan_out_ms: float = 0.0
    """Time from issuing the alert until the last stream that received it did."""


@contextmanager
def running(side: Side, port: int, workers: int) -> Iterator[str]:
    """Start one side with `workers` processes; yield its URL once it answers; stop it."""
    command = [*side.command, "--port", str(port), "--workers", str(workers)]
    environment = os.environ | side.environment
    quiet = subprocess.DEVNULL
    process = subprocess.Popen(command, env=environment, stdout=quiet, stderr=quiet)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while not answers(f"{url}{side.ready_path}"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{side.name} did not start ({' '.join(command)})")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(30)


def answers(url: str) -> bool:
    """Tell whether a GET of url answers 200."""
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def request_bytes(method: str, target: str, form: dict[str, str] | None = None) -> bytes:
    """Return one HTTP/1.1 request (a form body for a POST)."""
    body = urlencode(form or {})
    head = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if form is not None:
        head += "Content-Type: application/x-www-form-urlencoded\r\n"
        head += f"Content-Length: {len(body.encode())}\r\n"
    return f"{head}\r\n{body}".encode()


async def mixed_load(
    url: str, mix: list[bytes], seconds: float, connections: int
) -> tuple[list[float], int]:
    """Send the mix round and round on keep-alive connections; return latencies and errors."""
    address = urlsplit(url)
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + seconds

    async def loop(start: int) -> None:
        """Send requests one after the other on one connection until the time is up."""
        nonlocal errors
        reader, writer = await asyncio.open_connection(address.hostname, address.port)
        number = start
        try:
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                writer.write(mix[number % len(mix)])
                errors += (await read_response(reader))[0] >= 400
                latencies.append(time.perf_counter() - started)
                number += 1
        finally:
            writer.close()

    await asyncio.gather(*(loop(start) for start in range(connections)))
    return latencies, errors


async def listen(url: str, opened: list[int], heard: list[float]) -> None:
    """Hold one alert stream open; note when it opened and when an alert arrived."""
    address = urlsplit(url)
    reader, writer = await asyncio.open_connection(address.hostname, address.port)
    writer.write(request_bytes("GET", "/api/v1/alerts/stream"))
    try:
        await reader.readuntil(b"connected")
        opened.append(1)
        await reader.readuntil(b"\nid:")
        heard.append(time.perf_counter())
    finally:
        writer.close()


async def load_and_alert(
    url: str, mix: list[bytes], seconds: float, connections: int, listeners: int, operator: str
) -> Load:
    """Open the streams, run the load, then issue an alert and count the streams it reached."""
    opened: list[int] = []
    heard: list[float] = []
    streams = [asyncio.create_task(listen(url, opened, heard)) for _ in range(listeners)]
    while len(opened) < listeners:
        await asyncio.sleep(0.05)
    started = time.perf_counter()
    latencies, errors = await mixed_load(url, mix, seconds, connections)
    rate = len(latencies) / (time.perf_counter() - started)
    fan_out_ms = 0.0
    if listeners:
        headers = {"Authorization": f"Bearer {operator}"}
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            issued = time.perf_counter()
            expires = (datetime.now(UTC) + timedelta(days=1)).isoformat()
            alert = ALERT | {"expires": expires}
            answer = await client.post("/api/v1/alerts", json=alert, headers=headers)
        if answer.status_code != 201:
            raise RuntimeError(f"the alert was refused: {answer.text}")
        await asyncio.wait(streams, timeout=10)
        fan_out_ms = 1000 * (max(heard, default=issued) - issued)
    for stream in streams:
        stream.cancel()
    p50, p99 = (1000 * percentile(latencies, fraction) for fraction in (0.5, 0.99))
    return Load(rate, p50, p99, errors, len(heard), fan_out_ms)


def run_load(*arguments: object) -> Load:
    """Run load_and_alert in this (spawned) process."""
    return asyncio.run(load_and_alert(*arguments))  # type: ignore[arg-type]


def measure(side: Side, url: str, args: argparse.Namespace, listeners: int, operator: str) -> Load:
    """Warm a side up, then load it from a separate process."""
    mix = [request_bytes("GET", side.list_path)] * 5 + [request_bytes("GET", side.detail_path)] * 2
    mix.append(request_bytes("POST", side.post_path, side.post_form))
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        pool.submit(run_load, url, mix, 1.0, args.connections, 0, operator).result()
        return pool.submit(
            run_load, url, mix, args.seconds, args.connections, listeners, operator
        ).result()


def database_urls(admin_url: str) -> tuple[str, str]:
    """Create Hue-S's database and the floor's (52 reports in it); return their URLs."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in ("hue", "bare"):
            connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    hue, bare = (
        make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        for name in ("hue", "bare")
    )
    engine = create_engine(bare)
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE reports (id SERIAL PRIMARY KEY, code TEXT, lat FLOAT8, lon FLOAT8,"
                " description TEXT, requested_at TIMESTAMPTZ)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO reports (code, lat, lon, description, requested_at)"
                " SELECT 'road_pothole', 16.4637, 107.5909, 'Ổ gà số ' || n, now()"
                " FROM generate_series(1, 52) AS n"
            )
        )
    engine.dispose()
    return hue, bare


def hue_credentials(url: str) -> tuple[str, str]:
    """Migrate Hue-S's database; return an api_key and an operator's access token."""
    from hue_s.backend.accounts.api_keys import issue_api_key
    from hue_s.backend.accounts.models import User
    from hue_s.backend.accounts.settings import AccountsSettings
    from hue_s.backend.accounts.tokens import start_session
    from hue_s.backend.startup import prepare_database
    from hue_s.modules.alerts.backend.columns import utc_now

    engine = prepare_database(url)
    now = utc_now()
    with Session(engine) as session:
        _, key, _ = issue_api_key(session, "workers-bench", now)
        operator = User(phone="+84905000021", role="operator", created_at=now, updated_at=now)
        session.add(operator)
        session.commit()
        settings = AccountsSettings(secret_key=SECRET.encode())
        token = start_session(session, settings, operator, "workers-bench").access_token
    engine.dispose()
    return key, token


def sides(hue_url: str, bare_url: str, data_dir: Path, key: str) -> tuple[Side, Side]:
    """Return the floor and Hue-S."""
    bare = Side(
        "bare",
        [sys.executable, "-m", "uvicorn", "--factory", "--app-dir", str(Path(__file__).parent)]
        + ["--host", "127.0.0.1", "bare_pg_app:bare_app"],
        {BARE_URL_ENV: bare_url},
        "/requests.json",
        "/requests/1.json",
        "/requests.json",
        FORM | {"description": "Ổ gà trên đường Lê Lợi"},
        "/requests.json",
    )
    hue = Side(
        "hue-s",
        [sys.executable, "-m", "hue_s", "backend", "--database", hue_url],
        {"HUE_S_DATA_DIR": str(data_dir), "HUE_S_SECRET_KEY": SECRET},
        "/open311/v2/requests.json?page=1&page_size=50",
        "/open311/v2/requests/1.json",
        "/open311/v2/requests.json",
        FORM | {"description": "Ổ gà trên đường Lê Lợi", "api_key": key},
        "/healthz",
    )
    return bare, hue


def file_reports(url: str, form: dict[str, str], count: int) -> None:
    """File `count` reports through the GeoReport POST."""
    with httpx.Client(base_url=url, timeout=30) as client:
        for number in range(count):
            answer = client.post(
                "/open311/v2/requests.json", data=form | {"description": f"{number}"}
            )
            answer.raise_for_status()


def load_average() -> str:
    """Return the 1-minute load average of the machine."""
    return f"{os.getloadavg()[0]:.2f}"


def main() -> int:
    """Start PostgreSQL, measure each worker count, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--listeners", type=int, default=200)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {load_average()} at start")
    cluster = PostgresCluster.start()
    results: dict[tuple[str, int], Load] = {}
    try:
        hue_url, bare_url = database_urls(cluster.admin_url)
        key, operator = hue_credentials(hue_url)
        with tempfile.TemporaryDirectory() as data_dir:
            bare, hue = sides(hue_url, bare_url, Path(data_dir), key)
            with running(hue, free_loopback_port(), 1) as url:
                file_reports(url, hue.post_form, 52)
            for workers in args.workers:
                for side, listeners in ((bare, 0), (hue, args.listeners)):
                    with running(side, free_loopback_port(), workers) as url:
                        results[side.name, workers] = measure(side, url, args, listeners, operator)
                print_round(workers, results[bare.name, workers], results[hue.name, workers], args)
    finally:
        cluster.stop()
    print_speed_ups(results, args.workers)
    print(f"load average {load_average()} at the end")
    return 0


def print_round(workers: int, bare: Load, hue: Load, args: argparse.Namespace) -> None:
    """Print one worker count's figures."""
    print(
        f"{workers} worker(s): bare {bare.rate:6.1f} req/s (p50 {bare.p50_ms:.1f} ms, p99 "
        f"{bare.p99_ms:.1f} ms, {bare.errors} errors)   hue-s {hue.rate:6.1f} req/s (p50 "
        f"{hue.p50_ms:.1f} ms, p99 {hue.p99_ms:.1f} ms, {hue.errors} errors)   ratio "
        f"{hue.rate / bare.rate:.2f}   alert heard by {hue.heard}/{args.listeners} streams "
        f"in {hue.fan_out_ms:.0f} ms"
    )


def print_speed_ups(results: dict[tuple[str, int], Load], counts: list[int]) -> None:
    """Print each side's throughput with N workers over its throughput with the first count."""
    for name in ("bare", "hue-s"):
        first = results[name, counts[0]].rate
        shown = "  ".join(f"{n}: {results[name, n].rate / first:.2f}x" for n in counts)
        print(f"speed-up over {counts[0]} worker(s), {name}: {shown}")


if __name__ == "__main__":
    raise SystemExit(main())
