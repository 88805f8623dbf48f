"""The module's app part: its tile, the surveys, their results, the ideas and staff's screens."""

from __future__ import annotations

import flet as ft

from hue_s.app.modules import Manifest, ModuleRoute
from hue_s_surveys.app.ideas import build_ideas
from hue_s_surveys.app.publish import build_publish
from hue_s_surveys.app.surveys import build_home, build_survey
from hue_s_surveys.app.words import DOMAIN, N_, TRANSLATIONS

manifest = Manifest(
    id="surveys",
    title=N_("Surveys and ideas"),
    description=N_("Answer the city's surveys, propose and support ideas for your ward."),
    short_title=N_("Surveys"),
    icon=ft.Icons.HOW_TO_VOTE,
    group="utilities",
    order=55,
    routes=(
        ModuleRoute("/surveys", build_home),
        ModuleRoute("/surveys/new", build_publish),
        ModuleRoute("/surveys/:id", build_survey),
        ModuleRoute("/ideas", build_ideas),
    ),
    translations=TRANSLATIONS,
    domain=DOMAIN,
)
