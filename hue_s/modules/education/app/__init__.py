"""The education module's app part: its tile, the schools screen and one school."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute, SearchEntry
from hue_s.modules.education.app.view_detail import build_school
from hue_s.modules.education.app.view_list import build_education

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


async def search(ctx: AppContext) -> list[SearchEntry]:
    """Let home's search find the schools screen by the words people use."""
    return [
        SearchEntry(
            ctx._("Education"), "/education", ctx._("Schools by level and ward; enrolment news"),
            "giao duc truong hoc mam non tieu hoc thcs thpt dai hoc cao dang tuyen sinh "
            "school kindergarten primary secondary university enrolment",
        )
    ]  # fmt: skip


manifest = Manifest(
    id="education",
    title=N_("Education"),
    description=N_("Schools by level and ward; enrolment news"),
    icon=ft.Icons.SCHOOL,
    group="utilities",
    order=44,
    routes=(
        ModuleRoute("/education", build_education),
        ModuleRoute("/education/:id", build_school),
    ),
    search=search,
)
