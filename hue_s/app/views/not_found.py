"""Fallback screens: an unknown address, and a module the signed-in role may not open."""

from __future__ import annotations

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.modules import Manifest


def _message(key: str, icon: ft.IconData, title: str, text: str, ctx: AppContext) -> ft.Control:
    return ft.Column(
        key=key,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        spacing=16,
        controls=[
            ft.Icon(icon, size=64, color=ft.Colors.PRIMARY),
            ft.Text(title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
            ft.Text(text, text_align=ft.TextAlign.CENTER),
            ft.OutlinedButton(
                key="go-home",
                content=ctx._("Back to home"),
                icon=ft.Icons.HOME,
                on_click=lambda _: ctx.page.run_task(ctx.page.push_route, "/"),
            ),
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


def build_sign_in_required(ctx: AppContext, manifest: Manifest) -> ft.Control:
    """Say that a module is for staff, who must sign in first."""
    return _message(
        f"sign-in-required-{manifest.id}",
        ft.Icons.LOCK,
        ctx._(manifest.title),
        ctx._(
            "This workspace is for city and ward staff. Sign in with a staff account to open it."
        ),
        ctx,
    )
