"""Fetch CAP documents and feeds over HTTP(S) with httpx: conditional, size-capped, no surprises."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from hue_s.modules.alerts.backend.cap.safe_xml import MAX_DOCUMENT_BYTES, CapError

ACCEPT = (
    "application/cap+xml, application/atom+xml, application/rss+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
USER_AGENT = "hue-s-backend (CAP reader)"
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Fetched:
    """An answer: 200 with a body, or 304 (not modified) without one."""

    url: str
    status: int
    body: bytes | None
    etag: str | None
    last_modified: str | None


def check_fetchable(url: str) -> None:
    """Refuse URLs that are not http(s): a feed must not make the server read local files."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise CapError("unsupported_url", f"Refused link {url!r}: only http and https are fetched")


def http_client(timeout: float = 15.0) -> httpx.AsyncClient:
    """Return the client used for CAP sources (redirects followed, a few at most)."""
    return httpx.AsyncClient(
        timeout=timeout,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"Accept": ACCEPT, "User-Agent": USER_AGENT},
    )


async def fetch_document(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET url (conditionally when etag/last_modified are known); raise CapError on failure."""
    check_fetchable(url)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return Fetched(url, 304, None, etag, last_modified)
            if response.status_code >= 400:
                raise CapError("fetch_failed", f"Cannot fetch {url}: HTTP {response.status_code}")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > MAX_DOCUMENT_BYTES:
                    raise CapError(
                        "too_large", f"Refused {url}: over the {MAX_DOCUMENT_BYTES}-byte limit"
                    )
            return Fetched(
                url=str(response.url),
                status=response.status_code,
                body=bytes(body),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
    except httpx.HTTPError as error:
        reason = str(error) or type(error).__name__
        raise CapError("fetch_failed", f"Cannot fetch {url}: {reason}") from None
