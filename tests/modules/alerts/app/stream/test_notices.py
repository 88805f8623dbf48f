"""The banner: one at a time, the most severe waiting alert, gone when seen or ended."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import flet as ft

from hue_s.app.device.notify import SystemNotifier
from hue_s.app.i18n import I18n
from hue_s.app.views.page_banner import PageBanner
from hue_s.modules.alerts.app.models import Alert
from hue_s.modules.alerts.app.stream.delivery import Notice, NoticeKind
from hue_s.modules.alerts.app.stream.notices import NoticeBoard

from ..doubles import make_alert


@dataclass
class FakePage:
    """Records dialogs (on a stack like Flet's page) and background tasks."""

    _dialogs: Any = field(default_factory=lambda: SimpleNamespace(controls=[]))
    tasks: list[Any] = field(default_factory=list)

    @property
    def dialogs(self) -> list[Any]:
        return list(self._dialogs.controls)

    def show_dialog(self, dialog: Any) -> None:
        dialog.open = True
        self._dialogs.controls.append(dialog)

    def run_task(self, handler: Callable[..., Any], *args: Any) -> None:
        self.tasks.append((handler, args))


class FakeSession:
    """The session as the board sees it: the followed alerts, and its listeners."""

    def __init__(self) -> None:
        self.alerts: list[Alert] = []
        self.listeners: list[Callable[[], None]] = []
        self.delivery = SimpleNamespace(relevant=lambda: self.alerts)

    def listen(self, listener: Callable[[], None]) -> None:
        self.listeners.append(listener)


def board() -> tuple[NoticeBoard, FakePage, FakeSession]:
    i18n = I18n("vi")
    page, session = FakePage(), FakeSession()
    ctx: Any = SimpleNamespace(page=page, _=i18n.gettext, i18n=i18n, banner=PageBanner())
    return NoticeBoard(ctx, session, SystemNotifier(None)), page, session  # type: ignore[arg-type]


def open_banners(notices: NoticeBoard) -> list[str]:
    """Return the text of the banner atop the screens, if any."""
    content = notices.ctx.banner.content
    return [] if content is None else [content.text]


def test_the_most_severe_waiting_alert_has_the_banner() -> None:
    notices, page, session = board()
    moderate = make_alert(1, severity="Moderate", headline="Mưa lớn")
    extreme = make_alert(2, severity="Extreme", headline="Lũ đặc biệt lớn")
    session.alerts = [moderate]
    notices.show(Notice(NoticeKind.NEW, moderate))
    assert open_banners(notices) == ["Trung bình: Mưa lớn"]
    session.alerts = [extreme, moderate]
    notices.show(Notice(NoticeKind.NEW, extreme))
    assert open_banners(notices) == ["Cực kỳ nguy hiểm: Lũ đặc biệt lớn (và 1 cảnh báo khác)"]
    assert len(page.tasks) == 2  # a system notification per new alert
    # not a dialog: a closed banner beside an open one on the dialog stack froze Chromium
    assert not any(isinstance(d, ft.Banner) for d in page.dialogs)


def test_opening_the_warning_shows_the_next_waiting() -> None:
    notices, page, session = board()
    flood, rain = make_alert(1), make_alert(2, severity="Moderate", headline="Mưa lớn")
    session.alerts = [flood, rain]
    notices.show(Notice(NoticeKind.NEW, rain))
    notices.show(Notice(NoticeKind.NEW, flood))
    notices.viewed(flood.id)
    assert open_banners(notices) == ["Trung bình: Mưa lớn"]


def test_dismissing_hides_the_banner_until_a_new_alert() -> None:
    notices, page, session = board()
    first, second = make_alert(1), make_alert(2, headline="Lũ lần hai")
    session.alerts = [first]
    notices.show(Notice(NoticeKind.NEW, first))
    notices.seen()
    notices.render()
    assert open_banners(notices) == []
    session.alerts = [second, first]
    notices.show(Notice(NoticeKind.NEW, second))
    assert open_banners(notices) == ["Nghiêm trọng: Lũ lần hai"]


def test_a_cancel_closes_the_banner_and_says_so() -> None:
    notices, page, session = board()
    alert = make_alert(1)
    session.alerts = [alert]
    notices.show(Notice(NoticeKind.NEW, alert))
    session.alerts = []
    notices.show(Notice(NoticeKind.CANCELLED, alert))
    assert open_banners(notices) == []
    snack = page.dialogs[-1]
    assert isinstance(snack, ft.SnackBar)
    assert snack.content.value == "Đã dỡ bỏ cảnh báo: Lũ trên sông Hương"


def test_an_alert_that_ends_while_polling_takes_its_banner_away() -> None:
    notices, page, session = board()
    alert = make_alert(1)
    session.alerts = [alert]
    notices.show(Notice(NoticeKind.NEW, alert))
    session.alerts = []
    for listener in session.listeners:
        listener()
    assert open_banners(notices) == []


def test_the_banner_follows_a_change_of_language() -> None:
    notices, page, session = board()
    alert = make_alert(1, severity="Severe", headline="Flood")
    session.alerts = [alert]
    notices.show(Notice(NoticeKind.NEW, alert))
    assert open_banners(notices) == ["Nghiêm trọng: Flood"]
    notices.ctx.i18n.set_language("en")
    assert open_banners(notices) == ["Severe: Flood"]
    view, hide = (action.label for action in notices.ctx.banner.content.actions)
    assert (view, hide) == ("View warning", "Hide this warning")


def test_the_hide_button_says_what_it_hides() -> None:
    notices, page, session = board()
    alert = make_alert(1)
    session.alerts = [alert]
    notices.show(Notice(NoticeKind.NEW, alert))
    assert notices.ctx.banner.content.actions[1].label == "Ẩn cảnh báo này"
