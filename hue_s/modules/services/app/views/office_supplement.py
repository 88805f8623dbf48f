"""At the ward office: the officer adds the documents the ward asked for to a dossier filed for
a visitor (issue #14). It has no owner, so nobody could send them from an account."""

from __future__ import annotations

import flet as ft

from hue_s.app.context import AppContext
from hue_s.modules.services.app.api import ServicesResource
from hue_s.modules.services.app.filing.documents import DocumentSlots
from hue_s.modules.services.app.widgets import heading, send_documents
from hue_s.modules.services.wire import Dossier, Procedure


def adds_at_office(ctx: AppContext, dossier: Dossier) -> bool:
    """Say whether this officer adds a supplement here: a visitor's dossier (no owner) that
    waits for one, still at the ward."""
    return (
        ctx.session.role == "officer"
        and dossier.filed_at_office
        and dossier.status == "supplement_requested"
        and not dossier.city_tier
    )


def office_supplement_part(
    ctx: AppContext, dossier: Dossier, page: Procedure | None
) -> list[ft.Control]:
    """Return the document slots and the send button of a supplement added at the office."""
    _ = ctx._
    if page is None or not adds_at_office(ctx, dossier):
        return []
    slots = DocumentSlots(ctx, page.documents)
    message = ft.Text(color=ft.Colors.ERROR, visible=False, key="office-supplement-message")

    async def send() -> None:
        if not slots.attached:
            message.value, message.visible = _("Attach the documents the visitor brought."), True
            message.update()
            return
        resource = ctx.api.resource(ServicesResource)
        attached = list(slots.attached.values())
        await send_documents(ctx, resource.supplement_at_office, dossier.code, attached, message)

    return [
        heading(_("Add the documents for the citizen")),
        ft.Text(_("The visitor brought the documents the ward asked for: attach them here.")),
        ft.Column(key="office-supplement", controls=[slots.control]),
        message,
        ft.FilledButton(
            key="office-supplement-send", content=_("Send the documents"), on_click=send
        ),
    ]
