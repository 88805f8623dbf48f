"""During an alert: "I'm safe" (counted by the city) and "I need help" (an urgent ward case)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.state.timestamps import utc_now
from hue_s.app.views.dialogs import show_dialog
from hue_s.kit.location import current_fix
from hue_s.modules.alerts.app.checkins.checkins import checkin_for
from hue_s.modules.alerts.app.models import Alert
from hue_s.modules.alerts.app.views.help_dialog import HelpDialog
from hue_s.modules.alerts.app.widgets import local_time

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.modules.alerts.app.session import AlertsSession

SAFE_LOCATION_TIMEOUT = 8.0
"""How long "I'm safe" waits for a position when no place is followed (it is optional)."""


def safety_note(ctx: AppContext, session: AlertsSession, alert: Alert) -> str | None:
    """Return what this device already said during the alert, and whether it was sent."""
    _ = ctx._
    record = session.device.safety().get(str(alert.id))
    if not isinstance(record, dict):
        return None
    when = local_time(ctx, datetime.fromisoformat(record["at"]))
    if record.get("status") == "safe":
        text = _("You said you are safe at {time}.").format(time=when)
    else:
        text = _("You asked for help at {time}.").format(time=when)
    item = ctx.store.outbox.get(ctx.device_id, str(record.get("item", "")))
    if item is not None and item.state != "sent":
        text += " " + _("Not sent yet: it goes as soon as there is a connection.")
    return text


async def where_am_i(session: AlertsSession) -> tuple[float | None, float | None, str | None]:
    """Return the person's point and ward: a followed place, else the device's position."""
    place = next(iter(session.subscriptions.places), None)
    if place is not None and (place.lat is not None or place.ward_code is not None):
        return place.lat, place.lon, place.ward_code
    fix = await current_fix(SAFE_LOCATION_TIMEOUT)
    return fix.lat, fix.lon, None


def safety_panel(ctx: AppContext, session: AlertsSession, alert: Alert) -> ft.Control:
    """Return the two buttons a person uses during an alert, and what they said last."""
    _ = ctx._
    note = ft.Text(safety_note(ctx, session, alert) or "", key=f"safety-note-{alert.id}")

    async def safe(event: ft.Event[ft.Button]) -> None:
        button = event.control
        button.disabled = True
        button.update()
        lat, lon, ward_code = await where_am_i(session)
        item = session.queue_checkin(
            checkin_for(alert, "safe", lat=lat, lon=lon, ward_code=ward_code)
        )
        session.device.save_safety(
            alert.id, {"status": "safe", "at": utc_now().isoformat(), "item": item.id}
        )
        sent = (await session.send_checkins()).verdicts.get(item.id)
        if sent is not None and sent.sent:
            text = _("Sent: the city counts you as safe. Tell your family too.")
        else:
            text = _("Saved on this device: it is sent as soon as there is a connection.")
        note.value = safety_note(ctx, session, alert) or ""
        button.disabled = False
        ctx.page.show_dialog(ft.SnackBar(ft.Text(text), key="safe-saved"))
        note.update()
        button.update()

    def said() -> None:
        note.value = safety_note(ctx, session, alert) or ""
        note.update()

    async def need_help(event: ft.Event[ft.Button]) -> None:
        wards = await session.ward_list()
        show_dialog(ctx.page, HelpDialog(ctx, session, alert, said, wards).dialog)

    return ft.Column(
        [
            ft.Row(
                [
                    ft.FilledButton(
                        key=f"i-am-safe-{alert.id}",
                        content=_("I'm safe"),
                        icon=ft.Icons.VERIFIED_USER,
                        tooltip=_("Tell the city you are safe"),
                        on_click=safe,
                        style=ft.ButtonStyle(bgcolor="#2E7D32", color="#FFFFFF"),
                    ),
                    ft.FilledButton(
                        key=f"i-need-help-{alert.id}",
                        content=_("I need help"),
                        icon=ft.Icons.SOS,
                        tooltip=_("Ask your ward for help, with your location"),
                        on_click=need_help,
                        style=ft.ButtonStyle(bgcolor="#C62828", color="#FFFFFF"),
                    ),
                ],
                wrap=True,
            ),
            note,
        ],
        spacing=4,
    )
