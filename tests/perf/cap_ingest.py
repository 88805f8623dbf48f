"""CAP ingest and alert-list benchmark: a huge foreign alert, and Huế's list beside large ones.

    python3 tests/perf/cap_ingest.py [--rounds 5] [--requests 300]

1. A 212-polygon alert (400 points each) entirely in Alaska is read and stored (a fresh
   identifier each round). Prints the median ingest time and its ratio to parsing alone
   (reading the XML and the CAP fields, the floor measured in the same run). Target: < 0.5 s.
2. 50 alerts are stored, as when the city follows its national feed and a global one: 5
   large ones (three like the first, in Alaska; a 20,000-point polygon over Macao; one over
   Huế), 20 ordinary ones in Huế and 25 small ones elsewhere in the world. Then
   GET /api/v1/alerts (anonymous, in-process) is asked --requests times as the server keeps
   it, then --requests times rebuilt each time (as right after a change). Prints the size of
   the answer, what it lists, and its median and p99. Targets: < 50 KB, p99 < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hue_s.backend.app import create_app  # noqa: E402
from hue_s.backend.config import BackendSettings, sqlite_url_for  # noqa: E402
from hue_s.modules.alerts.backend.cap.documents import read_cap_document  # noqa: E402
from hue_s.modules.alerts.backend.cap.parse import parse_alert  # noqa: E402
from hue_s.modules.alerts.backend.feeds.ingest import Ingestor  # noqa: E402
from tests.modules.alerts.backend.cap_builders import (  # noqa: E402
    HUE_CENTRE,
    KIM_LONG,
    alaska_alert,
    alert_xml,
    area_xml,
    circle_ring,
    info_xml,
)

MACAO = (22.19, 113.54)


def parse_only(document: bytes) -> float:
    """Return the seconds taken to read a document and the CAP fields of its alerts."""
    started = time.perf_counter()
    for item in read_cap_document(document).items:
        if item.alert is not None:
            parse_alert(item.alert)
    return time.perf_counter() - started


def long_polygon(identifier: str, centre: tuple[float, float]) -> bytes:
    """Return an alert of one 20,000-point polygon (the most a polygon may have) round a point."""
    ring = circle_ring(centre, 0.05, 19_999)  # and the closing point
    return alert_xml(identifier, info_xml(area_xml([ring], identifier))).encode()


def ordinary(number: int) -> bytes:
    """Return an ordinary small warning: in Kim Long, or (odd numbers) somewhere abroad."""
    if number % 2:
        square = [(lat - 30 + number, lon - 100 + number) for lat, lon in KIM_LONG]
    else:
        square = [(lat + 0.0001 * number, lon) for lat, lon in KIM_LONG]
    infos = info_xml(area_xml([square], "Vùng"), event=f"Mưa lớn {number}")
    return alert_xml(f"SMALL-{number}", infos).encode()


async def main(rounds: int, requests: int) -> None:
    """Measure and print."""
    directory = Path(tempfile.mkdtemp(prefix="hue-s-cap-bench-"))
    app = create_app(
        BackendSettings(data_dir=directory, database_url=sqlite_url_for(directory / "hue-s.db"))
    )
    async with httpx.AsyncClient() as unused, app.router.lifespan_context(app):
        ingestor = Ingestor(app.state.session_factory, unused)
        parse_times, ingest_times = [], []
        for number in range(rounds):
            document = alaska_alert(f"AK-{number}")
            parse_times.append(parse_only(document))
            started = time.perf_counter()
            outcomes = await ingestor.ingest_document(document, None)
            ingest_times.append(time.perf_counter() - started)
            assert outcomes and outcomes[0].created, outcomes
        parse_s, ingest_s = statistics.median(parse_times), statistics.median(ingest_times)
        print(f"212-polygon alert in Alaska ({len(document) // 1024} KB): ingest median "
              f"{ingest_s:.3f} s, parsing alone {parse_s:.3f} s, ratio {ingest_s / parse_s:.1f}x "
              f"(target < 0.5 s)")  # fmt: skip

        stored = rounds
        large = [long_polygon("MACAO", MACAO), long_polygon("HUE-LONG", HUE_CENTRE)]
        for document in [*large, *(ordinary(n) for n in range(50 - stored - len(large)))]:
            outcome = (await ingestor.ingest_document(document, None))[0]
            assert outcome.created, outcome.summary()
            stored += 1
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hue-s.test") as http:
            for kept in (True, False):
                timings, size, listed = [], 0, 0
                for _ in range(requests):
                    if not kept:  # as after every change to the alerts
                        app.state.alerts_list_cache = None
                    started = time.perf_counter()
                    response = await http.get("/api/v1/alerts")
                    timings.append(time.perf_counter() - started)
                    size, listed = len(response.content), len(response.json())
                ordered = sorted(timings)
                p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
                how = "kept list" if kept else "list rebuilt each time"
                print(f"GET /api/v1/alerts ({how}) with {stored} stored ({rounds} large in "
                      f"Alaska, 1 over Macao, 1 over Huế): {listed} listed, {size / 1024:.1f} KB, "
                      f"median {statistics.median(ordered) * 1000:.1f} ms, "
                      f"p99 {p99 * 1000:.1f} ms (targets < 50 KB, p99 < 50 ms)")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="large Alaska alerts (default 3)")
    parser.add_argument("--requests", type=int, default=300, help="list requests (default 300)")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rounds, arguments.requests))
