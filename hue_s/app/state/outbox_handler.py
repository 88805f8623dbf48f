"""What a module tells the one outbox sender about its kinds of item, and the one retry rule.

Every item was saved in the outbox under a client UUID before anything was sent, and that UUID
goes out as its Idempotency-Key, so a send interrupted anywhere (a lost answer, a crash, a killed
process) is simply sent again: the server answers with what it already has. A kind whose server
knows no such key (a plain GeoReport server) is first looked for there after an attempt whose
outcome is unknown, and sent again only when it is not there. Any 2xx answer to the write is a
delivery, readable or not; a 4xx is a refusal, kept for the person to change; the network, a
busy server or a missing sign-in mean "try again" after a backoff. At start, the items a crash
left half-sent go back to the queue, for every kind a registered (enabled) module handles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from hue_s.app.api.errors import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    HueAPIError,
    RateLimitError,
    ResponseValidationError,
)
from hue_s.app.api.retry import SAFE_METHODS

if TYPE_CHECKING:
    from hue_s.app.state.outbox import OutboxItem

TRANSIENT_CODES = frozenset({"idempotency_request_in_flight"})
"""409 codes that mean "try again later" rather than "no"."""
SIGN_IN_CODES = frozenset({"api_key_required", "not_authenticated"})

# Why an item waits, as the sender records it in `last_error` ("refused:<code>" for refusals).
NETWORK = "network"
SIGN_IN = "sign_in"
BUSY = "busy"
INTERRUPTED = "interrupted"
OTHER_SERVER = "other_server"
"""An earlier attempt may have left the item on another server than the one used now."""
REFUSED = "refused"


def refusal(code: str | None, detail: str | None = None) -> str:
    """Return the `last_error` of an item the server refused for good (with its own words)."""
    return f"{REFUSED}:{code or 'unknown'}" + (f":{detail}" if detail else "")


@dataclass(frozen=True)
class Delivery:
    """What the server answered when it took an item: its id there, and what to keep of it."""

    server_ref: str | None = None
    receipt: dict[str, object] | None = None


class Refusal(Exception):
    """Raised by a handler for an item that can never be sent as it is (`code` says why)."""

    def __init__(self, code: str) -> None:
        """Keep the code recorded with the item."""
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Verdict:
    """What one attempt came to: sent (with the server's id), or why not and when to retry."""

    server_ref: str | None = None
    reason: str | None = None
    retry_after: float | None = None
    final: bool = False
    receipt: dict[str, object] | None = None
    error: HueAPIError | None = None
    unreached: bool = False
    """Not sent, and surely not on the server: nothing was sent, or no connection was made."""

    @property
    def sent(self) -> bool:
        """Say whether the server has the item."""
        return self.reason is None


class OutboxHandler:
    """What a module gives the sender for its kinds of item; a module overrides `send` at least."""

    kinds: tuple[str, ...] = ()

    @property
    def server(self) -> str:
        """Say which server items go to now ("" when there is only ever one). An item that an
        attempt may have left on another server waits for that one: sent here, it might be
        filed twice."""
        return ""

    @property
    def accounts(self) -> bool:
        """Say whether a sign-in can cure a refused caller (False: it is a refusal like others)."""
        return True

    def ready(self) -> bool:
        """Say whether items can be sent now (False: nobody signed in; they wait untouched)."""
        return True

    def can_look_up(self, item: OutboxItem) -> bool:
        """Say whether a repeated attempt must first look for the item on the server."""
        return False

    async def find(self, item: OutboxItem) -> Delivery | None:
        """Return the item as the server has it after an attempt of unknown outcome, or None."""
        return None

    async def send(self, item: OutboxItem) -> Delivery:
        """Send one item once; raise HueAPIError (or Refusal) when it was not taken."""
        raise NotImplementedError

    def error_code(self, error: APIStatusError) -> str | None:
        """Return the server's code of an error."""
        return error.code

    def error_text(self, error: APIStatusError) -> str:
        """Return the server's own words of an error."""
        return error.message

    def changed(self) -> None:
        """Hear that some of the module's items moved on (sent, refused, waiting)."""


def verdict_for(error: HueAPIError, handler: OutboxHandler | None = None) -> Verdict:
    """Classify a failed attempt: retry later (network, busy, sign-in) or refused for good.

    Where nobody can sign in (`handler.accounts` False: a plain GeoReport server) a refused
    api_key is a refusal like any other 4xx, shown with the server's own words.
    """
    handler = handler or OutboxHandler()
    if isinstance(error, APIConnectionError):
        unreached = isinstance(error.__cause__, httpx.ConnectError | httpx.ConnectTimeout)
        return Verdict(reason=NETWORK, error=error, unreached=unreached)
    if not isinstance(error, APIStatusError):
        return Verdict(reason=BUSY, error=error)
    code = handler.error_code(error)
    status = error.status_code
    accounts = handler.accounts
    if accounts and (isinstance(error, AuthenticationError) or code in SIGN_IN_CODES):
        return Verdict(reason=SIGN_IN, error=error)
    if isinstance(error, RateLimitError):
        return Verdict(reason=BUSY, retry_after=error.retry_after, error=error)
    if status in (408, 425) or status >= 500 or (status == 409 and code in TRANSIENT_CODES):
        return Verdict(reason=BUSY, error=error)
    if code == "idempotency_key_reused":
        code = "already_received"  # an earlier version of this item reached the server
    detail = None if accounts else handler.error_text(error)[:500]
    return Verdict(reason=refusal(code, detail), final=True, error=error)


def unreadable_delivery(error: ResponseValidationError) -> bool:
    """Say whether an unreadable answer is the 2xx of a write (a delivery all the same)."""
    return error.request is not None and error.request.method not in SAFE_METHODS
