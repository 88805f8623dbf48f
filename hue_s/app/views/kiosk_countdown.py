"""The kiosk's "Are you still there?" dialog, counting down to the wipe of the visitor's data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.state.outbox import OutboxState

UNSENT_STATES: tuple[OutboxState, ...] = ("pending", "sending", "failed")

Action = Callable[[], Awaitable[None]]


def unsent_counts(ctx: AppContext) -> tuple[int, int]:
    """Return how many drafts and unsent outbox items this visitor has on the kiosk."""
    keys = {entry.key for entry in ctx.store.drafts.entries(ctx.device_id)}
    # "incidents.new.photos" belongs to the draft "incidents.new": one item, not two
    drafts = sum(1 for key in keys if not any(key.startswith(f"{other}.") for other in keys))
    queued = len(ctx.store.outbox.entries(ctx.device_id, states=UNSENT_STATES))
    return drafts, queued


def can_send_now(ctx: AppContext) -> bool:
    """Say whether some unsent outbox item or draft has a module that can send it now."""
    items = ctx.store.outbox.entries(ctx.device_id, states=("pending", "failed"))
    drafts = ctx.store.drafts.entries(ctx.device_id)
    return any(ctx.outbox_sender.handles(item.kind) for item in items) or any(
        draft.key in ctx.draft_senders for draft in drafts
    )


class KioskCountdown:
    """The countdown dialog of one kiosk session (the watcher's `Countdown`)."""

    def __init__(
        self, ctx: AppContext, *, still_here: Action, send_now: Action, end_now: Action
    ) -> None:
        """Prepare the dialog; its buttons call the given actions."""
        self.ctx = ctx
        self._still_here = still_here
        self._send_now = send_now
        self._end_now = end_now
        self._seconds = ft.Text(key="kiosk-countdown-seconds", size=20, weight=ft.FontWeight.W_600)
        self._dialog: ft.AlertDialog | None = None

    def show(self, seconds_left: int) -> None:
        """Open the dialog, or update the seconds it shows."""
        text = self.ctx._("Everything you did here is cleared in {seconds} s.")
        self._seconds.value = text.format(seconds=seconds_left)
        if self._dialog is not None and self._dialog.open:
            self._seconds.update()
            return
        self._dialog = self._build()
        self.ctx.page.show_dialog(self._dialog)

    def close(self) -> None:
        """Close the dialog if it is open."""
        dialog, self._dialog = self._dialog, None
        if dialog is not None and dialog.open:
            dialog.open = False
            dialog.update()

    def _build(self) -> ft.AlertDialog:
        """Build the dialog: the countdown, what would be lost, and the choices."""
        _ = self.ctx._
        drafts, queued = unsent_counts(self.ctx)
        lines: list[ft.Control] = [self._seconds]
        if drafts or queued:
            lost = self.ctx.i18n.ngettext(
                "You have {count} unsent item. It will be deleted.",
                "You have {count} unsent items. They will be deleted.",
                drafts + queued,
            ).format(count=drafts + queued)
            lines.append(ft.Text(lost, key="kiosk-countdown-unsent"))
        actions: list[ft.Control] = [
            ft.TextButton(
                key="kiosk-end-now", content=_("I am done: clear now"), on_click=self._on_end
            ),
        ]
        if can_send_now(self.ctx):
            actions.append(
                ft.OutlinedButton(
                    key="kiosk-send-now", content=_("Send them now"), on_click=self._on_send
                )
            )
        actions.append(
            ft.FilledButton(
                key="kiosk-still-here", content=_("I am still here"), on_click=self._on_still_here
            )
        )
        return ft.AlertDialog(
            key="kiosk-countdown",
            modal=True,
            icon=ft.Icon(ft.Icons.TIMER, size=40),
            title=ft.Text(_("Are you still there?")),
            semantics_label=_("Are you still there?"),
            content=ft.Column(lines, tight=True, spacing=12),
            actions=actions,
        )

    async def _on_still_here(self, event: ft.Event[ft.Button]) -> None:
        await self._still_here()

    async def _on_send(self, event: ft.Event[ft.OutlinedButton]) -> None:
        await self._send_now()

    async def _on_end(self, event: ft.Event[ft.TextButton]) -> None:
        await self._end_now()
