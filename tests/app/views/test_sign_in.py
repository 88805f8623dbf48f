"""Sign-in screen logic: where it returns to, phone shapes, and translated sign-in errors."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from session_doubles import session_context

from hue_s.app.api.client import HueClient
from hue_s.app.api.errors import error_for_response
from hue_s.app.i18n import I18n
from hue_s.app.modules import discover
from hue_s.app.state.store import Store
from hue_s.app.views.account.sign_in import is_public, next_route, sign_in_route
from hue_s.app.views.account.sign_in_form import SignInForm, looks_like_phone, sign_in_error


def ctx_in(language: str = "vi") -> Any:
    return SimpleNamespace(_=I18n(language).gettext, registry=discover())


def backend_error(status: int, code: str, headers: dict[str, str] | None = None) -> Any:
    request = httpx.Request("POST", "http://backend/api/v1/auth/token")
    body = {"error": {"code": code, "message": "x"}}
    return error_for_response(httpx.Response(status, json=body, headers=headers, request=request))


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ("/sign-in?next=/officer", "/officer"),
        (sign_in_route("/incidents/12?tab=photos"), "/incidents/12?tab=photos"),
        ("/sign-in", "/"),
        ("/sign-in?next=//evil.example/x", "/"),
        ("/sign-in?next=https://evil.example/", "/"),
        ("/sign-in?next=/sign-in", "/"),
    ],
)
def test_after_signing_in_only_local_routes_are_followed(route: str, expected: str) -> None:
    assert next_route(route) == expected


def test_guests_go_on_only_to_public_routes() -> None:
    assert is_public(ctx_in(), "/incidents/new")
    assert not is_public(ctx_in(), "/officer")
    assert is_public(ctx_in(), "/settings")
    assert not is_public(ctx_in(), "/account")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("0905 123 456", True),
        ("+84 905.123.456", True),
        ("(090) 512-3456", True),
        ("905123456", False),
        ("0905 123 45", False),
        ("+1 202 555 0100", False),
        ("", False),
    ],
)
def test_phone_shapes(text: str, ok: bool) -> None:
    assert looks_like_phone(text) is ok


@pytest.mark.parametrize(
    ("status", "code", "vietnamese"),
    [
        (422, "invalid_phone", "Đây không phải số di động Việt Nam"),
        (400, "invalid_code", "Mã không đúng"),
        (400, "code_attempts_exhausted", "nhập sai mã quá nhiều lần"),
        (400, "code_expired", "đã hết hạn hoặc đã được dùng"),
        (503, "sms_unavailable", "Không gửi được tin nhắn"),
        (500, "internal_error", "Máy chủ đang gặp sự cố"),
    ],
)
def test_sign_in_errors_are_translated(status: int, code: str, vietnamese: str) -> None:
    assert vietnamese in sign_in_error(ctx_in(), backend_error(status, code))


def test_too_many_codes_says_how_long_to_wait() -> None:
    error = backend_error(429, "rate_limited", {"Retry-After": "42"})
    assert sign_in_error(ctx_in("en"), error).endswith("Try again in 42 s.")


async def nothing() -> None:
    """A callback that does nothing."""


@pytest.mark.parametrize("web", [True, False])
def test_on_the_web_the_form_takes_no_focus_before_its_accessibility_tree(
    tmp_path: Path, web: bool
) -> None:
    # A web page's semantics are switched on after it shows: a field focused before that typed
    # into a hidden input, and a test (or a screen reader) could never focus the labelled one.
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"))
        ctx.page.web = web
        form = SignInForm(ctx, on_signed_in=nothing, on_guest=nothing)
        assert form.phone_field.autofocus is (not web)
        assert not form.code_field.autofocus
