"""The backend as its own process on loopback (as `hue-s backend serve` runs), for crash tests.

A test that kills app processes (os.fork, SIGKILL) needs the backend out of its own process:
a server thread in the test process would be copied, half-locked, into every fork.
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

CODE = re.compile(r"SMS not sent.*?:.*?\b(\d{6})\b")


@dataclass
class Backend:
    """The backend process and where it keeps its data."""

    url: str
    data_dir: Path
    log: Path
    env: dict[str, str]

    def query(self, sql: str, *parameters: object) -> list[tuple[object, ...]]:
        """Return the rows of a query on the backend's database."""
        with sqlite3.connect(self.data_dir / "hue-s.db") as database:
            return database.execute(sql, parameters).fetchall()

    def incidents_by_uuid(self) -> Counter[str]:
        """Return how many incidents the server stores under each client UUID."""
        rows = self.query("SELECT client_uuid, id FROM incidents")
        return Counter(str(uuid) for uuid, _ in rows)

    def incident_ids(self) -> dict[str, int]:
        """Return the incident id stored under each client UUID."""
        rows = self.query("SELECT client_uuid, id FROM incidents")
        return {str(uuid): int(str(incident_id)) for uuid, incident_id in rows}

    def create_user(self, phone: str, role: str) -> None:
        """Create an account with a role, as an administrator would."""
        command = [sys.executable, "-m", "hue_s", "backend", "create-user", "--phone", phone]
        command += ["--role", role, "--name", "Nguyễn Văn An"]
        subprocess.run(command, env=self.env, check=True, capture_output=True, timeout=60)

    def token(self, phone: str) -> str:
        """Sign someone in with the code the backend logged; return the access token."""
        with httpx.Client(base_url=self.url, timeout=10) as client:
            client.post("/api/v1/auth/otp", json={"phone": phone}).raise_for_status()
            deadline = time.monotonic() + 10
            codes: list[str] = []
            while not codes and time.monotonic() < deadline:
                codes = CODE.findall(self.log.read_text())
                time.sleep(0.1)
            assert codes, self.log.read_text()[-2000:]
            answer = client.post("/api/v1/auth/token", json={"phone": phone, "code": codes[-1]})
            answer.raise_for_status()
            return str(answer.json()["access_token"])


@contextmanager
def backend_process(data_dir: Path) -> Iterator[Backend]:
    """Serve the backend on a loopback port, as `hue-s backend` does, until the block ends."""
    log = data_dir / "backend.log"
    port = free_port()
    env = {**os.environ, "HUE_S_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "hue_s", "backend", "serve", "--port", str(port)]
    with log.open("w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield Backend(url, data_dir, log, env)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until the backend answers /healthz."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the backend exited:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the backend did not start:\n{log.read_text()[-2000:]}")
