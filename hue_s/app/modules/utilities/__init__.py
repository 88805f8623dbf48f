"""Electricity, water, environment, health, tourism and education services."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.app.views.coming_soon import placeholder

manifest = Manifest(
    id="utilities",
    title=N_("Utilities"),
    description=N_("Electricity, water, environment, health, tourism and education in one place."),
    icon=ft.Icons.WATER_DROP,
    group="utilities",
    order=40,
    nav=False,
    routes=tuple(ModuleRoute(path, placeholder("utilities")) for path in ("/utilities",)),
)
