"""Weather and natural-disaster warnings for Huế."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.modules.alerts.app.search import search_entries
from hue_s.modules.alerts.app.session import (
    MODULE_ID,
    followed_warnings,
    setup_session,
    teardown_session,
)
from hue_s.modules.alerts.app.views.view_detail import build_alert_detail
from hue_s.modules.alerts.app.views.view_home import build_alerts_home
from hue_s.modules.alerts.app.views.view_operator import OPERATOR_PATH, build_operator
from hue_s.modules.alerts.app.views.view_places import build_places
from hue_s.modules.alerts.app.views.view_prepare import build_prepare

manifest = Manifest(
    id=MODULE_ID,
    title=N_("Weather and disasters"),
    short_title=N_("Weather"),
    description=N_("Weather forecasts, flood and storm warnings, and what to do when they come."),
    icon=ft.Icons.THUNDERSTORM,
    group="safety",
    order=20,
    nav=True,
    routes=(
        ModuleRoute("/alerts", build_alerts_home),
        ModuleRoute("/alerts/places", build_places),
        ModuleRoute("/alerts/prepare", build_prepare),
        ModuleRoute(OPERATOR_PATH, build_operator),
        ModuleRoute("/alerts/:id(\\d+)", build_alert_detail),
    ),
    setup=setup_session,
    teardown=teardown_session,
    badge=followed_warnings,
    search=search_entries,
)
