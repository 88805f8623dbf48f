"""Huế's heritage sights: an example of a module shipped as its own distribution."""

from __future__ import annotations

from pathlib import Path

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.modules import Manifest, ModuleRoute, SearchEntry

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
"""This module's own gettext catalogs (vi, en): the host looks its words up there first."""
DOMAIN = "hue_s_heritage"


def N_(message: str) -> str:
    """Mark a message of this module for extraction; the host translates it where shown."""
    return message


# (name, what it is, latitude, longitude) from OpenStreetMap, © OpenStreetMap contributors (ODbL).
SIGHTS = (
    ("Đại Nội Huế", "Imperial City", 16.4698, 107.5786),
    ("Ngọ Môn", "Meridian Gate", 16.4669, 107.5790),
    ("Chùa Thiên Mụ", "Thien Mu Pagoda", 16.4537, 107.5446),
    ("Lăng Tự Đức", "Tomb of Tu Duc", 16.4333, 107.5653),
    ("Chợ Đông Ba", "Dong Ba Market", 16.4734, 107.5884),
    ("Cầu Trường Tiền", "Truong Tien Bridge", 16.4680, 107.5880),
)


async def sights_view(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """List the sights, each with a link to its place on OpenStreetMap."""
    english = ctx.i18n.language == "en"
    return ft.Column(
        [
            ft.ListTile(
                leading=ft.Icon(ft.Icons.TEMPLE_BUDDHIST),
                title=ft.Text(name_en if english else name),
                subtitle=ft.Text(f"{lat:.4f}, {lon:.4f}"),
                url=f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
            )
            for name, name_en, lat, lon in SIGHTS
        ]
        + [ft.Text("© OpenStreetMap contributors", size=12)]
    )


async def search_entries(ctx: AppContext) -> list[SearchEntry]:
    """Return each sight for home's search, under both of its names."""
    detail = manifest.translate(ctx.i18n, manifest.title)
    english = ctx.i18n.language == "en"
    return [
        SearchEntry(
            name_en if english else name, "/heritage", detail=detail, words=f"{name} {name_en}"
        )
        for name, name_en, _lat, _lon in SIGHTS
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
