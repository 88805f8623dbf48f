"""Issue #19's read ratio: Hue-S's Open311 list against a Django/DRF Open311 server, 52 reports.

    python3 tests/perf/open311_vs_django.py [--seconds 5] [--connections 32] [--rounds 3]
                                            [--reference-worker sync|gthread]

Hue-S: the backend as `hue-s backend` runs it (uvicorn, one worker, SQLite in a temp data dir)
with the 52 reports list_reads.py files through the GeoReport POST, served in this process.

The reference (django_open311_reference.py) is not Hue-S code: a Django 5.2 project with
Django REST Framework 3.x, written into the same temp folder, run by gunicorn with one sync
worker on 127.0.0.1, DEBUG=False, SQLite with persistent connections (CONN_MAX_AGE=None).
Its one app has the models Service and ServiceRequest (a foreign key to Service), a
ModelSerializer with the 17 GeoReport v2 fields and a ListAPIView at
/open311/v2/requests.json whose queryset uses select_related("service"), newest first, not
paginated; middleware Security, Common and XFrameOptions; DRF with the JSON renderer only, no
authentication classes, AllowAny. It holds the same 52 reports (ids, descriptions,
coordinates, statuses, services, agency, notices, times) read from Hue-S's own answer.
Django, DRF and gunicorn are pip-installed into a private folder in ~/.cache when missing.

Both servers run on one CPU; a spawned load generator, on the other, sends keep-alive GETs on
`--connections` connections (gunicorn's sync worker closes each after one answer: the
generator opens it again, as wrk does; `--reference-worker gthread` runs one gthread worker
with one thread instead, which keeps them open). Each round loads both, alternating which goes
first, and prints req/s, server CPU ms per request and the ratio Hue-S/Django; then medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from django_open311_reference import (  # noqa: E402
    LIST_PATH,
    ensure_packages,
    installed_versions,
    process_tree_cpu_seconds,
    reference_server,
)
from list_reads import REPORTS, cpu_seconds, seed  # noqa: E402
from open311_bench import SERVER_CPU, pin_to, run_load, serving  # noqa: E402

from hue_s.backend.app import create_app  # noqa: E402
from hue_s.backend.config import BackendSettings, sqlite_url_for  # noqa: E402
from hue_s.backend.server import settle_heap  # noqa: E402

TARGET = 3.0
Side = tuple[str, str, Callable[[], float]]  # name, URL, CPU seconds its server used so far


def fetch_list(url: str) -> list[dict[str, Any]]:
    """Return one answer of an Open311 list, checked to be a JSON list of REPORTS requests."""
    answer = httpx.get(url, timeout=30)
    answer.raise_for_status()
    if not answer.headers.get("content-type", "").startswith("application/json"):
        raise RuntimeError(f"{url}: {answer.headers.get('content-type')}, not JSON")
    items = answer.json()
    if not isinstance(items, list) or len(items) != REPORTS:
        raise RuntimeError(f"{url}: {len(items)} items, not {REPORTS}")
    print(f"  {url}: {len(items)} requests, {len(answer.content)} bytes")
    return items


def compare_lists(hue: list[dict[str, Any]], django: list[dict[str, Any]]) -> None:
    """Check both lists hold the same requests and fields; print what differs."""
    hue_ids = [item["service_request_id"] for item in hue]
    django_ids = [str(item["service_request_id"]) for item in django]
    if len(set(hue_ids)) != len(set(django_ids)) or set(hue_ids) != set(django_ids):
        raise RuntimeError(f"different service_request_ids: {hue_ids} / {django_ids}")
    print(f"  same {len(set(hue_ids))} service_request_ids, same order: {hue_ids == django_ids}")
    fields = set(hue[0])
    print(f"  fields the reference lacks: {sorted(fields - set(django[0])) or 'none'}")
    print(f"  fields only the reference has: {sorted(set(django[0]) - fields) or 'none'}")
    by_id = {str(item["service_request_id"]): item for item in django}
    differing = sorted(
        {
            name
            for item in hue
            for name in fields - {"service_request_id"}
            if item[name] != by_id[item["service_request_id"]].get(name)
        }
    )
    print(f"  fields whose values differ: {differing or 'none'}")


def measure(
    pool: ProcessPoolExecutor, side: Side, seconds: float, connections: int
) -> tuple[float, float]:
    """Load one side from the child; return req/s and its server's CPU ms per request."""
    _, url, used_cpu = side
    before, started = used_cpu(), time.perf_counter()
    done = pool.submit(run_load, url, {}, seconds, connections).result()
    elapsed, cpu = time.perf_counter() - started, used_cpu() - before
    return done / elapsed, 1000 * cpu / max(done, 1)


def run_rounds(sides: list[Side], args: argparse.Namespace) -> list[tuple[float, float]]:
    """Load both sides once per round, alternating the first; return (rate, CPU) ratios."""
    ratios = []
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        for side in sides:  # warm-up
            measure(pool, side, 1.0, args.connections)
        for number in range(1, args.rounds + 1):
            order = sides if number % 2 else sides[::-1]
            figures = {}
            for side in order:
                figures[side[0]] = measure(pool, side, args.seconds, args.connections)
            print(f"round {number} ({order[0][0]} first)")
            for name, (rate, cpu_ms) in figures.items():
                print(f"  {name:7s} {rate:7.1f} req/s  {cpu_ms:5.2f} ms CPU/req")
            (hue_rate, hue_cpu), (django_rate, django_cpu) = figures["Hue-S"], figures["Django"]
            ratios.append((hue_rate / django_rate, django_cpu / hue_cpu))
            print(f"  ratio Hue-S/Django {ratios[-1][0]:.2f} (CPU per request {ratios[-1][1]:.2f})")
    return ratios


def main() -> int:
    """Serve both sides, check they answer alike, load them in rounds and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reference-worker", choices=("sync", "gthread"), default="sync")
    args = parser.parse_args()
    packages = ensure_packages()
    worker = args.reference_worker
    print(f"reference: gunicorn, 1 {worker} worker; {installed_versions(packages)}")
    print("load average at start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    pin_to(SERVER_CPU)  # before the servers start: Hue-S's threads and gunicorn inherit it
    with tempfile.TemporaryDirectory(prefix="hue-s-open311-vs-django-") as temporary:
        directory = Path(temporary)
        database_url = sqlite_url_for(directory / "hue.db")
        hue = create_app(BackendSettings(data_dir=directory, database_url=database_url))
        with serving(hue) as hue_url:
            seed(hue, hue_url)
            settle_heap()  # as `hue-s backend` does once started
            reports = fetch_list(hue_url + LIST_PATH)
            reference = directory / "django_reference"
            with reference_server(reference, packages, reports, worker) as (django_url, pid):
                compare_lists(reports, fetch_list(django_url + LIST_PATH))
                sides: list[Side] = [
                    ("Hue-S", hue_url + LIST_PATH, cpu_seconds),
                    ("Django", django_url + LIST_PATH, lambda: process_tree_cpu_seconds(pid)),
                ]
                ratios = run_rounds(sides, args)
    rate = statistics.median(ratio[0] for ratio in ratios)
    cpu = statistics.median(ratio[1] for ratio in ratios)
    print(f"median ratio Hue-S/Django over {len(ratios)} rounds: {rate:.2f} req/s (CPU {cpu:.2f})")
    print(f"target >= {TARGET}: {'met' if rate >= TARGET else 'not met'}")
    print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
