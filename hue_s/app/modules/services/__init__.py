"""Online public services: find a procedure, file a dossier, follow it."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.app.views.coming_soon import placeholder

manifest = Manifest(
    id="services",
    title=N_("Public services"),
    description=N_(
        "Find an administrative procedure, file a dossier online and follow its progress."
    ),
    icon=ft.Icons.ACCOUNT_BALANCE,
    group="services",
    order=30,
    nav=False,
    routes=tuple(ModuleRoute(path, placeholder("services")) for path in ("/services",)),
)
