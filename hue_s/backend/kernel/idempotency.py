"""Idempotency-Key on POST (IETF httpapi draft): replay, refuse misuse, detect in-flight twins.

The first request with a key stores a row (scope, key, fingerprint) before it runs, and its
response afterwards, so that every worker sharing the database sees it:
- same key, same fingerprint, response stored: the stored response is replayed;
- same key, another fingerprint: 422 idempotency_key_reused;
- same key while the first is still running: 409 idempotency_request_in_flight.

An in-flight row names its owner (host, process id, boot id) where the answer will go. A
process that dies mid-request (crash, SIGKILL) leaves such a row behind; a retry on the same
host sees that its owner is gone and runs again at once, instead of waiting STALE_AFTER (a
module whose writes carry the key, as incidents' client UUID, then finds what the crashed request
had stored). The route class that applies all this is idempotent_route.IdempotentRoute.
"""

from __future__ import annotations

import hashlib
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from sqlalchemy import Table, bindparam, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.clock import utc_now
from hue_s.backend.kernel.models import IdempotencyRecord

HEADER = "Idempotency-Key"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
"""Bodies fingerprinted by their fields, not their bytes (multipart boundaries differ)."""
MAX_KEY_LENGTH = 255
KEPT_FOR = timedelta(hours=24)
"""A stored response older than this no longer binds its key."""
STALE_AFTER = timedelta(minutes=5)
"""A request still "in flight" after this long is taken to have died with its worker."""
OWNER_PREFIX = "in-flight "
"""content_type of a row whose request is running: OWNER_PREFIX + "<boot> <pid> <host>"."""
BOOT_ID = uuid.uuid4().hex[:12]
"""Tells this process from an earlier one that had the same pid (a restarted container)."""
RECORDS = cast(Table, IdempotencyRecord.__table__)
"""Written with Core statements: one INSERT claims a key, one UPDATE keeps the answer."""
CLAIM_KEY = RECORDS.insert()
STORE_ANSWER = (
    update(RECORDS)
    .where(RECORDS.c.scope == bindparam("s"), RECORDS.c.key == bindparam("k"))
    .values(
        status_code=bindparam("status_code"),
        content_type=bindparam("content_type"),
        body=bindparam("body"),
    )
)


@dataclass(frozen=True)
class StoredResponse:
    """What a finished request answered."""

    status_code: int
    content_type: str | None
    body: bytes


def this_owner() -> str:
    """Return the owner mark of this process's in-flight rows."""
    return f"{OWNER_PREFIX}{BOOT_ID} {os.getpid()} {socket.gethostname()}"[:100]


def process_running(pid: int) -> bool:
    """Tell whether a process of this host runs with this pid (True when it cannot tell)."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it runs, as another user
    return True


def abandoned(owner: str | None) -> bool:
    """Tell whether an in-flight row's owner process is surely gone (so the row is abandoned)."""
    if owner is None or not owner.startswith(OWNER_PREFIX):
        return False
    boot, pid, host = (owner.removeprefix(OWNER_PREFIX).split(" ", 2) + ["", "", ""])[:3]
    if host != socket.gethostname()[: len(host)] or not pid.isdigit():
        return False  # another host's process: only STALE_AFTER tells
    if int(pid) == os.getpid():
        return boot != BOOT_ID
    return not process_running(int(pid))


async def form_fingerprint(form: FormData) -> bytes:
    """Return a canonical encoding of form fields, files by content (boundaries differ)."""
    parts: list[bytes] = []
    for name, value in sorted(form.multi_items(), key=lambda item: item[0]):
        if isinstance(value, UploadFile):
            content = await value.read()
            await value.seek(0)
            parts.append(f"{name}=file:".encode() + hashlib.sha256(content).digest())
        else:
            parts.append(f"{name}={value}".encode())
    return b"\x1e".join(parts)


async def request_fingerprint(request: Request) -> str:
    """Return the SHA-256 of what makes a request the same: method, path, query and body."""
    digest = hashlib.sha256(f"{request.method} {request.url.path}?{request.url.query}\n".encode())
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(FORM_TYPES):
        digest.update(await form_fingerprint(await request.form()))
    else:
        digest.update(await request.body())
    return digest.hexdigest()


def request_scope(request: Request, other_credentials: str = "") -> str:
    """Return the SHA-256 of the caller's credentials (Authorization, and any a route class adds,
    as an api_key): keys of different callers never meet."""
    credentials = f"{request.headers.get('authorization', '')}\n{other_credentials}"
    return hashlib.sha256(credentials.encode()).hexdigest()


def idempotency_key(request: Request) -> str | None:
    """Return the request's Idempotency-Key (400 idempotency_key_invalid if malformed)."""
    raw = request.headers.get(HEADER)
    if raw is None:
        return None
    key = raw.strip().strip('"')
    if not key or len(key) > MAX_KEY_LENGTH:
        raise APIError(
            400, "idempotency_key_invalid", f"{HEADER} must have 1 to {MAX_KEY_LENGTH} characters."
        )
    return key


class IdempotencyStore:
    """The idempotency rows of one scope and key, in the shared database."""

    def __init__(self, factory: sessionmaker[Session], scope: str, key: str) -> None:
        """Remember where the row lives."""
        self.factory = factory
        self.scope = scope
        self.key = key

    def claim(self, fingerprint: str) -> StoredResponse | None:
        """Claim the key for this request (None) or return the stored response to replay."""
        with self.factory() as session:
            if self.inserted(session, fingerprint):
                return None
            record = session.get(IdempotencyRecord, (self.scope, self.key))
            if record is not None and record.created_at < utc_now() - KEPT_FOR:
                session.delete(record)
                session.flush()
                if self.inserted(session, fingerprint):
                    return None
                record = session.get(IdempotencyRecord, (self.scope, self.key))
            if record is None:
                raise in_flight()
            return self.check(session, record, fingerprint)

    def inserted(self, session: Session, fingerprint: str) -> bool:
        """INSERT this request's row and commit; False if the key already has one."""
        row = {"scope": self.scope, "key": self.key, "fingerprint": fingerprint}
        row |= {"content_type": this_owner()}
        try:
            session.connection().execute(CLAIM_KEY, row | {"created_at": utc_now()})
            session.commit()
        except IntegrityError:
            session.rollback()
            return False
        return True

    def check(
        self, session: Session, record: IdempotencyRecord, fingerprint: str
    ) -> StoredResponse | None:
        """Return the stored response of a finished twin, or refuse a reuse or a live twin."""
        if record.fingerprint != fingerprint:
            raise APIError(
                422,
                "idempotency_key_reused",
                f"This {HEADER} was already used with a different request.",
            )
        if record.status_code is None:
            if record.created_at < utc_now() - STALE_AFTER or abandoned(record.content_type):
                record.created_at, record.content_type = utc_now(), this_owner()
                session.commit()
                return None
            raise in_flight()
        return StoredResponse(record.status_code, record.content_type, record.body or b"")

    def store(self, response: Response) -> None:
        """Keep the response for replays."""
        answer = {
            "status_code": response.status_code,
            "content_type": response.headers.get("content-type"),
            "body": bytes(response.body),
        }
        with self.factory() as session:
            session.connection().execute(STORE_ANSWER, {"s": self.scope, "k": self.key} | answer)
            session.commit()

    def release(self) -> None:
        """Forget the claim after a failure, so that a retry can run."""
        with self.factory() as session:
            session.execute(
                delete(IdempotencyRecord).where(
                    IdempotencyRecord.scope == self.scope, IdempotencyRecord.key == self.key
                )
            )
            session.commit()


def in_flight() -> APIError:
    """Return the error for a twin of a request still being processed."""
    return APIError(
        409,
        "idempotency_request_in_flight",
        f"A request with this {HEADER} is still being processed; retry later.",
    )


def replay(stored: StoredResponse) -> Response:
    """Return a stored response again."""
    headers = {"Idempotent-Replayed": "true"}
    return Response(stored.body, stored.status_code, headers, media_type=stored.content_type)
