"""The inbox puts overdue cases first, by deadline, and says how late each is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.models import CaseSummary
from hue_s.modules.incidents.app.staff.view_inbox import case_card, due_text, overdue_first
from tests.app.session_doubles import session_context

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def case(number: int, hours: float) -> CaseSummary:
    """Return a case due `hours` from now (negative: overdue)."""
    return CaseSummary(
        id=number,
        service_code="waste",
        service_name="Rác",
        status="received",
        ward_code="19753",
        requested_at=NOW - timedelta(days=3),
        deadline_at=NOW + timedelta(hours=hours),
        overdue=hours < 0,
    )


def test_overdue_cases_come_first_then_by_deadline() -> None:
    cases = [case(1, 5), case(2, -2), case(3, 1), case(4, -30)]
    assert [c.id for c in overdue_first(cases)] == [4, 2, 3, 1]


def test_the_card_says_how_late_or_how_long_is_left(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
        assert due_text(ctx, case(1, -26), NOW).startswith("Quá hạn 26 giờ")
        assert due_text(ctx, case(2, 5), NOW).startswith("Còn 5 giờ")


def test_a_case_no_ward_holds_yet_says_the_city_level_has_it(tmp_path: Path) -> None:
    unplaced = CaseSummary.model_validate({**case(5, 3).model_dump(), "ward_code": None})
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
        badges = case_card(ctx, unplaced, NOW).content.content.controls[0].controls
        chip = next(badge for badge in badges if badge.key == "officer-city-level")
        assert chip.content.value == "Cấp thành phố: chưa xác định phường, xã"
        placed = case_card(ctx, case(6, 3), NOW).content.content.controls[0].controls
        assert all(badge.key != "officer-city-level" for badge in placed)
