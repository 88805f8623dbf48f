"""Test doubles for the client: a scripted mock-transport handler and a sleep that only records."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from hue_s.app.api.client import HueClient

Handler = Callable[[httpx.Request], httpx.Response]
ClientFactory = Callable[..., HueClient]


class RecordingSleep:
    """A sleep function that only records how long it was asked to wait."""

    def __init__(self) -> None:
        """Start with no waits."""
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        """Record a wait instead of waiting."""
        self.delays.append(seconds)


class ScriptedHandler:
    """A mock-transport handler that answers from a script and records every request."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        """Answer the n-th request with the n-th answer (the last one repeats)."""
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        """Record the request and give the next scripted answer."""
        self.requests.append(request)
        answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer


def ok(body: object = None) -> httpx.Response:
    """Return a 200 response with a JSON body."""
    return httpx.Response(200, json=body if body is not None else {"status": "ok"})
