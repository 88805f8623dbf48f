"""List reads of the backend against a bare FastAPI endpoint returning the same 52 SQLite rows.

    python3 tests/perf/list_reads.py [--seconds 5] [--connections 32] [--rounds 3]

Serves the Hue-S backend (temp data dir, SQLite, 52 reports filed by a citizen through the
GeoReport POST, 3 alerts issued by an operator through the API) and a bare FastAPI endpoint
that SELECTs the same 52 rows' public columns from its own SQLite file and returns them as JSON.
Both run in this process on 127.0.0.1 (uvicorn, as `hue-s backend` runs), pinned to one CPU;
a spawned process, pinned to another, loads one at a time with `--connections` keep-alive GETs
(a minimal HTTP/1.1 client, as wrk -c32 would). Each round prints req/s, the servers' CPU per
request, and each list's ratio to the bare endpoint of the same round, for: the Open311 list
(as #19 measured it, and as the app asks it: extensions, page_size), "my reports", the officer
inbox and the alerts list, each also with the If-None-Match of its last answer (a poll finding
nothing new). Ends with median ratios.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select, text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from open311_bench import SERVER_CPU, pin_to, run_load, serving  # noqa: E402

from hue_s.backend.accounts.models import User  # noqa: E402
from hue_s.backend.accounts.settings import AccountsSettings  # noqa: E402
from hue_s.backend.accounts.tokens import start_session  # noqa: E402
from hue_s.backend.app import create_app  # noqa: E402
from hue_s.backend.config import BackendSettings, sqlite_url_for  # noqa: E402
from hue_s.backend.kernel.db import create_database_engine  # noqa: E402
from hue_s.backend.server import settle_heap  # noqa: E402
from hue_s.modules.incidents.backend.models import Incident, utc_now  # noqa: E402
from hue_s.modules.incidents.backend.open311.queries import PUBLIC_COLUMNS  # noqa: E402

REPORTS = 52
POINT = ("16.4637", "107.5909")  # Trường Tiền bridge, Phú Xuân
TARGET = 0.6
COLUMNS = [column.key for column in PUBLIC_COLUMNS]


def bare_app(directory: Path, rows: list[dict[str, Any]]) -> FastAPI:
    """Return a FastAPI app whose one endpoint returns the rows from its own SQLite file."""
    engine = create_database_engine(sqlite_url_for(directory / "bare.db"))
    with engine.begin() as connection:
        connection.execute(text(f"CREATE TABLE reports ({', '.join(COLUMNS)})"))
        marks = ", ".join(f":{name}" for name in COLUMNS)
        connection.execute(text(f"INSERT INTO reports VALUES ({marks})"), rows)
    app = FastAPI()

    @app.get("/requests.json")
    def rows_as_json() -> list[dict[str, Any]]:
        """Return every row, newest first."""
        with engine.connect() as connection:
            query = text("SELECT * FROM reports ORDER BY requested_at DESC, id DESC")
            return [dict(row._mapping) for row in connection.execute(query)]

    return app


def sign_in(app: FastAPI, phone: str, role: str, ward_code: str | None = None) -> str:
    """Create an account and return its access token."""
    settings: AccountsSettings = app.state.accounts_settings
    now = utc_now()
    with app.state.session_factory() as session:
        user = User(phone=phone, role=role, ward_code=ward_code, created_at=now, updated_at=now)
        session.add(user)
        session.commit()
        return start_session(session, settings, user, "list_reads").access_token


def seed(app: FastAPI, base_url: str) -> dict[str, str]:
    """File the reports and issue the alerts through the API; return each role's token."""
    app.state.accounts_settings = AccountsSettings.from_environment(app.state.settings.data_dir)
    tokens = {"citizen": sign_in(app, "+84905000001", "citizen")}
    tokens["operator"] = sign_in(app, "+84905000005", "operator")
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for number in range(REPORTS):
            form = {"service_code": "road_pothole", "lat": POINT[0], "long": POINT[1]}
            form["description"] = f"Ổ gà số {number} trên đường Lê Lợi, gần cầu Trường Tiền"
            answer = client.post("/open311/v2/requests.json", data=form, headers=bearer(tokens))
            answer.raise_for_status()
        for ward in ("19753", "19813", "19774"):
            expires = utc_now() + timedelta(days=1)
            alert = {
                "event": "Lũ trên sông Hương",
                "severity": "Severe",
                "urgency": "Immediate",
                "certainty": "Observed",
                "headline": "Lũ trên sông Hương vượt báo động III tại Kim Long",
                "description": "Mực nước tại Kim Long 3,6 m, trên báo động III 0,1 m.",
                "instruction": "Di chuyển người và tài sản đến nơi cao ráo.",
                "category": "Met",
                "response_type": "Evacuate",
                "ward_codes": [ward],
                "expires": expires.isoformat(),
            }
            answer = client.post("/api/v1/alerts", json=alert, headers=bearer(tokens, "operator"))
            answer.raise_for_status()
    with app.state.session_factory() as session:
        ward_code = session.scalars(select(Incident.ward_code).limit(1)).one()
    tokens["officer"] = sign_in(app, "+84905000003", "officer", ward_code)
    return tokens


def bearer(tokens: dict[str, str], role: str = "citizen") -> dict[str, str]:
    """Return the Authorization header of a role."""
    return {"Authorization": f"Bearer {tokens[role]}"}


def public_rows(app: FastAPI) -> list[dict[str, Any]]:
    """Return the public columns of the stored reports (the bare endpoint's data)."""
    with Session(app.state.engine) as session:
        return [dict(row._mapping) for row in session.execute(select(*PUBLIC_COLUMNS))]


def cpu_seconds() -> float:
    """Return the CPU time this process (the servers) has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(
    pool: ProcessPoolExecutor, url: str, headers: dict[str, str], seconds: float, connections: int
) -> tuple[float, float]:
    """Load one URL from the child; return req/s and the servers' CPU ms per request."""
    before, started = cpu_seconds(), time.perf_counter()
    done = pool.submit(run_load, url, headers, seconds, connections).result()
    elapsed, cpu = time.perf_counter() - started, cpu_seconds() - before
    return done / elapsed, 1000 * cpu / max(done, 1)


def targets(hue: str, bare: str, tokens: dict[str, str]) -> dict[str, tuple[str, dict[str, str]]]:
    """Return each measured list: its URL and headers (without If-None-Match)."""
    return {
        "bare": (f"{bare}/requests.json", {}),
        "open311": (f"{hue}/open311/v2/requests.json", {}),
        "open311 app": (f"{hue}/open311/v2/requests.json?extensions=true&page=1&page_size=50", {}),
        "mine": (f"{hue}/api/v1/incidents/mine?limit=50&offset=0", bearer(tokens)),
        "inbox": (f"{hue}/api/v1/cases?limit=200", bearer(tokens, "officer")),
        "alerts": (f"{hue}/api/v1/alerts?active=true", {}),
    }


def with_etags(
    lists: dict[str, tuple[str, dict[str, str]]],
) -> dict[str, tuple[str, dict[str, str]]]:
    """Add a conditional variant of each list that answers an ETag (its If-None-Match)."""
    conditional = {}
    for name, (url, headers) in lists.items():
        answer = httpx.get(url, headers=headers)
        answer.raise_for_status()
        etag = answer.headers.get("etag")
        if name != "bare" and etag:
            conditional[f"{name} 304"] = (url, {**headers, "If-None-Match": etag})
    return lists | conditional


def run_rounds(
    lists: dict[str, tuple[str, dict[str, str]]], args: argparse.Namespace
) -> dict[str, list[tuple[float, float]]]:
    """Load each list once per round; print and return each list's (rate, CPU) ratios."""
    ratios: dict[str, list[tuple[float, float]]] = {}
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        for url, headers in lists.values():  # warm-up
            measure(pool, url, headers, 0.5, args.connections)
        for number in range(1, args.rounds + 1):
            print(f"round {number}")
            bare = (1.0, 1.0)
            for name, (url, headers) in lists.items():
                rate, cpu_ms = measure(pool, url, headers, args.seconds, args.connections)
                bare = (rate, cpu_ms) if name == "bare" else bare
                ratio = (rate / bare[0], bare[1] / cpu_ms)
                ratios.setdefault(name, []).append(ratio)
                print(
                    f"  {name:16s} {rate:7.1f} req/s  {cpu_ms:5.2f} ms CPU/req"
                    f"  ratio {ratio[0]:.2f} (CPU {ratio[1]:.2f})"
                )
    return ratios


def main() -> int:
    """Seed, serve, load each list in rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pin_to(SERVER_CPU)  # before the servers' threads start: they inherit it
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        database_url = sqlite_url_for(directory / "hue.db")
        hue = create_app(BackendSettings(data_dir=directory, database_url=database_url))
        with serving(hue) as hue_url:
            tokens = seed(hue, hue_url)
            settle_heap()  # as `hue-s backend` does once started
            with serving(bare_app(directory, public_rows(hue))) as bare_url:
                ratios = run_rounds(with_etags(targets(hue_url, bare_url, tokens)), args)
    print(f"median ratios to the bare endpoint, req/s (server CPU/req), target >= {TARGET}:")
    for name, values in ratios.items():
        rate = statistics.median(value[0] for value in values)
        cpu = statistics.median(value[1] for value in values)
        print(f"  {name:16s} {rate:.2f} ({cpu:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
