"""/alerts/:id: one warning in full: what, what to do, who says so, until when, where."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError, NotFoundError
from hue_s.app.views.errors import describe_error
from hue_s.modules.alerts.app.models import Alert
from hue_s.modules.alerts.app.session import AlertsSession, alerts_session
from hue_s.modules.alerts.app.severity import CERTAINTY_NAMES, URGENCY_NAMES, severity_style
from hue_s.modules.alerts.app.views.area_map import alert_map
from hue_s.modules.alerts.app.views.safety_panel import safety_panel
from hue_s.modules.alerts.app.widgets import emergency_calls, heading, local_time

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


async def find_alert(session: AlertsSession, alert_id: int) -> tuple[Alert | None, str | None]:
    """Return the alert (from the server, else the offline copy) or why it cannot be shown."""
    try:
        return await session.api.get(alert_id=alert_id), None
    except NotFoundError:
        return None, "missing"
    except HueAPIError as error:
        known = session.delivery.alerts.get(alert_id)
        return (known, None) if known is not None else (None, describe_error(session.ctx, error))


def section(title: str, text: str | None, key: str, emphasis: bool = False) -> ft.Control | None:
    """Return a titled block of text, or None when there is no text."""
    if not text:
        return None
    body = ft.Text(text, weight=ft.FontWeight.W_600 if emphasis else None)
    content = ft.Column([ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_MEDIUM), body])
    if emphasis:
        return ft.Container(
            content, key=key, padding=12, border_radius=12, bgcolor=ft.Colors.TERTIARY_CONTAINER
        )
    return ft.Container(content, key=key)


async def build_alert_detail(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the screen of one alert."""
    _ = ctx._
    session = alerts_session(ctx)
    alert, problem = await find_alert(session, int(params["id"]))
    if alert is None:
        text = (
            _("This warning does not exist or was withdrawn.") if problem == "missing" else problem
        )
        return ft.Text(text or "", key="alert-missing")
    session.viewed(alert.id)
    info = alert.info_for(ctx.i18n.language)
    style = severity_style(alert.severity)
    names = await session.ward_names()
    ended = not alert.active or alert.state != "current"
    banner = ft.Container(
        key="alert-detail-severity",
        bgcolor=style.colour,
        border_radius=12,
        padding=12,
        content=ft.Row(
            [
                ft.Icon(style.icon, color=style.on_colour, size=40),
                ft.Column(
                    [
                        ft.Text(_(style.name), color=style.on_colour, weight=ft.FontWeight.BOLD),
                        ft.Text(
                            alert.headline or (info.event if info else ""),
                            color=style.on_colour,
                            theme_style=ft.TextThemeStyle.TITLE_LARGE,
                        ),
                    ],
                    expand=True,
                    spacing=2,
                ),
            ]
        ),
    )
    facts = [
        _("Event: {event}").format(event=info.event) if info else None,
        _("Urgency: {value}").format(
            value=_(URGENCY_NAMES.get(alert.urgency, URGENCY_NAMES["Unknown"]))
        ),
        _("Certainty: {value}").format(
            value=_(CERTAINTY_NAMES.get(info and info.certainty or "", CERTAINTY_NAMES["Unknown"]))
        ),
        _("From: {sender}").format(sender=(info.sender_name if info else None) or alert.sender),
        _("Issued: {time}").format(time=local_time(ctx, alert.sent)),
        _("Until: {time}").format(time=local_time(ctx, alert.expires))
        if alert.expires
        else _("Until further notice"),
    ]
    if ended:
        facts.insert(0, _("This warning is no longer in force."))
    ward_list = [names.get(code, code) for code in alert.ward_codes]
    areas = [area.area_desc for i in alert.infos[:1] for area in i.areas]
    parts: list[ft.Control | None] = [
        banner,
        ft.Column([ft.Text(fact) for fact in facts if fact], spacing=2, key="alert-facts"),
        section(_("What to do"), info.instruction if info else None, "alert-instruction", True),
        section(_("What is happening"), info.description if info else None, "alert-description"),
        None if ended else safety_panel(ctx, session, alert),
        heading(_("Where")),
        ft.Text(
            ", ".join(ward_list or areas) or _("The area is not described."),
            key="alert-wards",
        ),
        alert_map(alert, style.colour, label=_("Map of the warning area"), translate=_),
        section(_("Contact"), info.contact if info else None, "alert-contact"),
        heading(_("Emergency calls")),
        emergency_calls(ctx),
    ]
    return ft.Column([part for part in parts if part is not None], spacing=12, key="alert-detail")
