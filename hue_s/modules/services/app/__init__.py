"""Public services, app part: the catalogue, filing, one's dossiers, tracking, the ward's inbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute, SearchEntry
from hue_s.modules.services.app.api import ServicesResource
from hue_s.modules.services.app.filing.outbox import DossierHandler
from hue_s.modules.services.app.views import assisted, catalogue, dossiers, file, staff
from hue_s.modules.services.app.watch import notices

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


HANDLER_KEY = "services.outbox"
"""Under this key in `module_state`: the session's dossier handler."""


async def setup(ctx: AppContext) -> None:
    """Send queued dossiers through the one outbox sender; watch one's dossiers move."""
    handler = DossierHandler(
        ctx.api.resource(ServicesResource), ctx.store, ready=lambda: not ctx.session.is_guest
    )
    ctx.module_state[HANDLER_KEY] = handler
    ctx.outbox_sender.register(handler)
    await notices.start_watching(ctx)


async def teardown(ctx: AppContext) -> None:
    """Stop sending and watching; queued dossiers stay in the store for the next session."""
    handler = ctx.module_state.pop(HANDLER_KEY, None)
    if isinstance(handler, DossierHandler):
        ctx.outbox_sender.unregister(handler)
    await notices.stop_watching(ctx)


async def build_event(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the procedures of a life event."""
    return await catalogue.build_topic(ctx, params | {"kind": "event"})


async def build_field(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the procedures of a field."""
    return await catalogue.build_topic(ctx, params | {"kind": "field"})


async def search(ctx: AppContext) -> list[SearchEntry]:
    """Let home's search find each procedure by its name and other words."""
    try:
        found = await ctx.api.resource(ServicesResource).search()
    except HueAPIError:
        return []
    detail = ctx._("Public services")
    return [
        SearchEntry(item.name, f"/services/procedures/{item.code}", detail, item.field_name)
        for item in found
    ]


manifest = Manifest(
    id="services",
    title=N_("Public services"),
    description=N_(
        "Find an administrative procedure, file a dossier online and follow its progress."
    ),
    icon=ft.Icons.ACCOUNT_BALANCE,
    group="services",
    order=30,
    nav=False,
    search=search,
    setup=setup,
    teardown=teardown,
    routes=(
        ModuleRoute("/services", catalogue.build_home),
        ModuleRoute("/services/procedures/:code", catalogue.build_procedure),
        ModuleRoute("/services/event/:code", build_event),
        ModuleRoute("/services/field/:code", build_field),
        ModuleRoute("/services/file/:code", file.build_file),
        ModuleRoute("/services/assisted/:code", assisted.build_assisted),
        ModuleRoute("/services/dossiers", dossiers.build_mine),
        ModuleRoute("/services/dossiers/:code", dossiers.build_dossier),
        ModuleRoute("/services/track", dossiers.build_track_lookup),
        ModuleRoute("/services/track/:code", dossiers.build_tracked),
        ModuleRoute("/services/inbox", staff.build_inbox),
    ),
)
