"""A browser may keep a sign-in when its owner says so; a kiosk never does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from session_doubles import session_context

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.session import MemorySecretStore
from hue_s.app.state.store import Store
from hue_s.app.views.account.sign_in_form import SignInForm


async def nothing() -> None:
    """Do nothing (the form's callbacks)."""


def form_for(store: Store, *, web: bool, kiosk: bool) -> SignInForm:
    """Return the sign-in form of a session whose device can keep secrets."""
    ctx = session_context(
        store,
        HueClient("http://x.test"),
        config=AppConfig(kiosk=kiosk),
        credentials=Credentials(MemorySecretStore(), persistent=not kiosk),
    )
    page: Any = ctx.page
    page.web = web
    return SignInForm(ctx, on_signed_in=nothing, on_guest=nothing)


def test_a_browser_offers_to_stay_signed_in_unticked(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        form = form_for(store, web=True, kiosk=False)
        assert form.remember.visible and form.remember.value is False  # a shared browser?
        assert form.remember.label == "Duy trì đăng nhập trên trình duyệt này"
        assert form.notice.visible and "bộ nhớ của trình duyệt này" in (form.notice.value or "")


def test_a_phone_keeps_its_sign_in_unless_told_not_to(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        form = form_for(store, web=False, kiosk=False)
        assert form.remember.visible and form.remember.value is True


def test_a_kiosk_never_offers_it(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        form = form_for(store, web=True, kiosk=True)
        assert not form.remember.visible
        assert "máy dùng chung" in (form.notice.value or "")
