"""A throwaway PgBouncer in transaction mode in front of a test PostgreSQL, on loopback."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from .postgres_cluster import POSTGRES_USER, command_prefix, free_loopback_port

DEBIAN_PATH = Path("/usr/sbin/pgbouncer")  # Debian's package puts it outside a user's PATH
START_SECONDS = 20.0


class PgBouncerUnavailable(Exception):
    """No pgbouncer binary here; the message says why."""


def pgbouncer_binary() -> str:
    """Return the pgbouncer program (PATH first, then Debian's place), or raise."""
    found = shutil.which("pgbouncer") or (str(DEBIAN_PATH) if DEBIAN_PATH.exists() else None)
    if found is None:
        raise PgBouncerUnavailable(f"no pgbouncer on PATH or at {DEBIAN_PATH}")
    return found


def pgbouncer_version() -> tuple[int, int]:
    """Return pgbouncer's (major, minor) version, from `pgbouncer --version`."""
    shown = subprocess.run(
        [pgbouncer_binary(), "--version"], capture_output=True, text=True, timeout=30
    ).stdout
    match = re.search(r"PgBouncer (\d+)\.(\d+)", shown)
    if match is None:
        raise PgBouncerUnavailable(f"unreadable pgbouncer version: {shown!r}")
    return int(match.group(1)), int(match.group(2))


def settings_text(server_url: str, root: Path, port: int, pool_size: int) -> str:
    """Return the ini of a transaction-mode pooler for every database of the server at URL."""
    server = make_url(server_url)
    return f"""[databases]
* = host={server.host or "127.0.0.1"} port={server.port or 5432}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {root / "users.txt"}
pool_mode = transaction
default_pool_size = {pool_size}
max_client_conn = 500
logfile = {root / "pgbouncer.log"}
pidfile = {root / "pgbouncer.pid"}
"""


def accepts(port: int) -> bool:
    """Tell whether something accepts TCP connections on 127.0.0.1:port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@dataclass
class PgBouncer:
    """A running pgbouncer owned by a test or a benchmark."""

    root: Path
    process: subprocess.Popen[bytes]
    port: int

    @classmethod
    def start(cls, server_url: str, pool_size: int = 20) -> PgBouncer:
        """Start a transaction-mode pooler on a free loopback port in front of server_url.

        Clients log in as server_url's user (trust; its password, if any, is used towards the
        server). As root it runs as the postgres user, as the test cluster does.
        """
        binary, prefix = pgbouncer_binary(), command_prefix()
        root = Path(tempfile.mkdtemp(prefix="hue-s-pgbouncer-"))
        server = make_url(server_url)
        (root / "users.txt").write_text(f'"{server.username}" "{server.password or ""}"\n')
        port = free_loopback_port()
        (root / "pgbouncer.ini").write_text(settings_text(server_url, root, port, pool_size))
        if prefix:
            for path in (root, *root.iterdir()):
                shutil.chown(path, user=POSTGRES_USER)
        command = [*prefix, binary, str(root / "pgbouncer.ini")]
        quiet = subprocess.DEVNULL
        process = subprocess.Popen(command, stdout=quiet, stderr=quiet)
        bouncer = cls(root, process, port)
        try:
            bouncer.wait_until_ready()
        except BaseException:
            bouncer.stop()
            raise
        return bouncer

    def wait_until_ready(self) -> None:
        """Wait until the pooler accepts connections; raise with its log if it exits."""
        deadline = time.monotonic() + START_SECONDS
        while not accepts(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = self.root / "pgbouncer.log"
                shown = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                raise RuntimeError(f"pgbouncer did not start on port {self.port}: {shown}")
            time.sleep(0.05)

    def url_for(self, database_url: str) -> str:
        """Return database_url pointed at the pooler instead of the server."""
        pooled = make_url(database_url).set(host="127.0.0.1", port=self.port)
        return pooled.render_as_string(hide_password=False)

    def stop(self) -> None:
        """Stop the pooler and delete its files."""
        try:
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
