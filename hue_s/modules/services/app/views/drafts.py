"""The drafts part of "My dossiers": dossiers waiting in the outbox, and half-filled ones (on
this device or the server, the newer of each) with a way to continue."""

from __future__ import annotations

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.modules.services.app.api import ServicesResource
from hue_s.modules.services.app.filing.drafts import DossierDraft, local_drafts, newer
from hue_s.modules.services.app.filing.outbox import DOSSIER_KIND
from hue_s.modules.services.app.widgets import heading, opener


async def draft_tiles(ctx: AppContext) -> list[ft.Control]:
    """Return the tiles of queued dossiers and of drafts, with their headings (none: [])."""
    _ = ctx._
    waiting = [
        item
        for item in ctx.store.outbox.entries(ctx.device_id, states=("pending", "sending", "failed"))
        if item.kind == DOSSIER_KIND
    ]
    queued_keys = {item.id for item in waiting}
    tiles: list[ft.Control] = [
        ft.Card(
            content=ft.ListTile(
                key=f"queued-{item.id}",
                leading=ft.Icon(ft.Icons.CLOUD_UPLOAD_OUTLINED),
                title=ft.Text(str(item.payload.get("name") or item.payload.get("procedure_code"))),
                subtitle=ft.Text(
                    _("Not accepted: open it to change and send again")
                    if item.state == "failed" and item.next_attempt_at is None
                    else _("Waiting to be sent")
                ),
                on_click=opener(ctx, f"/services/file/{item.payload.get('procedure_code')}"),
            )
        )
        for item in waiting
        if isinstance(item.payload, dict)
    ]
    drafts = [draft for draft in await all_drafts(ctx) if draft.key not in queued_keys]
    if tiles:
        tiles.insert(0, heading(_("Waiting to be sent")))
    if drafts:
        tiles.append(heading(_("Drafts")))
    tiles += [
        ft.Card(
            content=ft.ListTile(
                key=f"draft-{draft.procedure_code}",
                leading=ft.Icon(ft.Icons.EDIT_NOTE),
                title=ft.Text(draft.name or draft.procedure_code, weight=ft.FontWeight.W_500),
                subtitle=ft.Text(_("Draft · continue filling in")),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                on_click=opener(ctx, f"/services/file/{draft.procedure_code}"),
            )
        )
        for draft in drafts
    ]
    return tiles


async def all_drafts(ctx: AppContext) -> list[DossierDraft]:
    """Return the drafts of this device and of the server (no connection: the device's)."""
    found = {draft.procedure_code: draft for draft in local_drafts(ctx.store, ctx.device_id)}
    try:
        kept = await ctx.api.resource(ServicesResource).drafts()
    except HueAPIError:
        kept = []
    for server in kept:
        merged = newer(found.get(server.procedure_code), server)
        if merged is not None:
            found[server.procedure_code] = merged
    return list(found.values())
