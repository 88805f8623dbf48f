"""SSE fan-out benchmark: one alert issued, received by N Server-Sent-Event clients.

    python3 tests/perf/sse_fanout.py [--clients 500] [--alerts 5] [--servers 1]
                                     [--database URL] [--target 1.0]

Starts the backend (`hue-s backend`) as separate processes on loopback ports (one by default;
with --servers 2 and a PostgreSQL --database, two workers on one database: the alerts are
issued on the first and the clients are spread over all, so most of them depend on
LISTEN/NOTIFY). It signs an operator in, opens the SSE connections (raw asyncio sockets,
so the clients cost little), waits until every one has its opening comment, then issues
alerts one at a time through POST /api/v1/alerts. A latency is the time from sending that
POST to one client reading the alert's event. Prints p50, p99 and max over all clients and
alerts, how long the POSTs took, and the servers' resident memory before the clients connect
and once all are connected (Linux /proc), divided by the clients: the memory per listener.
Exit status: 0, or 1 with --fail-over-target when p99 is over the target. Every process it
starts listens on 127.0.0.1 and is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hue_s.backend.accounts.settings import AccountsSettings  # noqa: E402
from hue_s.backend.accounts.tokens import start_session  # noqa: E402
from hue_s.backend.accounts.users import save_staff  # noqa: E402
from hue_s.backend.config import sqlite_url_for  # noqa: E402
from hue_s.backend.kernel.db import create_session_factory  # noqa: E402
from hue_s.backend.startup import prepare_database  # noqa: E402

STARTUP_SECONDS = 60
RECEIVE_SECONDS = 30


def free_port() -> int:
    """Return a free port on 127.0.0.1."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def operator_token(database_url: str, data_dir: Path) -> str:
    """Create an operator in the database and return an access token the servers accept."""
    engine = prepare_database(database_url)
    settings = AccountsSettings.from_environment(data_dir)
    with create_session_factory(engine)() as session:
        user, _ = save_staff(session, phone="+84905999999", role="operator", now=datetime.now(UTC))
        token = start_session(session, settings, user, "sse_fanout").access_token
    engine.dispose()
    return token


def start_server(database_url: str, data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    """Start `hue-s backend` on a loopback port; its log goes to <data_dir>/server-<port>.log."""
    environment = {**os.environ, "HUE_S_DATA_DIR": str(data_dir), "HUE_S_CAP_SOURCES": ""}
    command = [sys.executable, "-m", "hue_s.cli", "backend", "--host", "127.0.0.1"]
    with (data_dir / f"server-{port}.log").open("wb") as log:
        return subprocess.Popen(
            [*command, "--port", str(port), "--database", database_url],
            env=environment, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip


def server_errors(data_dir: Path) -> str:
    """Return the tracebacks and errors the servers logged (why an answer was a 5xx)."""
    lines = []
    for log in sorted(data_dir.glob("server-*.log")):
        text = log.read_text(encoding="utf-8", errors="replace")
        lines += [line for line in text.splitlines() if " 500 " in line or "Error" in line]
        if "Traceback" in text:
            lines.append(text[text.index("Traceback") :][:4000])
    return "\n".join(lines)


def wait_healthy(base_url: str) -> None:
    """Wait until a server answers /healthz."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{base_url} did not become healthy")


class Client:
    """One SSE connection on a raw socket; records when each alert's event arrives."""

    def __init__(self, port: int) -> None:
        """Prepare a client of the server on port."""
        self.port = port
        self.received: dict[int, float] = {}
        self.connected = asyncio.Event()
        self.buffer = b""

    async def run(self) -> None:
        """Connect, send the request, and read events until cancelled."""
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        writer.write(
            b"GET /api/v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Accept: text/event-stream\r\n\r\n"
        )
        await writer.drain()
        try:
            while True:
                chunk = await reader.read(65536)
                if not chunk:
                    return
                now = time.perf_counter()
                self.buffer += chunk
                if b": connected" in self.buffer:
                    self.connected.set()
                while b'"id":' in self.buffer and b"\n\n" in self.buffer:
                    event, _, self.buffer = self.buffer.partition(b"\n\n")
                    for line in event.split(b"\n"):
                        if line.startswith(b"data: "):
                            alert_id = json.loads(line[6:])["id"]
                            self.received.setdefault(alert_id, now)
        finally:
            writer.close()


def resident_kib(pids: list[int]) -> int:
    """Return the summed resident memory (VmRSS) of these processes in KiB (0 off Linux)."""
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if not status.exists():
            return 0
        line = next(ln for ln in status.read_text().splitlines() if ln.startswith("VmRSS:"))
        total += int(line.split()[1])
    return total


def percentile(values: list[float], share: float) -> float:
    """Return the value at a share (0-1) of the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


async def measure(
    ports: list[int], token: str, clients: int, alerts: int, pids: list[int]
) -> dict[str, float]:
    """Open the clients, issue the alerts, and return the latency figures in seconds and the
    servers' memory (KiB) before and with the clients connected."""
    rss_before = resident_kib(pids)
    swarm = [Client(ports[number % len(ports)]) for number in range(clients)]
    tasks = [asyncio.create_task(client.run()) for client in swarm]
    await asyncio.wait_for(
        asyncio.gather(*(client.connected.wait() for client in swarm)), STARTUP_SECONDS
    )
    await asyncio.sleep(1)  # the servers settle after the last connection
    rss_connected = resident_kib(pids)
    latencies: list[float] = []
    posts: list[float] = []
    expires = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    body = {
        "event": "Benchmark", "severity": "Minor", "urgency": "Future", "certainty": "Unlikely",
        "headline": "SSE fan-out benchmark", "expires": expires, "ward_codes": ["19753"],
        "status": "Test",
    }  # fmt: skip
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{ports[0]}", timeout=30) as http:
        for _ in range(alerts):
            started = time.perf_counter()
            response = await http.post(
                "/api/v1/alerts", json=body, headers={"Authorization": f"Bearer {token}"}
            )
            posts.append(time.perf_counter() - started)
            response.raise_for_status()
            alert_id = response.json()["id"]
            deadline = time.monotonic() + RECEIVE_SECONDS
            while time.monotonic() < deadline and not all(
                alert_id in client.received for client in swarm
            ):
                await asyncio.sleep(0.01)
            missing = sum(1 for client in swarm if alert_id not in client.received)
            if missing:
                raise SystemExit(f"{missing} clients never got alert {alert_id}")
            latencies += [client.received[alert_id] - started for client in swarm]
            await asyncio.sleep(0.5)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {
        "p50": statistics.median(latencies),
        "p99": percentile(latencies, 0.99),
        "max": max(latencies),
        "post_p50": statistics.median(posts),
        "samples": len(latencies),
        "rss_before": rss_before,
        "rss_connected": rss_connected,
    }


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--alerts", type=int, default=5)
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a new SQLite file)")
    parser.add_argument("--target", type=float, default=1.0, help="p99 target in seconds")
    parser.add_argument("--fail-over-target", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hue-s-sse-") as temp:
        data_dir = Path(temp)
        database_url = args.database or sqlite_url_for(data_dir / "hue-s.db")
        token = operator_token(database_url, data_dir)
        ports = [free_port() for _ in range(args.servers)]
        servers = [start_server(database_url, data_dir, port) for port in ports]
        try:
            for port in ports:
                wait_healthy(f"http://127.0.0.1:{port}")
            pids = [server.pid for server in servers]
            figures = asyncio.run(measure(ports, token, args.clients, args.alerts, pids))
        except (httpx.HTTPStatusError, SystemExit):
            print(server_errors(data_dir) or "the servers logged no error", file=sys.stderr)
            raise
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                server.wait(timeout=30)
    kind = database_url.split(":", 1)[0]
    print(
        f"SSE fan-out: {args.clients} clients on {args.servers} server process(es) ({kind}), "
        f"{args.alerts} alerts, {int(figures['samples'])} deliveries"
    )
    print(
        f"issue -> receipt: p50 {figures['p50'] * 1000:.0f} ms, p99 {figures['p99'] * 1000:.0f} ms,"
        f" max {figures['max'] * 1000:.0f} ms (target p99 <= {args.target * 1000:.0f} ms)"
    )
    print(f"POST /api/v1/alerts: p50 {figures['post_p50'] * 1000:.0f} ms")
    before, connected = figures["rss_before"] / 1024, figures["rss_connected"] / 1024
    per_listener = (figures["rss_connected"] - figures["rss_before"]) / args.clients
    print(
        f"server memory: {before:.0f} MiB before, {connected:.0f} MiB with the clients connected"
        f" ({per_listener:.1f} KiB per listener)"
    )
    over = figures["p99"] > args.target
    print("p99 over target" if over else "p99 within target")
    return 1 if over and args.fail_over_target else 0


if __name__ == "__main__":
    sys.exit(main())
