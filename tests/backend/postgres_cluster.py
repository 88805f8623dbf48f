"""A throwaway PostgreSQL cluster for the tests: initdb into a temp dir, serve on loopback."""

from __future__ import annotations

import glob
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SEARCH_GLOB = "/usr/lib/postgresql/*/bin"
POSTGRES_USER = "postgres"
FAST_UNSAFE_SETTINGS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


class PostgresUnavailable(Exception):
    """No way to run a local PostgreSQL here; the message says why."""


def find_bin_dir() -> Path:
    """Return the directory holding initdb and pg_ctl (PATH first, then Debian's layout)."""
    on_path = shutil.which("pg_ctl")
    candidates = [Path(on_path).resolve().parent] if on_path else []
    candidates += sorted(
        (Path(p) for p in glob.glob(SEARCH_GLOB)),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    raise PostgresUnavailable(f"no initdb/pg_ctl on PATH or in {SEARCH_GLOB}")


def command_prefix() -> list[str]:
    """Return the prefix that runs a command as a non-root user (PostgreSQL refuses root)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    import pwd  # POSIX only, like geteuid

    try:
        pwd.getpwnam(POSTGRES_USER)
    except KeyError:
        raise PostgresUnavailable("running as root and there is no 'postgres' user") from None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PostgresUnavailable("running as root and there is no runuser command")
    return [runuser, "-u", POSTGRES_USER, "--"]


def free_loopback_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class PostgresCluster:
    """A running cluster owned by the test session."""

    root: Path
    bin_dir: Path
    prefix: list[str]
    port: int = 0

    @property
    def data_dir(self) -> Path:
        """Where initdb put the cluster."""
        return self.root / "data"

    @property
    def admin_url(self) -> str:
        """SQLAlchemy URL of the superuser's maintenance database."""
        return f"postgresql+psycopg://{POSTGRES_USER}@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        """Run a PostgreSQL tool (as the postgres user when root), failing with its output."""
        result = subprocess.run([*self.prefix, *args], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log = self.root / "postgres.log"
            log_text = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{Path(args[0]).name} failed: {result.stderr}{log_text}")

    @classmethod
    def start(cls) -> PostgresCluster:
        """initdb a new cluster in a temp dir and start it on a free loopback port."""
        bin_dir, prefix = find_bin_dir(), command_prefix()
        root = Path(tempfile.mkdtemp(prefix="hue-s-pg-"))
        cluster = cls(root=root, bin_dir=bin_dir, prefix=prefix)
        try:
            if prefix:
                shutil.chown(root, user=POSTGRES_USER)
            cluster._run(
                str(bin_dir / "initdb"),
                "-D",
                str(cluster.data_dir),
                "-U",
                POSTGRES_USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            )
            cluster._start_on_free_port()
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _start_on_free_port(self, attempts: int = 3) -> None:
        """Start the server, retrying with another port if the chosen one was taken meanwhile."""
        for attempt in range(attempts):
            self.port = free_loopback_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} "
                f"-k {shlex.quote(str(self.root))} {FAST_UNSAFE_SETTINGS}"
            )
            try:
                self._run(
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.data_dir),
                    "-l",
                    str(self.root / "postgres.log"),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    options,
                    "start",
                )
                return
            except RuntimeError:
                if attempt == attempts - 1:
                    raise

    def stop(self) -> None:
        """Stop the server (if it runs) and delete the cluster's files."""
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self._run(
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.data_dir),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
