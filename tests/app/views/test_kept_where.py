"""The form says where its draft is really kept: a web session's is on the server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from session_doubles import session_context

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.state.store import Store
from hue_s.app.views.kept_where import draft_notice


def test_each_kind_of_session_says_where_its_draft_is(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        web = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
        assert "máy chủ Hue-S" in draft_notice(web)
        assert "thiết bị này" not in draft_notice(web)  # it said "on this device"
        page: Any = web.page
        page.web = False
        assert draft_notice(web).endswith("trên thiết bị này.")
        kiosk = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=True))
        assert "kiosk" in draft_notice(kiosk) and "bị xóa" in draft_notice(kiosk)
