"""The honest screen of a module whose features have not landed yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.app.modules import Manifest, ViewBuilder


def coming_soon(ctx: AppContext, manifest: Manifest) -> ft.Control:
    """Say what the module will do and that it is not available yet."""
    _ = ctx._
    return ft.Column(
        key=f"coming-soon-{manifest.id}",
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        spacing=16,
        controls=[
            ft.Icon(manifest.icon, size=64, color=ft.Colors.PRIMARY),
            ft.Text(
                manifest.translate(ctx.i18n, manifest.title),
                theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            ),
            ft.Text(
                manifest.translate(ctx.i18n, manifest.description), text_align=ft.TextAlign.CENTER
            ),
            ft.Text(
                _("This service is coming soon. Until then, call the hotline 19001075."),
                text_align=ft.TextAlign.CENTER,
                italic=True,
            ),
        ],
    )


def placeholder(module_id: str) -> ViewBuilder:
    """Return a view builder that shows the coming-soon screen of `module_id`."""

    async def build(ctx: AppContext, params: dict[str, str]) -> ft.Control:
        manifest = next(m for m in ctx.registry.manifests if m.id == module_id)
        return coming_soon(ctx, manifest)

    return build
