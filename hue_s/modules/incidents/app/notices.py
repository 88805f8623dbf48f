"""News of a report's status: a bar in the app, and a system notification on desktops."""

from __future__ import annotations

import logging

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.device.notify import system_notifier_for
from hue_s.modules.incidents.app.labels import status_name
from hue_s.modules.incidents.app.status_watch import StatusChange

logger = logging.getLogger(__name__)


def change_text(ctx: AppContext, change: StatusChange) -> str:
    """Say what happened to a report, in the session's language."""
    text = (
        ctx._("The report you follow, {number} ({service}), is now: {status}")
        if change.followed
        else ctx._("Your report {number} ({service}) is now: {status}")
    )
    return text.format(
        number=change.incident_id,
        service=change.service_name,
        status=ctx._(status_name(change.new)),
    )


async def desktop_notification(ctx: AppContext, text: str) -> None:
    """Show a system notification on a desktop app (never in web mode or on phones)."""
    await system_notifier_for(ctx.page).show(ctx._("Your report"), text)


async def announce(ctx: AppContext, changes: list[StatusChange]) -> None:
    """Tell the user that reports changed status: a snack bar with a way to open the report."""
    if not changes:
        return
    first = changes[0]
    text = change_text(ctx, first)
    if len(changes) > 1:
        text += " " + ctx._("({count} more changed)").format(count=len(changes) - 1)

    async def open_report(event: ft.Event[ft.SnackBarAction]) -> None:
        """Open the report the news is about."""
        await ctx.page.push_route(f"/incidents/{first.incident_id}")

    ctx.page.show_dialog(
        ft.SnackBar(
            ft.Text(text),
            action=ft.SnackBarAction(label=ctx._("Open"), on_click=open_report),
            duration=ft.Duration(seconds=8),
        )
    )
    for change in changes[:3]:
        await desktop_notification(ctx, change_text(ctx, change))
    if (ctx.page.route or "").split("?")[0] == "/incidents" and ctx.refresh is not None:
        await ctx.refresh()
