"""The tourism module's app part: places (list, map, near me), one place, events."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.modules import Manifest, ModuleRoute, SearchEntry
from hue_s.modules.tourism.app.view_detail import build_place
from hue_s.modules.tourism.app.view_events import build_events
from hue_s.modules.tourism.app.view_list import EVENTS_PATH, TOURISM_PATH, build_places
from hue_s.modules.tourism.app.words import DOMAIN, N_, TRANSLATIONS, translator

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


async def search(ctx: AppContext) -> list[SearchEntry]:
    """Let home's search find the places and the events screens."""
    _ = translator(ctx)
    return [
        SearchEntry(_("Tourism"), TOURISM_PATH, _("Sights, museums, markets and events."),
                    "du lịch tham quan di tích bảo tàng chợ tourism sights museum 旅游 관광 観光"),
        SearchEntry(_("Events in Huế"), EVENTS_PATH, _("Tourism"),
                    "sự kiện lễ hội festival events"),
    ]  # fmt: skip


manifest = Manifest(
    id="tourism",
    title=N_("Tourism"),
    description=N_("Sights, museums, markets and events."),
    icon=ft.Icons.TRAVEL_EXPLORE,
    group="utilities",
    order=45,
    routes=(
        ModuleRoute(TOURISM_PATH, build_places),
        ModuleRoute(EVENTS_PATH, build_events),
        ModuleRoute(f"{TOURISM_PATH}/:kind(node|way|relation)/:number(\\d+)", build_place),
    ),
    translations=TRANSLATIONS,
    domain=DOMAIN,
    search=search,
)
