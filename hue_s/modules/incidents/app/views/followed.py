"""The reports a citizen follows ("me too"), on the reports screen under their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.modules.incidents.app.labels import hue_time, status_chip, status_name
from hue_s.modules.incidents.app.models import CaseSummary

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.modules.incidents.app.session import IncidentsSession


def followed_tile(ctx: AppContext, case: CaseSummary) -> ft.Control:
    """Return one followed report: kind, when, what, status; a tap opens it."""
    _ = ctx._
    when = hue_time(ctx.i18n, case.requested_at)

    async def open_report(_event: ft.Event[ft.ListTile]) -> None:
        """Open the report (its public view: it is someone else's)."""
        await ctx.page.push_route(f"/incidents/{case.id}")

    return ft.Card(
        key=f"followed-report-{case.id}",
        content=ft.ListTile(
            title=ft.Text(case.service_name),
            subtitle=ft.Text(
                f"{when} · {case.description or ''}", max_lines=2, overflow=ft.TextOverflow.ELLIPSIS
            ),
            trailing=status_chip(ctx._, case.status),
            on_click=open_report,
            tooltip=_("Open report {number} you follow: {status}").format(
                number=case.id, status=_(status_name(case.status))
            ),
        ),
    )


async def followed_section(ctx: AppContext, session: IncidentsSession) -> list[ft.Control]:
    """Return "Reports I follow", or nothing for a guest or on a plain server."""
    _ = ctx._
    if session.plain or ctx.session.is_guest:
        return []
    title = ft.Text(
        _("Reports I follow"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM, key="followed-title"
    )
    try:
        cases = await session.watcher.followed()
    except HueAPIError as error:
        return [title, ft.Text(describe_error(ctx, error), key="followed-error")]
    if not cases:
        hint = _('You follow no report. Say "me too" on a report nearby to hear when it moves.')
        return [title, ft.Text(hint, key="followed-empty")]
    return [title, *(followed_tile(ctx, case) for case in cases)]
