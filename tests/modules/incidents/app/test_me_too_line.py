"""How many said "me too": nothing at 0, and the plural right in each language."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.i18n import I18n
from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.models import CaseDetail
from hue_s.modules.incidents.app.staff.view_case import facts
from hue_s.modules.incidents.app.views.detail import me_too_line
from tests.app.session_doubles import session_context

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def test_nobody_is_not_counted_and_one_is_one_person(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
        assert me_too_line(ctx, 0) == []
        assert me_too_line(ctx, 3) == ["3 người cũng gặp"]
        ctx.i18n = I18n("en")
        assert me_too_line(ctx, 1) == ['1 person said "me too"']
        assert me_too_line(ctx, 2) == ['2 people said "me too"']


def test_the_officers_case_says_nothing_of_nobody(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
        case = CaseDetail(
            id=7,
            service_code="road_pothole",
            service_name="Ổ gà",
            status="received",
            ward_code="19753",
            requested_at=NOW,
            deadline_at=NOW,
        )
        assert case.followers == 0
        assert not any("cũng gặp" in line for line in facts(ctx, case))
