"""Runs the app process: find or start a backend, then serve the Flet client."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import flet as ft
import httpx

from hue_s.app.config import AppConfig
from hue_s.app.context import AppServices
from hue_s.app.main import session_entry
from hue_s.app.modules import discover
from hue_s.app.state.errors import StoreError
from hue_s.app.state.store import Store, default_store_path

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"


class AppStartError(RuntimeError):
    """The app cannot start; the message says why in one line."""


def has_display() -> bool:
    """Say whether a desktop window can be opened here."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_port_free(host: str, port: int) -> None:
    """Raise AppStartError when another program already listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
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
    """Open the local store in the data directory, with a one-line error if it cannot."""
    try:
        return Store(default_store_path(config.data_dir))
    except StoreError as error:
        raise AppStartError(str(error)) from error


def run_app(config: AppConfig) -> None:
    """Serve the app until it is closed: a desktop window, or the web client on loopback."""
    web = config.web or not has_display()
    if web:
        ensure_port_free(config.host, config.port)
        os.environ["FLET_FORCE_WEB_SERVER"] = "1"
    store = open_store(config)
    with backend_for(config) as backend_url:
        services = AppServices(config, discover(config.modules), store, backend_url)
        if web:
            print(
                f"Hue-S is running at http://{config.host}:{config.port}/ (backend {backend_url})",
                flush=True,
            )
        ft.run(
            session_entry(services),
            name="",
            host=config.host if web else None,
            port=config.port if web else 0,
            view=ft.AppView.WEB_BROWSER if web else ft.AppView.FLET_APP,
            assets_dir=str(ASSETS_DIR),
            no_cdn=True,
        )
