"""Telling the person about alerts: a banner over any screen, a snack bar, a system notice."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.device.notify import SystemNotifier, system_notifier_for
from hue_s.app.modules.alerts.delivery import Notice, NoticeKind
from hue_s.app.modules.alerts.models import Alert
from hue_s.app.modules.alerts.severity import severity_style
from hue_s.app.views.dialogs import show_dialog

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.app.modules.alerts.session import AlertsSession

logger = logging.getLogger(__name__)


class NoticeBoard:
    """One banner, over any screen, for the most severe alert told about and not yet seen."""

    def __init__(self, ctx: AppContext, session: AlertsSession, system: SystemNotifier) -> None:
        """Show notices on `ctx.page`; follow `session` so the banner ends with its alerts."""
        self.ctx = ctx
        self.session = session
        self.system = system
        self.waiting: set[int] = set()
        """Alerts told about whose banner the person has not dismissed or opened."""
        self.banner: ft.Banner | None = None
        self.showing: tuple[int, int, str] | None = None
        """(alert id, how many wait, language) of the open banner."""
        self.opened = 0
        session.listen(self.render)
        ctx.i18n.listen(self.render)

    def show(self, notice: Notice) -> None:
        """Tell the person about one notice."""
        _ = self.ctx._
        alert = notice.alert
        headline = alert.headline or _("Warning")
        if notice.kind == NoticeKind.CANCELLED:
            self.waiting.discard(alert.id)
            text = _("Warning lifted: {headline}").format(headline=headline)
            self.ctx.page.show_dialog(ft.SnackBar(ft.Text(text), key="alert-lifted"))
        else:
            self.waiting.add(alert.id)
            title = _("Warning updated") if notice.kind == NoticeKind.UPDATED else _("New warning")
            self.ctx.page.run_task(self.system.show, f"{title}: {headline}", headline)
        self.render()

    def render(self) -> None:
        """Show the banner of the most severe waiting alert (none when nothing waits)."""
        followed = self.session.delivery.relevant()
        self.waiting &= {alert.id for alert in followed}
        top = next((alert for alert in followed if alert.id in self.waiting), None)
        language = self.ctx.i18n.language
        wanted = (top.id, len(self.waiting), language) if top is not None else None
        if wanted == self.showing:
            return
        if top is None:
            self.close()
        else:
            self.open(top, len(self.waiting) - 1)

    def open(self, alert: Alert, others: int) -> None:
        """Show the banner of an alert (saying how many more wait), in the open one if any.

        Closing a banner and opening another in the same update left both on the page's dialog
        stack, and at phone size and 200% text Chromium's renderer then spun at 100% CPU.
        """
        _ = self.ctx._
        style = severity_style(alert.severity)
        text = _(style.name) + ": " + (alert.headline or _("Warning"))
        if others:
            text += " (" + _("and {n} more").format(n=others) + ")"

        async def view(event: ft.Event[ft.TextButton]) -> None:
            self.seen()
            await self.ctx.page.push_route(f"/alerts/{alert.id}")

        def dismiss(event: ft.Event[ft.TextButton]) -> None:
            self.seen()

        leading = ft.Icon(style.icon, color=style.on_colour, size=32)
        content = ft.Text(text, color=style.on_colour, weight=ft.FontWeight.BOLD)
        actions: list[ft.Control] = [
            ft.TextButton(
                key="alert-banner-view",
                content=ft.Text(_("View warning"), color=style.on_colour),
                tooltip=_("Open the warning"),
                on_click=view,
            ),
            ft.TextButton(
                key="alert-banner-dismiss",
                content=ft.Text(_("Hide this warning"), color=style.on_colour),
                on_click=dismiss,
            ),
        ]
        self.showing = (alert.id, others + 1, self.ctx.i18n.language)
        banner = self.banner
        if banner is not None and banner.open:
            banner.bgcolor, banner.leading, banner.content = style.colour, leading, content
            banner.actions = actions
            try:
                banner.update()
            except RuntimeError:
                logger.debug("banner already gone")
            return
        self.opened += 1  # a new key each time: Flet must not mistake it for the closing one
        self.banner = ft.Banner(
            key=f"alert-banner-{self.opened}",
            bgcolor=style.colour,
            leading=leading,
            content=content,
            actions=actions,
        )
        show_dialog(self.ctx.page, self.banner)

    def viewed(self, alert_id: int) -> None:
        """The person opened an alert: its banner has done its job."""
        self.waiting.discard(alert_id)
        self.render()

    def seen(self) -> None:
        """The person saw the banner: stop showing it for the alerts waiting now."""
        self.waiting.clear()
        self.close()

    def close(self) -> None:
        """Close the open banner, if any."""
        banner, self.banner, self.showing = self.banner, None, None
        if banner is None or not banner.open:
            return
        banner.open = False
        try:
            banner.update()
        except RuntimeError:
            logger.debug("banner already gone")


def attach_notices(ctx: AppContext, session: AlertsSession) -> NoticeBoard:
    """Make the session's notices show on its page (and the system's, on desktops)."""
    board = NoticeBoard(ctx, session, system_notifier_for(ctx.page))
    session.on_notice = board.show
    session.viewed = board.viewed
    return board
