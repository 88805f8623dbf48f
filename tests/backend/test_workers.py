"""`hue-s backend --workers N` on PostgreSQL: processes that share nothing but the database.

Each server here is a real `hue-s backend` process tree on loopback; what one writes, the
others read, and an alert issued through one reaches the event streams held by another.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session

from hue_s.backend.accounts.api_keys import issue_api_key
from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.accounts.tokens import start_session
from hue_s.backend.startup import prepare_database
from hue_s.modules.alerts.backend.columns import utc_now
from tests.modules.alerts.backend.conftest import draft
from tests.modules.alerts.backend.routes.test_routes_stream import (
    WAIT_SECONDS,
    next_alert_event,
    stream,
)

from .postgres_cluster import free_loopback_port

SECRET = "k" * 40
POINT = {"lat": "16.4637", "long": "107.5909"}  # Trường Tiền bridge, Phú Xuân


@dataclass(frozen=True)
class Server:
    """A running `hue-s backend`: its URL and the id of its first process."""

    url: str
    pid: int


@contextmanager
def backend(database_url: str, data_dir: Path, workers: int = 1) -> Iterator[Server]:
    """Run `hue-s backend` in its own process tree; yield it once /healthz answers."""
    port = free_loopback_port()
    command = [sys.executable, "-m", "hue_s", "backend", "--database", database_url]
    command += ["--port", str(port), "--workers", str(workers)]
    environment = os.environ | {"HUE_S_DATA_DIR": str(data_dir), "HUE_S_SECRET_KEY": SECRET}
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(process, url)
        yield Server(url, process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_healthy(process: subprocess.Popen[bytes], url: str) -> None:
    """Wait until the server answers /healthz (fail if it exits or takes a minute)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the backend exited while starting"
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("the backend did not answer /healthz within a minute")


def workers_of(pid: int) -> list[int]:
    """Return the ids of a process's spawned workers (Linux; not multiprocessing's tracker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    cmdlines = {child: Path(f"/proc/{child}/cmdline").read_bytes() for child in children}
    return [int(child) for child, cmdline in cmdlines.items() if b"spawn_main" in cmdline]


def credentials(database_url: str) -> tuple[str, dict[str, str]]:
    """Migrate the database; return an API key and an operator's Authorization header."""
    engine = prepare_database(database_url)
    now = utc_now()
    try:
        with Session(engine) as session:
            _, key, _ = issue_api_key(session, "workers-test", now)
            operator = User(phone="+84905000011", role="operator", created_at=now, updated_at=now)
            session.add(operator)
            session.commit()
            token = start_session(
                session, AccountsSettings(secret_key=SECRET.encode()), operator, "test"
            )
    finally:
        engine.dispose()
    return key, {"Authorization": f"Bearer {token.access_token}"}


async def report_through(url: str, key: str) -> str:
    """File a report through one server; return its id."""
    form = POINT | {"service_code": "road_pothole", "api_key": key, "description": "Ổ gà"}
    async with httpx.AsyncClient(base_url=url, timeout=WAIT_SECONDS) as client:
        answer = await client.post("/open311/v2/requests.json", data=form)
    assert answer.status_code == 200, answer.text
    return str(answer.json()[0]["service_request_id"])


async def issue_alert(url: str, operator: dict[str, str], headline: str) -> int:
    """Issue an alert through one server; return its id."""
    async with httpx.AsyncClient(base_url=url, timeout=WAIT_SECONDS) as client:
        answer = await client.post(
            "/api/v1/alerts", json=draft(headline=headline), headers=operator
        )
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


@pytest.mark.postgres
async def test_two_servers_on_one_database_see_each_others_writes_and_alerts(
    postgres_database_url: str, tmp_path: Path
) -> None:
    """Reads through A find B's report; A's streams get B's alert (LISTEN/NOTIFY, not shared
    memory: the two are separate processes, as workers are)."""
    key, operator = credentials(postgres_database_url)
    with (
        backend(postgres_database_url, tmp_path) as server_a,
        backend(postgres_database_url, tmp_path) as server_b,
    ):
        report_id = await report_through(server_b.url, key)
        async with httpx.AsyncClient(base_url=server_a.url, timeout=WAIT_SECONDS) as client:
            found = await client.get(f"/open311/v2/requests/{report_id}.json")
            listed = await client.get("/open311/v2/requests.json")
        assert found.status_code == 200
        assert found.json()[0]["service_request_id"] == report_id
        assert report_id in [entry["service_request_id"] for entry in listed.json()]
        async with stream(server_a.url) as events:
            alert_id = await issue_alert(server_b.url, operator, "Qua máy chủ khác")
            received = await next_alert_event(events)
    assert received.json()["id"] == alert_id


@pytest.mark.postgres
async def test_several_workers_serve_one_port_and_every_stream_hears_every_alert(
    postgres_database_url: str, tmp_path: Path
) -> None:
    """`--workers 3`: three worker processes; streams wherever the kernel placed them all
    receive the alert, whichever worker took its POST."""
    key, operator = credentials(postgres_database_url)
    with backend(postgres_database_url, tmp_path, workers=3) as server:
        url = server.url
        assert len(workers_of(server.pid)) == 3
        report_id = await report_through(url, key)
        async with httpx.AsyncClient(base_url=url, timeout=WAIT_SECONDS) as client:
            for _ in range(6):  # several connections: several workers answer
                answer = await client.get(f"/open311/v2/requests/{report_id}.json")
                assert answer.status_code == 200
        async with (
            stream(url) as first,
            stream(url) as second,
            stream(url) as third,
            stream(url) as fourth,
        ):
            alert_id = await issue_alert(url, operator, "Mọi worker đều nghe")
            received = await asyncio.gather(
                *(next_alert_event(events) for events in (first, second, third, fourth))
            )
    assert [event.json()["id"] for event in received] == [alert_id] * 4


def test_several_workers_need_postgresql(tmp_path: Path) -> None:
    """SQLite lets one process write at a time: --workers 2 on it is refused before serving."""
    from hue_s.backend.config import BackendSettings, sqlite_url_for
    from hue_s.backend.server import serve
    from hue_s.backend.startup import BackendStartError

    settings = BackendSettings(data_dir=tmp_path, database_url=sqlite_url_for(tmp_path / "a.db"))
    with pytest.raises(BackendStartError, match="Several workers need PostgreSQL"):
        serve(settings, port=0, workers=2)
    assert not (tmp_path / "a.db").exists()  # refused before opening anything
