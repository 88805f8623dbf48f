"""What home's search finds inside warnings: its screens and the gathering points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hue_s.app.i18n import N_
from hue_s.app.modules import SearchEntry
from hue_s.modules.alerts.app.preparedness import gathering_points

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

SCREENS = (
    (
        N_("Warnings in force, weather and rivers"),
        "/alerts",
        "cảnh báo lũ lụt bão mưa thời tiết mực nước sông dự báo flood storm rain weather river",
    ),
    (
        N_("Places I follow for warnings"),
        "/alerts/places",
        "theo dõi địa điểm nhà phường xã follow place home ward",
    ),
    (
        N_("Get ready: checklist and gathering points"),
        "/alerts/prepare",
        "chuẩn bị sơ tán trú ẩn điểm tập trung prepare evacuate shelter gathering",
    ),
)
"""Each screen: its title (gettext marker), route, and words people may search it by."""


async def search_entries(ctx: AppContext) -> list[SearchEntry]:
    """Return the warnings' screens and gathering points, in the session's language."""
    _ = ctx._
    entries = [SearchEntry(_(title), route, words=words) for title, route, words in SCREENS]
    detail = _("Gathering point in a flood or storm")
    entries += [
        SearchEntry(point.name, "/alerts/prepare", detail=detail, words=point.ward_name)
        for point in gathering_points()
    ]
    return entries
