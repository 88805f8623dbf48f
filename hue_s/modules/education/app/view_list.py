"""The education screen: schools by level and ward, near me, on a map and a list; school news."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.resources.wards import WardsResource
from hue_s.app.views.a11y import named_dropdown
from hue_s.app.views.errors import describe_error
from hue_s.modules.education.app.parts import attribution, places_map, where_am_i
from hue_s.modules.education.app.resource import EducationResource
from hue_s.modules.education.app.words import LEVEL_NAMES
from hue_s.modules.education.wire import LEVELS, School

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def school_line(ctx: AppContext, school: School) -> str:
    """Return the line under a school's name: levels, distance, ward."""
    parts = [", ".join(ctx._(LEVEL_NAMES[level]) for level in school.levels)]
    if school.distance_m is not None:
        metres = school.distance_m
        parts.append(
            ctx._("{distance} m").format(distance=round(metres))
            if metres < 1000
            else ctx._("{distance} km").format(distance=ctx.i18n.number(round(metres / 1000, 1)))
        )
    if school.ward_name:
        parts.append(school.ward_name)
    return " · ".join(parts)


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
    chosen: dict[str, Any] = {"level": None, "near": None}
    listing = ft.Column(spacing=8, key="education-list")
    where = ft.Text(_("Around the city centre"), key="education-where")
    map_slot = ft.Column()
    search = ft.TextField(
        key="education-search", label=_("Search by name"), prefix_icon=ft.Icons.SEARCH,
        dense=True, expand=True,
    )  # fmt: skip
    levels = ft.Row(wrap=True, spacing=6, run_spacing=6, key="education-levels")
    try:
        wards = await ctx.api.resource(WardsResource).list()
    except HueAPIError:
        wards = []
    ward = ft.Dropdown(
        key="education-ward", label=_("Ward"), value="",
        options=[ft.DropdownOption(key="", text=_("All wards"))]
        + [ft.DropdownOption(key=w.code, text=w.full_name or w.name) for w in wards],
    )  # fmt: skip

    def opened(school_id: str) -> None:
        ctx.page.run_task(ctx.page.push_route, f"/education/{school_id}")

    async def fill() -> None:
        try:
            schools = await api.list(
                level=chosen["level"], ward=ward.value or None, near=chosen["near"],
                query=(search.value or "").strip() or None,
            )  # fmt: skip
        except HueAPIError as error:
            listing.controls = [ft.Text(describe_error(ctx, error), key="education-error")]
            map_slot.controls = []
            return
        listing.controls = [
            ft.Card(
                key=f"education-school-{school.id}",
                content=ft.ListTile(
                    title=ft.Text(school.name),
                    subtitle=ft.Text(school_line(ctx, school)),
                    on_click=lambda _event, school_id=school.id: opened(school_id),
                ),
            )
            for school in schools
        ] or [ft.Text(_("No school matches these choices."), key="education-empty")]
        map_slot.controls = [places_map(ctx, schools, opened, "education-map", chosen["near"])]

    async def refill() -> None:
        await fill()
        ctx.page.update()

    def level_chip(level: str | None) -> ft.Chip:
        async def picked(event: ft.Event[ft.Chip]) -> None:
            chosen["level"] = level
            for other in levels.controls:
                assert isinstance(other, ft.Chip)
                other.selected = other.data == level
            await refill()

        label = _("All levels") if level is None else _(LEVEL_NAMES[level])
        return ft.Chip(label=label, data=level, selected=level is None, on_select=picked)

    async def near_me(event: ft.Event[ft.Button]) -> None:
        point = await where_am_i()
        if point is None:
            where.value = _("Your location is not available; showing the city centre.")
        else:
            chosen["near"] = point
            where.value = _("Nearest to you first")
        await refill()

    async def searched(event: ft.Event[ft.TextField]) -> None:
        await refill()

    levels.controls = [level_chip(None), *(level_chip(level) for level in LEVELS)]
    ward_picker = named_dropdown(ward, _("All wards"))
    chained = ward.on_select

    async def ward_chosen(event: ft.Event[ft.Dropdown]) -> None:
        if chained is not None:
            chained(event)  # type: ignore[call-arg]
        await refill()

    ward.on_select = ward_chosen
    search.on_submit = searched
    await fill()
    return ft.Column(
        key="education-screen",
        spacing=12,
        controls=[
            ft.Text(_("Education"), theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
            ft.Row([search]),
            levels,
            ward_picker,
            ft.Row(
                wrap=True, spacing=8, run_spacing=8,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
                controls=[
                    ft.FilledTonalButton(
                        _("Near me"), icon=ft.Icons.MY_LOCATION, on_click=near_me,
                        key="education-near-me",
                    ),
                    where,
                ],
            ),
            map_slot,
            listing,
            await news_block(ctx, api),
            attribution(ctx),
        ],
    )  # fmt: skip
