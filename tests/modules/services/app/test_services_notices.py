"""The dossier news as the person sees it: the bar's words in Vietnamese, its "Mở" opening the
dossier, the open list drawn again; staff read that documents were added."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import flet as ft

from hue_s.app.config import AppConfig
from hue_s.app.context import AppContext, AppServices
from hue_s.app.i18n import I18n
from hue_s.app.modules import Registry
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.settings import load_settings
from hue_s.app.state.store import Store
from hue_s.modules.services.app.watch.notices import INBOX, announce, move_text, poll_seconds
from hue_s.modules.services.app.watch.status import DossierMove


class Page:
    """Stands in for a web page: keeps what is shown and where it goes."""

    web = True
    platform = ft.PagePlatform.LINUX

    def __init__(self, route: str) -> None:
        self.route = route
        self.shown: list[Any] = []
        self.went: list[str] = []

    def show_dialog(self, dialog: Any) -> None:
        self.shown.append(dialog)

    async def push_route(self, route: str) -> None:
        self.went.append(route)


def context(tmp_path: Path, store: Store, page: Page) -> AppContext:
    """Return a Vietnamese session on `page`."""
    services = AppServices(AppConfig(kiosk=False, data_dir=tmp_path), Registry(), store, "")
    return AppContext(
        page=page, services=services, device_id="phone-1", i18n=I18n("vi"), api=None,  # type: ignore[arg-type]
        settings=load_settings(store, "phone-1", language="vi"), credentials=Credentials(),
    )  # fmt: skip


async def test_the_bar_says_what_moved_and_opens_the_dossier(tmp_path: Path) -> None:
    page, drawn = Page("/services/dossiers"), []
    with Store(tmp_path / "state.sqlite3") as store:
        ctx = context(tmp_path, store, page)

        async def refresh() -> None:
            drawn.append(page.route)

        ctx.refresh = refresh
        moved = [
            DossierMove("19753-261204-AAAAAA", "Đăng ký khai sinh", "approve+result"),
            DossierMove("19753-261204-BBBBBB", "Đăng ký kết hôn", "request_supplement"),
        ]
        await announce(ctx, moved)
        (bar,) = page.shown
        assert bar.content.value == (
            "Hồ sơ 19753-261204-AAAAAA (Đăng ký khai sinh) của bạn: đã được phê duyệt: "
            "đã có kết quả (1 hồ sơ khác cũng thay đổi)"
        )
        assert bar.action.label == "Mở"
        await bar.action.on_click(None)
        assert page.went == ["/services/dossiers/19753-261204-AAAAAA"]
        assert drawn == ["/services/dossiers"]  # the open list shows the new status

        staff = DossierMove("19753-261204-CCCCCC", "Đăng ký khai sinh", "supplement")
        assert move_text(ctx, staff) == (
            "Hồ sơ 19753-261204-CCCCCC (Đăng ký khai sinh): người nộp đã bổ sung giấy tờ"
        )
        page.route = "/services"
        await announce(ctx, [staff], lists=INBOX)
        assert len(page.shown) == 2 and drawn == ["/services/dossiers"]  # the inbox is not open


def test_the_poll_stays_between_5_seconds_and_10_minutes(monkeypatch: Any) -> None:
    for chosen, used in (("1", 5.0), ("30", 30.0), ("86400", 600.0), ("soon", 60.0)):
        monkeypatch.setenv("HUE_S_SERVICES_POLL_SECONDS", chosen)
        assert poll_seconds() == used
    monkeypatch.delenv("HUE_S_SERVICES_POLL_SECONDS")
    assert poll_seconds() == 60.0
