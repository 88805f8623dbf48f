"""Home's search inside modules: the categories, screens and places each module lists."""

from __future__ import annotations

import logging
import re
import unicodedata

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.device.dial import HOTLINE
from hue_s.app.modules import Manifest, SearchEntry

logger = logging.getLogger(__name__)

MAX_FOUND = 12


def fold(text: str) -> str:
    """Lower-case `text` and drop its diacritics, so "phan anh" finds "Phản ánh"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def entry_matches(entry: SearchEntry, query: str) -> bool:
    """Say whether the query, as a phrase from a word's start, is in the entry's texts.

    A phrase, not loose words: folded, "ổ gà" is "o ga", whose letters are in most texts.
    """
    phrase = " ".join(fold(query).split())
    haystack = " ".join(fold(" ".join((entry.title, entry.detail, entry.words))).split())
    return re.search(r"(?<!\w)" + re.escape(phrase), haystack) is not None


async def found_inside(ctx: AppContext, query: str) -> list[tuple[Manifest, SearchEntry]]:
    """Return what the session's modules list that matches the query (nothing for no query)."""
    if not fold(query).split():
        return []
    found: list[tuple[Manifest, SearchEntry]] = []
    for manifest in ctx.registry.manifests:
        if manifest.search is None or not manifest.allows(ctx.session.role):
            continue
        try:
            entries = await manifest.search(ctx)
        except Exception:  # one module's failing search must not stop the others
            logger.exception("search of module %s failed", manifest.id)
            continue
        found += [(manifest, entry) for entry in entries if entry_matches(entry, query)]
    return found[:MAX_FOUND]


def found_list(ctx: AppContext, found: list[tuple[Manifest, SearchEntry]]) -> list[ft.Control]:
    """Return the heading and one line per entry found, each opening its screen."""
    _ = ctx._

    def opener(route: str) -> ft.ControlEventHandler[ft.ListTile]:
        return lambda _event: ctx.page.run_task(ctx.page.push_route, route)

    lines: list[ft.Control] = [
        ft.ListTile(
            key=f"search-{manifest.id}-{index}",
            leading=ft.Icon(manifest.icon, color=ft.Colors.PRIMARY),
            title=ft.Text(entry.title),
            subtitle=ft.Text(entry.detail or manifest.translate(ctx.i18n, manifest.title)),
            on_click=opener(entry.route),
        )
        for index, (manifest, entry) in enumerate(found)
    ]
    heading = ft.Text(_("Inside the services"), theme_style=ft.TextThemeStyle.TITLE_SMALL)
    return [heading, ft.Column(lines, spacing=0, key="search-found")]


def nothing_found(ctx: AppContext, query: str) -> ft.Control:
    """Say honestly that the app has nothing for the query yet, and who can help."""
    text = ctx._(
        'Nothing in the app matches "{query}". Call the hotline {number} or ask at your '
        "ward's office."
    )
    return ft.Text(text.format(query=query.strip(), number=HOTLINE), key="home-no-match")
