"""The officer workspace: a ward's case inbox and the hotline log."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.app.views.coming_soon import placeholder

manifest = Manifest(
    id="officer",
    title=N_("Officer workspace"),
    description=N_("For ward officers: the ward's cases by deadline and the hotline 19001075 log."),
    icon=ft.Icons.BADGE,
    group="staff",
    order=90,
    nav=False,
    roles=frozenset({"officer", "operator", "leader", "admin"}),
    routes=tuple(
        ModuleRoute(path, placeholder("officer")) for path in ("/officer", "/officer/cases/:id")
    ),
)
