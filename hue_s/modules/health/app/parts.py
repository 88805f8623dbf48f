"""The health screens' own pieces: the 115 banner, and how places stand on the map."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.device.dial import dial
from hue_s.app.i18n import N_
from hue_s.kit.places_view import Pins
from hue_s.modules.health.wire import EMERGENCY_NUMBER, HealthPlace

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

PINS: Pins[HealthPlace] = Pins(
    tooltip=N_("Map of health places"),
    colour=ft.Colors.RED_700,
    icon=lambda place: ft.Icons.LOCAL_HOSPITAL if place.kind == "hospital" else ft.Icons.PLACE,
)


def emergency_banner(ctx: AppContext) -> ft.Control:
    """Return the always-shown emergency line: 115, called with one tap."""
    _ = ctx._

    async def call(event: ft.Event[ft.Button]) -> None:
        await dial(EMERGENCY_NUMBER)

    return ft.Container(
        key="health-emergency",
        bgcolor=ft.Colors.ERROR_CONTAINER,
        border_radius=8,
        padding=12,
        content=ft.Row(
            wrap=True,
            spacing=12,
            run_spacing=8,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
            controls=[
                ft.Text(_("Medical emergency: call 115"), weight=ft.FontWeight.BOLD,
                        color=ft.Colors.ON_ERROR_CONTAINER),
                ft.FilledButton(_("Call 115"), icon=ft.Icons.PHONE, on_click=call,
                                bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR),
            ],
        ),
    )  # fmt: skip
