"""Open311 POST throughput of the backend against a bare FastAPI endpoint doing one SQLite insert.

    python3 tests/perf/open311_throughput.py [--seconds 8] [--workers 8] [--rounds 5]
                                             [--client raw|httpx]

Both are served the same way (uvicorn in this process, on 127.0.0.1, SQLite file in WAL mode)
and loaded alternately in the same run by the same concurrent form POSTs, sent from a separate
process so that the client does not share the servers' interpreter. The Open311 POST is the
real one: api_key lookup, routing by point, attribute checks, the report and its timeline entry
committed. Each round prints requests per second of each, the server CPU per request and their
ratio; then the median ratio (target >= 0.70). The default client is a minimal HTTP/1.1 one:
httpx (--client httpx) spends more CPU per request than the bare server, so with it the figure
of the bare endpoint is the client's, which flatters the ratio."""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path

import httpx
from fastapi import FastAPI, Form
from sqlalchemy import text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from open311_bench import post_forms, serving, throughput  # noqa: E402

from hue_s.backend.accounts.api_keys import issue_api_key  # noqa: E402
from hue_s.backend.app import create_app  # noqa: E402
from hue_s.backend.config import BackendSettings, sqlite_url_for  # noqa: E402
from hue_s.backend.kernel.db import create_database_engine  # noqa: E402

POINT = ("16.4637", "107.5909")  # Trường Tiền bridge, Phú Xuân
TARGET = 0.70
HUE_PATH = "/open311/v2/requests.json"


def bare_app(directory: Path) -> FastAPI:
    """Return a FastAPI app whose one endpoint inserts one row into SQLite."""
    engine = create_database_engine(sqlite_url_for(directory / "bare.db"))
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE reports (id INTEGER PRIMARY KEY, code TEXT, lat REAL, lon REAL,"
                " description TEXT)"
            )
        )
    app = FastAPI()

    @app.post("/requests.json")
    def insert(
        service_code: str = Form(),
        lat: float = Form(),
        long: float = Form(),
        description: str = Form(),
    ) -> list[dict[str, str]]:
        """Insert one report and answer its id."""
        with engine.begin() as connection:
            row_id = connection.execute(
                text("INSERT INTO reports (code, lat, lon, description) VALUES (:c, :a, :o, :d)"),
                {"c": service_code, "a": lat, "o": long, "d": description},
            ).lastrowid
        return [{"service_request_id": str(row_id)}]

    return app


def hue_app(directory: Path) -> tuple[FastAPI, str]:
    """Return the backend app on a fresh SQLite file, and an API key for it."""
    settings = BackendSettings(
        data_dir=directory, database_url=sqlite_url_for(directory / "hue.db")
    )
    app = create_app(settings)
    with Session(app.state.engine) as session:
        _, key, _ = issue_api_key(session, "bench", datetime.now(UTC))
    return app, key


def report_form(number: int) -> dict[str, str]:
    """Return the form of report number `number` (without credentials)."""
    return {
        "service_code": "road_pothole",
        "lat": POINT[0],
        "long": POINT[1],
        "description": f"Ổ gà số {number}",
    }


async def measure(
    base_url: str, path: str, extra: dict[str, str], seconds: float, workers: int, client: str
) -> float:
    """Return the POST throughput of one server."""
    if client == "raw":
        return await post_forms(
            base_url, path, lambda number: report_form(number) | extra, seconds, workers
        )

    async def send(http: httpx.AsyncClient, number: int) -> httpx.Response:
        """POST one report."""
        return await http.post(path, data=report_form(number) | extra)

    return await throughput(base_url, send, seconds, workers)


@dataclass
class Load:
    """What one timed load of one server gave."""

    rate: float
    """Requests per second."""
    server_ms: float
    """CPU the server process spent per request (both servers live in it; one is idle)."""
    client_ms: float
    """CPU the load generator spent per request."""


def load_in_child(
    base_url: str, path: str, extra: dict[str, str], seconds: float, workers: int, client: str
) -> Load:
    """Load one server from a separate process; return the rate and the CPU per request."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        future = pool.submit(run_measure, base_url, path, extra, seconds, workers, client)
        server_before = cpu_seconds()
        rate, client_seconds = future.result()
        server_seconds = cpu_seconds() - server_before
    requests = rate * seconds
    return Load(rate, 1000 * server_seconds / requests, 1000 * client_seconds / requests)


def cpu_seconds() -> float:
    """Return the CPU time this process (the servers) has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_measure(
    base_url: str, path: str, extra: dict[str, str], seconds: float, workers: int, client: str
) -> tuple[float, float]:
    """Measure in this (child) process; return the rate and the CPU seconds the load took."""
    started = time.process_time()
    rate = asyncio.run(measure(base_url, path, extra, seconds, workers, client))
    return rate, time.process_time() - started


def main() -> int:
    """Run the rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw")
    args = parser.parse_args()
    load = (args.seconds, args.workers, args.client)
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        hue, key = hue_app(directory)
        with serving(bare_app(directory)) as bare_url, serving(hue) as hue_url:
            targets = [(bare_url, "/requests.json", {}), (hue_url, HUE_PATH, {"api_key": key})]
            for url, path, extra in targets:  # warm-up
                load_in_child(url, path, extra, 1, args.workers, args.client)
            rounds = []
            for number in range(1, args.rounds + 1):
                bare, ours = (
                    load_in_child(url, path, extra, *load) for url, path, extra in targets
                )
                rounds.append((bare, ours))
                print(
                    f"round {number}: bare {bare.rate:6.1f} req/s ({bare.server_ms:.2f} ms CPU/req)"
                    f"   open311 {ours.rate:6.1f} req/s ({ours.server_ms:.2f} ms CPU/req)"
                    f"   ratio {ours.rate / bare.rate:.2f}"
                )
    print_summary(rounds)
    return 0


def print_summary(rounds: list[tuple[Load, Load]]) -> None:
    """Print the median ratio, the best-of ratio and what the client and servers spent."""
    ratios = [ours.rate / bare.rate for bare, ours in rounds]
    ratio = statistics.median(ratios)
    best = max(ours.rate for _, ours in rounds) / max(bare.rate for bare, _ in rounds)
    cpu_ratio = statistics.median(bare.server_ms / ours.server_ms for bare, ours in rounds)
    client_ms = statistics.median(load.client_ms for pair in rounds for load in pair)
    print(
        f"ratios {' '.join(f'{value:.2f}' for value in ratios)}: median {ratio:.2f}, "
        f"best-of {best:.2f} (target >= {TARGET:.2f}: {'met' if ratio >= TARGET else 'NOT met'})"
    )
    print(
        f"server CPU per request, bare/open311: median {cpu_ratio:.2f}; "
        f"load generator: {client_ms:.2f} ms CPU per request"
    )


if __name__ == "__main__":
    raise SystemExit(main())
