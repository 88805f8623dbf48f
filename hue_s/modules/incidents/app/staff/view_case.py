"""One case for the ward's staff: who reported it, where, photos, full history, actions."""

from __future__ import annotations

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.device.dial import dial
from hue_s.app.views.errors import describe_error
from hue_s.modules.incidents.app.api import IncidentsResource
from hue_s.modules.incidents.app.labels import hue_time, status_chip
from hue_s.modules.incidents.app.models import CaseDetail
from hue_s.modules.incidents.app.staff.api import CasesResource
from hue_s.modules.incidents.app.staff.case_actions import CaseActions
from hue_s.modules.incidents.app.staff.view_inbox import city_level_chip
from hue_s.modules.incidents.app.views.detail import me_too_line, photo_strip, timeline
from hue_s.modules.incidents.app.views.layout import readable
from hue_s.modules.incidents.app.wards import city_wards


def readable_phone(number: str) -> str:
    """Return a Vietnamese mobile number as people write it (+84905123456 -> 0905 123 456)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.startswith("+84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits.startswith("0"):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return number


def call_button(ctx: AppContext, case: CaseDetail) -> ft.Control | None:
    """Return a one-tap call to the reporter, None when there is no phone to call."""
    phone = case.reporter.phone if case.reporter is not None else None
    if not phone or not any(ch.isdigit() for ch in phone):
        return None
    shown = readable_phone(phone)
    return ft.OutlinedButton(
        key="officer-call-reporter",
        content=ctx._("Call the reporter: {phone}").format(phone=shown),
        icon=ft.Icons.CALL,
        tooltip=ctx._("Call the person who reported this case"),
        on_click=lambda _event: ctx.page.run_task(dial, phone),
    )


def facts(ctx: AppContext, case: CaseDetail) -> list[str]:
    """Return the lines that say who, where and by when."""
    _ = ctx._
    reporter = case.reporter
    who = _("Reporter: no name shown")
    if reporter is not None and reporter.name:
        who = _("Reporter: {name}").format(name=reporter.name)
    lines = [who]
    if reporter is not None and reporter.phone:
        lines.append(_("Phone: {phone}").format(phone=readable_phone(reporter.phone)))
    if case.address:
        lines.append(_("Address: {address}").format(address=case.address))
    if case.lat is not None and case.lon is not None:
        lines.append(_("Point: {lat}, {lon}").format(lat=f"{case.lat:.5f}", lon=f"{case.lon:.5f}"))
    lines.append(_("Due: {when}").format(when=hue_time(ctx.i18n, case.deadline_at)))
    lines += me_too_line(ctx, case.followers)
    return lines


def case_badges(ctx: AppContext, case: CaseDetail) -> list[ft.Control]:
    """Return the status of a case, whether no ward holds it yet, and whether it is late."""
    badges: list[ft.Control] = [status_chip(ctx._, case.status)]
    if case.ward_code is None:
        badges.append(city_level_chip(ctx))
    if case.overdue:
        badges.append(ft.Text(ctx._("Overdue"), color=ft.Colors.ERROR, weight=ft.FontWeight.W_600))
    return badges


async def build_case(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return a case of the officer's ward with the actions its status allows."""
    _ = ctx._
    number = params.get("id", "")
    if not number.isdigit():
        return ft.Text(_("There is no case {number}.").format(number=number))
    try:
        case = await ctx.api.resource(CasesResource).get(case_id=int(number))
    except HueAPIError as error:
        return ft.Text(describe_error(ctx, error), key="officer-case-error")
    wards = await city_wards(ctx)
    labels = {"before": _("Reported photo"), "after": _("Photo after the fix")}
    photos = await photo_strip(
        ctx.api.resource(IncidentsResource),
        [(photo.url, labels.get(photo.kind, photo.kind)) for photo in case.photos],
    )
    staff_only = _("(staff only)")
    history = [
        (e.at, e.action, e.note if e.public or not e.note else f"{staff_only} {e.note}")
        for e in case.timeline
    ]
    controls: list[ft.Control] = [
        ft.Text(
            _("Case {number}: {service}").format(number=case.id, service=case.service_name),
            theme_style=ft.TextThemeStyle.TITLE_LARGE,
        ),
        ft.Row(case_badges(ctx, case), wrap=True, key="officer-case-status"),
        ft.Text(case.description or _("(no description)")),
        ft.Text(
            "\n".join(facts(ctx, case)),
            theme_style=ft.TextThemeStyle.BODY_MEDIUM,
            key="officer-case-facts",
        ),
        ft.Row(CaseActions(ctx, case, wards).buttons(), wrap=True, spacing=8, key="case-actions"),
        photos,
        timeline(ctx, history),
    ]
    call = call_button(ctx, case)
    if call is not None:
        controls.insert(4, call)
    return readable(ft.Column(controls, spacing=16), key="officer-case")
