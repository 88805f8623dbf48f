"""The leaders' dashboard screen (staff only): figures, trend, ward ranking, period picker."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.modules.dashboard.app.view import build_dashboard, teardown

manifest = Manifest(
    id="dashboard",
    title=N_("Operations dashboard"),
    description=N_(
        "For the city's leaders and ward staff: cases received, processed, on time, "
        "satisfaction and the wards' ranking, for a chosen period."
    ),
    icon=ft.Icons.INSIGHTS,
    group="staff",
    order=95,
    roles=frozenset({"officer", "operator", "leader", "admin"}),
    routes=(ModuleRoute("/dashboard", build_dashboard),),
    teardown=teardown,
)
