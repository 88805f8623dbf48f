"""Fallback screens: an unknown address, and a module the signed-in role may not open."""

from __future__ import annotations

import flet as ft

from hue_s.app.account import sign_out
from hue_s.app.context import AppContext
from hue_s.app.modules import Manifest
from hue_s.app.views.account.sign_in import sign_in_route


def _message(
    key: str,
    icon: ft.IconData,
    title: str,
    text: str,
    ctx: AppContext,
    actions: tuple[ft.Control, ...] = (),
) -> ft.Control:
    async def go_home(event: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.page.push_route("/")

    home = ft.OutlinedButton(
        key="go-home", content=ctx._("Back to home"), icon=ft.Icons.HOME, on_click=go_home
    )
    return ft.Column(
        key=key,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        spacing=16,
        controls=[
            ft.Icon(icon, size=64, color=ft.Colors.PRIMARY),
            ft.Text(title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
            ft.Text(text, text_align=ft.TextAlign.CENTER),
            ft.Row([*actions, home], alignment=ft.MainAxisAlignment.CENTER, wrap=True),
        ],
    )


def build_not_found(ctx: AppContext, path: str) -> ft.Control:
    """Say that nothing lives at `path`."""
    return _message(
        "not-found",
        ft.Icons.SEARCH_OFF,
        ctx._("Page not found"),
        ctx._("There is nothing at {path}.").format(path=path),
        ctx,
    )


def build_sign_in_required(ctx: AppContext, manifest: Manifest, route: str) -> ft.Control:
    """Say that a module is for staff, with a way to sign in that comes back to `route`."""
    _ = ctx._
    guest = ctx.session.is_guest

    async def sign_in(event: ft.Event[ft.Button]) -> None:
        if not guest:
            await sign_out(ctx)  # signing in as someone else starts from a signed-out session
        await ctx.page.push_route(sign_in_route(route))

    button = ft.FilledButton(
        key="sign-in-to-open",
        content=_("Sign in") if guest else _("Sign in with another account"),
        icon=ft.Icons.LOGIN,
        on_click=sign_in,
    )
    text = (
        _("This workspace is for city and ward staff. Sign in with a staff account to open it.")
        if guest
        else _("Your account cannot open this workspace. It is for city and ward staff.")
    )
    return _message(
        f"sign-in-required-{manifest.id}",
        ft.Icons.LOCK,
        manifest.translate(ctx.i18n, manifest.title),
        text,
        ctx,
        (button,),
    )
