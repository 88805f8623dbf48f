"""The module's app part: the tile, the sights screen (read from the backend) and search."""

from __future__ import annotations

from pathlib import Path

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.modules import Manifest, ModuleRoute, SearchEntry
from hue_s_heritage.wire import Sight

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
"""This module's own gettext catalogs (vi, en): the host looks its words up there first."""
DOMAIN = "hue_s_heritage"
SIGHTS_PATH = "/api/v1/heritage/sights"


def N_(message: str) -> str:
    """Mark a message of this module for extraction; it is translated where shown."""
    return message


def words(ctx: AppContext, message: str) -> str:
    """Translate one of this module's messages into the session's language."""
    return manifest.translate(ctx.i18n, message)


async def sights_of(ctx: AppContext) -> list[Sight]:
    """Ask the backend for the sights."""
    found: list[Sight] = await ctx.api.request("GET", SIGHTS_PATH, model=list[Sight])
    return found


def sight_tile(ctx: AppContext, sight: Sight) -> ft.Control:
    """One sight, linked to its place on OpenStreetMap."""
    name = sight.name_en if ctx.i18n.language == "en" else sight.name
    lat, lon = sight.lat, sight.lon
    return ft.ListTile(
        leading=ft.Icon(ft.Icons.TEMPLE_BUDDHIST),
        title=ft.Text(name),
        subtitle=ft.Text(words(ctx, N_("Open on OpenStreetMap"))),
        url=f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
    )


async def sights_view(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """List the sights the backend keeps, or say why they cannot be shown."""
    try:
        sights = await sights_of(ctx)
    except HueAPIError:
        return ft.Text(words(ctx, N_("The sights could not be loaded. Try again later.")))
    return ft.Column(
        [sight_tile(ctx, sight) for sight in sights]
        + [ft.Text("© OpenStreetMap contributors", size=12)]
    )


async def search_entries(ctx: AppContext) -> list[SearchEntry]:
    """Return each sight for home's search, under both of its names."""
    try:
        sights = await sights_of(ctx)
    except HueAPIError:
        return []
    detail = words(ctx, manifest.title)
    english = ctx.i18n.language == "en"
    return [
        SearchEntry(
            sight.name_en if english else sight.name,
            "/heritage",
            detail=detail,
            words=f"{sight.name} {sight.name_en}",
        )
        for sight in sights
    ]


manifest = Manifest(
    id="heritage",
    title=N_("Heritage sights"),
    description=N_("Huế's imperial monuments, pagodas and markets."),
    short_title=N_("Heritage"),
    icon=ft.Icons.TEMPLE_BUDDHIST,
    group="utilities",
    order=50,
    routes=(ModuleRoute("/heritage", sights_view),),
    translations=TRANSLATIONS,
    domain=DOMAIN,
    search=search_entries,
)
