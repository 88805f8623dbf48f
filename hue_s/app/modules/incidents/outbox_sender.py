"""ReportSender: sends one device's queued reports with backoff; plain Python, no Flet.

Every report was saved in the outbox under a client UUID before anything was sent, and that
UUID goes out as its Idempotency-Key, so a send interrupted anywhere (a lost answer, a crash,
a killed process) is simply sent again: the server answers with the report it already has.
A plain GeoReport server knows no such key: there, after an attempt whose outcome is unknown,
the report is first looked for on the server by the mark its description carries, and sent
again only when it is not there. Any 2xx answer is a delivery, readable or not.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hue_s.app.api.errors import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    HueAPIError,
    RateLimitError,
)
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.modules.incidents.api import IncidentsResource, error_code, error_text
from hue_s.app.modules.incidents.draft import IncidentDraft
from hue_s.app.modules.incidents.models import RequestCreated
from hue_s.app.modules.incidents.queue import (
    BUSY,
    INTERRUPTED,
    KINDS,
    ME_TOO_KIND,
    NETWORK,
    SIGN_IN,
    read_item,
    refusal,
)
from hue_s.app.state.errors import OutboxStateError
from hue_s.app.state.outbox import Outbox, OutboxItem
from hue_s.app.state.timestamps import utc_now

logger = logging.getLogger(__name__)

OUTBOX_BACKOFF = RetryPolicy(max_retries=1_000_000, initial=2.0, max=120.0)
"""Waits between attempts of one item: full jitter, doubling from 2 s up to 2 minutes."""
TRANSIENT_CODES = frozenset({"idempotency_request_in_flight"})
"""409 codes that mean "try again later" rather than "no"."""
SIGN_IN_CODES = frozenset({"api_key_required", "not_authenticated"})
IDLE_WAIT = 30.0
"""Longest sleep of the run loop when nothing is due (a wake() cuts it short)."""


@dataclass(frozen=True)
class Verdict:
    """What one attempt came to: sent (with the server's id), or why not and when to retry."""

    server_ref: str | None = None
    reason: str | None = None
    retry_after: float | None = None
    final: bool = False
    receipt: dict[str, object] | None = None

    @property
    def sent(self) -> bool:
        """Say whether the server has the item."""
        return self.reason is None


@dataclass
class FlushResult:
    """What one flush did."""

    sent: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def verdict_for(error: HueAPIError, *, accounts: bool = True) -> Verdict:
    """Classify a failed attempt: retry later (network, busy, sign-in) or refused for good.

    Without `accounts` (a plain GeoReport server) nobody can sign in: a refused api_key is a
    refusal like any other 4xx, shown with the server's own words.
    """
    if isinstance(error, APIConnectionError):
        return Verdict(reason=NETWORK)
    if not isinstance(error, APIStatusError):
        return Verdict(reason=BUSY)  # an answer we cannot read: the server may be mid-upgrade
    code = error_code(error)
    status = error.status_code
    if accounts and (isinstance(error, AuthenticationError) or code in SIGN_IN_CODES):
        return Verdict(reason=SIGN_IN)
    if isinstance(error, RateLimitError):
        return Verdict(reason=BUSY, retry_after=error.retry_after)
    if status in (408, 425) or status >= 500 or (status == 409 and code in TRANSIENT_CODES):
        return Verdict(reason=BUSY)
    if code == "idempotency_key_reused":
        code = "already_received"  # an earlier version of this report reached the ward
    detail = None if accounts else error_text(error)[:500]
    return Verdict(reason=refusal(code, detail), final=True)


class ReportSender:
    """Sends the due incident items of one device, oldest first, one at a time."""

    def __init__(
        self,
        outbox: Outbox,
        api: IncidentsResource,
        device_id: str | Callable[[], str],
        *,
        backoff: RetryPolicy = OUTBOX_BACKOFF,
        ready: Callable[[], bool] = lambda: True,
        clock: Callable[[], datetime] = utc_now,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        """Send through `api`; `ready()` False (nobody signed in) keeps items waiting."""
        self._outbox = outbox
        self._api = api
        self._device_id = device_id
        self.backoff = backoff
        self.ready = ready
        self.clock = clock
        self.on_change = on_change
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()

    @property
    def device_id(self) -> str:
        """Return the device whose items are sent (a kiosk's changes with each visitor)."""
        return self._device_id() if callable(self._device_id) else self._device_id

    def recover(self) -> int:
        """Put items a crash left half-sent back in the queue; return how many."""
        return self._outbox.requeue_interrupted(self.device_id)

    def wake(self) -> None:
        """Make the run loop look at the queue now (after queueing, signing in, going online)."""
        self._wake.set()

    async def flush(self, *, everything: bool = False) -> FlushResult:
        """Try every due item once (`everything`: also those waiting for their next attempt)."""
        result = FlushResult()
        async with self._lock:
            device = self.device_id
            candidates = [i for i in self._candidates(device, everything) if i.kind in KINDS]
            if not self.ready():  # nobody to send as: they wait, untouched, for a sign-in
                result.waiting = [item.id for item in candidates]
                return result
            for item in candidates:
                verdict = await self._send_claimed(device, item)
                if verdict is None:
                    continue
                if verdict.sent:
                    result.sent.append(item.id)
                elif verdict.final:
                    result.refused.append(item.id)
                else:
                    result.waiting.append(item.id)
        if self.on_change is not None and (result.sent or result.refused or result.waiting):
            self.on_change()
        return result

    def _candidates(self, device: str, everything: bool) -> list[OutboxItem]:
        """Return the items to try now."""
        if not everything:
            return self._outbox.due(device, now=self.clock())
        items = self._outbox.entries(device, states=("pending", "failed"))
        return [item for item in items if item.next_attempt_at is not None]

    async def _send_claimed(self, device: str, item: OutboxItem) -> Verdict | None:
        """Claim, send and record one item; None when someone else claimed it first."""
        if not self._outbox.mark_sending(device, item.id):
            return None
        try:
            verdict = await self._attempt(item)
        except asyncio.CancelledError:
            self._record_wait(device, item, Verdict(reason=INTERRUPTED), now=True)
            raise
        try:
            if verdict.sent:
                self._outbox.mark_sent(
                    device, item.id, server_ref=verdict.server_ref, receipt=verdict.receipt
                )
            else:
                self._record_wait(device, item, verdict)
        except OutboxStateError:
            logger.info("outbox item %s was settled by another sender", item.id)
        return verdict

    async def _attempt(self, item: OutboxItem) -> Verdict:
        """Send one item once and say what came of it."""
        queued = read_item(item)
        try:
            if item.kind == ME_TOO_KIND:
                if queued.incident_id is None:
                    return Verdict(reason=refusal("invalid_item"), final=True)
                following = await self._api.me_too(
                    incident_id=queued.incident_id, idempotency_key=item.id
                )
                return Verdict(server_ref=str(following.incident_id))
            if queued.draft is None:
                return Verdict(reason=refusal("invalid_item"), final=True)
            if self._api.plain and item.attempts > 0:  # the last attempt may have arrived
                try:
                    found = await self._api.find_filed(
                        draft=queued.draft, item_id=item.id, since=item.created_at
                    )
                except APIStatusError as error:  # no look-up, no sending: it might be twice
                    logger.info("outbox item %s cannot be looked up: %s", item.id, error)
                    return Verdict(reason=BUSY)
                if found is not None:
                    return Verdict(server_ref=found, receipt={"found": True})
            created = await self._api.create(draft=queued.draft, idempotency_key=item.id)
            return await self._delivered(item, queued.draft, created)
        except HueAPIError as error:
            verdict = verdict_for(error, accounts=not self._api.plain)
            detail = error_text(error) if isinstance(error, APIStatusError) else str(error)
            logger.info("outbox item %s not sent (%s): %s", item.id, verdict.reason, detail)
            return verdict

    async def _delivered(
        self, item: OutboxItem, draft: IncidentDraft, created: RequestCreated
    ) -> Verdict:
        """Return the verdict of a 2xx answer; an unreadable one is looked up by its mark."""
        server_ref = created.service_request_id
        if server_ref is None and created.token is None and self._api.plain:
            try:
                server_ref = await self._api.find_filed(
                    draft=draft, item_id=item.id, since=item.created_at
                )
            except HueAPIError as error:  # delivered all the same: the id stays unknown
                logger.info("outbox item %s filed; its id not found: %s", item.id, error)
        receipt = created.model_dump(exclude_none=True, exclude_defaults=True)
        return Verdict(server_ref=server_ref, receipt=receipt or None)

    def _record_wait(
        self, device: str, item: OutboxItem, verdict: Verdict, *, now: bool = False
    ) -> None:
        """Keep a claimed item that was not sent: due again after a backoff, or never if refused."""
        assert verdict.reason is not None
        when: datetime | None = None
        if not verdict.final:
            wait = 0.0 if now else self.backoff.delay(max(0, item.attempts), verdict.retry_after)
            when = self.clock() + timedelta(seconds=wait)
        try:
            self._outbox.mark_failed(device, item.id, error=verdict.reason, next_attempt_at=when)
        except OutboxStateError:
            logger.info("outbox item %s was settled by another sender", item.id)

    async def run(self, stop: asyncio.Event) -> None:
        """Send until `stop` is set: recover half-sent items, then flush whenever one is due."""
        self.recover()
        while not stop.is_set():
            try:
                await self.flush()
            except Exception:  # the loop must outlive one bad item or a store hiccup
                logger.exception("the incident outbox flush failed")
            self._wake.clear()
            await self._sleep_until_due(stop)

    async def _sleep_until_due(self, stop: asyncio.Event) -> None:
        """Wait until the next item is due, a wake() or `stop`, at most IDLE_WAIT seconds."""
        timeout = IDLE_WAIT
        waiting = self._outbox.entries(self.device_id, states=("pending", "failed"))
        due_times = [item.next_attempt_at for item in waiting if item.next_attempt_at is not None]
        if due_times and self.ready():
            timeout = min(timeout, max(0.05, (min(due_times) - self.clock()).total_seconds()))
        wake, stopped = asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({wake, stopped}, timeout=timeout, return_when="FIRST_COMPLETED")
        finally:
            wake.cancel()
            stopped.cancel()
