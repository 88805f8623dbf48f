"""News of a dossier's move: a bar in the app with a way to open it, and a system notification
on desktops; to ward staff, a supplement in their inbox. Started and stopped with the session
(the module's setup and teardown)."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import Future
from functools import partial
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.device.notify import system_notifier_for
from hue_s.app.i18n import N_
from hue_s.kit.status_watch import MAX_SECONDS, POLL_SECONDS, PollingWatch
from hue_s.modules.services.app.api import ServicesResource
from hue_s.modules.services.app.watch.status import (
    INBOX_KEY,
    RESULT,
    DossierMove,
    DossierWatch,
    polling_watch,
    staff_news,
)

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

WATCH_KEY = "services.watch"
"""Under this key in `module_state`: what stops the session's watch."""
POLL_ENV = "HUE_S_SERVICES_POLL_SECONDS"
"""Seconds between looks at one's dossiers (5 to 600; default 60)."""
MINE, INBOX = "/services/dossiers", "/services/inbox"
STAFF = ("officer", "operator", "admin")
"""Roles that handle dossiers and have an inbox."""
SHOWN = 3
"""At most this many system notifications at once; the bar says how many more."""
STAGE_WORDS = {
    "receive": N_("received by the ward"),
    "request_supplement": N_("the ward asks for more documents"),
    "approve": N_("approved"),
    "approve" + RESULT: N_("approved: the result is ready"),
    "reject": N_("refused"),
    "transfer": N_("sent to the city tier to decide"),
}


def move_text(ctx: AppContext, move: DossierMove) -> str:
    """Say what happened to a dossier, in the session's language."""
    if staff_news(move.stage):
        return ctx._("Dossier {code} ({procedure}): the applicant added the documents").format(
            code=move.code, procedure=move.procedure_name
        )
    words = STAGE_WORDS.get(move.stage) or STAGE_WORDS.get(move.stage.removesuffix(RESULT))
    return ctx._("Your dossier {code} ({procedure}): {what}").format(
        code=move.code, procedure=move.procedure_name, what=ctx._(words or move.stage)
    )


async def announce(ctx: AppContext, found: list[DossierMove], *, lists: str = MINE) -> None:
    """Tell the person their dossiers moved: a bar that opens the first, and notifications.

    The list of those dossiers (`lists`: one's own, or the ward's inbox) is drawn again if open.
    """
    if not found:
        return
    first = found[0]
    text = move_text(ctx, first)
    if len(found) > 1:
        text += " " + ctx._("({count} more dossiers changed)").format(count=len(found) - 1)
    route = f"/services/dossiers/{first.code}"

    async def open_dossier(event: ft.Event[ft.SnackBarAction]) -> None:
        """Open the dossier the news is about."""
        await ctx.page.push_route(route)

    ctx.page.show_dialog(
        ft.SnackBar(
            ft.Text(text, key="services-move-notice"),
            action=ft.SnackBarAction(label=ctx._("Open"), on_click=open_dossier),
            duration=ft.Duration(seconds=10),
        )
    )
    notifier = system_notifier_for(ctx.page)
    title = ctx._("Your dossier") if lists == MINE else ctx._("Ward dossiers")
    for move in found[:SHOWN]:
        await notifier.show(title, move_text(ctx, move))
    here = (ctx.page.route or "").split("?")[0]
    if here in (lists, route) and ctx.refresh is not None:
        await ctx.refresh()


def poll_seconds() -> float:
    """Return the seconds between looks: $HUE_S_SERVICES_POLL_SECONDS within 5-600, else 60."""
    try:
        chosen = float(os.environ.get(POLL_ENV, POLL_SECONDS))
    except ValueError:
        chosen = POLL_SECONDS
    return min(max(chosen, 5.0), MAX_SECONDS)


def watches(ctx: AppContext) -> list[PollingWatch]:
    """Return the session's two watches: one's own dossiers, and the inbox of ward staff."""
    api = ctx.api.resource(ServicesResource)

    def citizen() -> str | None:
        """Return who is signed in (None: a guest)."""
        return None if ctx.session.is_guest else ctx.session.user_id

    def staff() -> str | None:
        """Return who is signed in if they handle dossiers (None: not staff)."""
        return ctx.session.user_id if ctx.session.role in STAFF else None

    own = DossierWatch(api.mine, ctx.store.cache, lambda: ctx.device_id, citizen)
    inbox = DossierWatch(
        api.inbox, ctx.store.cache, lambda: ctx.device_id, staff, key=INBOX_KEY, news=staff_news
    )
    every = poll_seconds()
    return [
        polling_watch(own, partial(announce, ctx), poll_seconds=every),
        polling_watch(inbox, partial(announce, ctx, lists=INBOX), poll_seconds=every),
    ]


async def start_watching(ctx: AppContext) -> None:
    """Start watching the signed-in person's dossiers (and a staff member's inbox)."""
    stop = asyncio.Event()
    tasks: list[Future[None]] = [ctx.page.run_task(loop.run, stop) for loop in watches(ctx)]
    ctx.module_state[WATCH_KEY] = (stop, tasks)


async def stop_watching(ctx: AppContext) -> None:
    """Stop the session's watches (at teardown)."""
    running = ctx.module_state.pop(WATCH_KEY, None)
    if isinstance(running, tuple):
        stop, tasks = running
        stop.set()
        for task in tasks:
            task.cancel()
