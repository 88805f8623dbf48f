"""The air-quality module's app part: its tile and its screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute, SearchEntry
from hue_s.modules.air.app.view import build_air

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


async def search(ctx: AppContext) -> list[SearchEntry]:
    """Let home's search find the air screen by the words people use for smog and dust."""
    return [
        SearchEntry(
            ctx._("Air quality"),
            "/air",
            ctx._("VN_AQI now and in the next hours"),
            "aqi vn_aqi pm2.5 pm10 bụi mịn khói mù ô nhiễm không khí smog dust pollution",
        )  # fmt: skip
    ]


manifest = Manifest(
    id="air",
    title=N_("Air quality"),
    description=N_("The air in your ward now and in the next hours (VN_AQI)."),
    icon=ft.Icons.AIR,
    group="utilities",
    order=41,
    routes=(ModuleRoute("/air", build_air),),
    search=search,
)
