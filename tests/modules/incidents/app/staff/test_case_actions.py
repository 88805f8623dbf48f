"""An officer's case actions: words that are not statuses, and a transfer that ends in the inbox."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import flet as ft

from hue_s.app.api.client import HueClient
from hue_s.app.api.models.wards import Ward
from hue_s.app.config import AppConfig
from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.labels import status_chip
from hue_s.modules.incidents.app.models import CaseDetail
from hue_s.modules.incidents.app.staff.case_actions import CaseActions
from tests.app.session_doubles import session_context

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
WARDS = [
    Ward(code="19753", name="Phú Xuân", full_name="Phường Phú Xuân", kind="ward"),
    Ward(code="19774", name="Thuận Hóa", full_name="Phường Thuận Hóa", kind="ward"),
]


def case() -> CaseDetail:
    """Return a case just received by the officer's ward."""
    return CaseDetail(
        id=7,
        service_code="road_pothole",
        service_name="Ổ gà",
        status="received",
        ward_code="19753",
        requested_at=NOW,
        deadline_at=NOW,
    )


class Cases:
    """Stands in for the cases resource: records transfers."""

    def __init__(self) -> None:
        self.transfers: list[Any] = []

    async def transfer(self, *, case_id: int, transfer: Any, idempotency_key: str) -> None:
        """Record a transfer."""
        self.transfers.append((case_id, transfer.ward_code, transfer.reason))


def labels(controls: list[ft.Control]) -> list[str]:
    """Return the buttons' words."""
    return [str(getattr(control, "content", "")) for control in controls]


def officer_actions(tmp_path: Path, store: Store) -> CaseActions:
    """Return the actions of the case for a signed-in officer of its ward."""
    ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
    ctx.session.role, ctx.session.user_id = "officer", "3"
    return CaseActions(ctx, case(), WARDS)


def test_the_button_that_takes_a_case_is_not_named_like_a_status(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        actions = officer_actions(tmp_path, store)
        status = status_chip(actions.ctx._, "received")
        shown = labels(actions.buttons())
        assert "Nhận xử lý" in shown
        # "Tiếp nhận" beside the status "Đã tiếp nhận" read as the same thing.
        assert not any("tiếp nhận" in label.lower() for label in shown), shown
        assert "Đã tiếp nhận" in repr(status)


def test_a_transfer_goes_back_to_the_inbox_and_says_where_the_case_went(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        actions = officer_actions(tmp_path, store)
        cases = Cases()
        actions.cases = cases  # type: ignore[assignment]
        page: Any = actions.ctx.page
        button = next(b for b in actions.buttons() if b.key == "case-transfer")
        button.on_click(None)
        dialog = page.dialogs[-1]
        fields = dialog.content.controls
        choice, reason = fields[0], fields[1]
        chooser = choice.controls[1].on_click.__self__  # the ChoiceButton behind the button
        assert [c.value for c in chooser.choices] == ["19774"]  # only other wards
        chooser.value = "19774"
        reason.value = "Đường thuộc phường Thuận Hóa"
        object.__setattr__(dialog, "update", lambda: None)  # no page in this test
        asyncio.run(dialog.actions[1].on_click(None))
        assert cases.transfers == [(7, "19774", "Đường thuộc phường Thuận Hóa")]
        assert page.routes == ["/officer"]  # the case is no longer this ward's: no "not found"
        told = page.dialogs[-1]
        assert isinstance(told, ft.SnackBar)
        assert told.content.value == (
            "Vụ việc 7 đã được chuyển cho Phường Thuận Hóa; "
            "vụ việc đã rời danh sách của phường bạn."
        )


def test_a_case_of_the_city_level_is_placed_in_a_ward_not_transferred(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        actions = officer_actions(tmp_path, store)
        actions.case = actions.case.model_copy(update={"ward_code": None})
        actions.cases = Cases()  # type: ignore[assignment]
        page: Any = actions.ctx.page
        button = next(b for b in actions.buttons() if b.key == "case-transfer")
        assert button.content == "Chuyển về phường, xã"
        button.on_click(None)
        dialog = page.dialogs[-1]
        assert dialog.title.value == "Chuyển về phường, xã"
        assert dialog.actions[1].content == "Chuyển"
        asyncio.run(actions.handed_over("Phường Thuận Hóa"))
        assert page.dialogs[-1].content.value == (
            "Vụ việc 7 đã được chuyển về Phường Thuận Hóa; vụ việc đã rời danh sách cấp thành phố."
        )
