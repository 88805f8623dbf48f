"""/alerts/prepare: emergency calls, the household checklist, suggested gathering points."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from hue_s.kit.osm import ATTRIBUTION
from hue_s.modules.alerts.app.preparedness import (
    CHECKLIST,
    checklist_progress,
    gathering_points,
    nearest_first,
)
from hue_s.modules.alerts.app.session import AlertsSession, alerts_session
from hue_s.modules.alerts.app.views.area_map import points_map
from hue_s.modules.alerts.app.widgets import emergency_calls, heading

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

KIND_ICONS = {"school": ft.Icons.SCHOOL, "office": ft.Icons.ACCOUNT_BALANCE}


def checklist(ctx: AppContext, session: AlertsSession) -> ft.Control:
    """Return the household checklist, ticks kept on this device."""
    _ = ctx._
    done = session.device.checklist()
    progress = ft.Text(key="checklist-progress")

    def show_progress() -> None:
        ticked, total = checklist_progress(done)
        progress.value = _("{done} of {total} ready").format(done=ticked, total=total)

    def ticked(item_id: str) -> Callable[[ft.Event[ft.Checkbox]], None]:
        def handler(event: ft.Event[ft.Checkbox]) -> None:
            if event.control.value:
                done.add(item_id)
            else:
                done.discard(item_id)
            session.device.save_checklist(done)
            show_progress()
            progress.update()

        return handler

    show_progress()
    rows: list[ft.Control] = [
        ft.Row(
            [
                ft.Checkbox(
                    key=f"checklist-{item_id}",
                    value=item_id in done,
                    semantics_label=_(text),
                    on_change=ticked(item_id),
                ),
                ft.Text(_(text), expand=True),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
        for item_id, text in CHECKLIST
    ]
    return ft.Column([progress, *rows], spacing=0, key="checklist")


def gathering_list(ctx: AppContext, here: tuple[float, float] | None) -> ft.Control:
    """Return the suggested gathering points, nearest first when the place is known."""
    _ = ctx._
    rows: list[ft.Control] = []
    for point, km in nearest_first(gathering_points(), *(here or (None, None))):
        distance = (
            "" if km is None else " · " + _("{km} km").format(km=ctx.i18n.number(round(km, 1)))
        )
        rows.append(
            ft.ListTile(
                key=f"gathering-{point.osm_id}",
                leading=ft.Icon(KIND_ICONS.get(point.kind, ft.Icons.HOME_WORK)),
                title=ft.Text(point.name),
                subtitle=ft.Text(f"{point.ward_name}{distance}"),
                dense=True,
            )
        )
    return ft.Column(rows, spacing=0, key="gathering-list")


async def build_prepare(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the preparedness screen."""
    _ = ctx._
    session = alerts_session(ctx)
    here = await session.forecast_point()
    return ft.Column(
        key="alerts-prepare",
        spacing=12,
        controls=[
            heading(_("Emergency calls")),
            emergency_calls(ctx),
            heading(_("Ready for floods and storms")),
            checklist(ctx, session),
            heading(_("Suggested gathering points")),
            ft.Container(
                padding=12,
                border_radius=12,
                bgcolor=ft.Colors.SECONDARY_CONTAINER,
                content=ft.Text(
                    _(
                        "These are public buildings (schools, offices) from OpenStreetMap. They "
                        "are not official shelters and may flood themselves: your ward's "
                        "instructions come first."
                    ),
                    key="gathering-disclaimer",
                ),
            ),
            points_map(
                gathering_points(),
                label=_("Map of suggested gathering points"),
                translate=_,
                here=here,
            ),
            gathering_list(ctx, here),
            ft.Text(
                _("Data: {attribution} (ODbL).").format(attribution=ATTRIBUTION),
                theme_style=ft.TextThemeStyle.BODY_SMALL,
            ),
        ],
    )
