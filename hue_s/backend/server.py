"""Run the backend with uvicorn: standalone (blocking) or embedded in a background thread."""

from __future__ import annotations

import errno
import gc
import os
import socket
import threading
import time
from types import TracebackType
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from hue_s.backend.access_log import hide_secrets_in_access_log
from hue_s.backend.app import create_app
from hue_s.backend.config import LISTEN_URL_ENV, BackendSettings
from hue_s.backend.kernel.db import is_sqlite
from hue_s.backend.startup import BackendStartError, parse_database_url, prepare_database
from hue_s.plugins import plugin_manager

LOOPBACK = "127.0.0.1"
GRACEFUL_SHUTDOWN_SECONDS = 5
DATABASE_URL_ENV = "HUE_S_DATABASE_URL"
WORKER_APP = "hue_s.backend.server:worker_app"


def listening_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on host:port (0 picks a free port), or raise BackendStartError."""
    try:
        family, *_ = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        return socket.create_server((host, port), family=family)
    except OSError as error:
        if error.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            raise BackendStartError(f"Port {port} on {host} is already in use") from None
        reason = error.strerror or str(error)
        raise BackendStartError(f"Cannot listen on {host}:{port}: {reason}") from None


def uvicorn_config(
    app: FastAPI | str, settings: BackendSettings, host: str, port: int, **options: Any
) -> uvicorn.Config:
    """Return uvicorn's configuration for the app (or the import string of its factory)."""
    proxies = settings.trusted_proxies
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        proxy_headers=bool(proxies),  # else uvicorn believes X-Forwarded-For from loopback
        forwarded_allow_ips=list(proxies) or None,
        **options,
    )
    hide_secrets_in_access_log()  # after Config, which (re)configures uvicorn's loggers
    return config


def uvicorn_server(
    settings: BackendSettings, host: str, port: int, *, embedded: bool
) -> uvicorn.Server:
    """Create the app and a uvicorn server for it (embedded: quiet, logging left alone)."""
    quiet: dict[str, Any] = {"log_config": None, "log_level": "warning", "access_log": False}
    config = uvicorn_config(
        create_app(settings), settings, host, port, **(quiet if embedded else {})
    )
    return uvicorn.Server(config)


def settle_heap() -> None:
    """Exempt what start-up built (modules, app, schemas) from the collector's full passes.

    Each full pass walked that whole heap: about 0.3 s every few hundred list reads.
    """
    gc.collect()
    gc.freeze()


def serve(
    settings: BackendSettings, host: str = LOOPBACK, port: int = 8000, workers: int = 1
) -> None:
    """Serve the backend until interrupted (Ctrl+C); raises BackendStartError if it cannot."""
    if workers > 1 and is_sqlite(parse_database_url(settings.database_url)):
        raise BackendStartError(
            "Several workers need PostgreSQL (--database postgresql+psycopg://...): "
            "SQLite lets one process write at a time"
        )
    sock = listening_socket(host, port)
    try:
        if workers > 1:
            serve_workers(settings, sock, workers)
            return
        server = uvicorn_server(settings, host, sock.getsockname()[1], embedded=False)
        settle_heap()
        server.run(sockets=[sock])
    finally:
        sock.close()


def serve_workers(settings: BackendSettings, sock: socket.socket, workers: int) -> None:
    """Migrate once, then serve from `workers` processes sharing the socket (uvicorn's way).

    Each worker builds its app with worker_app(), from the environment: the database URL is
    passed on through $HUE_S_DATABASE_URL (and LISTEN's through $HUE_S_DATABASE_LISTEN_URL);
    the other settings are already read from it.
    """
    prepare_database(settings.database_url, plugin_manager(settings.modules)).dispose()
    os.environ[DATABASE_URL_ENV] = settings.database_url
    os.environ[LISTEN_URL_ENV] = settings.listen_database_url
    host, port = sock.getsockname()[:2]
    config = uvicorn_config(WORKER_APP, settings, host, port, factory=True, workers=workers)
    Multiprocess(config, sockets=[sock]).run()


def worker_app() -> FastAPI:
    """Build the app in a worker process started by serve_workers (uvicorn's factory)."""
    app = create_app(BackendSettings())
    hide_secrets_in_access_log()  # the worker configured its loggers anew
    settle_heap()
    return app


class EmbeddedBackend:
    """The backend running in-process, in a daemon thread, on a loopback port."""

    def __init__(
        self, settings: BackendSettings, *, port: int = 0, startup_timeout: float = 30.0
    ) -> None:
        """Prepare to serve settings on 127.0.0.1:port (0: any free port)."""
        self.settings = settings
        self.port = port
        self.startup_timeout = startup_timeout
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self.base_url: str | None = None

    def start(self) -> str:
        """Start serving and wait until /healthz answers; return the base URL."""
        if self.base_url is not None:
            return self.base_url
        sock = listening_socket(LOOPBACK, self.port)
        port = sock.getsockname()[1]
        try:
            server = uvicorn_server(self.settings, LOOPBACK, port, embedded=True)
        except BaseException:
            sock.close()
            raise
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="hue-s-backend", daemon=True
        )
        self._server, self._thread, self._socket = server, thread, sock
        thread.start()
        base_url = f"http://{LOOPBACK}:{port}"
        try:
            self._wait_until_healthy(base_url)
        except BackendStartError:
            self.stop()
            raise
        self.base_url = base_url
        return base_url

    def _wait_until_healthy(self, base_url: str) -> None:
        """Poll /healthz until it answers 200, the thread dies or the timeout passes."""
        deadline = time.monotonic() + self.startup_timeout
        last_problem = "no answer"
        with httpx.Client(base_url=base_url, timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self._thread is None or not self._thread.is_alive():
                    raise BackendStartError("The embedded backend stopped while starting")
                try:
                    response = client.get("/healthz")
                    if response.status_code == 200:
                        return
                    last_problem = f"/healthz answered {response.status_code}"
                except httpx.TransportError as error:
                    last_problem = str(error) or type(error).__name__
                time.sleep(0.05)
        raise BackendStartError(f"The embedded backend did not become healthy: {last_problem}")

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the server to finish, wait for its thread and release the port."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None
        self.base_url = None

    @property
    def running(self) -> bool:
        """Tell whether the server thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> EmbeddedBackend:
        """Start on entering a with block."""
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop on leaving a with block."""
        self.stop()
