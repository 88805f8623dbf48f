"""The slip a ward officer hands a visitor once their dossier is filed at the office: its code,
the procedure, the ward office, when it is due, and a QR code of its public tracking page.
Black on white, so that it reads the same printed or photographed."""

from __future__ import annotations

import flet as ft

from hue_s.app.context import AppContext
from hue_s.modules.services.app.widgets import day_text, qr_image
from hue_s.modules.services.wire import Dossier


def fact(label: str, value: str, key: str | None = None) -> ft.Control:
    """Return one "label: value" line of the slip."""
    return ft.Column(
        spacing=0,
        controls=[
            ft.Text(label, size=12, color=ft.Colors.GREY_700),
            ft.Text(value, size=16, weight=ft.FontWeight.W_500, color=ft.Colors.BLACK, key=key),
        ],
    )


def dossier_slip(ctx: AppContext, dossier: Dossier, base: str | None) -> ft.Control:
    """Return the slip of a dossier filed for a visitor (`base`: the app's public address,
    `hue_s.kit.public_link.public_base_url`; without one, no QR code)."""
    _ = ctx._
    details = ft.Column(
        spacing=10,
        col={"xs": 12, "sm": 6},
        controls=[
            ft.Text(
                _("Dossier receipt slip"),
                theme_style=ft.TextThemeStyle.TITLE_LARGE,
                color=ft.Colors.BLACK,
            ),
            ft.Text(_("Dossier code"), size=13, color=ft.Colors.GREY_700),
            ft.Text(
                dossier.code,
                key="services-slip-code",
                size=28,
                weight=ft.FontWeight.BOLD,
                font_family="monospace",
                color=ft.Colors.BLACK,
            ),
            fact(_("Procedure"), dossier.procedure_name, key="services-slip-procedure"),
            fact(_("Ward office"), dossier.ward_name, key="services-slip-ward"),
            fact(_("Filed"), day_text(ctx, dossier.submitted_at)),
            fact(_("Due"), day_text(ctx, dossier.due_on), key="services-slip-due"),
        ],
    )
    qr = ft.Container(content=qr_image(ctx, dossier.code, base), col={"xs": 12, "sm": 6})
    return ft.Container(
        key="services-slip",
        bgcolor=ft.Colors.WHITE,
        border=ft.Border.all(1, ft.Colors.GREY_500),
        border_radius=8,
        padding=20,
        content=ft.Column(
            spacing=10,
            controls=[
                ft.ResponsiveRow([details, qr], vertical_alignment=ft.CrossAxisAlignment.CENTER),
                ft.Divider(color=ft.Colors.GREY_400),
                ft.Text(
                    _(
                        "Follow it with this code in the Hue-S app (Public services, Follow a "
                        "dossier) or by scanning the QR code. Keep this slip: the ward asks for "
                        "the code when you collect the result."
                    ),
                    key="services-slip-follow",
                    color=ft.Colors.BLACK,
                ),
            ],
        ),
    )
