"""Where what people type is really kept, said in their words (web drafts live on the server)."""

from __future__ import annotations

from hue_s.app.context import AppContext


def draft_notice(ctx: AppContext) -> str:
    """Say where a form's draft is saved as it is typed: this device, the kiosk, or the server."""
    _ = ctx._
    if ctx.config.kiosk:
        return _("Changes are saved as you type, on this kiosk, and erased when you leave it.")
    if ctx.page.web:
        return _("Changes are saved as you type, on the Hue-S server, for this browser only.")
    return _("Changes are saved as you type, on this device.")
