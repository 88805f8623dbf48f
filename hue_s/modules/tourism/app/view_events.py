"""The events not over yet: when (in the visitor's language), where, who, price, status."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft
from babel.dates import format_time

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.modules.tourism.app.resource import TourismResource
from hue_s.modules.tourism.app.words import STATUS_NAMES, translator
from hue_s.modules.tourism.wire import Event

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def when_text(ctx: AppContext, event: Event) -> str:
    """Return an event's start (and end) on Huế's clock, in the session's locale."""
    start = ctx.i18n.datetime(event.start, "medium")
    if event.end is None:
        return start
    same_day = ctx.i18n.date(event.start, "short") == ctx.i18n.date(event.end, "short")
    end = ctx.i18n.datetime(event.end, "short")
    if same_day:
        end = format_time(event.end, "short", tzinfo=ctx.i18n.zone, locale=ctx.i18n.locale)
    return f"{start} – {end}"


def event_card(ctx: AppContext, event: Event) -> ft.Control:
    """Return one event's card."""
    _ = translator(ctx)
    lines: list[ft.Control] = [
        ft.Text(event.name, theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ft.Text(when_text(ctx, event)),
    ]
    if event.status != "scheduled":
        colour = ft.Colors.ERROR if event.status == "cancelled" else None
        lines.append(
            ft.Text(_(STATUS_NAMES[event.status]), color=colour, weight=ft.FontWeight.BOLD)
        )
    for label, value in (
        (_("Where"), event.place),
        (_("Organiser"), event.organizer),
        (_("Price"), event.price),
    ):
        if value:
            lines.append(ft.Text(f"{label}: {value}"))
    return ft.Card(
        key=f"tourism-event-{event.id}",
        content=ft.Container(padding=12, content=ft.Column(lines, spacing=4)),
    )


async def build_events(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the events list."""
    _ = translator(ctx)
    head = ft.Text(_("Events in Huế"), theme_style=ft.TextThemeStyle.HEADLINE_SMALL)
    try:
        events = await ctx.api.resource(TourismResource).events()
    except HueAPIError as error:
        return ft.Column([head, ft.Text(describe_error(ctx, error), key="tourism-error")])
    cards = [event_card(ctx, event) for event in events] or [
        ft.Text(_("No event coming up yet."), key="tourism-no-events")
    ]
    return ft.Column([head, *cards], spacing=12, key="tourism-events-list")
