"""Home: the service tiles grouped like Hue-S, a search box, and the hotline."""

from __future__ import annotations

from typing import Any

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.device.dial import HOTLINE, dial
from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest
from hue_s.app.views.search import fold, found_inside, found_list, nothing_found

__all__ = ["build_home", "count_badge", "fold", "grouped", "matches", "module_icon"]

# Home sections and the module groups each one gathers; unknown groups go to the last one.
SECTIONS = (
    (N_("Report and stay safe"), frozenset({"report", "safety"})),
    (N_("Services and utilities"), frozenset({"services", "utilities", "other"})),
    (N_("For staff"), frozenset({"staff"})),
)
FALLBACK_GROUP = "other"
TILE_RADIUS = 12
"""A Material 3 card's corners."""


def matches(ctx: AppContext, manifest: Manifest, query: str) -> bool:
    """Say whether a module's translated or original title or description matches the query."""
    words = fold(query).split()
    translated = (
        manifest.translate(ctx.i18n, text) for text in (manifest.title, manifest.description)
    )
    haystack = fold(" ".join((*translated, manifest.title, manifest.id)))
    return all(word in haystack for word in words)


def section_group(manifest: Manifest) -> str:
    """Return the group a module is shown in (unknown groups fall back to "other")."""
    known = frozenset().union(*(groups for _, groups in SECTIONS))
    return manifest.group if manifest.group in known else FALLBACK_GROUP


def grouped(ctx: AppContext, query: str) -> list[tuple[str, list[Manifest]]]:
    """Return (translated section title, modules) for every section with a matching module."""
    sections = []
    for title, groups in SECTIONS:
        members = [
            m
            for m in ctx.registry.manifests
            if section_group(m) in groups and matches(ctx, m, query)
        ]
        if members:
            sections.append((ctx._(title), members))
    return sections


def tile_columns(
    kiosk: bool, text_scale: float
) -> dict[str | ft.ResponsiveRowBreakpoint, int | float]:
    """Return a tile's share of the 12-column grid per breakpoint; large text gets wider tiles."""
    if kiosk or text_scale >= 1.5:
        return {"xs": 12, "sm": 6, "lg": 4}
    return {"xs": 6, "md": 3, "xl": 2}


def on_screen(ctx: AppContext, control: ft.BaseControl) -> bool:
    """Say whether a control sits in one of the page's current views."""
    node: ft.BaseControl | None = control
    while node is not None and not isinstance(node, ft.View):
        node = node.parent
    return node is not None and any(view is node for view in ctx.page.views)


def count_badge(value: int) -> ft.Badge | None:
    """Return the badge of a count (none for 0)."""
    return ft.Badge(label=str(value) if value < 100 else "99+") if value > 0 else None


def module_icon(ctx: AppContext, manifest: Manifest, key: str, **style: Any) -> ft.Icon:
    """Return a module's icon with its badge count, kept current while it is on screen."""
    icon = ft.Icon(manifest.icon, **style)
    count = manifest.badge(ctx) if manifest.badge is not None else None
    if count is None:
        return icon
    icon.badge = count_badge(count.value)

    def changed(value: int) -> None:
        if not on_screen(ctx, icon):
            raise RuntimeError("the icon left the screen")
        icon.badge = count_badge(value)
        icon.update()

    count.watch(key, changed)
    return icon


def tile(ctx: AppContext, manifest: Manifest, *, described: bool = False) -> ft.Control:
    """Return the tile that opens a module: an outlined box with its icon and title.

    The first home shows no descriptions (issue #19: their texts were most of the time the web
    client took to draw it); the title's semantics label still reads the description, and
    search results (`described`), where it says why a tile matched, show it.
    """
    kiosk = ctx.config.kiosk
    title = manifest.translate(ctx.i18n, manifest.title)
    description = manifest.translate(ctx.i18n, manifest.description)
    icon = module_icon(ctx, manifest, "tile", size=56 if kiosk else 36, color=ft.Colors.PRIMARY)
    words: list[ft.Control] = [
        ft.Text(
            title,
            theme_style=ft.TextThemeStyle.TITLE_LARGE if kiosk else ft.TextThemeStyle.TITLE_MEDIUM,
            weight=ft.FontWeight.W_600,
            text_align=ft.TextAlign.CENTER,
            semantics_label=None if described else f"{title}\n{description}",
        )
    ]
    if described:
        words.append(
            ft.Text(
                description,
                theme_style=ft.TextThemeStyle.BODY_SMALL,
                text_align=ft.TextAlign.CENTER,
            )
        )
    return ft.Container(
        key=f"tile-{manifest.id}",
        col=tile_columns(kiosk, ctx.settings.text_scale),
        padding=24 if kiosk else 12,
        alignment=ft.Alignment.TOP_CENTER,
        border_radius=TILE_RADIUS,
        border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
        ink=True,
        on_click=lambda _: ctx.page.run_task(ctx.page.push_route, manifest.home_route),
        content=ft.Column(
            spacing=8,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            controls=[icon, *words],
        ),
    )


def sections_column(ctx: AppContext, query: str) -> list[ft.Control]:
    """Return the group headings and tile rows of the modules whose tile matches a query."""
    controls: list[ft.Control] = []
    for title, members in grouped(ctx, query):
        controls.append(ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_SMALL))
        tiles = [tile(ctx, m, described=bool(query.strip())) for m in members]
        controls.append(ft.ResponsiveRow(tiles, spacing=12, run_spacing=12))
    return controls


async def search_results(ctx: AppContext, query: str) -> list[ft.Control]:
    """Return the matching tiles, then what matches inside modules, or an honest "nothing"."""
    controls = sections_column(ctx, query)
    found = await found_inside(ctx, query)
    if found:
        controls += found_list(ctx, found)
    if not controls:
        controls.append(nothing_found(ctx, query))
    return controls


def hotline_button(ctx: AppContext) -> ft.Control:
    """Return the one-tap call to the city hotline."""
    return ft.FilledButton(
        key="hotline",
        content=ctx._("Call the hotline {number}").format(number=HOTLINE),
        icon=ft.Icons.PHONE,
        tooltip=ctx._("Call the city hotline"),
        on_click=lambda _: ctx.page.run_task(dial, HOTLINE),
    )


async def build_home(ctx: AppContext) -> ft.Control:
    """Return the home screen."""
    sections = ft.Column(sections_column(ctx, ""), spacing=12, key="home-sections")

    typed: list[str] = []

    async def on_search(event: ft.Event[ft.TextField]) -> None:
        query = event.control.value or ""
        typed.append(query)
        controls = await search_results(ctx, query)
        if typed[-1] == query:  # a later keystroke's results win
            sections.controls = controls
            sections.update()

    search = ft.TextField(
        key="home-search",
        label=ctx._("Search services"),
        prefix_icon=ft.Icons.SEARCH,
        on_change=on_search,
        dense=not ctx.config.kiosk,
    )
    return ft.Column(
        spacing=16,
        controls=[
            ft.Text(
                ctx._("Hello! How can Huế help you today?"),
                theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            ),
            search,
            hotline_button(ctx),
            sections,
        ],
    )
