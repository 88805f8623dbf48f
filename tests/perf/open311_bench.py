"""Helpers of the Open311 benchmarks: a loopback server in a thread, timed request loops."""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

from hue_s.backend.server import LOOPBACK, listening_socket


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Serve an app on a free loopback port in a thread; yield its base URL; stop after."""
    sock = listening_socket(LOOPBACK, 0)
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_config=None, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base_url = f"http://{LOOPBACK}:{port}"
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield base_url
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


async def throughput(
    base_url: str, send: Callable[[httpx.AsyncClient, int], Any], seconds: float, workers: int
) -> float:
    """Return requests per second that `workers` concurrent loops achieve for `seconds`."""
    done = 0
    stop_at = time.perf_counter() + seconds

    async def loop(worker: int) -> None:
        """Send requests one after the other until the time is up."""
        nonlocal done
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
            number = worker * 1_000_000
            while time.perf_counter() < stop_at:
                response = await send(client, number)
                if response.status_code >= 300:
                    raise RuntimeError(f"{response.status_code}: {response.text[:200]}")
                number += 1
                done += 1

    started = time.perf_counter()
    await asyncio.gather(*(loop(worker) for worker in range(workers)))
    return done / (time.perf_counter() - started)


def percentile(samples: list[float], fraction: float) -> float:
    """Return the given percentile (0..1) of samples, nearest-rank."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def summary(samples_ms: list[float]) -> str:
    """Return median, p95 and p99 of latencies in ms."""
    return (
        f"median {statistics.median(samples_ms):6.2f} ms  p95 {percentile(samples_ms, 0.95):6.2f}"
        f" ms  p99 {percentile(samples_ms, 0.99):6.2f} ms  (n={len(samples_ms)})"
    )
