"""Build the FastAPI application of the reference backend."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

import hue_s
from hue_s.backend.body_limits import BodyLimits, larger_bodies
from hue_s.backend.config import BackendSettings
from hue_s.backend.http_headers import HttpHygiene
from hue_s.backend.kernel.api_errors import install_error_handlers
from hue_s.backend.kernel.blob_store import BlobStoreError, S3BlobStore, open_blob_store
from hue_s.backend.kernel.db import create_session_factory, database_writer
from hue_s.backend.kernel.unstorable import refuse_unstorable_values
from hue_s.backend.openapi_docs import document_common_errors
from hue_s.backend.startup import BackendStartError, prepare_database
from hue_s.plugins import plugin_manager


def photo_store(settings: BackendSettings) -> S3BlobStore | None:
    """Open the object store of $HUE_S_PHOTO_STORE, or None: photos stay in the database."""
    try:
        return open_blob_store(settings.photo_store)
    except BlobStoreError as error:
        raise BackendStartError(str(error)) from None


def create_app(settings: BackendSettings) -> FastAPI:
    """Open, migrate and seed the database, then return the app (raises BackendStartError).

    The kernel and the modules of `settings.modules` bring their routes, tables (their
    migration branches) and hooks through the plugin manager; the other modules are absent.
    """
    object_store = photo_store(settings)
    plugins = plugin_manager(settings.modules)
    engine = prepare_database(settings.database_url, plugins)
    writer = database_writer(engine)
    refuse_unstorable_values(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        """Release the database connections when the server stops."""
        yield
        if writer is not None:
            writer.shutdown()
        engine.dispose()

    app = FastAPI(
        title="HueIOC reference backend",
        summary=f"Hue-S backend for {settings.city_name_en}",
        version=hue_s.__version__,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = create_session_factory(engine)
    app.state.writer = writer
    app.state.plugins = plugins
    app.state.object_store = object_store
    install_error_handlers(app)
    for routers in plugins.hook.hue_s_backend_routers():
        for router in routers:
            app.include_router(router)
    app.add_middleware(BodyLimits, larger=larger_bodies(plugins))
    document_common_errors(app)
    app.add_middleware(HttpHygiene)  # last added runs first: it answers what escapes the rest
    return app
