"""Telling the person about alerts: a banner atop every screen, a snack bar, a system notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.device.notify import SystemNotifier, system_notifier_for
from hue_s.app.views.page_banner import BannerAction, BannerContent
from hue_s.modules.alerts.app.models import Alert
from hue_s.modules.alerts.app.severity import severity_style
from hue_s.modules.alerts.app.stream.delivery import Notice, NoticeKind

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.modules.alerts.app.session import AlertsSession


class NoticeBoard:
    """One banner, over any screen, for the most severe alert told about and not yet seen."""

    def __init__(self, ctx: AppContext, session: AlertsSession, system: SystemNotifier) -> None:
        """Show notices on `ctx`'s screens; follow `session` so the banner ends with its alerts."""
        self.ctx = ctx
        self.session = session
        self.system = system
        self.waiting: set[int] = set()
        """Alerts told about whose banner the person has not dismissed or opened."""
        self.showing: tuple[int, int, str] | None = None
        """(alert id, how many wait, language) of the banner shown."""
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
        self.showing = wanted
        self.ctx.banner.show(None if top is None else self._banner(top, len(self.waiting) - 1))

    def _banner(self, alert: Alert, others: int) -> BannerContent:
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

        return BannerContent(
            text=text,
            icon=style.icon,
            colour=style.colour,
            on_colour=style.on_colour,
            actions=(
                BannerAction("alert-banner-view", _("View warning"), view, _("Open the warning")),
                BannerAction("alert-banner-dismiss", _("Hide this warning"), dismiss),
            ),
        )

    def viewed(self, alert_id: int) -> None:
        """The person opened an alert: its banner has done its job."""
        self.waiting.discard(alert_id)
        self.render()

    def seen(self) -> None:
        """The person saw the banner: stop showing it for the alerts waiting now."""
        self.waiting.clear()
        self.render()


def attach_notices(ctx: AppContext, session: AlertsSession) -> NoticeBoard:
    """Make the session's notices show on its page (and the system's, on desktops)."""
    board = NoticeBoard(ctx, session, system_notifier_for(ctx.page))
    session.on_notice = board.show
    session.viewed = board.viewed
    return board
