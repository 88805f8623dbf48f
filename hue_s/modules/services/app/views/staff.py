"""The ward's side: the inbox of their ward's dossiers (open and soonest due first) and the
actions one dossier allows now (receive, ask for more, approve, transfer to the city, refuse)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.errors import describe_error
from hue_s.kit.screens import readable
from hue_s.modules.services.app.api import ServicesResource
from hue_s.modules.services.app.views.office_supplement import office_supplement_part
from hue_s.modules.services.app.views.result import ResultSlot
from hue_s.modules.services.app.widgets import (
    day_text,
    heading,
    opener,
    reload,
    status_text,
)
from hue_s.modules.services.form_export import answer_texts
from hue_s.modules.services.wire import (
    NOTE_REQUIRED,
    Dossier,
    Procedure,
    StaffAction,
    allowed_actions,
)

LABELS: dict[StaffAction, str] = {
    "receive": N_("Receive"),
    "approve": N_("Approve"),
    "request_supplement": N_("Ask for more documents"),
    "transfer": N_("Transfer to the city"),
    "reject": N_("Refuse"),
}
"""Each staff action's button, in the order shown; which ones show: wire.allowed_actions."""
CITY_STAFF = ("operator", "admin")


async def build_inbox(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the dossiers staff handle."""
    _ = ctx._
    try:
        dossiers = await ctx.api.resource(ServicesResource).inbox()
    except HueAPIError as error:
        return readable([ft.Text(describe_error(ctx, error), color=ft.Colors.ERROR)])
    tiles: list[ft.Control] = [
        ft.Card(
            content=ft.ListTile(
                key=f"inbox-{item.code}",
                title=ft.Text(item.procedure_name, weight=ft.FontWeight.W_500),
                subtitle=ft.Text(
                    f"{item.code} · {status_text(ctx, item.status)} · "
                    + _("due {day}").format(day=day_text(ctx, item.due_on))
                ),
                on_click=opener(ctx, f"/services/dossiers/{item.code}"),
            )
        )
        for item in dossiers
    ] or [ft.Text(_("No dossier to handle."))]
    return readable([heading(_("Dossiers to handle")), *tiles], key="services-inbox")


def answer_lines(dossier: Dossier, page: Procedure | None) -> list[ft.Control]:
    """Return the answers under their questions' labels (choices by their label, a group's
    items one line each)."""
    pairs = answer_texts(page.form if page else [], dossier.answers)
    return [ft.Text(f"{label}: {text}") for label, text in pairs]


def staff_part(ctx: AppContext, dossier: Dossier, page: Procedure | None) -> list[ft.Control]:
    """Return the answers, documents and the action buttons of a dossier, for ward staff."""
    _ = ctx._
    note = ft.TextField(
        key="staff-note",
        label=_("Note to the citizen (what is missing, why)"),
        multiline=True,
        max_length=2000,
    )
    message = ft.Text(color=ft.Colors.ERROR, visible=False)
    result = ResultSlot(ctx)

    def handler(action: StaffAction) -> Callable[[], Awaitable[None]]:
        async def act() -> None:
            if action in NOTE_REQUIRED and not (note.value or "").strip():
                note.error = _("Write what is missing or why it is refused.")
                note.update()
                return
            said = (note.value or "").strip() or None
            resource = ctx.api.resource(ServicesResource)
            signed = result.attached if action == "approve" else None
            try:
                if signed is not None:
                    await resource.approve(code=dossier.code, note=said, result=signed)
                else:
                    await resource.act(code=dossier.code, action=action, note=said)
            except HueAPIError as error:
                message.value, message.visible = describe_error(ctx, error), True
                message.update()
                return
            await reload(ctx, f"/services/dossiers/{dossier.code}")

        return act

    answers = answer_lines(dossier, page)
    names = {doc.code: doc.name for doc in page.documents} if page else {}
    documents = [
        ft.Text(f"{names.get(d.evidence_code, d.evidence_code)}: {d.filename}")
        for d in dossier.documents
    ]
    allowed = allowed_actions(
        dossier.status, dossier.city_tier, city_staff=ctx.session.role in CITY_STAFF
    )
    buttons = [
        ft.FilledTonalButton(key=f"staff-{action}", content=_(label), on_click=handler(action))
        for action, label in LABELS.items()
        if action in allowed
    ]
    part: list[ft.Control] = [heading(_("Answers")), *answers, heading(_("Documents")), *documents]
    if dossier.visitor_name:  # filed at the office: whom to call back
        visitor = " · ".join(filter(None, [dossier.visitor_name, dossier.visitor_phone]))
        part.insert(
            0,
            ft.Text(
                _("Filed at the office for: {visitor}").format(visitor=visitor), key="staff-visitor"
            ),
        )
    if dossier.city_tier:
        part.insert(0, ft.Text(_("At the city tier: city staff decide it."), key="city-tier"))
    part += office_supplement_part(ctx, dossier, page)
    if "approve" in allowed:
        part += [heading(_("Result document")), result.control]
    if buttons:
        part += [note, ft.Row(list[ft.Control](buttons), wrap=True, spacing=8), message]
    return part
