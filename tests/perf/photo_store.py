"""Reports with a photo each, stored in the database or in S3 (moto), posted and read back.

    python3 tests/perf/photo_store.py [--reports 200] [--concurrency 8] [--rounds 2]

For each store it starts the backend itself (a child process, uvicorn on 127.0.0.1, a new
SQLite file): (a) the default, photos in the database; (b) HUE_S_PHOTO_STORE=s3://... on a
moto server (another child process, 127.0.0.1). Then it posts the GeoReport POST with one
~300 kB JPEG (as the backend stores it: re-encoded at quality 85) `--reports` times from
`--concurrency` connections, reads every photo back through its media URL, and prints for each
phase requests per second, p50 and p99, and the database file's growth per 1,000 photos
(after a WAL checkpoint); the stores take turns for `--rounds` rounds. The children stop when
this script ends (their stdin closes).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from PIL import Image, ImageFilter

POINT = {"lat": "16.4637", "long": "107.5909"}  # Trường Tiền bridge, Phú Xuân
MOTO = """
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
"""
BACKEND = """
import json, sys
from datetime import UTC, datetime
from pathlib import Path
from hue_s.backend.accounts.api_keys import issue_api_key
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.backend.server import EmbeddedBackend
from hue_s.backend.startup import prepare_database
from sqlalchemy.orm import Session
folder = Path(sys.argv[1])
settings = BackendSettings(data_dir=folder, database_url=sqlite_url_for(folder / "hue-s.db"))
engine = prepare_database(settings.database_url)
with Session(engine) as session:
    _, key, _ = issue_api_key(session, "photo-store-bench", datetime.now(UTC))
    session.commit()
engine.dispose()
with EmbeddedBackend(settings) as backend:
    print(json.dumps({"url": backend.base_url, "api_key": key}), flush=True)
    sys.stdin.read()
"""


def camera_jpeg(target_bytes: int = 300_000) -> bytes:
    """Return a textured 1600x1200 JPEG of about `target_bytes` once re-encoded at quality 85."""
    size = (1600, 1200)
    layers = [Image.effect_noise((size[0] // s, size[1] // s), 50).resize(size) for s in (32, 4)]
    scene = Image.merge("RGB", [Image.blend(*layers, 0.5 + i / 10) for i in range(3)])
    for radius in (0.4, 0.6, 0.8, 1.0, 1.3, 1.7, 2.2, 3.0):
        output = io.BytesIO()
        scene.filter(ImageFilter.GaussianBlur(radius)).save(output, format="JPEG", quality=85)
        if output.tell() <= target_bytes:
            break
    return output.getvalue()


@contextmanager
def child(
    code: str, *args: str, env: dict[str, str] | None = None, quiet: bool = False
) -> Iterator[str]:
    """Run a Python child that prints one line when ready; yield it; close its stdin to stop."""
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else None,
        text=True,
        env=env,
    )
    assert process.stdout is not None and process.stdin is not None
    try:
        line = process.stdout.readline().strip()
        if not line:
            raise RuntimeError("the child stopped before it was ready")
        yield line
    finally:
        process.stdin.close()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


async def timed(
    count: int, concurrency: int, one: Callable[[httpx.AsyncClient, int], Awaitable[object]]
) -> tuple[float, list[float]]:
    """Run `one` for 0..count-1 on `concurrency` connections; return req/s and latencies."""
    latencies: list[float] = []
    numbers = iter(range(count))

    async def loop(client: httpx.AsyncClient) -> None:
        """Take the next number until none is left."""
        for number in numbers:
            started = time.perf_counter()
            await one(client, number)
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(loop(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return count / elapsed, latencies


def summary(name: str, rate: float, latencies: list[float]) -> str:
    """Return one line: requests per second, p50 and p99 in milliseconds."""
    cuts = statistics.quantiles(latencies, n=100)
    return (
        f"{name:6} {rate:7.1f} req/s  p50 {cuts[49] * 1000:6.1f} ms  p99 {cuts[98] * 1000:6.1f} ms"
    )


def database_bytes(path: Path) -> int:
    """Return the SQLite file's size after folding its WAL into it."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size


async def bench(
    base_url: str, api_key: str, photo: bytes, reports: int, concurrency: int
) -> dict[str, tuple[float, list[float]]]:
    """Post the reports, then read their photos back; return the figures."""
    ids: list[str] = []

    async def post(client: httpx.AsyncClient, number: int) -> None:
        """File one report with the photo."""
        form = {"service_code": "road_pothole", "api_key": api_key, **POINT}
        form["description"] = f"Ổ gà số {number}"
        files = [("media", ("photo.jpg", photo, "image/jpeg"))]
        answer = await client.post(f"{base_url}/open311/v2/requests.json", data=form, files=files)
        answer.raise_for_status()
        ids.append(answer.json()[0]["service_request_id"])

    post_rate, post_latencies = await timed(reports, concurrency, post)
    urls: list[str] = []
    async with httpx.AsyncClient(timeout=60) as client:
        for case_id in ids:
            found = await client.get(
                f"{base_url}/open311/v2/requests/{case_id}.json?extensions=true"
            )
            urls.extend(found.json()[0]["extended_attributes"]["media_urls"])

    async def read(client: httpx.AsyncClient, number: int) -> None:
        """Read one photo back."""
        answer = await client.get(urls[number])
        answer.raise_for_status()
        assert len(answer.content) > 1000

    get_rate, get_latencies = await timed(len(urls), concurrency, read)
    return {"post": (post_rate, post_latencies), "get": (get_rate, get_latencies)}


def run_store(name: str, photo: bytes, args: argparse.Namespace, env: dict[str, str]) -> None:
    """Start a backend with `env`, measure it, print its figures."""
    with tempfile.TemporaryDirectory(prefix="hue-s-photo-store-") as folder:
        database = Path(folder) / "hue-s.db"
        with child(BACKEND, folder, env=env) as ready:
            started = json.loads(ready)
            empty = database_bytes(database)
            figures = asyncio.run(
                bench(started["url"], started["api_key"], photo, args.reports, args.concurrency)
            )
            grown = database_bytes(database) - empty
        print(name)
        for phase in ("post", "get"):
            rate, latencies = figures[phase]
            print("  " + summary(phase.upper(), rate, latencies))
        per_thousand = grown / args.reports * 1000 / 1e6
        print(f"  database file: +{grown / 1e6:.1f} MB, {per_thousand:.2f} MB per 1,000 photos")


def create_bucket(env: dict[str, str], bucket: str) -> None:
    """Create the bucket on the S3 endpoint `env` names."""
    import boto3

    boto3.client(
        "s3",
        endpoint_url=env["AWS_ENDPOINT_URL"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        region_name=env["AWS_DEFAULT_REGION"],
    ).create_bucket(Bucket=bucket)


def main() -> None:
    """Measure both stores one after the other."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    photo = camera_jpeg()
    kilobytes = len(photo) / 1000
    print(f"{args.reports} reports, a {kilobytes:.0f} kB JPEG each, {args.concurrency} connections")
    base = {
        name: value for name, value in os.environ.items() if not name.startswith(("HUE_S_", "AWS_"))
    }
    with child(MOTO, quiet=True) as port:  # quiet: werkzeug logs every request
        s3 = base | {
            "HUE_S_PHOTO_STORE": "s3://hue-s-photos/bench",
            "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench-secret",
            "AWS_DEFAULT_REGION": "us-east-1",
        }
        create_bucket(s3, "hue-s-photos")
        for round_number in range(1, args.rounds + 1):  # alternated: neither always goes first
            run_store(f"round {round_number}, a) database", photo, args, base)
            run_store(f"round {round_number}, b) S3 on moto", photo, args, s3)


if __name__ == "__main__":
    main()
