"""Which providers a running backend talks to: the tests' own, the configured ones, or the
local sandbox, started on first use and stopped with the backend."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
from fastapi import FastAPI, Request

from hue_s.modules.bills.backend.provider import (
    BillProvider,
    configured,
    sandbox_providers,
    start_sandbox,
)

logger = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def bills_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Stop the sandbox this backend started, and close its client, when the server stops."""
    try:
        yield
    finally:
        process: Any = getattr(app.state, "bills_sandbox", None)
        client: httpx.AsyncClient | None = getattr(app.state, "bills_client", None)
        if process is not None:
            process.terminate()
            app.state.bills_sandbox = None
        if client is not None:
            await client.aclose()
            app.state.bills_client = None


async def providers_of(request: Request) -> dict[str, BillProvider]:
    """Return the providers by kind (set by tests on app.state.bills_providers, else made)."""
    state = request.app.state
    found: dict[str, BillProvider] | None = getattr(state, "bills_providers", None)
    if found is not None:
        return found
    if getattr(state, "bills_lock", None) is None:  # no await since the check: one lock
        state.bills_lock = asyncio.Lock()
    lock: asyncio.Lock = state.bills_lock
    async with lock:
        found = getattr(state, "bills_providers", None)
        if found is None:
            client = httpx.AsyncClient(timeout=10.0, follow_redirects=False)
            state.bills_client = client
            if os.environ.get("HUE_S_BILLS_PROVIDER", "sandbox") == "http":
                found = configured(os.environ, client)
            else:
                process, url = await anyio.to_thread.run_sync(start_sandbox)
                logger.info("bills: the local sandbox serves at %s", url)
                state.bills_sandbox = process
                found = sandbox_providers(url, client)
            state.bills_providers = found
    return found
