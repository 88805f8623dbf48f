"""The health module's app part: its tile, the places screen and one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute, SearchEntry
from hue_s.modules.health.app.view_detail import build_health_place
from hue_s.modules.health.app.view_list import build_health

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


async def search(ctx: AppContext) -> list[SearchEntry]:
    """Let home's search find the health screen by the words people use."""
    return [
        SearchEntry(
            ctx._("Health"), "/health", ctx._("Hospitals, clinics and pharmacies; emergency 115"),
            "y te benh vien phong kham nha thuoc bac si nha khoa cap cuu 115 "
            "hospital clinic pharmacy doctor dentist emergency",
        )
    ]  # fmt: skip


manifest = Manifest(
    id="health",
    title=N_("Health"),
    description=N_("Hospitals, clinics and pharmacies; emergency 115"),
    icon=ft.Icons.LOCAL_HOSPITAL,
    group="utilities",
    order=43,
    routes=(
        ModuleRoute("/health", build_health),
        ModuleRoute("/health/:id", build_health_place),
    ),
    search=search,
)
