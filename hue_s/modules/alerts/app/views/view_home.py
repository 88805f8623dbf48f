"""/alerts: warnings for my places first, then what to do, the weather and the rivers."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.modules.alerts.app.session import alerts_session
from hue_s.modules.alerts.app.views.safety_panel import safety_panel
from hue_s.modules.alerts.app.weather.discharge_view import discharge_card
from hue_s.modules.alerts.app.weather.rivers_view import rivers_card
from hue_s.modules.alerts.app.weather.weather_models import Gauge
from hue_s.modules.alerts.app.weather.weather_view import weather_card
from hue_s.modules.alerts.app.widgets import (
    alert_card,
    emergency_calls,
    heading,
    live_region,
    status_line,
    still_shown,
)

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

OPERATOR_ROLES = frozenset({"operator", "admin"})


def link_button(ctx: AppContext, key: str, text: str, icon: ft.IconData, route: str) -> ft.Control:
    """Return a button that opens another alerts screen."""

    async def go(event: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.page.push_route(route)

    return ft.OutlinedButton(key=key, content=text, icon=icon, tooltip=text, on_click=go)


def loading(key: str) -> ft.Control:
    """Return a progress ring shown while a card loads."""
    return ft.Row([ft.ProgressRing(width=24, height=24)], key=key)


async def build_alerts_home(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the alerts screen; it updates itself as warnings arrive or end."""
    _ = ctx._
    session = alerts_session(ctx)
    names = await session.ward_names()
    status = ft.Container()
    mine = ft.Column(spacing=8, key="alerts-mine")
    elsewhere = ft.Column(spacing=8, key="alerts-elsewhere")

    shown: list[tuple[list[int], list[int], bool]] = []

    def refill() -> None:
        relevant, others = session.delivery.relevant(), session.delivery.others()
        status.content = status_line(ctx, session)
        now_showing = (
            [a.id for a in relevant],
            [a.id for a in others],
            session.subscriptions.whole_city,
        )
        if shown and shown[-1] == now_showing:
            return  # the same warnings: keep their cards and buttons as they are
        shown[:] = [now_showing]
        scope = (
            _("Warnings for the whole city")
            if session.subscriptions.whole_city
            else _("Warnings for my places")
        )
        mine.controls = [heading(scope, key="alerts-mine-heading", badge=len(relevant))]
        if not relevant:
            mine.controls.append(ft.Text(_("No warning is in force."), key="alerts-none"))
        for alert in relevant:
            mine.controls.append(alert_card(ctx, alert, names))
        if relevant:
            mine.controls.append(safety_panel(ctx, session, relevant[0]))
        elsewhere.visible = bool(others)
        elsewhere.controls = [heading(_("Elsewhere in Huế"))] + [
            alert_card(ctx, alert, names) for alert in others
        ]

    refill()
    weather = ft.Container(loading("weather-loading"))
    rivers = ft.Container(loading("rivers-loading"))
    discharge = ft.Container(loading("discharge-loading"))
    actions = [
        link_button(ctx, "alerts-places", _("My places and alert level"), ft.Icons.PLACE,
                    "/alerts/places"),
        link_button(ctx, "alerts-prepare", _("Be prepared: checklist, gathering points"),
                    ft.Icons.CHECKLIST, "/alerts/prepare"),
    ]  # fmt: skip
    if ctx.session.role in OPERATOR_ROLES:
        actions.append(
            link_button(
                ctx, "alerts-operator", _("Issue a warning"), ft.Icons.CAMPAIGN, "/alerts/operator"
            )  # fmt: skip
        )
    warnings = ft.Column(
        col={"xs": 12, "lg": 7},
        spacing=12,
        controls=[
            status,
            mine,
            elsewhere,
            ft.Row(actions, wrap=True, spacing=8, run_spacing=8),
            heading(_("Emergency calls")),
            emergency_calls(ctx),
        ],
    )
    conditions = ft.Column(
        col={"xs": 12, "lg": 5},
        spacing=12,
        controls=[
            heading(_("Weather")),
            weather,
            heading(_("River levels")),
            rivers,
            heading(_("River flow, next days")),
            discharge,
        ],
    )
    # Side by side on a wide screen, warnings first on a phone.
    root = ft.ResponsiveRow([warnings, conditions], key="alerts-home", spacing=24, run_spacing=12)
    live_region(ctx, session, [status, mine, elsewhere], refill)

    async def load_cards() -> None:
        forecast, offline = await session.load_forecast()
        now = session.delivery.clock.now()
        weather.content = weather_card(ctx, forecast, offline, now=now)
        gauges: list[Gauge] | None = None
        with contextlib.suppress(HueAPIError):
            gauges = await session.api.gauges()
        rivers.content = rivers_card(ctx, gauges, now)
        discharge.content = discharge_card(ctx, *await session.load_rivers(), now=now)
        if still_shown(ctx, root):
            with contextlib.suppress(RuntimeError):
                weather.update()
                rivers.update()
                discharge.update()

    ctx.page.run_task(load_cards)
    return root
