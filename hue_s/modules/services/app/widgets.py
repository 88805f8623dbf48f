"""Small pieces the public-services screens share: navigation, layout, labels, timeline, QR,
the ask to sign in first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from urllib.parse import quote

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.account.sign_in import sign_in_route
from hue_s.app.views.errors import describe_error
from hue_s.hue_time import HUE_TIME
from hue_s.kit.public_link import qr_png
from hue_s.kit.screens import readable
from hue_s.modules.services.app.api import Attachment
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
    "file_at_office": N_("Filed for a visitor at the ward office"),
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
TRACK_ROUTE = "/services/track"


def go(ctx: AppContext, route: str) -> None:
    """Navigate to a route from a click handler."""
    ctx.page.run_task(ctx.page.push_route, route)


async def reload(ctx: AppContext, route: str) -> None:
    """Draw the screen again with fresh data (the shell's refresh), else open `route`."""
    if ctx.refresh is not None:
        await ctx.refresh()
    else:
        await ctx.page.push_route(route)


async def send_documents(
    ctx: AppContext,
    send: Callable[..., Awaitable[object]],
    code: str,
    attachments: list[Attachment],
    message: ft.Text,
) -> None:
    """Send documents to dossier `code`; show a refusal's words in `message`, else redraw it."""
    try:
        await send(code=code, attachments=attachments, note=None)
    except HueAPIError as error:
        message.value, message.visible = describe_error(ctx, error), True
        message.update()
        return
    await reload(ctx, f"/services/dossiers/{code}")


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


def tracking_url(base: str | None, code: str) -> str | None:
    """Return the public address of a dossier's tracking page (None without a public base)."""
    return None if base is None else f"{base}{TRACK_ROUTE}/{quote(code, safe='')}"


def qr_image(ctx: AppContext, code: str, base: str | None) -> ft.Control:
    """Return a QR code of the dossier's public tracking page, or how to follow it without one.

    `base` is where citizens reach the app (`hue_s.kit.public_link.public_base_url`).
    """
    url = tracking_url(base, code)
    if url is None:
        return ft.Text(
            ctx._("Follow this dossier with its code in the Hue-S app."),
            key="services-no-qr",
            theme_style=ft.TextThemeStyle.BODY_SMALL,
        )
    return ft.Column(
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        spacing=4,
        controls=[
            ft.Image(
                src=qr_png(url),
                key="services-qr",
                width=180,
                height=180,
                semantics_label=ctx._("QR code to follow dossier {code}").format(code=code),
            ),
            ft.Text(
                ctx._("Scan to follow this dossier."), theme_style=ft.TextThemeStyle.BODY_SMALL
            ),
            ft.Text(url, key="services-qr-url", size=11),
        ],
    )


def sign_in_first(ctx: AppContext, route: str) -> ft.Control:
    """Return the screen asking a guest to sign in before filing."""
    _ = ctx._
    return readable(
        [
            ft.Text(_("Sign in with your phone number to file a dossier online and follow it.")),
            ft.FilledButton(
                key="services-sign-in",
                content=_("Sign in"),
                icon=ft.Icons.LOGIN,
                on_click=opener(ctx, sign_in_route(route)),
            ),
        ],
        key="services-sign-in-first",
    )
