"""The incidents screen: reports waiting on this device, my reports, news about them."""

from __future__ import annotations

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.views.errors import describe_error
from hue_s.modules.incidents.app.labels import hue_time, queue_state, status_chip, status_name
from hue_s.modules.incidents.app.models import CaseSummary, ServiceRequest
from hue_s.modules.incidents.app.outbox.queue import QueuedReport
from hue_s.modules.incidents.app.session import IncidentsSession, incidents_session
from hue_s.modules.incidents.app.views.followed import followed_section
from hue_s.modules.incidents.app.views.layout import readable

SIGN_IN_HERE = "/sign-in?next=/incidents"


def go(ctx: AppContext, route: str) -> None:
    """Navigate to a route from a click handler."""
    ctx.page.run_task(ctx.page.push_route, route)


def heading(text: str) -> ft.Control:
    """Return a section heading."""
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)


def queued_card(ctx: AppContext, session: IncidentsSession, queued: QueuedReport) -> ft.Control:
    """Return the card of a report (or "me too") waiting on this device."""
    _ = ctx._
    draft = queued.draft
    title = (draft.service_name or draft.service_code) if draft else _("Me too on a report")
    detail = (draft.description.strip() if draft else "") or ""

    async def delete(event: ft.Event[ft.TextButton]) -> None:
        """Drop the queued item and redraw the list."""
        if session.queue.delete(queued.id):
            ctx.page.show_dialog(ft.SnackBar(ft.Text(_("Deleted; it was never sent."))))
        if ctx.refresh is not None:
            await ctx.refresh()

    actions: list[ft.Control] = []
    if queued.editable and draft is not None:
        actions.append(
            ft.TextButton(
                key=f"outbox-edit-{queued.id}",
                content=_("Change"),
                icon=ft.Icons.EDIT,
                tooltip=_("Change this report before it is sent"),
                on_click=lambda _event: go(ctx, f"/incidents/outbox/{queued.id}"),
            )
        )
    if queued.editable:
        actions.append(
            ft.TextButton(
                key=f"outbox-delete-{queued.id}",
                content=_("Delete"),
                icon=ft.Icons.DELETE_OUTLINE,
                tooltip=_("Delete this report; it will not be sent"),
                on_click=delete,
            )
        )
    colour = ft.Colors.ERROR if queued.refused else ft.Colors.ON_SURFACE_VARIANT
    return ft.Card(
        key=f"outbox-item-{queued.id}",
        content=ft.Container(
            padding=12,
            content=ft.Column(
                spacing=4,
                controls=[
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.CLOUD_UPLOAD, size=20),
                            ft.Text(title, weight=ft.FontWeight.W_600),
                        ]
                    ),
                    ft.Text(detail, max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
                    ft.Text(
                        _(queue_state(queued, guest=ctx.session.is_guest and not session.plain)),
                        color=colour,
                        key=f"outbox-state-{queued.id}",
                    ),
                    *server_words(ctx, queued),
                    ft.Row(actions, wrap=True),
                ],
            ),
        ),
    )


def server_words(ctx: AppContext, queued: QueuedReport) -> list[ft.Control]:
    """Return what the server said when it refused a report, when it said anything."""
    if not queued.refusal_detail:
        return []
    return [
        ft.Text(
            ctx._("The server said: {words}").format(words=queued.refusal_detail),
            color=ft.Colors.ERROR,
            key=f"outbox-refusal-{queued.id}",
        )
    ]


def case_tile(ctx: AppContext, case: CaseSummary) -> ft.Control:
    """Return one of my reports in the list."""
    _ = ctx._
    when = hue_time(ctx.i18n, case.requested_at)
    return ft.Card(
        key=f"my-report-{case.id}",
        content=ft.ListTile(
            title=ft.Text(case.service_name),
            subtitle=ft.Text(
                f"{when} · {case.description or ''}", max_lines=2, overflow=ft.TextOverflow.ELLIPSIS
            ),
            trailing=status_chip(ctx._, case.status),
            on_click=lambda _event: go(ctx, f"/incidents/{case.id}"),
            tooltip=_("Open report {number}: {status}").format(
                number=case.id, status=_(status_name(case.status))
            ),
        ),
    )


async def my_reports(ctx: AppContext, session: IncidentsSession) -> list[ft.Control]:
    """Return the signed-in citizen's reports, or why they are missing.

    What is listed is not remembered as seen: the status watch compares with what the device
    saw last, so a change is told even when the list showed it first.
    """
    _ = ctx._
    if session.plain:
        return await filed_here(ctx, session)
    if ctx.session.is_guest:
        return [
            ft.Text(_("Sign in to follow your reports and get news about them.")),
            ft.FilledTonalButton(
                key="incidents-sign-in",
                content=_("Sign in"),
                icon=ft.Icons.LOGIN,
                on_click=lambda _event: go(ctx, SIGN_IN_HERE),
            ),
        ]
    try:
        cases = await session.api.mine()
    except HueAPIError as error:
        return [ft.Text(describe_error(ctx, error), key="my-reports-error")]
    if not cases:
        return [ft.Text(_("You have not reported anything yet."), key="my-reports-empty")]
    return [case_tile(ctx, case) for case in cases]


async def filed_here(ctx: AppContext, session: IncidentsSession) -> list[ft.Control]:
    """Return the reports this device filed to a plain server, with their status there."""
    _ = ctx._
    if not session.queue.filed():
        return [ft.Text(_("You have not reported anything yet."), key="my-reports-empty")]
    controls: list[ft.Control] = []
    try:
        await session.queue.learn_ids(session.api.id_for_token)
        filed = session.queue.filed()
        ids = [q.item.server_ref for q in filed if q.item.server_ref]
        found = {r.service_request_id: r for r in await session.api.by_ids(ids)}
    except HueAPIError as error:
        filed = session.queue.filed()
        found = {}
        controls.append(ft.Text(describe_error(ctx, error), key="my-reports-error"))
    for queued in filed:
        request = found.get(queued.item.server_ref or "")
        controls.append(filed_tile(ctx, queued, request))
    return controls


def filed_tile(ctx: AppContext, queued: QueuedReport, request: ServiceRequest | None) -> ft.Control:
    """Return one report filed from this device: its number and status when the server says."""
    _ = ctx._
    draft = queued.draft
    number = queued.item.server_ref
    title = (draft.service_name or draft.service_code) if draft else ""
    lines = [hue_time(ctx.i18n, queued.item.created_at), draft.description if draft else ""]
    receipt = queued.receipt
    if number is None and receipt.get("token"):
        lines.append(_("Received by the city's system; it has not given it a number yet."))
    elif number is None:
        lines.append(_("Received by the city's system, which gave it no number."))
    if receipt.get("photos_dropped"):
        lines.append(_("Sent without its photos: the city's system does not take photos."))
    notice = receipt.get("service_notice")
    if isinstance(notice, str) and notice:
        lines.append(notice)
    status = request.status if request else None
    return ft.Card(
        key=f"my-report-{number or queued.id}",
        content=ft.ListTile(
            title=ft.Text(f"{title} · {number}" if number else title),
            subtitle=ft.Text(" · ".join(line for line in lines if line), max_lines=3),
            trailing=status_chip(ctx._, status) if status else None,
            on_click=(lambda _event: go(ctx, f"/incidents/{number}")) if number else None,
        ),
    )


def notices(ctx: AppContext, session: IncidentsSession) -> list[ft.Control]:
    """Return the status changes of my reports not seen yet (kept until the report is opened)."""
    _ = ctx._
    news = session.watcher.news()
    if not news:
        return []
    lines: list[ft.Control] = [
        ft.TextButton(
            content=_("{service} (report {number}): now {status}").format(
                service=change.service_name,
                number=change.incident_id,
                status=_(status_name(change.new)),
            ),
            on_click=lambda _event, n=change.incident_id: go(ctx, f"/incidents/{n}"),
        )
        for change in news[:5]
    ]
    return [
        ft.Container(
            key="incident-notices",
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
            border_radius=12,
            padding=12,
            content=ft.Column([heading(_("News about your reports")), *lines], spacing=4),
        )
    ]


async def build_incidents_home(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the incidents screen."""
    _ = ctx._
    session = incidents_session(ctx)
    session.wake_sender()
    actions = ft.Row(
        wrap=True,
        spacing=12,
        controls=[
            ft.FilledButton(
                key="incidents-new",
                content=_("Report a problem"),
                icon=ft.Icons.ADD_A_PHOTO,
                on_click=lambda _event: go(ctx, "/incidents/new"),
            ),
            ft.OutlinedButton(
                key="incidents-nearby",
                content=_("Reports near me"),
                icon=ft.Icons.MAP,
                on_click=lambda _event: go(ctx, "/incidents/nearby"),
            ),
        ],
    )
    controls: list[ft.Control] = [actions, *notices(ctx, session)]
    if session.plain:
        controls.append(
            ft.Text(
                _(
                    "Reports go to the city's own report system. It has no accounts, no news "
                    "about your reports and no tracking codes: your reports are kept on this "
                    "device, and their status is asked from the city's system."
                ),
                key="incidents-plain-server",
                color=ft.Colors.ON_SURFACE_VARIANT,
            )
        )
    else:
        actions.controls.append(
            ft.OutlinedButton(
                key="incidents-track",
                content=_("Follow a case by code"),
                icon=ft.Icons.QR_CODE,
                on_click=lambda _event: go(ctx, "/incidents/track"),
            )
        )
    waiting = session.queue.unsent()
    if waiting:
        controls.append(heading(_("Waiting to be sent")))
        controls += [queued_card(ctx, session, queued) for queued in waiting]
        if ctx.session.is_guest and not session.plain:
            controls.append(
                ft.FilledButton(
                    key="outbox-sign-in",
                    content=_("Sign in to send them"),
                    icon=ft.Icons.LOGIN,
                    on_click=lambda _event: go(ctx, SIGN_IN_HERE),
                )
            )
        else:
            controls.append(
                ft.TextButton(
                    key="outbox-send-now",
                    content=_("Try to send now"),
                    icon=ft.Icons.SEND,
                    on_click=lambda _event: ctx.page.run_task(session.send_now),
                )
            )
    controls.append(heading(_("My reports")))
    controls += await my_reports(ctx, session)
    controls += await followed_section(ctx, session)
    return readable(ft.Column(controls, spacing=12), key="incidents-home")
