"""The news list: search, categories, unread marked; offline, the saved list with its time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.modules.news.app.my_ward import MyWard
from hue_s.modules.news.app.resource import NewsResource
from hue_s.modules.news.app.state import NewsDevice, load
from hue_s.modules.news.app.words import CATEGORY_NAMES, PUBLISHER_ROLES
from hue_s.modules.news.wire import CATEGORIES, NewsItem

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def news_row(ctx: AppContext, item: NewsItem, unread: bool) -> ft.Control:
    """Return one item of the list: bold with a dot while unread."""
    _ = ctx._
    when = ctx.i18n.datetime(item.published_at, "short")
    line = f"{_(CATEGORY_NAMES[item.category])} · {when}"
    if unread:
        line = _("Unread") + f" · {line}"

    async def opened(event: ft.Event[ft.ListTile]) -> None:
        await ctx.page.push_route(f"/news/{item.id}")

    return ft.ListTile(
        key=f"news-{item.id}",
        leading=ft.Icon(
            ft.Icons.CIRCLE if unread else ft.Icons.CIRCLE_OUTLINED,
            color=ft.Colors.PRIMARY if unread else ft.Colors.OUTLINE_VARIANT,
            size=12,
        ),
        title=ft.Text(item.title, weight=ft.FontWeight.BOLD if unread else None),
        subtitle=ft.Text(line),
        on_click=opened,
    )


async def build_news(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the news list."""
    _ = ctx._
    api = ctx.api.resource(NewsResource)
    device = NewsDevice(ctx.store, ctx.device_id)
    chosen: dict[str, str | None] = {"category": None}
    listing = ft.Column(spacing=0, key="news-list")
    status = ft.Column(spacing=4)
    search = ft.TextField(
        key="news-search", label=_("Search the news"), prefix_icon=ft.Icons.SEARCH, dense=True,
        expand=True,
    )  # fmt: skip
    chips = ft.Row(wrap=True, spacing=6, run_spacing=6, key="news-categories")

    async def fill() -> None:
        try:
            category, words = chosen["category"], search.value or ""
            listed = await load(api, device, category, words, mine.ward())
        except HueAPIError as error:
            status.controls = [ft.Text(describe_error(ctx, error), key="news-error")]
            listing.controls = []
            return
        status.controls = []
        if listed.saved_at is not None:
            saved = ctx.i18n.datetime(listed.saved_at, "short")
            note = _("Offline: showing the news saved at {time}.").format(time=saved)
            status.controls = [ft.Text(note, key="news-offline", color=ft.Colors.ERROR)]
        read = device.read_ids()
        listing.controls = [news_row(ctx, item, item.id not in read) for item in listed.items]
        if not listed.items:
            listing.controls = [ft.Text(_("No news here yet."), key="news-empty")]

    async def refill() -> None:
        await fill()
        listing.update()
        status.update()

    async def searched(event: ft.Event[ft.TextField]) -> None:
        await refill()

    def chip(category: str | None) -> ft.Chip:
        label = _("All") if category is None else _(CATEGORY_NAMES[category])

        async def picked(event: ft.Event[ft.Chip]) -> None:
            chosen["category"] = category
            for other in chips.controls[1:]:
                assert isinstance(other, ft.Chip)
                other.selected = other.data == category
            chips.update()
            await refill()

        return ft.Chip(label=label, data=category, selected=category is None, on_select=picked)

    mine = MyWard(ctx, device, refill)
    chips.controls = [mine.chip, chip(None), *(chip(category) for category in CATEGORIES)]
    search.on_submit = searched
    await fill()
    head: list[ft.Control] = [ft.Text(_("City news"), theme_style=ft.TextThemeStyle.HEADLINE_SMALL)]
    if ctx.session.role in PUBLISHER_ROLES:

        async def publish(event: ft.Event[ft.Button]) -> None:
            await ctx.page.push_route("/news/publish")

        head.append(
            ft.FilledButton(
                _("Publish an announcement"),
                icon=ft.Icons.CAMPAIGN,
                on_click=publish,
                key="news-publish",
            )  # fmt: skip
        )
    return ft.Column(  # the search box as wide as the screen: its label wrapped at 200% text
        [*head, ft.Row([search]), chips, mine.control, status, listing],
        spacing=12,
        key="news-screen",
    )
