"""Showing a dialog on a page whose web client may have been reloaded since the last one."""

from __future__ import annotations

import flet as ft


def show_dialog(page: ft.Page, dialog: ft.DialogControl) -> None:
    """Show `dialog`, first dropping the dialogs closed but never reported dismissed.

    Flet keeps a closed dialog on the page until the client reports its dismissal, which a
    reload loses (the session outlives it) and a banner never sends. With a closed dialog or
    banner beside the new one, Chromium's renderer spun at 100% CPU. Flet 1.0.5 has no public
    way to reach the page's dialog stack.
    """
    stack = page._dialogs
    if any(not shown.open for shown in stack.controls):
        stack.controls = [shown for shown in stack.controls if shown.open]
    page.show_dialog(dialog)
