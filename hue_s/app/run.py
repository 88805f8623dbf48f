"""Runs the app process: find or start a backend, then serve the Flet client."""

from __future__ import annotations

import logging
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import flet as ft
import flet_web
import httpx

from hue_s.app.config import AppConfig
from hue_s.app.context import AppServices
from hue_s.app.device.identity import KIOSK_DEVICE_PREFIX
from hue_s.app.device.scratch import remove_leftover_scratch_dirs
from hue_s.app.main import session_entry
from hue_s.app.modules import discover
from hue_s.app.state.errors import StoreError
from hue_s.app.state.store import Store, default_store_path
from hue_s.app.web_server import listening_socket, serve

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
WEB_CACHE = "web-cache"  # in the data dir: the web client's files, gzipped once
KIOSK_NEEDS_A_BACKEND = (
    "a kiosk serves many visitors and keeps none of their accounts or reports on its disk: "
    "start it with --backend URL, the city's Hue-S backend (e.g. a `hue-s backend` server)"
)


class AppStartError(RuntimeError):
    """The app cannot start; the message says why in one line."""


def has_display() -> bool:
    """Say whether a desktop window can be opened here."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def web_socket(host: str, port: int) -> socket.socket:
    """Listen on host:port for the web client, or raise AppStartError when it is taken."""
    try:
        return listening_socket(host, port)
    except OSError as error:
        raise AppStartError(f"port {port} on {host} is taken ({error.strerror})") from error


def check_backend(url: str) -> None:
    """Raise AppStartError unless a Hue-S backend answers /healthz at `url`."""
    try:
        response = httpx.get(f"{url.rstrip('/')}/healthz", timeout=5.0)
        response.raise_for_status()
    except httpx.HTTPError as error:
        raise AppStartError(f"cannot reach the backend at {url}: {error}") from error


@contextmanager
def backend_for(config: AppConfig) -> Iterator[str]:
    """Yield the backend URL: the configured one, or an embedded backend started here."""
    if config.backend_url:
        check_backend(config.backend_url)
        yield config.backend_url.rstrip("/")
        return
    if config.kiosk:
        raise AppStartError(KIOSK_NEEDS_A_BACKEND)
    from hue_s.backend.config import BackendSettings
    from hue_s.backend.server import BackendStartError, EmbeddedBackend

    backend = EmbeddedBackend(BackendSettings(data_dir=config.data_dir))
    try:
        url = backend.start()
    except BackendStartError as error:
        raise AppStartError(str(error)) from error
    try:
        yield url
    finally:
        backend.stop()


def open_store(config: AppConfig) -> Store:
    """Open the local store, with a one-line error if it cannot.

    A kiosk first forgets the visitors whose visit a crash or kill cut short: their rows
    and photo folders were never wiped, and nobody comes back for them (each visit has a
    new device id).
    """
    try:
        store = Store(default_store_path(config.data_dir))
    except StoreError as error:
        raise AppStartError(str(error)) from error
    if config.kiosk:
        try:
            store.wipe_devices_with_prefix(KIOSK_DEVICE_PREFIX)
        except StoreError as error:
            store.close()
            raise AppStartError(str(error)) from error
        remove_leftover_scratch_dirs(config.data_dir)
    return store


def quiet_logs() -> None:
    """Keep addresses (with their queries and codes) out of the log: no line per request."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def run_app(config: AppConfig) -> None:
    """Serve the app until it is closed: a desktop window, or the web client on loopback."""
    quiet_logs()
    web = config.web or not has_display()
    sock = web_socket(config.host, config.port) if web else None
    try:
        store = open_store(config)
        with backend_for(config) as backend_url:
            services = AppServices(config, discover(config.modules), store, backend_url)
            if sock is not None:
                serve_web(services, sock, backend_url)
            else:
                ft.run(
                    session_entry(services),
                    name="",
                    view=ft.AppView.FLET_APP,
                    assets_dir=str(ASSETS_DIR),
                    no_cdn=True,
                )
    finally:
        if sock is not None:
            sock.close()


def serve_web(services: AppServices, sock: socket.socket, backend_url: str) -> None:
    """Serve the web client (Flutter, no CDN) on `sock` until SIGINT or SIGTERM."""
    app = ft.run(
        session_entry(services),
        name="",
        assets_dir=str(ASSETS_DIR),
        no_cdn=True,
        export_asgi_app=True,
    )
    host, port = sock.getsockname()[:2]
    print(f"Hue-S is running at http://{host}:{port}/ (backend {backend_url})", flush=True)
    roots = (Path(flet_web.get_package_web_dir()), ASSETS_DIR)  # the files Flet serves
    serve(app, sock, services.config.data_dir / WEB_CACHE, roots)
