"""StatusWatcher: the citizen hears about a report only when its status moved on."""

from __future__ import annotations

from datetime import UTC, datetime

from hue_s.app.modules.incidents.models import CaseSummary
from hue_s.app.modules.incidents.status_watch import StatusChange, StatusWatcher, status_changes
from hue_s.app.state.store import Store

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def case(number: int, status: str) -> CaseSummary:
    """Return a case summary."""
    return CaseSummary(
        id=number,
        service_code="road_pothole",
        service_name="Ổ gà",
        status=status,
        ward_code="19753",
        requested_at=NOW,
        deadline_at=NOW,
    )


class Mine:
    """Stands in for IncidentsResource.mine()."""

    def __init__(self) -> None:
        self.cases: list[CaseSummary] = []

    async def mine(self) -> list[CaseSummary]:
        """Return the citizen's reports."""
        return self.cases


def test_new_reports_are_not_changes() -> None:
    assert status_changes({}, [case(1, "received")]) == []
    assert status_changes({"1": "received"}, [case(1, "resolved"), case(2, "received")]) == [
        StatusChange(1, "Ổ gà", "received", "resolved")
    ]


async def test_the_watcher_remembers_what_was_seen(store: Store) -> None:
    api = Mine()
    watcher = StatusWatcher(store, lambda: "phone-1", api)  # type: ignore[arg-type]
    api.cases = [case(1, "received")]
    assert (await watcher.check())[1] == []
    api.cases = [case(1, "assigned")]
    assert [c.new for c in (await watcher.check())[1]] == ["assigned"]
    assert (await watcher.check())[1] == []  # told once
    watcher.remember([case(1, "resolved")])  # the list showed it
    api.cases = [case(1, "resolved")]
    assert (await watcher.check())[1] == []
