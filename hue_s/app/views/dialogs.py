"""Showing a dialog on a page whose web client may have been reloaded since the last one."""

from __future__ import annotations

import flet as ft


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
