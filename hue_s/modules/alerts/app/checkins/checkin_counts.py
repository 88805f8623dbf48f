"""On the operators' screen: per warning, how many people are safe or need help, per ward;
verified (signed in, or an app the city registered) apart from unverified."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.kit.screens import still_shown
from hue_s.modules.alerts.app.checkins.checkin_models import CheckinSummary, WardCount
from hue_s.modules.alerts.app.widgets import local_time

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.modules.alerts.app.session import AlertsSession

MAX_WARDS_SHOWN = 8
HELP_COLOUR = "#C62828"
SAFE_COLOUR = "#2E7D32"


def summary_lines(ctx: AppContext, summary: CheckinSummary) -> list[ft.Control]:
    """Return the verified and unverified totals, then one line per ward (most people asking
    for help first)."""
    _ = ctx._
    if not summary.wards:
        return [ft.Text(_("Nobody has checked in yet."), theme_style=ft.TextThemeStyle.BODY_SMALL)]
    verified = _("Verified: {safe} safe · {help} need help").format(
        safe=summary.safe, help=summary.help
    )
    unverified = _("Unverified: {safe} safe · {help} need help").format(
        safe=summary.safe_unverified, help=summary.help_unverified
    )
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.SOS, color=HELP_COLOUR, size=18)
                if summary.help
                else ft.Icon(ft.Icons.VERIFIED_USER, color=SAFE_COLOUR, size=18),
                ft.Text(verified, weight=ft.FontWeight.BOLD),
            ],
            spacing=6,
        ),
        ft.Row([ft.Icon(ft.Icons.HELP_OUTLINE, size=18), ft.Text(unverified)], spacing=6),
        ft.Text(
            _("Verified: signed in, or sent from an app the city registered. "
              "Unverified reports may be made up."),
            theme_style=ft.TextThemeStyle.LABEL_SMALL, italic=True,
        ),
    ]  # fmt: skip
    for ward in summary.wards[:MAX_WARDS_SHOWN]:
        lines.append(ward_line(ctx, ward))
    if len(summary.wards) > MAX_WARDS_SHOWN:
        more = len(summary.wards) - MAX_WARDS_SHOWN
        lines.append(
            ft.Text(
                _("and {n} more wards").format(n=more), theme_style=ft.TextThemeStyle.BODY_SMALL
            )
        )
    if summary.as_of is not None:
        lines.append(ft.Text(_("Counted at {time}").format(time=local_time(ctx, summary.as_of)),
                             theme_style=ft.TextThemeStyle.LABEL_SMALL, italic=True))  # fmt: skip
    return lines


def ward_line(ctx: AppContext, ward: WardCount) -> ft.Control:
    """Return one ward's verified counts, with its unverified ones when there are any."""
    _ = ctx._
    name = ward.ward_name or ward.ward_code or _("Place not given")
    line = _("{ward}: {safe} safe, {help} need help").format(
        ward=name, safe=ward.safe, help=ward.help
    )
    if ward.safe_unverified or ward.help_unverified:
        line += " " + _("(unverified: {safe} safe, {help} need help)").format(
            safe=ward.safe_unverified, help=ward.help_unverified
        )
    return ft.Text(
        line, theme_style=ft.TextThemeStyle.BODY_MEDIUM, color=HELP_COLOUR if ward.help else None
    )


class CheckinCounts:
    """The check-in counts of the warnings on screen, asked again every few seconds."""

    def __init__(self, ctx: AppContext, session: AlertsSession, every_seconds: float) -> None:
        """Count for one screen; `run()` keeps the counts fresh while it is shown."""
        self.ctx, self.session, self.every_seconds = ctx, session, every_seconds
        self.boxes: dict[int, ft.Column] = {}

    def box(self, alert_id: int) -> ft.Column:
        """Return the (kept) place where the counts of a warning are shown."""
        if alert_id not in self.boxes:
            waiting = ft.Text(
                self.ctx._("Counting check-ins…"), theme_style=ft.TextThemeStyle.BODY_SMALL
            )
            self.boxes[alert_id] = ft.Column([waiting], spacing=2, key=f"checkins-{alert_id}")
        return self.boxes[alert_id]

    async def refresh(self) -> None:
        """Ask the counts of every warning shown and redraw them."""
        for alert_id, box in list(self.boxes.items()):
            try:
                summary = await self.session.api.checkin_summary(alert_id=alert_id)
            except HueAPIError:
                continue  # the last counts stay until the next try
            box.controls = summary_lines(self.ctx, summary)
            if still_shown(self.ctx, box):
                with contextlib.suppress(RuntimeError):
                    box.update()

    async def run(self, root: ft.Control) -> None:
        """Refresh the counts until the screen is gone."""
        while True:
            await self.refresh()
            await asyncio.sleep(self.every_seconds)
            if not still_shown(self.ctx, root):
                return
