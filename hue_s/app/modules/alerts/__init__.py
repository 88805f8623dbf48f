"""Weather and natural-disaster warnings for Huế."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.app.views.coming_soon import placeholder

manifest = Manifest(
    id="alerts",
    title=N_("Weather and disasters"),
    description=N_("Weather forecasts, flood and storm warnings, and what to do when they come."),
    icon=ft.Icons.THUNDERSTORM,
    group="safety",
    order=20,
    nav=True,
    routes=tuple(ModuleRoute(path, placeholder("alerts")) for path in ("/alerts", "/alerts/:id")),
)
