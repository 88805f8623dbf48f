"""The news module's app part: the list, one item, and staff's publishing form."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.modules.news.app.view_detail import build_news_detail
from hue_s.modules.news.app.view_list import build_news
from hue_s.modules.news.app.view_publish import PUBLISH_PATH, build_publish

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
)
