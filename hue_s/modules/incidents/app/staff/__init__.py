"""The officer workspace: a ward's case inbox and the hotline log.

The staff side of incident reporting, so it lives in the incidents package and shares its
internals (models, photo pipeline, widgets); it is a module of its own, with its own manifest
(id "officer", staff roles, the /officer routes), listed by the registry on its own.
"""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.modules.incidents.app.staff.view_case import build_case
from hue_s.modules.incidents.app.staff.view_hotline import build_hotline
from hue_s.modules.incidents.app.staff.view_inbox import build_inbox

manifest = Manifest(
    id="officer",
    title=N_("Officer workspace"),
    description=N_("For ward officers: the ward's cases by deadline and the hotline 19001075 log."),
    icon=ft.Icons.BADGE,
    group="staff",
    order=90,
    nav=False,
    roles=frozenset({"officer", "operator", "leader", "admin"}),
    routes=(
        ModuleRoute("/officer", build_inbox),
        ModuleRoute("/officer/hotline", build_hotline),
        ModuleRoute("/officer/cases/:id", build_case),
    ),
)
