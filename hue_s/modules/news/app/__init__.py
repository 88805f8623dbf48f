"""The news module's app part."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.app.views.coming_soon import placeholder

manifest = Manifest(
    id="news",
    title=N_("City news"),
    description=N_("Announcements from the city and your ward."),
    icon=ft.Icons.CAMPAIGN,
    group="utilities",
    order=42,
    routes=(ModuleRoute("/news", placeholder("news")),),
)
