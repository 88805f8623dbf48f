"""The report form says first that sending needs a phone sign-in, and what the ward sees."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import flet as ft

from hue_s.app.api.client import HueClient
from hue_s.app.api.models.accounts import User
from hue_s.app.config import AppConfig
from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.form.who_sends import sender_notice
from hue_s.modules.incidents.app.session import incidents_session
from tests.app.session_doubles import session_context


def words(control: ft.Control | None) -> str:
    """Return the words of a control and of what it holds."""
    if isinstance(control, ft.Text):
        return control.value or ""
    if isinstance(control, ft.Column):
        return "\n".join(words(child) for child in control.controls)
    return str(getattr(control, "content", ""))


def test_a_guest_is_told_before_typing_that_sending_needs_a_phone(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
        notice = sender_notice(ctx, incidents_session(ctx))
        assert isinstance(notice, ft.Column)
        text = words(notice)
        assert "đăng nhập bằng số điện thoại" in text
        assert "Cán bộ phường, xã thấy số này" in text and "chỉ ẩn tên" in text
        button = notice.controls[-1]
        assert isinstance(button, ft.OutlinedButton) and button.content == "Đăng nhập trước"
        page: Any = ctx.page
        page.run_task = lambda handler, *args: asyncio.run(handler(*args))
        button.on_click(None)
        assert page.routes == ["/sign-in?next=%2Fincidents%2Fnew"]


def test_a_signed_in_person_reads_which_number_the_ward_sees(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
        ctx.session.role, ctx.session.user_id = "citizen", "4"
        ctx.credentials.user = User(id=4, phone="+84905123601", role="citizen")
        text = words(sender_notice(ctx, incidents_session(ctx)))
        assert "+84905123601" in text and "Cán bộ phường, xã thấy số này" in text
