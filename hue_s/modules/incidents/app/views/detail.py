"""One report: its status, photos and timeline; the reporter rates or reopens it from here."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import flet as ft

from hue_s.app.api.errors import HueAPIError, NotFoundError
from hue_s.app.context import AppContext
from hue_s.app.views.errors import describe_error
from hue_s.modules.incidents.app.api import IncidentsResource
from hue_s.modules.incidents.app.labels import action_name, hue_time, status_chip
from hue_s.modules.incidents.app.models import CaseDetail, ServiceRequest
from hue_s.modules.incidents.app.session import IncidentsSession, incidents_session
from hue_s.modules.incidents.app.views.feedback import feedback_section
from hue_s.modules.incidents.app.views.layout import readable

logger = logging.getLogger(__name__)

PHOTO_SIZE = 150
REOPEN_WINDOW = timedelta(days=7)


async def photo_strip(api: IncidentsResource, urls: list[tuple[str, str]]) -> ft.Control:
    """Return a report's photos, fetched through the client (labels: what each shows)."""

    async def fetch(url: str) -> bytes | None:
        """Return a photo's bytes, or None when it cannot be fetched."""
        try:
            return await api.photo(url=url)
        except HueAPIError as error:
            logger.info("photo not fetched: %s", type(error).__name__)
            return None

    fetched = await asyncio.gather(*(fetch(url) for url, _label in urls))
    images: list[ft.Control] = []
    for (_url, label), data in zip(urls, fetched, strict=True):
        if data is None:
            continue
        images.append(
            ft.Column(
                spacing=2,
                controls=[
                    ft.Image(
                        src=data,
                        width=PHOTO_SIZE,
                        height=PHOTO_SIZE,
                        fit=ft.BoxFit.COVER,
                        border_radius=8,
                        semantics_label=label,
                    ),
                    ft.Text(label, theme_style=ft.TextThemeStyle.BODY_SMALL),
                ],
            )
        )
    return ft.Row(images, wrap=True, spacing=8, key="incident-photos")


def timeline(ctx: AppContext, entries: list[tuple[datetime, str, str | None]]) -> ft.Control:
    """Return the report's history, oldest first."""
    _ = ctx._
    rows: list[ft.Control] = []
    for at, action, note in entries:
        line = f"{hue_time(ctx.i18n, at)} · {_(action_name(action))}"
        if action == "proof_checked" and note:  # the backend notes the distance: "35 m"
            note = _("Taken {distance} from the reported place.").format(distance=note)
        rows.append(
            ft.Row(
                vertical_alignment=ft.CrossAxisAlignment.START,
                controls=[
                    ft.Icon(ft.Icons.CIRCLE, size=10, color=ft.Colors.PRIMARY),
                    ft.Column(
                        spacing=2,
                        expand=True,
                        controls=[
                            ft.Text(line, weight=ft.FontWeight.W_500),
                            ft.Text(note or "", visible=bool(note)),
                        ],
                    ),
                ],
            )
        )
    return ft.Column(
        [ft.Text(_("History"), theme_style=ft.TextThemeStyle.TITLE_SMALL), *rows],
        spacing=8,
        key="incident-timeline",
    )


def header(ctx: AppContext, number: str, service: str, status: str, text: str) -> ft.Control:
    """Return the title block of a report."""
    _ = ctx._
    return ft.Column(
        spacing=6,
        controls=[
            ft.Text(
                _("Report {number}: {service}").format(number=number, service=service),
                theme_style=ft.TextThemeStyle.TITLE_LARGE,
            ),
            ft.Row([status_chip(ctx._, status)], key="incident-status"),
            ft.Text(text or _("(no description)")),
        ],
    )


def closed_at(case: CaseDetail) -> datetime | None:
    """Return when the case was resolved last."""
    moments = [entry.at for entry in case.timeline if entry.action == "resolved"]
    return max(moments) if moments else None


def me_too_line(ctx: AppContext, count: int) -> list[str]:
    """Return the line of how many said "me too" (none at 0: "0 people" says nothing)."""
    if count <= 0:
        return []
    line = ctx.i18n.ngettext('{count} person said "me too"', '{count} people said "me too"', count)
    return [line.format(count=count)]


async def own_report(
    ctx: AppContext, session: IncidentsSession, case: CaseDetail
) -> list[ft.Control]:
    """Return the reporter's full view of their report."""
    _ = ctx._
    controls: list[ft.Control] = [
        header(ctx, str(case.id), case.service_name, case.status, case.description or "")
    ]
    facts = [
        _("Reported: {when}").format(when=hue_time(ctx.i18n, case.requested_at)),
        _("To be handled by: {when}").format(when=hue_time(ctx.i18n, case.deadline_at)),
        *me_too_line(ctx, case.followers),
    ]
    if case.address:
        facts.insert(0, case.address)
    controls.append(ft.Text("\n".join(facts), theme_style=ft.TextThemeStyle.BODY_MEDIUM))
    labels = {"before": _("Reported photo"), "after": _("Photo after the fix")}
    controls.append(
        await photo_strip(
            session.api, [(photo.url, labels.get(photo.kind, photo.kind)) for photo in case.photos]
        )
    )
    controls.append(timeline(ctx, [(e.at, e.action, e.note) for e in case.timeline]))
    resolved_at = closed_at(case)
    can_reopen = (
        case.status == "resolved"
        and resolved_at is not None
        and datetime.now(UTC) - resolved_at <= REOPEN_WINDOW
    )
    controls += feedback_section(ctx, session, case, can_reopen=can_reopen)
    return controls


async def public_report(
    ctx: AppContext, session: IncidentsSession, request: ServiceRequest
) -> list[ft.Control]:
    """Return the public view of a report (no personal data in it)."""
    _ = ctx._
    extended = request.extended_attributes
    status = (extended.detailed_status if extended else None) or request.status
    controls: list[ft.Control] = [
        header(
            ctx,
            request.service_request_id,
            request.service_name or request.service_code,
            status,
            request.description or "",
        )
    ]
    if extended and extended.ward:
        controls.append(ft.Text(extended.ward.name or extended.ward.code))
    urls = extended.media_urls if extended else ([request.media_url] if request.media_url else [])
    controls.append(await photo_strip(session.api, [(url, _("Photo")) for url in urls]))
    if extended:
        controls.append(timeline(ctx, [(e.at, e.action, e.note) for e in extended.timeline]))
    return controls


async def build_report(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return one report: the reporter's own view when it is theirs, else the public one."""
    session = incidents_session(ctx)
    number = params.get("id", "")
    if not (number.isdigit() or (session.plain and number)):  # a plain server's: any text
        return ft.Text(ctx._("There is no report {number}.").format(number=number))
    if number.isdigit():
        session.watcher.seen(int(number))  # its news is read now
    try:
        if number.isdigit() and not ctx.session.is_guest:
            try:
                case = await session.api.my_report(incident_id=int(number))
                return readable(ft.Column(await own_report(ctx, session, case), spacing=16))
            except NotFoundError:
                pass  # not theirs: the public view
        request = await session.api.request(request_id=number)
    except NotFoundError:
        return ft.Text(ctx._("There is no report {number}.").format(number=number))
    except HueAPIError as error:
        return ft.Text(describe_error(ctx, error), key="incident-error")
    return readable(ft.Column(await public_report(ctx, session, request), spacing=16))
