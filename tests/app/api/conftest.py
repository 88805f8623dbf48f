"""Fixtures for the typed-client tests: a client over a mock transport that never sleeps."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from hue_s.app.api.client import HueClient
from hue_s.app.api.retry import RetryPolicy

from .scripted import ClientFactory, Handler, RecordingSleep


@pytest.fixture
def sleeps() -> RecordingSleep:
    """Return the recorder every client built by `make_client` sleeps through."""
    return RecordingSleep()


@pytest.fixture
async def make_client(sleeps: RecordingSleep) -> AsyncIterator[ClientFactory]:
    """Yield a factory of clients over `httpx.MockTransport(handler)`, closed afterwards."""
    clients: list[HueClient] = []

    def factory(handler: Handler, *, max_retries: int = 2, **options: Any) -> HueClient:
        policy = RetryPolicy(max_retries=max_retries, sleep=sleeps)
        client = HueClient(
            "http://hue.test", transport=httpx.MockTransport(handler), retry=policy, **options
        )
        clients.append(client)
        return client

    yield factory
    for client in clients:
        await client.aclose()
