"""Incident reporting: a citizen reports a problem with photo and place; the ward resolves it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.device.secrets import installation_secret_store
from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.modules.incidents.app.form.screen import build_edit_report, build_new_report
from hue_s.modules.incidents.app.kiosk_draft import send_finished_draft
from hue_s.modules.incidents.app.notices import announce
from hue_s.modules.incidents.app.search import NEW_REPORT_OF, build_new_report_of, search_entries
from hue_s.modules.incidents.app.session import DRAFT_KEY, MODULE_ID, IncidentsSession
from hue_s.modules.incidents.app.tracking.view import build_track_lookup, build_tracked_case
from hue_s.modules.incidents.app.views.assisted import build_assisted
from hue_s.modules.incidents.app.views.detail import build_report
from hue_s.modules.incidents.app.views.home import build_incidents_home
from hue_s.modules.incidents.app.views.nearby import build_nearby

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

OPEN311_WATCH = f"{MODULE_ID}.open311"
"""Under this key in `module_state`: what stops following the Open311 connection."""


async def setup(ctx: AppContext) -> None:
    """Register this session's report handler with the outbox sender; start the status watch."""
    await ctx.services.open311.load(*installation_secret_store(ctx.page))
    reconnect_later = partial(ctx.page.run_task, reconnect, ctx)
    ctx.module_state[OPEN311_WATCH] = ctx.services.open311.subscribe(reconnect_later)
    session = IncidentsSession(ctx)
    session.on_status_change = partial(announce, ctx)
    ctx.module_state[MODULE_ID] = session
    ctx.outbox_sender.register(session.handler)
    ctx.draft_senders[DRAFT_KEY] = partial(send_finished_draft, ctx)  # the kiosk's "send now"
    session.start()


async def teardown(ctx: AppContext) -> None:
    """Stop the background work; queued reports stay in the store for the next session."""
    session = ctx.module_state.pop(MODULE_ID, None)
    if isinstance(session, IncidentsSession):
        ctx.outbox_sender.unregister(session.handler)
        await session.stop()
    ctx.draft_senders.pop(DRAFT_KEY, None)
    stop_watching = ctx.module_state.pop(OPEN311_WATCH, None)
    if callable(stop_watching):
        stop_watching()


async def reconnect(ctx: AppContext) -> None:
    """Follow a new Open311 connection chosen by staff: start again with it, no restart."""
    await teardown(ctx)
    await setup(ctx)
    if ctx.refresh is not None and (ctx.page.route or "").startswith(("/incidents", "/officer")):
        await ctx.refresh()


manifest = Manifest(
    id=MODULE_ID,
    title=N_("Report an incident"),
    short_title=N_("Reports"),
    description=N_(
        "Report a problem in the city with a photo and its place, and follow it until it is fixed."
    ),
    icon=ft.Icons.REPORT_PROBLEM,
    group="report",
    order=10,
    nav=True,
    routes=(
        ModuleRoute("/incidents", build_incidents_home),
        ModuleRoute("/incidents/new", build_new_report),
        ModuleRoute(NEW_REPORT_OF, build_new_report_of),
        ModuleRoute("/incidents/nearby", build_nearby),
        ModuleRoute("/incidents/outbox/:id", build_edit_report),
        ModuleRoute("/incidents/assisted", build_assisted),
        ModuleRoute("/incidents/track", build_track_lookup),
        ModuleRoute("/incidents/track/:code", build_tracked_case),
        ModuleRoute("/incidents/:id", build_report),
    ),
    setup=setup,
    teardown=teardown,
    search=search_entries,
)
