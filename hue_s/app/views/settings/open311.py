"""The staff's screen of the city's report system (Open311 GeoReport v2): checked, kept, live."""

from __future__ import annotations

from typing import Any

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.views.settings.open311_check import (
    check_open311,
    choose_open311,
    connection_from,
    key_kept_line,
    may_choose_open311,
    not_available_lines,
)

OPEN311_PATH = "/settings/open311"
READABLE_COLUMNS: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {
    "xs": 12,
    "md": 10,
    "lg": 8,
}
"""A form of readable width on a wide window, all of a phone's."""


def where_reports_go(ctx: AppContext) -> list[str]:
    """Return where reports go now, and what is missing there."""
    _ = ctx._
    current = ctx.services.open311.settings
    if current is None:
        return [_("Reports go to the Hue-S server: {url}").format(url=ctx.services.backend_url)]
    lines = [_("Reports go to the city's own system: {url}").format(url=current.url)]
    if current.jurisdiction_id:
        lines.append(_("Jurisdiction id: {id}").format(id=current.jurisdiction_id))
    if not ctx.services.open311.saved:
        lines.append(_("Set when the app was started (command line or environment)."))
    return [*lines, *not_available_lines(ctx)]


def texts(lines: list[str], *, error: bool = False) -> list[ft.Control]:
    """Return lines of text, in the error colour when `error`."""
    colour = ft.Colors.ERROR if error else None
    return [ft.Text(line, color=colour) for line in lines]


def build_open311_settings(ctx: AppContext) -> ft.Control:
    """Return the screen where staff point the app at a GeoReport v2 server, or back."""
    _ = ctx._
    if not may_choose_open311(ctx):
        return ft.Text(
            _("Only the operations centre's operators and administrators choose where reports go."),
            key="open311-not-allowed",
        )
    connection = ctx.services.open311
    current = connection.settings
    status = ft.Column(texts(where_reports_go(ctx)), key="open311-where", spacing=4)
    url = ft.TextField(
        key="open311-url",
        label=_("Address of the system"),
        helper=_("Its GeoReport v2 endpoint (any root) or its discovery document."),
        helper_max_lines=3,
        value=current.url if current else "",
        keyboard_type=ft.KeyboardType.URL,
    )
    jurisdiction = ft.TextField(
        key="open311-jurisdiction",
        label=_("Jurisdiction id"),
        helper=_("Only if the system asks for one."),
        value=(current.jurisdiction_id or "") if current else "",
    )
    has_key = current is not None and bool(current.api_key)
    api_key = ft.TextField(
        key="open311-api-key",
        label=_("API key"),
        helper=_("One is kept: leave empty to keep it.") if has_key else _("If the system asks."),
        password=True,
        can_reveal_password=True,
    )
    result = ft.Column(key="open311-result", spacing=4)
    busy = ft.ProgressRing(width=24, height=24, visible=False)
    forget = ft.OutlinedButton(
        key="open311-forget",
        content=_("Send reports to the Hue-S server again"),
        icon=ft.Icons.UNDO,
        visible=connection.saved,
    )

    def typed() -> tuple[str, str, str]:
        return url.value or "", jurisdiction.value or "", api_key.value or ""

    def show(ok: bool, lines: list[str]) -> None:
        result.controls = texts(lines, error=not ok)
        status.controls = texts(where_reports_go(ctx))
        forget.visible = connection.saved
        busy.visible = check.disabled = save.disabled = False
        ctx.page.update()

    async def working() -> None:
        busy.visible = check.disabled = save.disabled = True
        result.controls = [ft.Text(_("Asking the system…"))]
        ctx.page.update()

    async def on_check(event: ft.Event[Any]) -> None:
        await working()
        show(*await check_open311(ctx, connection_from(ctx, *typed())))

    async def on_save(event: ft.Event[Any]) -> None:
        await working()
        ok, lines = await choose_open311(ctx, *typed())
        if ok:
            api_key.value = ""
            api_key.helper = _("One is kept: leave empty to keep it.")
            lines.append(key_kept_line(ctx))
        show(ok, lines)

    async def on_forget(event: ft.Event[Any]) -> None:
        await connection.forget()
        show(True, [_("Reports go to the Hue-S server again.")])

    check = ft.OutlinedButton(
        key="open311-check", content=_("Check connection"), icon=ft.Icons.WIFI, on_click=on_check
    )
    save = ft.FilledButton(
        key="open311-save", content=_("Check and use"), icon=ft.Icons.SAVE, on_click=on_save
    )
    forget.on_click = on_forget
    column = ft.Column(
        spacing=16,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        controls=[
            ft.Text(
                _(
                    "Reports can go to a city's own report system that speaks Open311 "
                    "GeoReport v2 instead of the Hue-S server. Citizens do not see this screen."
                )
            ),
            status,
            url,
            jurisdiction,
            api_key,
            ft.Row([check, save, busy], wrap=True, spacing=8),
            result,
            ft.Row([forget], wrap=True),
        ],
    )
    return ft.ResponsiveRow(
        key="open311-settings", controls=[ft.Container(content=column, col=READABLE_COLUMNS)]
    )
