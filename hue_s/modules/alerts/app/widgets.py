"""Controls the alerts screens share: alert cards, the delivery status, emergency calls."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.device.dial import HOTLINE, dial
from hue_s.app.i18n import N_
from hue_s.hue_time import HUE_TIME
from hue_s.kit.screens import still_shown
from hue_s.modules.alerts.app.models import Alert
from hue_s.modules.alerts.app.severity import URGENCY_NAMES, severity_style
from hue_s.modules.alerts.app.stream.delivery import DeliveryMode

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.modules.alerts.app.session import AlertsSession

EMERGENCY_CALLS = (
    ("113", N_("Police"), ft.Icons.LOCAL_POLICE),
    ("114", N_("Fire and rescue"), ft.Icons.LOCAL_FIRE_DEPARTMENT),
    ("115", N_("Ambulance"), ft.Icons.LOCAL_HOSPITAL),
    (HOTLINE, N_("City hotline"), ft.Icons.SUPPORT_AGENT),
)


def local_time(ctx: AppContext, moment: datetime, fmt: str = "short") -> str:
    """Format a moment in Huế time (UTC+7) in the session's locale."""
    return ctx.i18n.datetime(moment.astimezone(HUE_TIME), fmt)


def live_region(ctx: AppContext, session: AlertsSession, parts: list[ft.Control],
                refill: Callable[[], None]) -> None:  # fmt: skip
    """Refill and redraw `parts` when alerts change while they are shown; stop once gone.

    Only `parts` are sent to the client: redrawing a whole screen would overwrite what the
    person is typing in its fields.
    """

    def changed() -> None:
        if not still_shown(ctx, parts[0]):
            raise RuntimeError("the screen is gone")
        refill()
        for part in parts:
            part.update()

    session.listen(changed)


def heading(text: str, key: str | None = None, badge: int | None = None) -> ft.Control:
    """Return a section heading, with a count badge when `badge` is given and not 0."""
    title: ft.Control = ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_LARGE, key=key)
    if badge:  # beside the words: a badge on them covered their last letter
        count = ft.Container(
            ft.Text(
                str(badge), color=ft.Colors.ON_ERROR, theme_style=ft.TextThemeStyle.LABEL_LARGE
            ),
            bgcolor=ft.Colors.ERROR,
            border_radius=12,
            padding=ft.Padding.symmetric(horizontal=8),
        )
        title = ft.Row([title, count], wrap=True, spacing=8)
    return ft.Container(title, padding=ft.Padding.only(top=8, right=16))


def status_line(ctx: AppContext, session: AlertsSession) -> ft.Control:
    """Say how alerts reach this device now, and since when what it shows is known."""
    _ = ctx._
    delivery = session.delivery
    known = local_time(ctx, delivery.known_at) if delivery.known_at else None
    seconds = round(delivery.poll_seconds)
    texts = {
        DeliveryMode.CONNECTING: (_("Connecting…"), ft.Icons.SYNC),
        DeliveryMode.LIVE: (_("Live: warnings arrive as they are issued"), ft.Icons.SENSORS),
        DeliveryMode.POLLING: (
            _("Live link lost: checking every {seconds} s").format(seconds=seconds),
            ft.Icons.SYNC_PROBLEM,
        ),
        DeliveryMode.OFFLINE: (_("Offline"), ft.Icons.CLOUD_OFF),
    }
    text, icon = texts[delivery.mode]
    if delivery.mode != DeliveryMode.LIVE and known:
        text = f"{text} · " + _("warnings as of {time}").format(time=known)
    return ft.Row(
        [
            ft.Icon(icon, size=18),
            ft.Text(text, theme_style=ft.TextThemeStyle.BODY_SMALL, expand=True),
        ],
        key="alerts-status",
    )


def alert_card(ctx: AppContext, alert: Alert, ward_names: dict[str, str]) -> ft.Control:
    """Return the colour-coded card of an alert, opening its detail."""
    _ = ctx._
    style = severity_style(alert.severity)
    info = alert.info_for(ctx.i18n.language)
    places = ", ".join(ward_names.get(code, code) for code in alert.ward_codes[:6])
    if len(alert.ward_codes) > 6:
        places += " …"
    lines: list[ft.Control] = [
        ft.Text(
            f"{_(style.name)} · {_(URGENCY_NAMES.get(alert.urgency, URGENCY_NAMES['Unknown']))}",
            color=style.on_colour,
            weight=ft.FontWeight.BOLD,
        ),
        ft.Text(
            alert.headline or (info.event if info else _("Warning")),
            color=style.on_colour,
            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
        ),
    ]
    if places:
        lines.append(ft.Text(places, color=style.on_colour))
    if alert.expires is not None:
        until = _("Until {time}").format(time=local_time(ctx, alert.expires))
        lines.append(
            ft.Text(until, color=style.on_colour, theme_style=ft.TextThemeStyle.BODY_SMALL)
        )

    async def open_detail(event: ft.Event[ft.Container]) -> None:
        await ctx.page.push_route(f"/alerts/{alert.id}")

    return ft.Container(
        key=f"alert-card-{alert.id}",
        bgcolor=style.colour,
        border_radius=12,
        padding=12,
        ink=True,
        on_click=open_detail,
        tooltip=_("Open the warning"),
        content=ft.Row(
            [
                ft.Icon(style.icon, color=style.on_colour, size=36),
                ft.Column(lines, spacing=2, expand=True),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
    )


def emergency_calls(ctx: AppContext) -> ft.Control:
    """Return one-tap buttons calling 113, 114, 115 and the city hotline."""
    _ = ctx._

    def call(number: str) -> Callable[[ft.Event[ft.Button]], None]:
        def handler(event: ft.Event[ft.Button]) -> None:
            ctx.page.run_task(dial, number)

        return handler

    buttons: list[ft.Control] = [
        ft.FilledTonalButton(
            key=f"call-{number}",
            content=f"{number} · {_(label)}",
            icon=icon,
            tooltip=_("Call {number}").format(number=number),
            on_click=call(number),
        )
        for number, label, icon in EMERGENCY_CALLS
    ]
    return ft.Row(buttons, wrap=True, spacing=8, run_spacing=8, key="emergency-calls")
