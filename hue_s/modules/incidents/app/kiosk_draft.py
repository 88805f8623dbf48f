"""At a kiosk about to forget its visitor: send the report they were writing, if it is complete."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.modules.incidents.app.session import DRAFT_KEY, has_unsent_reports, incidents_session

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


async def send_finished_draft(ctx: AppContext) -> None:
    """Queue and send the report being written (the kiosk countdown's "send now").

    An unfinished report cannot be sent: the visitor is told so, and may finish it.
    """
    _ = ctx._
    session = incidents_session(ctx)
    stored = ctx.store.drafts.get(ctx.device_id, DRAFT_KEY)
    if stored is None:
        return
    draft = session.saved_draft()
    if ctx.session.is_guest:
        message = _("Sign in to send your report.")
    elif draft.problems():
        message = _("Your report is not finished, so it was not sent. Finish it and send it.")
    else:
        session.file(draft)
        await session.send_now()
        message = (
            _("Your report could not be sent yet: the network is down.")
            if has_unsent_reports(ctx)
            else _("Your report was sent. You can follow it in My reports.")
        )
    ctx.page.show_dialog(ft.SnackBar(ft.Text(message)))
