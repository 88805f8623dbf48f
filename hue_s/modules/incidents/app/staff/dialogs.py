"""Small forms in dialogs for case actions: fields, a check before sending, one confirm button."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.views.dialogs import close_dialog, close_now, dismissal

Check = Callable[[], str | None]
"""Returns a translated problem with the fields, or None when they are fine."""
Send = Callable[[], Awaitable[str | None]]
"""Sends what the dialog asked for; returns a translated problem, or None when it went through."""


def ask(
    ctx: AppContext,
    *,
    key: str,
    title: str,
    fields: Sequence[ft.Control],
    confirm: str,
    check: Check,
    on_confirm: Callable[[], Awaitable[None]],
    confirm_enabled: bool = True,
    send: Send | None = None,
) -> ft.AlertDialog:
    """Show a dialog with fields; on confirm, run `check` then close and run `on_confirm`.

    With `send`, it is sent while the dialog stays open: a problem it returns shows in the
    dialog with everything typed kept, and only success closes it.
    """
    problem = ft.Text(key=f"{key}-error", color=ft.Colors.ERROR, visible=False)
    button = ft.FilledButton(key=f"{key}-confirm", content=confirm, disabled=not confirm_enabled)

    def show(message: str | None) -> None:
        """Show (or hide) the dialog's problem line."""
        problem.value, problem.visible = message or "", bool(message)

    async def confirmed(event: ft.Event[ft.Button]) -> None:
        """Check the fields; send; then close the dialog and act."""
        message = check()
        if message is None and send is not None:
            button.disabled = True
            show(None)
            dialog.update()
            message = await send()
            button.disabled = False
        if message:
            show(message)
            dialog.update()
            return
        await close_dialog(dialog, dismissed)
        await on_confirm()

    button.on_click = confirmed
    dialog: ft.AlertDialog = ft.AlertDialog(  # no key: a closing and a new one may overlap
        modal=True,
        title=ft.Text(title),
        semantics_label=title,
        content=ft.Column([*fields, problem], tight=True, spacing=12, width=440),
        scrollable=True,
        actions=[
            ft.TextButton(
                key=f"{key}-cancel",
                content=ctx._("Cancel"),
                on_click=lambda _e: close_now(dialog),
            ),
            button,
        ],
    )
    dismissed = dismissal(dialog)
    ctx.page.show_dialog(dialog)
    return dialog


def text_field(ctx: AppContext, key: str, label: str, *, multiline: bool = True) -> ft.TextField:
    """Return a text field of a dialog."""
    return ft.TextField(
        key=key, label=label, multiline=multiline, min_lines=2 if multiline else 1, max_length=2000
    )


def too_short(ctx: AppContext, field: ft.TextField, minimum: int = 3) -> str | None:
    """Return the problem of a field holding fewer than `minimum` characters."""
    if len((field.value or "").strip()) < minimum:
        return ctx._("Write at least a few words.")
    return None
