"""What the alerts domain runs while the server runs: the hub, LISTEN, and the CAP poller."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from hue_s.backend.kernel.event_hub import stop_task
from hue_s.modules.alerts.backend.feeds.fetch import http_client
from hue_s.modules.alerts.backend.feeds.ingest import Ingestor
from hue_s.modules.alerts.backend.feeds.sources import poll_forever
from hue_s.modules.alerts.backend.settings import alerts_settings_of
from hue_s.modules.alerts.backend.stream.hub import AlertHub

if TYPE_CHECKING:
    from hue_s.modules.alerts.backend.stream.pg_listener import PostgresListener


class AlertsRuntime:
    """The per-process machinery of alerts, started and stopped with the app."""

    def __init__(self, hub: AlertHub, listener: PostgresListener | None) -> None:
        """Hold the hub and, on PostgreSQL, its LISTEN connection."""
        self.hub = hub
        self.listener = listener


@contextlib.asynccontextmanager
async def alerts_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the hub (and LISTEN on PostgreSQL, and the CAP poller if sources are set)."""
    settings = alerts_settings_of(app)
    engine: Engine = app.state.engine
    factory: sessionmaker[Session] = app.state.session_factory
    hub = AlertHub(factory, settings.stream_poll_seconds)
    await hub.start()
    listener = None
    if engine.dialect.name == "postgresql":
        # psycopg is an optional dependency (the `postgres` extra): load it only here.
        from hue_s.modules.alerts.backend.stream.pg_listener import PostgresListener

        # Direct to PostgreSQL when the engine goes through a pooler (BackendSettings).
        listener = PostgresListener(make_url(app.state.settings.listen_database_url), hub)
        listener.start()
    app.state.alerts_runtime = AlertsRuntime(hub, listener)
    client = http_client(settings.upstream_timeout_seconds)
    if getattr(app.state, "weather_client", None) is None:  # tests set a fake upstream
        app.state.weather_client = client
    poller = None
    if settings.cap_sources:
        cap_client = getattr(app.state, "cap_client", None) or client
        ingestor = Ingestor(factory, cap_client, on_commit=hub.wake_threadsafe)
        poller = asyncio.create_task(
            poll_forever(ingestor, settings.cap_sources, settings.cap_poll_seconds)
        )
    try:
        yield
    finally:
        if poller is not None:
            await stop_task(poller)
        await client.aclose()
        if app.state.weather_client is client:
            app.state.weather_client = None
        if listener is not None:
            await listener.stop()
        await hub.stop()
        app.state.alerts_runtime = None


def runtime_of(request: Request) -> AlertsRuntime | None:
    """Return the running alerts machinery, None when the app's lifespan has not started it."""
    runtime: AlertsRuntime | None = getattr(request.app.state, "alerts_runtime", None)
    return runtime


def wake_streams(request: Request) -> None:
    """Tell this process's streams that an alert was committed (from any thread)."""
    runtime = runtime_of(request)
    if runtime is not None:
        runtime.hub.wake_threadsafe()
