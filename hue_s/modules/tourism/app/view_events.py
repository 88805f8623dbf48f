"""The events not over yet: when (in the visitor's language), where, who, price, status."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

import flet as ft
from babel.dates import format_time

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.modules.tourism.app.resource import TourismResource
from hue_s.modules.tourism.app.view_import import import_form
from hue_s.modules.tourism.app.words import STATUS_NAMES, translator
from hue_s.modules.tourism.wire import Event

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def moment(ctx: AppContext, value: datetime) -> str:
    """Return a date (medium) and a time (short, no seconds) joined as the locale joins them."""
    zone, locale = ctx.i18n.zone, ctx.i18n.locale
    joined = str(locale.datetime_formats["medium"])
    when = format_time(value, "short", tzinfo=zone, locale=locale)
    return joined.format(when, ctx.i18n.date(value.astimezone(zone).date(), "medium"))


def when_text(ctx: AppContext, event: Event) -> str:
    """Return when an event is, on Huế's clock, in the session's locale (whole days as dates)."""
    zone, locale = ctx.i18n.zone, ctx.i18n.locale
    start = event.start.astimezone(zone)
    span = None if event.end is None else event.end - event.start
    if start.time() == time() and (span is None or span % timedelta(days=1) == timedelta()):
        days = ctx.i18n.date(start.date(), "medium")
        if span is not None and span > timedelta(days=1):
            days += " – " + ctx.i18n.date((start + span - timedelta(days=1)).date(), "medium")
        return days
    shown = moment(ctx, event.start)
    if event.end is None:
        return shown
    if event.end.astimezone(zone).date() == start.date():
        return f"{shown} – {format_time(event.end, 'short', tzinfo=zone, locale=locale)}"
    return f"{shown} – {moment(ctx, event.end)}"


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
    """Build the events list (with the calendar import for operators and admins)."""
    _ = translator(ctx)
    head = ft.Text(_("Events in Huế"), theme_style=ft.TextThemeStyle.HEADLINE_SMALL)
    cards = ft.Column(
        spacing=12, key="tourism-events-list", horizontal_alignment=ft.CrossAxisAlignment.STRETCH
    )

    async def fill() -> None:
        try:
            events = await ctx.api.resource(TourismResource).events()
        except HueAPIError as error:
            cards.controls = [ft.Text(describe_error(ctx, error), key="tourism-error")]
            return
        cards.controls = [event_card(ctx, event) for event in events] or [
            ft.Text(_("No event coming up yet."), key="tourism-no-events")
        ]

    async def refill() -> None:
        await fill()
        cards.update()

    await fill()
    return ft.Column(
        [head, import_form(ctx, refill), cards],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
