"""The education screen: schools by level and ward, near me, on a map and a list; school news."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.resources.wards import WardsResource
from hue_s.app.views.a11y import named_dropdown
from hue_s.kit.places_list import PlaceFinder
from hue_s.kit.places_view import place_line
from hue_s.modules.education.app.resource import EducationResource
from hue_s.modules.education.app.words import LEVEL_NAMES, PINS
from hue_s.modules.education.wire import LEVELS, School

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def school_line(ctx: AppContext, school: School) -> str:
    """Return the line under a school's name: levels, distance, ward."""
    return place_line(
        ctx, school, [", ".join(ctx._(LEVEL_NAMES[level]) for level in school.levels)]
    )


async def news_block(ctx: AppContext, api: EducationResource) -> ft.Control:
    """Return the newest education announcements from the news module (enrolment calendars)."""
    _ = ctx._
    try:
        items = await api.announcements()
    except HueAPIError:
        items = []  # the news module may be off: its tile's link still says where to look

    async def all_news(event: ft.Event[ft.TextButton]) -> None:
        await ctx.page.push_route("/news")

    rows: list[ft.Control] = [
        ft.ListTile(
            title=ft.Text(item.title),
            subtitle=ft.Text(ctx.i18n.datetime(item.published_at, "short")),
            on_click=lambda _event, news_id=item.id: ctx.page.run_task(
                ctx.page.push_route, f"/news/{news_id}"
            ),
        )
        for item in items
    ] or [ft.Text(_("No enrolment announcement yet."), key="education-no-news")]
    return ft.Column(
        key="education-news",
        spacing=4,
        controls=[
            ft.Text(_("Enrolment announcements"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            *rows,
            ft.TextButton(_("All city news"), icon=ft.Icons.CAMPAIGN, on_click=all_news),
        ],
    )


async def build_education(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the education screen."""
    _ = ctx._
    api = ctx.api.resource(EducationResource)
    chosen: dict[str, Any] = {"level": None}
    try:
        wards = await ctx.api.resource(WardsResource).list()
    except HueAPIError:
        wards = []
    ward = ft.Dropdown(
        key="education-ward", label=_("Ward"), value="",
        options=[ft.DropdownOption(key="", text=_("All wards"))]
        + [ft.DropdownOption(key=w.code, text=w.full_name or w.name) for w in wards],
    )  # fmt: skip

    async def find(query: str | None, near: tuple[float, float] | None) -> list[School]:
        return await api.list(
            level=chosen["level"], ward=ward.value or None, near=near, query=query
        )

    finder = PlaceFinder(
        ctx, "education", "school", find, lambda school: school_line(ctx, school),
        _("No school matches these choices."), PINS,
    )  # fmt: skip
    levels = finder.chips(
        "education-levels",
        [(None, _("All levels")), *((level, _(LEVEL_NAMES[level])) for level in LEVELS)],
        lambda level: chosen.update(level=level),
    )
    ward_picker = named_dropdown(ward, _("All wards"))
    chained = ward.on_select

    async def ward_chosen(event: ft.Event[ft.Dropdown]) -> None:
        if chained is not None:
            chained(event)  # type: ignore[call-arg]
        await finder.refill()

    ward.on_select = ward_chosen
    await finder.fill()
    return finder.screen(_("Education"), [levels, ward_picker], bottom=[await news_block(ctx, api)])
