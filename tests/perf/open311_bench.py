"""Helpers of the Open311 benchmarks: a loopback server in a thread, timed request loops."""

from __future__ import annotations

import asyncio
import os
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
import uvicorn
from fastapi import FastAPI

from hue_s.backend.server import LOOPBACK, listening_socket

FORM_HEADERS = "Content-Type: application/x-www-form-urlencoded\r\nAccept: */*\r\n"
SERVER_CPU, LOAD_CPU = 0, 1


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


async def post_forms(
    base_url: str,
    path: str,
    form_of: Callable[[int], dict[str, str]],
    seconds: float,
    workers: int,
) -> float:
    """Return requests per second that `workers` keep-alive connections POSTing forms achieve.

    A minimal HTTP/1.1 client: it spends a small fraction of what a server spends on a request,
    so that the figure measures the server, not the load generator (httpx costs about as much
    CPU per request as a one-insert endpoint, and both share this machine's cores).
    """
    address = urlsplit(base_url)
    head = f"POST {path} HTTP/1.1\r\nHost: {address.netloc}\r\n" + FORM_HEADERS
    done = 0
    stop_at = time.perf_counter() + seconds

    async def loop(worker: int) -> None:
        """Send requests one after the other on one connection until the time is up."""
        nonlocal done
        reader, writer = await asyncio.open_connection(address.hostname, address.port)
        number = worker * 1_000_000
        try:
            while time.perf_counter() < stop_at:
                body = urlencode(form_of(number)).encode()
                writer.write(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
                status, answer = await read_response(reader)
                if status >= 300:
                    raise RuntimeError(f"{status}: {answer[:200]!r}")
                number += 1
                done += 1
        finally:
            writer.close()
            await writer.wait_closed()

    started = time.perf_counter()
    await asyncio.gather(*(loop(worker) for worker in range(workers)))
    return done / (time.perf_counter() - started)


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """Read one HTTP/1.1 response with a Content-Length; return its status and body."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    lengths = [
        int(value)
        for name, _, value in (line.partition(b":") for line in lines[1:])
        if name.strip().lower() == b"content-length"
    ]
    if not lengths:
        raise RuntimeError(f"no Content-Length in {head[:200]!r}")
    return int(lines[0].split()[1]), await reader.readexactly(lengths[0])


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


def pin_to(cpu: int) -> None:
    """Keep this process (and the threads it starts after) on one CPU, if there are two.

    Unpinned, the servers' threads pass the GIL between cores, and what that costs swings with
    whatever else the machine runs: the same server measured twice as fast or slow.
    """
    if len(os.sched_getaffinity(0)) >= 2:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[cpu]})


def run_load(url: str, headers: dict[str, str], seconds: float, connections: int) -> int:
    """Run the load in this (child) process, on its own CPU; return the number of answers."""
    pin_to(LOAD_CPU)
    return asyncio.run(get_loop(url, headers, seconds, connections))


async def get_loop(url: str, headers: dict[str, str], seconds: float, connections: int) -> int:
    """Send GETs on `connections` keep-alive connections for `seconds`; return how many.

    A connection the server closes after its answer (`Connection: close`, as gunicorn's sync
    workers do) is opened again, as wrk does.
    """
    address = urlsplit(url)
    target = address.path + (f"?{address.query}" if address.query else "")
    extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    head = f"GET {target} HTTP/1.1\r\nHost: {address.netloc}\r\n{extra}\r\n".encode()
    done = 0
    stop_at = time.perf_counter() + seconds

    async def loop() -> None:
        """Send GETs one after the other on one connection until the time is up."""
        nonlocal done
        reader, writer = await asyncio.open_connection(address.hostname, address.port)
        try:
            while time.perf_counter() < stop_at:
                writer.write(head)
                status, closed = await read_answer(reader)
                if status not in (200, 304):
                    raise RuntimeError(f"{url}: {status}")
                done += 1
                if closed:
                    writer.close()
                    reader, writer = await asyncio.open_connection(address.hostname, address.port)
        finally:
            writer.close()

    await asyncio.gather(*(loop() for _ in range(connections)))
    return done


async def read_answer(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one HTTP/1.1 answer (Content-Length, or none as a 304); return status and closing.

    Closing is true when the server said `Connection: close`; its body may then run to the end.
    """
    lines = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
    fields = {
        name.strip().lower(): value.strip().lower()
        for name, _, value in (line.partition(b":") for line in lines[1:])
    }
    status, closing = int(lines[0].split()[1]), fields.get(b"connection") == b"close"
    if b"transfer-encoding" in fields:
        raise RuntimeError(f"chunked answers are not read here: {lines[0]!r}")
    if b"content-length" in fields:
        await reader.readexactly(int(fields[b"content-length"]))
    elif closing and status not in (204, 304):
        await reader.read()
    return status, closing
