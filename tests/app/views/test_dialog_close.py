"""Closing a dialog waits for the client to say it is gone, within a bound."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from hue_s.app.views import dialogs


class Dialog:
    """What closing touches of a dialog: its open flag and update."""

    def __init__(self) -> None:
        self.open = True
        self.updates = 0

    def update(self) -> None:
        """Count the updates sent to the client."""
        self.updates += 1


async def test_what_follows_a_close_waits_for_the_dismissal() -> None:
    dialog: Any = Dialog()
    dismissed = asyncio.Event()
    closing = asyncio.create_task(dialogs.close_dialog(dialog, dismissed))
    for _ in range(3):  # let the task run up to its wait
        await asyncio.sleep(0)
    assert dialog.open is False and dialog.updates == 1
    assert not closing.done()  # the snack bar and the redraw wait for the client
    dismissed.set()
    await asyncio.wait_for(closing, 1)


async def test_a_dismissal_that_never_comes_holds_nothing_up_for_long(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dialogs, "DISMISS_WAIT_S", 0.05)
    dialog: Any = Dialog()
    await asyncio.wait_for(dialogs.close_dialog(dialog, asyncio.Event()), 1)
    assert dialog.open is False
