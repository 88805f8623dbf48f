"""Which of the signed-in person's dossiers moved since this device last looked; no Flet.

The app polls "my dossiers" (the backend answers with an ETag, so an unchanged list is a 304
with no body): services has no event stream, and a dossier moves a few times in days, so a
look a minute (longer after failures) is soon enough and costs the server next to nothing.
A dossier's stage is its last step (received, more documents asked, approved with its result,
refused, sent to the city tier); the stage seen last is kept per person in the device store, so
a restart does not tell a move again and an app closed while a dossier moved tells it once on
its next start. Ward staff hear the same way, from their inbox, when an owner has added the
documents they asked for.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from hue_s.app.api.errors import HueAPIError
from hue_s.kit.status_watch import POLL_SECONDS, DeviceCache, PollingWatch, SeenStatuses, moves
from hue_s.modules.services.wire import TrackedDossier

logger = logging.getLogger(__name__)

STAGES_KEY = "services.dossier_stages"
"""Under this key (and the person's id) in the device store: the stage seen of each dossier."""
INBOX_KEY = "services.inbox_stages"
"""The same for the dossiers in a staff member's inbox."""
RESULT = "+result"
"""Added to a stage once the dossier's result document is issued."""
OWN_STEPS = frozenset({"submit", "file_at_office", "supplement"})
"""Steps the owner takes: never news to them (a dossier filed elsewhere is not news either)."""

OnMoves = Callable[[list["DossierMove"]], Awaitable[None]]
Fetch = Callable[[], Awaitable[Sequence[TrackedDossier]]]


@dataclass(frozen=True)
class DossierMove:
    """One of the person's dossiers reached a new stage."""

    code: str
    procedure_name: str
    stage: str
    """The step it took (`receive`, `request_supplement`, `approve`, `reject`, `transfer`),
    with `+result` once its result is ready."""


def stage_of(dossier: TrackedDossier) -> str:
    """Return a dossier's stage: its last step, and whether its result is ready."""
    step = dossier.timeline[-1].action if dossier.timeline else "submit"
    return step + (RESULT if dossier.result_ready else "")


def citizen_news(stage: str) -> bool:
    """Say whether a stage is news to the dossier's owner: any step but their own."""
    return stage.removesuffix(RESULT) not in OWN_STEPS


def staff_news(stage: str) -> bool:
    """Say whether a stage is news to the ward's staff: the owner added what was asked."""
    return stage.removesuffix(RESULT) == "supplement"


class DossierWatch:
    """Compares a person's dossiers (their own, or their inbox) with the stages seen last."""

    def __init__(
        self,
        fetch: Fetch,
        cache: DeviceCache,
        device_id: Callable[[], str],
        user: Callable[[], str | None],
        *,
        key: str = STAGES_KEY,
        news: Callable[[str], bool] = citizen_news,
    ) -> None:
        """Ask `fetch()` for the dossiers of `user()`; remember stages in `cache` for
        `device_id()` under `key`; tell the moves to a stage that is `news`."""
        self._fetch = fetch
        self._cache = cache
        self._device_id = device_id
        self.user = user
        self.key = key
        self.news = news
        self._lock = asyncio.Lock()

    def seen(self) -> SeenStatuses:
        """Return the stages seen of the signed-in person's dossiers."""
        return SeenStatuses(self._cache, self._device_id, f"{self.key}.{self.user() or ''}")

    async def check(self) -> list[DossierMove]:
        """Fetch the dossiers; return those that moved (remembered before being told).

        One look at a time: two at once would tell the same move twice. A dossier this device
        never saw is news only if its stage is (it moved before the device looked).
        """
        async with self._lock:
            dossiers = await self._fetch()
            seen = self.seen()
            now = {dossier.code: stage_of(dossier) for dossier in dossiers}
            moved = moves(
                seen.known(), now, quiet=frozenset(s for s in now.values() if not self.news(s))
            )
            seen.remember(now)
        names = {dossier.code: dossier.procedure_name for dossier in dossiers}
        return [
            DossierMove(move.item_id, names[move.item_id], move.new)
            for move in moved
            if self.news(move.new)
        ]


def polling_watch(
    watch: DossierWatch,
    on_moves: OnMoves,
    *,
    poll_seconds: float = POLL_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> PollingWatch:
    """Return the loop that looks at the dossiers now and then and tells `on_moves` of moves."""

    async def look() -> bool:
        """Look once; say whether the server answered."""
        try:
            found = await watch.check()
        except HueAPIError as error:
            logger.info("could not check dossier stages: %s", type(error).__name__)
            return False
        if found:
            await on_moves(found)
        return True

    return PollingWatch(look, watch.user, poll_seconds=poll_seconds, clock=clock)
