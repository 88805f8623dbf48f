"""StatusWatcher: which of the citizen's reports changed status since they last looked; no Flet."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hue_s.app.modules.incidents.models import CaseSummary

if TYPE_CHECKING:
    from hue_s.app.modules.incidents.api import IncidentsResource
    from hue_s.app.state.store import Store

STATUSES_KEY = "incidents.known_statuses"


@dataclass(frozen=True)
class StatusChange:
    """One report whose status moved on."""

    incident_id: int
    service_name: str
    old: str
    new: str


def status_changes(known: dict[str, str], cases: Iterable[CaseSummary]) -> list[StatusChange]:
    """Return the cases whose status differs from the known one (new cases are not changes)."""
    return [
        StatusChange(case.id, case.service_name, known[str(case.id)], case.status)
        for case in cases
        if str(case.id) in known and known[str(case.id)] != case.status
    ]


class StatusWatcher:
    """Compares the citizen's reports with the statuses this device saw last (kept in the store)."""

    def __init__(self, store: Store, device_id: Callable[[], str], api: IncidentsResource) -> None:
        """Remember statuses in `store` under the device id `device_id()` returns."""
        self._store = store
        self._device_id = device_id
        self._api = api

    def known(self) -> dict[str, str]:
        """Return the statuses this device saw last, by report id."""
        stored = self._store.cache.get(self._device_id(), STATUSES_KEY)
        value = stored.value if stored is not None else {}
        return (
            {str(key): str(status) for key, status in value.items()}
            if isinstance(value, dict)
            else {}
        )

    def remember(self, cases: Iterable[CaseSummary]) -> None:
        """Record the statuses the citizen has now seen."""
        known = self.known()
        known.update({str(case.id): case.status for case in cases})
        self._store.cache.put(self._device_id(), STATUSES_KEY, known)

    async def check(self) -> tuple[list[CaseSummary], list[StatusChange]]:
        """Fetch the citizen's reports; return them and what changed (then remembered)."""
        cases = await self._api.mine()
        changes = status_changes(self.known(), cases)
        self.remember(cases)
        return cases, changes
