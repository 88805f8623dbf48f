"""Showing a dialog on a page whose web client may have been reloaded since the last one."""

from __future__ import annotations

import asyncio
import contextlib

import flet as ft

DISMISS_WAIT_S = 3.0
"""How long to wait for the client to report a closed dialog gone before acting anyway."""


def show_dialog(page: ft.Page, dialog: ft.DialogControl) -> None:
    """Show `dialog`, first dropping the dialogs closed but never reported dismissed.

    Flet keeps a closed dialog on the page until the client reports its dismissal, which a
    reload loses (the session outlives it): closed help dialogs piled up under the next one and
    Chromium's renderer spun at 100% CPU. Only for a dialog opened again after a reload (the
    help dialog): dropping one closed a moment ago, before its dismissal came, left it drawn
    for good (the officer's resolve dialog). Flet 1.0.5 has no public way to the stack.
    """
    stack = page._dialogs
    if any(not shown.open for shown in stack.controls):
        stack.controls = [shown for shown in stack.controls if shown.open]
    page.show_dialog(dialog)


def close_now(dialog: ft.DialogControl) -> None:
    """Close this dialog, not whichever opened last (`page.pop_dialog` may close a snack bar)."""
    dialog.open = False
    with contextlib.suppress(RuntimeError):  # it is already gone from the page
        dialog.update()


def dismissal(dialog: ft.DialogControl) -> asyncio.Event:
    """Return the event the client's report of `dialog` dismissed sets (its `on_dismiss`)."""
    assert dialog.on_dismiss is None, "the dialog already has its own on_dismiss"
    dismissed = asyncio.Event()
    dialog.on_dismiss = lambda _event: dismissed.set()
    return dismissed


async def close_dialog(dialog: ft.DialogControl, dismissed: asyncio.Event) -> None:
    """Close this dialog and wait until the client reports it gone (the dialog's `on_dismiss`
    sets `dismissed`; see `dismissal`), so what comes next (a snack bar, a redrawn screen)
    cannot race its exit.

    A snack bar and a redraw sent while the resolve dialog was closing left it drawn over the
    resolved case for good, about one run in three on a busy machine.
    """
    dismissed.clear()  # a dialog shown again: its last dismissal is not this one
    close_now(dialog)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(dismissed.wait(), DISMISS_WAIT_S)
