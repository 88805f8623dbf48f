"""The education module's words: school levels; how schools stand on the map."""

from __future__ import annotations

import flet as ft

from hue_s.app.i18n import N_
from hue_s.kit.places_view import Pins
from hue_s.modules.education.wire import School

LEVEL_NAMES = {
    "preschool": N_("Preschool"),
    "primary": N_("Primary school"),
    "lower_secondary": N_("Lower secondary (THCS)"),
    "upper_secondary": N_("Upper secondary (THPT)"),
    "higher": N_("University, college"),
    "other": N_("Other schools"),
}
PINS: Pins[School] = Pins(
    tooltip=N_("Map of schools"), colour=ft.Colors.INDIGO_700, icon=lambda _school: ft.Icons.SCHOOL
)
