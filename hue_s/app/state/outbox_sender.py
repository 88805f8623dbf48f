"""OutboxSender: the one sender of a session's outbox; each module registers a handler per kind.

The host makes one per session and starts it after the modules' setup: the items a crash left
'sending' go back to the queue (for the kinds of the enabled modules only), then each handler's
items are sent by a run loop of their own, oldest first, by the rules of `outbox_handler`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hue_s.app.api.errors import APIConnectionError, HueAPIError, ResponseValidationError
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.state.errors import OutboxStateError
from hue_s.app.state.outbox import Outbox, OutboxItem
from hue_s.app.state.outbox_handler import (
    BUSY,
    INTERRUPTED,
    NETWORK,
    OTHER_SERVER,
    Delivery,
    OutboxHandler,
    Refusal,
    Verdict,
    refusal,
    unreadable_delivery,
    verdict_for,
)
from hue_s.app.state.timestamps import utc_now

logger = logging.getLogger(__name__)

OUTBOX_BACKOFF = RetryPolicy(max_retries=1_000_000, initial=2.0, max=120.0)
"""Waits between attempts of one item: full jitter, doubling from 2 s up to 2 minutes."""
IDLE_WAIT = 30.0
"""Longest sleep of a run loop when nothing is due (a wake() cuts it short)."""
RAW_KEPT = 4000
"""How much of a 2xx answer that could not be read is kept with the item."""


@dataclass
class FlushResult:
    """What one flush did, and per item tried, what came of it."""

    sent: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    verdicts: dict[str, Verdict] = field(default_factory=dict)

    def add(self, other: FlushResult) -> None:
        """Take in what another flush did."""
        self.sent += other.sent
        self.waiting += other.waiting
        self.refused += other.refused
        self.verdicts.update(other.verdicts)


@dataclass(eq=False)
class Lane:
    """One handler's items: sent one at a time, oldest first, by a run loop of their own."""

    handler: OutboxHandler
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None


class OutboxSender:
    """Sends the due items of one session's device through the handlers modules registered."""

    def __init__(
        self,
        outbox: Outbox,
        device_id: str | Callable[[], str],
        *,
        backoff: RetryPolicy = OUTBOX_BACKOFF,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        """Send `device_id`'s items (a callable: a kiosk's device changes with each visitor)."""
        self._outbox = outbox
        self._device_id = device_id
        self.backoff = backoff
        self.clock = clock
        self._lanes: list[Lane] = []
        self._running = False

    @property
    def device_id(self) -> str:
        """Return the device whose items are sent."""
        return self._device_id() if callable(self._device_id) else self._device_id

    def register(self, handler: OutboxHandler) -> None:
        """Send `handler`'s kinds through it (a module's setup); its loop starts if running."""
        taken = set(handler.kinds) & set(self.kinds())
        if taken:
            raise ValueError(f"outbox kinds already handled: {sorted(taken)}")
        lane = Lane(handler)
        self._lanes.append(lane)
        if self._running:
            lane.task = asyncio.create_task(self._run(lane))

    def unregister(self, handler: OutboxHandler) -> None:
        """Stop sending `handler`'s kinds (a module's teardown); an attempt under way is cut."""
        for lane in [lane for lane in self._lanes if lane.handler is handler]:
            self._lanes.remove(lane)
            if lane.task is not None:
                lane.task.cancel()

    def kinds(self) -> list[str]:
        """Return the kinds of item some registered handler sends."""
        return [kind for lane in self._lanes for kind in lane.handler.kinds]

    def handles(self, kind: str) -> bool:
        """Say whether items of `kind` have a handler (the kiosk offers to send those)."""
        return kind in self.kinds()

    def recover(self) -> int:
        """Put the registered kinds' items a crash left half-sent back in the queue."""
        kinds = self.kinds()
        return self._outbox.requeue_interrupted(self.device_id, kinds=kinds) if kinds else 0

    def start(self) -> int:
        """Recover half-sent items, then send in the background; return how many recovered."""
        recovered = self.recover()
        self._running = True
        for lane in self._lanes:
            if lane.task is None:
                lane.task = asyncio.create_task(self._run(lane))
        return recovered

    async def stop(self) -> None:
        """Stop the run loops (the session ends); unsent items stay for the next one."""
        self._running = False
        tasks = [lane.task for lane in self._lanes if lane.task is not None]
        for lane in self._lanes:
            lane.task = None
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def wake(self, kinds: Collection[str] | None = None) -> None:
        """Make the run loops look at the queue now (after queueing, signing in, going online)."""
        for lane in self._lanes_of(kinds):
            lane.wake.set()

    async def flush(
        self, *, kinds: Collection[str] | None = None, everything: bool = False
    ) -> FlushResult:
        """Try every due item once (`everything`: also those waiting for their next attempt)."""
        lanes = self._lanes_of(kinds)
        result = FlushResult()
        for done in await asyncio.gather(*(self._flush(lane, everything) for lane in lanes)):
            result.add(done)
        return result

    def _lanes_of(self, kinds: Collection[str] | None) -> list[Lane]:
        """Return the lanes that send some of `kinds` (all when None)."""
        if kinds is None:
            return list(self._lanes)
        return [lane for lane in self._lanes if set(lane.handler.kinds) & set(kinds)]

    async def _flush(self, lane: Lane, everything: bool) -> FlushResult:
        """Try one handler's due items once, oldest first, one at a time."""
        result = FlushResult()
        handler = lane.handler
        async with lane.lock:
            device = self.device_id
            due = self._candidates(device, everything)
            candidates = [item for item in due if item.kind in handler.kinds]
            if not handler.ready():  # nobody to send as: they wait, untouched, for a sign-in
                result.waiting = [item.id for item in candidates]
                return result
            for item in candidates:
                verdict = await self._send_claimed(device, handler, item)
                if verdict is None:
                    continue
                result.verdicts[item.id] = verdict
                if verdict.sent:
                    result.sent.append(item.id)
                elif verdict.final:
                    result.refused.append(item.id)
                else:
                    result.waiting.append(item.id)
        if result.sent or result.refused or result.waiting:
            handler.changed()
        return result

    def _candidates(self, device: str, everything: bool) -> list[OutboxItem]:
        """Return the items to try now."""
        if not everything:
            return self._outbox.due(device, now=self.clock())
        items = self._outbox.entries(device, states=("pending", "failed"))
        return [item for item in items if item.next_attempt_at is not None]

    async def _send_claimed(
        self, device: str, handler: OutboxHandler, item: OutboxItem
    ) -> Verdict | None:
        """Claim, send and record one item; None when someone else claimed it first."""
        if not self._outbox.mark_sending(device, item.id):
            return None
        if item.server and handler.server and item.server != handler.server:
            verdict = Verdict(reason=OTHER_SERVER, unreached=True)
            self._record_wait(device, handler, item, verdict)
            return verdict
        try:
            verdict = await self._attempt(handler, item)
        except asyncio.CancelledError:
            self._record_wait(device, handler, item, Verdict(reason=INTERRUPTED), now=True)
            raise
        try:
            if verdict.sent:
                self._outbox.mark_sent(
                    device, item.id, server_ref=verdict.server_ref, receipt=verdict.receipt
                )
            else:
                self._record_wait(device, handler, item, verdict)
        except OutboxStateError:
            logger.info("outbox item %s was settled by another sender", item.id)
        return verdict

    async def _attempt(self, handler: OutboxHandler, item: OutboxItem) -> Verdict:
        """Send one item once (looked up first where an earlier attempt may have arrived)."""
        try:
            if item.attempts > 0 and handler.can_look_up(item):
                try:
                    found = await handler.find(item)
                except HueAPIError as error:  # no look-up, no sending: it might be twice
                    logger.info("outbox item %s cannot be looked up: %s", item.id, error)
                    reason = NETWORK if isinstance(error, APIConnectionError) else BUSY
                    return Verdict(reason=reason, error=error, unreached=True)
                if found is not None:
                    return Verdict(server_ref=found.server_ref, receipt=found.receipt)
            delivery = await handler.send(item)
        except Refusal as refused:
            return Verdict(reason=refusal(refused.code), final=True, unreached=True)
        except ResponseValidationError as error:
            if not unreadable_delivery(error):
                return self._failed(handler, item, error)
            delivery = Delivery(receipt={"raw": str(error.response.text)[:RAW_KEPT]})
        except HueAPIError as error:
            return self._failed(handler, item, error)
        return Verdict(server_ref=delivery.server_ref, receipt=delivery.receipt)

    def _failed(self, handler: OutboxHandler, item: OutboxItem, error: HueAPIError) -> Verdict:
        """Return the verdict of a failed attempt, and log it."""
        verdict = verdict_for(error, handler)
        logger.info("outbox item %s not sent (%s): %s", item.id, verdict.reason, error)
        return verdict

    def _record_wait(
        self,
        device: str,
        handler: OutboxHandler,
        item: OutboxItem,
        verdict: Verdict,
        *,
        now: bool = False,
    ) -> None:
        """Keep a claimed item that was not sent: due again after a backoff, or never if refused."""
        assert verdict.reason is not None
        when: datetime | None = None
        if not verdict.final:
            wait = 0.0 if now else self.backoff.delay(max(0, item.attempts), verdict.retry_after)
            when = self.clock() + timedelta(seconds=wait)
        try:
            reached = None if verdict.unreached else handler.server or None
            self._outbox.mark_failed(
                device, item.id, error=verdict.reason, next_attempt_at=when, reached=reached
            )
        except OutboxStateError:
            logger.info("outbox item %s was settled by another sender", item.id)

    async def _run(self, lane: Lane) -> None:
        """Send one handler's items until cancelled: flush whenever one is due or woken."""
        while True:
            try:
                await self._flush(lane, everything=False)
            except Exception:  # the loop must outlive one bad item or a store hiccup
                logger.exception("the outbox flush of %s failed", lane.handler.kinds)
            lane.wake.clear()
            await self._sleep_until_due(lane)

    async def _sleep_until_due(self, lane: Lane) -> None:
        """Wait until the lane's next item is due or a wake(), at most IDLE_WAIT seconds."""
        timeout = IDLE_WAIT
        waiting = self._outbox.entries(self.device_id, states=("pending", "failed"))
        due_times = [
            item.next_attempt_at
            for item in waiting
            if item.kind in lane.handler.kinds and item.next_attempt_at is not None
        ]
        if due_times and lane.handler.ready():
            timeout = min(timeout, max(0.05, (min(due_times) - self.clock()).total_seconds()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(lane.wake.wait(), timeout)
