"""One announcement: its words, where and when, and a link to the original page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.modules.news.app.resource import NewsResource
from hue_s.modules.news.app.state import NewsDevice
from hue_s.modules.news.app.words import CATEGORY_NAMES
from hue_s.modules.news.wire import NewsItem

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def _saved(device: NewsDevice, news_id: int) -> NewsItem | None:
    """Return an item from the list saved on the device (for offline reading)."""
    cached = device.cached()
    return next((i for i in cached.items if i.id == news_id), None) if cached else None


async def build_news_detail(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build one item's screen and mark it read on this device."""
    _ = ctx._
    news_id = int(params["id"])
    device = NewsDevice(ctx.store, ctx.device_id)
    try:
        item = await ctx.api.resource(NewsResource).get(news_id=news_id)
    except HueAPIError as error:
        found = _saved(device, news_id)
        if found is None:
            return ft.Text(describe_error(ctx, error), key="news-error")
        item = found
    device.mark_read(news_id)
    where = (
        _("Whole city") if item.ward_code is None else _("Ward {code}").format(code=item.ward_code)
    )
    when = ctx.i18n.datetime(item.published_at, "short")
    origin = _("From the city's staff") if item.source == "staff" else _("From a followed feed")
    parts: list[ft.Control] = [
        ft.Text(item.title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, key="news-title"),
        ft.Text(f"{_(CATEGORY_NAMES[item.category])} · {where} · {when}"),
        ft.Text(origin, theme_style=ft.TextThemeStyle.BODY_SMALL),
        ft.Text(item.summary, key="news-body"),
    ]
    if item.link:
        link = item.link

        async def open_link(event: ft.Event[ft.OutlinedButton]) -> None:
            await ft.UrlLauncher().launch_url(link)

        parts.append(
            ft.OutlinedButton(
                _("Open the original page"),
                icon=ft.Icons.OPEN_IN_NEW,
                on_click=open_link,
                key="news-link",
            )  # fmt: skip
        )
    return ft.Column(parts, spacing=12, key="news-detail")
