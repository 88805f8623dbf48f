"""A closed session always closes its connections, even when a kiosk wipe fails."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from hue_s.app import main
from hue_s.app.state.errors import StoreError


class Api:
    def __init__(self) -> None:
        self.closed = False

    async def aclose(self) -> None:
        self.closed = True


class Sender:
    def __init__(self) -> None:
        self.stopped = False

    async def stop(self) -> None:
        self.stopped = True


class Kiosk:
    def __init__(self) -> None:
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


async def test_a_failed_kiosk_wipe_still_closes_the_api_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def wipe_fails(ctx: Any) -> None:
        raise StoreError("the WAL checkpoint did not complete")

    monkeypatch.setattr(main, "forget_visitor_data", wipe_fails)
    ctx: Any = SimpleNamespace(kiosk=Kiosk(), api=Api(), outbox_sender=Sender())

    with pytest.raises(StoreError):
        await main.end_session(ctx)

    assert ctx.kiosk.stopped
    assert ctx.outbox_sender.stopped
    assert ctx.api.closed
