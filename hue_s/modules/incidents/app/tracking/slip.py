"""The slip a ward officer hands a visitor: the tracking code, what and where, and a QR code."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from hue_s.app.context import AppContext
from hue_s.modules.incidents.app.labels import hue_time
from hue_s.modules.incidents.app.tracking.link import PUBLIC_URL_ENV, qr_png, tracking_url
from hue_s.modules.incidents.app.tracking.models import TrackedCase

HOTLINE = "19001075"
QR_SIZE = 220
SIDE_BY_SIDE: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 12, "sm": 6}
"""The details and the QR code side by side on a wide slip, one above the other on a phone."""
Done = Callable[[], Awaitable[None]]


def fact(label: str, value: str, key: str | None = None) -> ft.Control:
    """Return one "label: value" line of the slip."""
    return ft.Column(
        spacing=0,
        controls=[
            ft.Text(label, size=12, color=ft.Colors.GREY_700),
            ft.Text(value, size=16, weight=ft.FontWeight.W_500, color=ft.Colors.BLACK, key=key),
        ],
    )


def qr_block(ctx: AppContext, code: str, base: str | None) -> ft.Control:
    """Return the QR code of the case's public page, or a word to staff on how to get one."""
    _ = ctx._
    url = tracking_url(base, code)
    if url is None:
        return ft.Text(
            _(
                "No QR code: this device knows no public address that a visitor's phone could "
                "open. Ask the administrator to set {setting} (e.g. https://hue-s.hue.gov.vn) on "
                "the city's server or on this device. The visitor can still follow the case with "
                "its code in the Hue-S app."
            ).format(setting=PUBLIC_URL_ENV),
            key="slip-no-qr",
            size=12,
            color=ft.Colors.GREY_800,
        )
    return ft.Column(
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        spacing=4,
        controls=[
            ft.Image(
                src=qr_png(url),
                key="slip-qr",
                width=QR_SIZE,
                height=QR_SIZE,
                semantics_label=_("QR code of the case's page: {url}").format(url=url),
            ),
            ft.Text(
                _("Scan with your phone's camera to follow this case."),
                text_align=ft.TextAlign.CENTER,
                color=ft.Colors.BLACK,
            ),
            ft.Text(url, key="slip-url", size=11, color=ft.Colors.GREY_800),
        ],
    )


def slip_card(
    ctx: AppContext, filing: TrackedCase, *, phone_given: bool, base: str | None
) -> ft.Control:
    """Return the slip itself: black on white, so that it reads the same printed."""
    _ = ctx._
    details = ft.Column(
        spacing=10,
        col=SIDE_BY_SIDE,
        controls=[
            ft.Text(
                _("Tracking slip of a report"),
                theme_style=ft.TextThemeStyle.TITLE_LARGE,
                color=ft.Colors.BLACK,
            ),
            ft.Text(_("Tracking code"), size=13, color=ft.Colors.GREY_700),
            ft.Text(
                filing.tracking_code,
                key="slip-code",
                size=40,
                weight=ft.FontWeight.BOLD,
                font_family="monospace",
                color=ft.Colors.BLACK,
            ),
            fact(_("Kind of problem"), filing.service_name, key="slip-category"),
            fact(_("Ward"), filing.ward_name, key="slip-ward"),
            fact(_("Filed"), hue_time(ctx.i18n, filing.requested_at)),
            fact(_("To be handled by"), hue_time(ctx.i18n, filing.deadline_at)),
        ],
    )
    qr = ft.Container(content=qr_block(ctx, filing.tracking_code, base), col=SIDE_BY_SIDE)
    lines: list[ft.Control] = [
        ft.ResponsiveRow([details, qr], vertical_alignment=ft.CrossAxisAlignment.CENTER),
        ft.Divider(color=ft.Colors.GREY_400),
        ft.Text(
            _("Questions? Call the hotline {number}.").format(number=HOTLINE),
            weight=ft.FontWeight.W_600,
            color=ft.Colors.BLACK,
        ),
    ]
    keep = (
        _(
            "To keep it in My reports: sign in to Hue-S with the mobile number you gave, open "
            "this case by its code, and press “Add to My reports”."
        )
        if phone_given
        else _(
            "To keep it in My reports: sign in to Hue-S, open this case by its code, and press "
            "“Add to My reports”."
        )
    )
    lines.append(ft.Text(keep, key="slip-keep", color=ft.Colors.BLACK))
    return ft.Container(
        key="slip",
        bgcolor=ft.Colors.WHITE,
        border=ft.Border.all(1, ft.Colors.GREY_500),
        border_radius=8,
        padding=20,
        content=ft.Column(lines, spacing=10),
    )


def build_slip(
    ctx: AppContext, filing: TrackedCase, *, phone_given: bool, base: str | None, on_done: Done
) -> ft.Control:
    """Return the slip screen: the slip and a way on to the next visitor.

    `base` is the public address of the app (`link.public_base_url`); without one the
    slip has no QR code and says what to set.
    """
    _ = ctx._

    async def done(event: ft.Event[ft.Button]) -> None:
        """Clear the screen for the next visitor."""
        await on_done()

    return ft.Column(
        key="slip-screen",
        spacing=16,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        controls=[
            ft.Text(
                _("Sent. Give the visitor this slip, or let them photograph it."),
                key="slip-sent",
                color=ft.Colors.PRIMARY,
                weight=ft.FontWeight.W_600,
            ),
            slip_card(ctx, filing, phone_given=phone_given, base=base),
            ft.Row(
                wrap=True,
                controls=[
                    ft.FilledButton(
                        key="slip-done",
                        content=_("Done: next visitor"),
                        icon=ft.Icons.PERSON_ADD,
                        on_click=done,
                    )
                ],
            ),
        ],
    )
