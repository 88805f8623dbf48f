"""The officer's inbox: the ward's open cases by deadline, overdue first."""

from __future__ import annotations

from datetime import UTC, datetime

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.views.errors import describe_error
from hue_s.modules.incidents.app.labels import hue_time, status_chip
from hue_s.modules.incidents.app.models import CaseSummary
from hue_s.modules.incidents.app.staff.api import CasesResource
from hue_s.modules.incidents.app.views.layout import readable


def go(ctx: AppContext, route: str) -> None:
    """Navigate to a route from a click handler."""
    ctx.page.run_task(ctx.page.push_route, route)


def overdue_first(cases: list[CaseSummary]) -> list[CaseSummary]:
    """Return cases overdue first, each group by deadline (the server's order, made sure)."""
    return sorted(cases, key=lambda case: (not case.overdue, case.deadline_at, case.id))


def due_text(ctx: AppContext, case: CaseSummary, now: datetime) -> str:
    """Say when a case is due, or how late it is."""
    _ = ctx._
    hours = round((case.deadline_at - now).total_seconds() / 3600)
    when = hue_time(ctx.i18n, case.deadline_at)
    if case.overdue:
        return _("Overdue by {hours} h (due {when})").format(hours=max(1, -hours), when=when)
    return _("Due in {hours} h ({when})").format(hours=max(0, hours), when=when)


def city_level_chip(ctx: AppContext) -> ft.Control:
    """Return the label of a case no ward holds yet: the city level triages and places it."""
    return ft.Container(
        key="officer-city-level",
        content=ft.Text(
            ctx._("City level: ward not decided yet"),
            color=ft.Colors.WHITE,
            theme_style=ft.TextThemeStyle.BODY_SMALL,
        ),
        bgcolor=ft.Colors.BROWN_700,
        border_radius=12,
        padding=ft.Padding.symmetric(horizontal=10, vertical=3),
    )


def case_card(ctx: AppContext, case: CaseSummary, now: datetime) -> ft.Control:
    """Return one case of the inbox (a case no ward holds yet says so)."""
    _ = ctx._
    badges: list[ft.Control] = [status_chip(ctx._, case.status)]
    if case.ward_code is None:
        badges.append(city_level_chip(ctx))
    if case.overdue:
        badges.append(
            ft.Container(
                content=ft.Text(
                    _("Overdue"), color=ft.Colors.ON_ERROR, theme_style=ft.TextThemeStyle.BODY_SMALL
                ),
                bgcolor=ft.Colors.ERROR,
                border_radius=12,
                padding=ft.Padding.symmetric(horizontal=10, vertical=3),
            )
        )
    return ft.Card(
        key=f"officer-case-{case.id}",
        content=ft.Container(
            padding=12,
            ink=True,
            on_click=lambda _event: go(ctx, f"/officer/cases/{case.id}"),
            content=ft.Column(
                spacing=4,
                controls=[
                    ft.Row(badges, wrap=True),
                    ft.Text(
                        _("Case {number}: {service}").format(
                            number=case.id, service=case.service_name
                        ),
                        weight=ft.FontWeight.W_600,
                    ),
                    ft.Text(case.description or "", max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
                    ft.Text(
                        due_text(ctx, case, now),
                        theme_style=ft.TextThemeStyle.BODY_SMALL,
                        color=ft.Colors.ERROR if case.overdue else None,
                    ),
                ],
            ),
        ),
    )


async def ward_title(ctx: AppContext) -> str:
    """Return whose cases these are: the officer's ward, or every ward for city-wide staff."""
    _ = ctx._
    me = await ctx.api.me.get()
    if not me.ward_code or ctx.session.role != "officer":
        return _("Cases of every ward")
    ward = await ctx.api.wards.get(code=me.ward_code)
    return _("Cases of {ward}").format(ward=ward.full_name or ward.name)


def plain_server_note(ctx: AppContext) -> list[ft.Control]:
    """Say, when citizens' reports go to the city's own Open311 system, that they are not here."""
    plain = ctx.services.open311.settings
    if plain is None:
        return []
    note = ctx._(
        "Citizens' new reports go to the city's own report system ({url}) and are handled "
        "there, not in this inbox. Here: the cases filed here before, from the hotline and "
        "for visitors."
    )
    return [ft.Text(note.format(url=plain.url), key="officer-plain-server", color=ft.Colors.ERROR)]


async def build_inbox(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the inbox of the signed-in officer."""
    _ = ctx._
    try:
        title = await ward_title(ctx)
        cases = overdue_first(await ctx.api.resource(CasesResource).inbox())
    except HueAPIError as error:
        return ft.Text(describe_error(ctx, error), key="officer-error")
    now = datetime.now(UTC)
    late = sum(case.overdue for case in cases)
    counts = _("{count} open, {late} overdue").format(count=len(cases), late=late)
    controls: list[ft.Control] = [
        ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_LARGE, key="officer-ward"),
        ft.Text(counts, key="officer-counts"),
        *plain_server_note(ctx),
        ft.Row(
            wrap=True,
            controls=[
                ft.FilledButton(
                    key="officer-file-for-visitor",
                    content=_("File for a visitor"),
                    icon=ft.Icons.PERSON_ADD,
                    on_click=lambda _event: go(ctx, "/incidents/assisted"),
                    visible=ctx.session.role == "officer",
                ),
                ft.OutlinedButton(
                    key="officer-hotline",
                    content=_("Hotline 19001075 log"),
                    icon=ft.Icons.PHONE_IN_TALK,
                    on_click=lambda _event: go(ctx, "/officer/hotline"),
                ),
                ft.TextButton(
                    key="officer-refresh",
                    content=_("Refresh"),
                    icon=ft.Icons.REFRESH,
                    on_click=lambda _event: ctx.page.run_task(ctx.refresh) if ctx.refresh else None,
                ),
            ],
        ),
    ]
    controls += [case_card(ctx, case, now) for case in cases] or [
        ft.Text(_("No open case. Well done!"), key="officer-empty")
    ]
    return readable(ft.Column(controls, spacing=12), key="officer-inbox")
