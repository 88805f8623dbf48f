"""Open311 POST throughput of the backend against a bare FastAPI endpoint doing one SQLite insert.

    python3 tests/perf/open311_throughput.py [--seconds 8] [--workers 8] [--rounds 2]

Both are served the same way (uvicorn in this process, on 127.0.0.1, SQLite file in WAL mode)
and loaded alternately in the same run by the same concurrent form POSTs, sent from a separate
process so that the client does not share the servers' interpreter. The Open311 POST is the
real one: api_key lookup, routing by point, attribute checks, the report and its timeline entry
committed. It prints requests per second of each and the ratio (target >= 0.70).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path

import httpx
from fastapi import FastAPI, Form
from sqlalchemy import text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from open311_bench import serving, throughput  # noqa: E402

from hue_s.backend.accounts.api_keys import issue_api_key  # noqa: E402
from hue_s.backend.app import create_app  # noqa: E402
from hue_s.backend.config import BackendSettings, sqlite_url_for  # noqa: E402
from hue_s.backend.db import create_database_engine  # noqa: E402

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


async def measure(
    base_url: str, path: str, extra: dict[str, str], seconds: float, workers: int
) -> float:
    """Return the POST throughput of one server."""

    async def send(client: httpx.AsyncClient, number: int) -> httpx.Response:
        """POST one report."""
        form = {
            "service_code": "road_pothole",
            "lat": POINT[0],
            "long": POINT[1],
            "description": f"Ổ gà số {number}",
        } | extra
        return await client.post(path, data=form)

    return await throughput(base_url, send, seconds, workers)


def load_in_child(
    base_url: str, path: str, extra: dict[str, str], seconds: float, workers: int
) -> float:
    """Run one measurement in a separate process; return its requests per second."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(run_measure, base_url, path, extra, seconds, workers).result()


def run_measure(
    base_url: str, path: str, extra: dict[str, str], seconds: float, workers: int
) -> float:
    """Measure in this (child) process."""
    return asyncio.run(measure(base_url, path, extra, seconds, workers))


def main() -> int:
    """Run the rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        hue, key = hue_app(directory)
        with serving(bare_app(directory)) as bare_url, serving(hue) as hue_url:
            bare_rates, hue_rates = [], []
            load_in_child(bare_url, "/requests.json", {}, 1, args.workers)  # warm-up
            load_in_child(hue_url, HUE_PATH, {"api_key": key}, 1, args.workers)
            for round_number in range(1, args.rounds + 1):
                bare_rates.append(
                    load_in_child(bare_url, "/requests.json", {}, args.seconds, args.workers)
                )
                hue_rates.append(
                    load_in_child(hue_url, HUE_PATH, {"api_key": key}, args.seconds, args.workers)
                )
                print(
                    f"round {round_number}: bare {bare_rates[-1]:7.1f} req/s   "
                    f"open311 {hue_rates[-1]:7.1f} req/s"
                )
    bare, ours = max(bare_rates), max(hue_rates)
    ratio = ours / bare
    print(
        f"best: bare {bare:.1f} req/s, open311 POST {ours:.1f} req/s, ratio {ratio:.2f} "
        f"(target >= {TARGET:.2f}: {'met' if ratio >= TARGET else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
