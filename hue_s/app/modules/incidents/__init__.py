"""Incident reporting: a citizen reports a problem with photo and place; the ward resolves it."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.app.views.coming_soon import placeholder

manifest = Manifest(
    id="incidents",
    title=N_("Report an incident"),
    description=N_(
        "Report a problem in the city with a photo and its place, and follow it until it is fixed."
    ),
    icon=ft.Icons.REPORT_PROBLEM,
    group="report",
    order=10,
    nav=True,
    routes=tuple(
        ModuleRoute(path, placeholder("incidents"))
        for path in ("/incidents", "/incidents/new", "/incidents/:id")
    ),
)
