"""The news module's app part: the list, one item, and staff's publishing form."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute, SearchEntry
from hue_s.modules.news.app.view_detail import build_news_detail
from hue_s.modules.news.app.view_list import build_news
from hue_s.modules.news.app.view_publish import PUBLISH_PATH, build_publish
from hue_s.modules.news.app.words import PUBLISHER_ROLES

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


async def search(ctx: AppContext) -> list[SearchEntry]:
    """Let home's search find the news, and staff the publishing form."""
    _ = ctx._
    found = [
        SearchEntry(_("City news"), "/news", _("Announcements from the city and your ward."),
                    "tin tức thông báo bản tin news announcements"),
    ]  # fmt: skip
    if ctx.session.role in PUBLISHER_ROLES:
        found.append(SearchEntry(_("Publish an announcement"), PUBLISH_PATH, _("City news")))
    return found


manifest = Manifest(
    id="news",
    title=N_("City news"),
    description=N_("Announcements from the city and your ward."),
    icon=ft.Icons.CAMPAIGN,
    group="utilities",
    order=42,
    routes=(
        ModuleRoute("/news", build_news),
        ModuleRoute(PUBLISH_PATH, build_publish),
        ModuleRoute("/news/:id(\\d+)", build_news_detail),
    ),
    search=search,
)
