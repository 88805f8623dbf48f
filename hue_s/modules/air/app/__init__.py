"""The air-quality module's app part: its tile and its screen."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.modules.air.app.view import build_air

manifest = Manifest(
    id="air",
    title=N_("Air quality"),
    description=N_("The air in your ward now and in the next hours (VN_AQI)."),
    icon=ft.Icons.AIR,
    group="utilities",
    order=41,
    routes=(ModuleRoute("/air", build_air),),
)
