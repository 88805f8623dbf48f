"""Every client error reaches the user as a translated message with a next step."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from hue_s.app.api.errors import (
    APIConnectionError,
    APITimeoutError,
    HueAPIError,
    error_for_response,
)
from hue_s.app.i18n import I18n
from hue_s.app.views.errors import describe_error


def ctx_in(language: str) -> Any:
    return SimpleNamespace(_=I18n(language).gettext)


def status_error(code: int, headers: dict[str, str] | None = None) -> HueAPIError:
    request = httpx.Request("GET", "http://backend/api/v1/x")
    return error_for_response(httpx.Response(code, headers=headers, json={}, request=request))


@pytest.mark.parametrize(
    ("error", "vietnamese"),
    [
        (APITimeoutError("slow"), "Máy chủ phản hồi quá lâu. Vui lòng thử lại."),
        (
            APIConnectionError("down"),
            "Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.",
        ),
        (status_error(401), "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại."),
        (status_error(404), "Không tìm thấy nội dung bạn yêu cầu."),
        (status_error(503), "Máy chủ đang gặp sự cố. Vui lòng thử lại sau."),
        (HueAPIError("odd"), "Đã có lỗi xảy ra. Vui lòng thử lại."),
    ],
)
def test_errors_are_translated(error: HueAPIError, vietnamese: str) -> None:
    assert describe_error(ctx_in("vi"), error) == vietnamese


def test_rate_limit_says_how_long_to_wait() -> None:
    error = status_error(429, {"Retry-After": "30"})
    assert describe_error(ctx_in("en"), error).endswith("Try again in 30 s.")
    assert describe_error(ctx_in("vi"), error).endswith("Thử lại sau 30 giây.")
