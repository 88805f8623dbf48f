"""The client's copies of JSON answers that came with an ETag, to ask for them conditionally.

A list the app polls (my reports, the inbox, alerts, reports nearby) is asked for again with the
If-None-Match of the copy the client holds; a 304 means the server would send exactly those
bytes again, so the copy is used instead and nothing is downloaded or parsed twice over the
network. The backend's ETags are hashes of the bytes, so a copy can never stand for another
person's list. Kept per client (one per app session), a few lists at a time.
"""

from __future__ import annotations

from collections import OrderedDict

import httpx

MAX_KEPT = 32
"""Answers kept per client; the least recently used goes first."""
MAX_BODY_BYTES = 512 * 1024
"""Larger answers are not kept."""


def answer_key(request: httpx.Request) -> str:
    """Return what tells answers apart: the URL, and the format and language asked for."""
    headers = request.headers
    return f"{request.url}\n{headers.get('accept', '')}\n{headers.get('accept-language', '')}"


def keepable(response: httpx.Response) -> bool:
    """Tell whether an answer may be kept: a small JSON 200 with an ETag."""
    return (
        response.status_code == 200
        and "etag" in response.headers
        and response.headers.get("content-type", "").startswith("application/json")
        and len(response.content) <= MAX_BODY_BYTES
    )


class KnownAnswers:
    """The last answer with an ETag of each GET, for one client."""

    def __init__(self) -> None:
        """Keep nothing yet."""
        self._kept: OrderedDict[str, httpx.Response] = OrderedDict()

    def ask_conditionally(self, request: httpx.Request) -> None:
        """Add the If-None-Match of the copy held for a GET, if any."""
        kept = self._kept.get(answer_key(request)) if request.method == "GET" else None
        if kept is not None:
            request.headers["If-None-Match"] = kept.headers["etag"]

    def settle(self, request: httpx.Request, response: httpx.Response) -> httpx.Response:
        """Return the answer to use: the held copy on a 304, else the response (kept if it may)."""
        if request.method != "GET":
            return response
        key = answer_key(request)
        kept = self._kept.get(key)
        if response.status_code == 304 and kept is not None:
            self._kept.move_to_end(key)
            return httpx.Response(200, headers=kept.headers, content=kept.content, request=request)
        if keepable(response):
            self._kept[key] = response
            self._kept.move_to_end(key)
            while len(self._kept) > MAX_KEPT:
                self._kept.popitem(last=False)
        elif response.status_code != 304:
            self._kept.pop(key, None)
        return response

    def forget(self) -> None:
        """Drop every copy (on sign-out: they may be someone's own reports)."""
        self._kept.clear()
