"""Small pieces the public-services screens share: navigation, layout, labels, timeline, QR."""

from __future__ import annotations

import io
import os
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta, timezone

import flet as ft
import segno

from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.modules.services.wire import TimelineEntry

HOME = "/services"
STATUS_NAMES = {
    "submitted": N_("Waiting to be received"),
    "received": N_("Received, in process"),
    "supplement_requested": N_("More documents requested"),
    "approved": N_("Approved: result ready"),
    "rejected": N_("Refused"),
}
ACTION_NAMES = {
    "submit": N_("Filed online"),
    "receive": N_("Received by the ward"),
    "request_supplement": N_("The ward asked for more documents"),
    "supplement": N_("Documents added"),
    "approve": N_("Approved"),
    "reject": N_("Refused"),
    "transfer": N_("Sent to the city tier"),
}
ROLE_NAMES = {
    "officer": N_("ward officer"),
    "operator": N_("city staff"),
    "admin": N_("city staff"),
}
"""Who acted, when the staff member has no name on record."""
CHANNEL_NAMES = {"in_person": N_("In person"), "online": N_("Online"), "postal": N_("By post")}
PUBLIC_URL_ENV = "HUE_S_PUBLIC_URL"
HUE_TIME = timezone(timedelta(hours=7), "ICT")


def go(ctx: AppContext, route: str) -> None:
    """Navigate to a route from a click handler."""
    ctx.page.run_task(ctx.page.push_route, route)


async def reload(ctx: AppContext, route: str) -> None:
    """Draw the screen again with fresh data (the shell's refresh), else open `route`."""
    if ctx.refresh is not None:
        await ctx.refresh()
    else:
        await ctx.page.push_route(route)


def opener(ctx: AppContext, route: str) -> Callable[[], Awaitable[None]]:
    """Return a click handler that opens a route."""

    async def open_route() -> None:
        await ctx.page.push_route(route)

    return open_route


def heading(text: str) -> ft.Text:
    """Return a section's heading."""
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600)


def days_text(ctx: AppContext, duration: str) -> str:
    """Say an ISO 8601 duration of working days in words ("P3D" -> "3 working days")."""
    days = int(duration.removeprefix("P").removesuffix("D") or 0)
    return ctx.i18n.ngettext("{n} working day", "{n} working days", days).format(n=days)


def day_text(ctx: AppContext, day: date | datetime | None) -> str:
    """Return a date as the session's language writes it."""
    if day is None:
        return "—"
    if isinstance(day, datetime):
        return ctx.i18n.datetime(day.astimezone(HUE_TIME), "short")
    return ctx.i18n.date(day)


def status_text(ctx: AppContext, status: str) -> str:
    """Return a dossier status in words."""
    return ctx._(STATUS_NAMES.get(status, status))


def who(ctx: AppContext, by: str | None) -> list[str]:
    """Return who took a step, in words (nothing when the owner did or it is not said)."""
    return [ctx._(ROLE_NAMES[by]) if by in ROLE_NAMES else by] if by else []


def timeline(ctx: AppContext, entries: list[TimelineEntry]) -> ft.Control:
    """Return a dossier's steps, oldest first, each with its date and any note."""
    rows: list[ft.Control] = []
    for entry in entries:
        lines: list[ft.Control] = [
            ft.Text(
                ctx._(ACTION_NAMES.get(entry.action, entry.action)), weight=ft.FontWeight.W_500
            ),
            ft.Text(
                " · ".join([day_text(ctx, entry.at), *who(ctx, entry.by)]),
                theme_style=ft.TextThemeStyle.BODY_SMALL,
            ),
        ]
        if entry.note:
            lines.append(ft.Text(entry.note, italic=True))
        rows.append(
            ft.Row(
                vertical_alignment=ft.CrossAxisAlignment.START,
                controls=[
                    ft.Icon(ft.Icons.CIRCLE, size=12, color=ft.Colors.PRIMARY),
                    ft.Column(lines, spacing=2, expand=True),
                ],
            )
        )
    return ft.Column(rows, spacing=10, key="services-timeline")


def tracking_url(ctx: AppContext, code: str) -> str | None:
    """Return the public address of a dossier's tracking page, if the device knows one."""
    base = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    return f"{base}/services/track/{code}" if base.startswith("https://") else None


def qr_image(ctx: AppContext, code: str) -> ft.Control:
    """Return a QR code that opens the dossier's tracking (its address, else its code)."""
    text = tracking_url(ctx, code) or code
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=6, border=2)
    return ft.Image(
        src=buffer.getvalue(),
        key="services-qr",
        width=180,
        height=180,
        semantics_label=ctx._("QR code to follow dossier {code}").format(code=code),
    )
