"""The bills screens' control trees against the real backend and the sandbox."""

from __future__ import annotations

from typing import Any

import flet as ft
import pytest

from hue_s.app.context import AppContext
from hue_s.app.state.session import UserSession
from hue_s.modules.bills.app.view_bill import build_bill
from hue_s.modules.bills.app.view_list import build_bills
from hue_s.modules.payments.wire import pay_route
from tests.modules.bills.conftest import GOOD, PAID, UNKNOWN


def walk(control: Any) -> list[Any]:
    """Return a control and everything inside it."""
    found = [control]
    for name in ("controls", "content", "title", "subtitle", "leading", "trailing", "label"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.Control):
                found += walk(child)
    return found


def texts(control: Any) -> list[str]:
    """Return every text shown inside a control (and button labels)."""
    shown = []
    for found in walk(control):
        if isinstance(found, ft.Text) and found.value and found.visible is not False:
            shown.append(found.value)
        if isinstance(found, ft.FilledButton | ft.TextButton) and isinstance(found.content, str):
            shown.append(found.content)
    return shown


def keyed(control: Any, key: str) -> Any:
    """Return the control of a key."""
    return next(found for found in walk(control) if found.key == key)


async def add(ctx: AppContext, code: str, kind: str = "electricity") -> ft.Control:
    """Fill the form and press Add; return the screen."""
    shown = await build_bills(ctx, {})
    if kind != "electricity":
        await keyed(shown, f"bills-kind-{kind}").on_select(None)
    keyed(shown, "bills-code").value = code
    keyed(shown, "bills-nickname").value = "Nhà bà nội"
    await keyed(shown, "bills-add").on_click(None)
    return shown


async def test_a_guest_is_asked_to_sign_in(ctx: AppContext) -> None:
    ctx.session = UserSession()
    shown = texts(await build_bills(ctx, {}))
    assert "Đăng nhập" in shown and "Hóa đơn điện nước" in shown


async def test_a_wrong_code_is_named_before_asking_and_an_unknown_one_after(
    ctx: AppContext,
) -> None:
    wrong = await add(ctx, "PC123")
    assert texts(keyed(wrong, "bills-error"))[0].startswith("Đây không phải mã khách hàng")
    unknown = await add(ctx, UNKNOWN)
    assert texts(keyed(unknown, "bills-error")) == [
        "Không có khách hàng nào với mã này. Vui lòng kiểm tra mã in trên hóa đơn."
    ]
    assert ctx.page.routes == []  # type: ignore[attr-defined]
    assert "Bạn chưa theo dõi mã khách hàng nào." in texts(await build_bills(ctx, {}))


async def test_a_followed_code_shows_its_bill_chart_and_outages_and_opens_payment(
    ctx: AppContext,
) -> None:
    await add(ctx, GOOD.lower())
    assert ctx.page.routes == ["/bills/1"]  # type: ignore[attr-defined]
    listing = texts(await build_bills(ctx, {}))
    assert "Nhà bà nội" in listing and f"Điện · {GOOD}" in listing
    screen = await build_bill(ctx, {"id": "1"})
    shown = texts(screen)
    assert "Nhà bà nội" in shown and "Hóa đơn tháng 11/2026" in shown
    assert "Chưa thanh toán" in shown and "Hạn thanh toán: 20 thg 12, 2026" in shown
    assert any(text.startswith("Đã dùng: ") and text.endswith(" kWh") for text in shown)
    assert len(keyed(screen, "bills-chart").controls) == 12
    assert keyed(screen, "bills-outages").controls[0].key.startswith("bills-outage-202612")
    await keyed(screen, "bills-pay").on_click(None)
    assert ctx.page.routes[-1] == pay_route("utility_bill", "1-202611")  # type: ignore[attr-defined]


async def test_a_paid_bill_says_so_and_offers_no_payment(ctx: AppContext) -> None:
    await add(ctx, PAID)
    screen = await build_bill(ctx, {"id": "1"})
    assert "Đã thanh toán" in texts(screen)
    assert not [c for c in walk(screen) if c.key == "bills-pay"]


@pytest.mark.parametrize("language", ["en"], indirect=True)
async def test_errors_read_in_english_too(ctx: AppContext) -> None:
    unknown = await add(ctx, UNKNOWN)
    assert texts(keyed(unknown, "bills-error")) == [
        "The utility has no customer with this code. Check the code printed on your bill."
    ]
    missing = texts(await build_bill(ctx, {"id": "999"}))
    assert "We could not find what you asked for." in missing
