"""The officer's case says who reported it and offers a one-tap call back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import flet as ft

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.draft import IncidentDraft
from hue_s.modules.incidents.app.form.preview import contact_promise
from hue_s.modules.incidents.app.models import CaseDetail, Reporter
from hue_s.modules.incidents.app.staff.view_case import (
    call_button,
    case_badges,
    facts,
    readable_phone,
)
from tests.app.session_doubles import session_context

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def case(reporter: Reporter | None) -> CaseDetail:
    """Return a case with this reporter contact."""
    return CaseDetail(
        id=7,
        service_code="road_pothole",
        service_name="Ổ gà",
        status="received",
        ward_code="19753",
        requested_at=NOW,
        deadline_at=NOW,
        reporter=reporter,
    )


def test_the_officer_reads_the_name_and_calls_the_phone(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
        shown = case(Reporter(name="Trần Thị Lan", phone="+84905123601"))
        assert facts(ctx, shown)[:2] == ["Người phản ánh: Trần Thị Lan", "Điện thoại: 0905 123 601"]
        button = call_button(ctx, shown)
        assert isinstance(button, ft.OutlinedButton)
        assert button.content == "Gọi người phản ánh: 0905 123 601"
        assert call_button(ctx, case(Reporter(name=None, phone=None))) is None
        assert call_button(ctx, case(None)) is None


def test_phones_read_as_people_write_them() -> None:
    assert readable_phone("+84905123601") == "0905 123 601"
    assert readable_phone("0905123601") == "0905 123 601"
    assert readable_phone("0234 3822 123") == "0234 3822 123"


def test_the_preview_says_what_the_ward_will_see(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
        ctx.session.role, ctx.session.user_id, ctx.session.display_name = "citizen", "1", "Lan"
        assert "Lan" in contact_promise(ctx, IncidentDraft())
        hidden = contact_promise(ctx, IncidentDraft(hide_name=True))
        assert "Lan" not in hidden and "số điện thoại" in hidden and "không thấy tên" in hidden
        ctx.session.display_name = None
        assert "chưa có tên" in contact_promise(ctx, IncidentDraft())


def test_a_case_no_ward_holds_yet_says_so_on_its_screen(tmp_path: Path) -> None:
    unplaced = case(None).model_copy(update={"ward_code": None})
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
        chip = next(b for b in case_badges(ctx, unplaced) if b.key == "officer-city-level")
        assert chip.content.value == "Cấp thành phố: chưa xác định phường, xã"
        assert all(b.key != "officer-city-level" for b in case_badges(ctx, case(None)))
