"""A small GeoReport v2 server written from the spec, with quirks real servers have; not Hue-S.

It imports nothing of hue_s. Quirks, all allowed by the spec and seen in real servers:
numeric `service_request_id`s (the spec's own example is 638349), booleans as the strings
"true"/"false", an `api_key` required in the POST body, strict parameters (anything it does not
know is refused with 400 "unexpected entries: ..."), no service definitions (every service has
`metadata` "false"), paging with 404 past the last page, `service_notice` only on POST, 500 for
unknown ids, lat/long 0 for a request without a point; optionally text ids (`id_prefix`,
"REQ-638349") and a list paged even when no page is asked (`default_page_size`, as Django REST
framework). It also takes photos as multipart `media`
files (the media-upload extension) unless `accept_media` is False, and answers XML (and, with
`json=False`, only XML). `script` makes the next POSTs misbehave after filing: "garbage" (a 2xx
body no client can read), "drop" (the connection closes without an answer) or "hang" (no answer
until the server stops); or before filing: "lost" (the connection closes, nothing filed).

Run it alone: `python3 tests/app/open311_plain_server.py --port 8311` (stops on Ctrl-C).
"""

from __future__ import annotations

import argparse
import email.parser
import email.policy
import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

ROOT = "/api/georeport/v2/"
API_KEY = "plain-key"
JURISDICTION = "hue.example"
FIRST_ID = 638349
SERVICES = [
    {"service_code": "001", "service_name": "Pothole", "group": "Roads"},
    {"service_code": "002", "service_name": "Street light out", "group": "Lighting"},
]
POST_FIELDS = {
    "api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string", "address_id",
    "email", "device_id", "account_id", "first_name", "last_name", "phone", "description",
    "media_url",
}  # fmt: skip
LIST_FIELDS = {
    "jurisdiction_id", "service_request_id", "service_code", "start_date", "end_date", "status",
    "page", "page_size",
}  # fmt: skip
XML_LISTS = {"services": "service", "service_requests": "request", "errors": "error"}


class PlainOpen311:
    """The server's state and quirks; `start()` serves it on 127.0.0.1 in a thread."""

    def __init__(
        self, *, accept_media: bool = True, json: bool = True, id_prefix: str | None = None
    ) -> None:
        self.accept_media = accept_media
        self.json = json
        self.id_prefix = id_prefix  # ids are then strings such as "REQ-638349"
        self.default_page_size: int | None = None  # a list without paging: its first page only
        self.tokens_only = False
        self.list_fields = set(LIST_FIELDS)
        self.list_fails = False  # every listing answers 500
        self.tokens: dict[str, int | str] = {}
        self.requests: list[dict[str, Any]] = []
        self.media: dict[str, bytes] = {}
        self.script: list[str] = []
        self.posts = 0
        self.seen: list[str] = []  # "METHOD path?query" of every request
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """Return the endpoint URL (the GeoReport root)."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{ROOT}"

    @property
    def discovery_url(self) -> str:
        """Return the URL of the discovery document."""
        return self.url.replace(ROOT, "/discovery.json")

    def start(self, port: int = 0) -> PlainOpen311:
        """Serve on 127.0.0.1 in a daemon thread."""
        server = ThreadingHTTPServer(("127.0.0.1", port), handler_for(self))
        server.daemon_threads = True
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving (and let a hanging answer go)."""
        self.release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # -- the GeoReport operations, each returning (status, body) -------------------------------

    def discovery(self) -> tuple[int, Any]:
        formats = ["application/json", "text/xml"] if self.json else ["text/xml"]
        endpoint = {"specification": "http://wiki.open311.org/GeoReport_v2", "url": self.url}
        return 200, {
            "changeset": "2026-12-01T00:00:00Z",
            "contact": "Plain city",
            "endpoints": [
                {**endpoint, "type": "test", "url": self.url + "nowhere/", "formats": formats},
                {**endpoint, "type": "production", "formats": formats},
            ],
        }

    def services(self) -> tuple[int, Any]:
        return 200, [
            {**s, "description": None, "metadata": "false", "type": "realtime", "keywords": ""}
            for s in SERVICES
        ]

    def post(self, fields: dict[str, list[str]], files: dict[str, bytes]) -> tuple[int, Any]:
        unexpected = sorted(set(fields) - POST_FIELDS) + sorted(
            name for name in files if name != "media" or not self.accept_media
        )
        if unexpected:
            return 400, error(400, "unexpected entries: " + " ".join(unexpected))
        value = {name: values[-1] for name, values in fields.items()}
        if value.get("api_key") != API_KEY:
            return 400, error(400, "api_key required")
        if value.get("jurisdiction_id", JURISDICTION) != JURISDICTION:
            return 404, error(404, "jurisdiction_id not found")
        if value.get("service_code") not in {s["service_code"] for s in SERVICES}:
            return 400, error(400, "service_code not found")
        has_point = "lat" in value and "long" in value
        if not has_point and not value.get("address_string"):
            return 400, error(400, "lat/long or address_string required")
        with self._lock:
            serial = FIRST_ID + len(self.requests)
            number: int | str = serial if self.id_prefix is None else f"{self.id_prefix}{serial}"
            media_url = value.get("media_url")
            if "media" in files:
                self.media[f"{number}.jpg"] = files["media"]
                media_url = self.url + f"media/{number}.jpg"
            now = datetime.now(UTC).isoformat(timespec="seconds")
            service = next(s for s in SERVICES if s["service_code"] == value["service_code"])
            self.requests.append(
                {
                    "service_request_id": number,
                    "status": "open",
                    "status_notes": None,
                    "service_name": service["service_name"],
                    "service_code": service["service_code"],
                    "description": value.get("description", ""),
                    "agency_responsible": "Plain city works",
                    "requested_datetime": now,
                    "updated_datetime": now,
                    "expected_datetime": None,
                    "address": value.get("address_string", ""),
                    "lat": float(value["lat"]) if has_point else 0,
                    "long": float(value["long"]) if has_point else 0,
                    "media_url": media_url,
                }
            )
        if self.tokens_only:  # the spec's other answer: a token, the id to be asked later
            self.tokens[f"tok-{number}"] = number
            return 201, [{"token": f"tok-{number}", "service_notice": "Thanks, we will look."}]
        return 201, [{"service_request_id": number, "service_notice": "Thanks, we will look."}]

    def listing(self, query: dict[str, list[str]]) -> tuple[int, Any]:
        if self.list_fails:
            return 500, error(500, "listing is down")
        unexpected = sorted(set(query) - self.list_fields)
        if unexpected:
            return 400, error(400, "unexpected entries: " + " ".join(unexpected))
        value = {name: values[-1] for name, values in query.items()}
        found = list(reversed(self.requests))
        if "service_request_id" in value:
            wanted = set(value["service_request_id"].split(","))
            found = [r for r in found if str(r["service_request_id"]) in wanted]
        if "service_code" in value:
            found = [r for r in found if r["service_code"] == value["service_code"]]
        if "status" in value:
            found = [r for r in found if r["status"] in value["status"].split(",")]
        if "start_date" in value:
            found = [r for r in found if r["requested_datetime"] >= value["start_date"][:19]]
        if "page" in value or "page_size" in value or self.default_page_size:
            default_size = str(self.default_page_size or 10)
            try:
                page, size = int(value.get("page", "1")), int(value.get("page_size", default_size))
            except ValueError:
                return 400, error(400, "page and page_size are numbers")
            start = (page - 1) * size
            if page < 1 or (start >= len(found) and page != 1):
                return 404, {"detail": "Invalid page."}
            found = found[start : start + size]
        return 200, found[:1000]

    def one(self, number: str) -> tuple[int, Any]:
        found = [r for r in self.requests if str(r["service_request_id"]) == number]
        if not found:
            return 500, error(500, "internal error")  # the quirk: unknown ids crash it
        return 200, found


def error(code: int, description: str) -> list[dict[str, Any]]:
    """Return a GeoReport error body."""
    return [{"code": code, "description": description}]


def to_xml(body: Any) -> bytes:
    """Return a GeoReport XML document of a JSON-shaped body."""
    if isinstance(body, list):
        is_error = bool(body) and "description" in body[0] and "code" in body[0]
        is_service = bool(body) and "service_name" in body[0] and "status" not in body[0]
        root_tag = "errors" if is_error else "services" if is_service else "service_requests"
    else:
        root_tag = "discovery"
    root = ElementTree.Element(root_tag)
    for item in body if isinstance(body, list) else [body]:
        parent = (
            ElementTree.SubElement(root, XML_LISTS[root_tag]) if root_tag in XML_LISTS else root
        )
        for name, value in item.items():
            if not isinstance(value, (list, dict)):
                text = "" if value is None else str(value)
                ElementTree.SubElement(parent, name).text = text
    xml: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml


def parse_form(content_type: str, body: bytes) -> tuple[dict[str, list[str]], dict[str, bytes]]:
    """Return the fields and files of a urlencoded or multipart POST body."""
    if not content_type.startswith("multipart/"):
        return parse_qs(body.decode(), keep_blank_values=True), {}
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    fields: dict[str, list[str]] = {}
    files: dict[str, bytes] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename():
            files[str(name)] = payload
        else:
            fields.setdefault(str(name), []).append(payload.decode())
    return fields, files


def handler_for(state: PlainOpen311) -> type[BaseHTTPRequestHandler]:
    """Return the request handler class bound to a server's state."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            state.seen.append(f"GET {self.path}")
            query = parse_qs(url.query, keep_blank_values=True)
            path, _dot, ext = url.path.rpartition(".")
            if url.path in ("/", ROOT):
                return self.raw(200, b"GeoReport v2 (plain test server)", "text/plain")
            if url.path == "/discovery.json":
                return self.answer(*state.discovery(), "json")
            if url.path.startswith(ROOT + "media/"):
                photo = state.media.get(url.path.removeprefix(ROOT + "media/"))
                return self.raw(200 if photo else 404, photo or b"", "image/jpeg")
            if ext not in ("json", "xml") or (ext == "json" and not state.json):
                return self.raw(404, b"Not Found", "text/plain")
            accept = self.headers.get("Accept", "*/*")
            if ext == "xml" and "xml" not in accept and "*/*" not in accept:
                return self.raw(406, b"Not Acceptable", "text/plain")
            if path == ROOT + "services":
                extra = sorted(set(query) - {"jurisdiction_id"})
                if extra:
                    return self.answer(
                        400, error(400, "unexpected entries: " + " ".join(extra)), ext
                    )
                return self.answer(*state.services(), ext)
            if path.startswith(ROOT + "services/"):
                return self.answer(404, error(404, "no service definitions here"), ext)
            if path == ROOT + "requests":
                return self.answer(*state.listing(query), ext)
            if path.startswith(ROOT + "tokens/"):
                token = path.removeprefix(ROOT + "tokens/")
                if token not in state.tokens:
                    return self.answer(404, error(404, "token not found"), ext)
                found = {"service_request_id": state.tokens[token], "token": token}
                return self.answer(200, [found], ext)
            if path.startswith(ROOT + "requests/"):
                return self.answer(*state.one(path.removeprefix(ROOT + "requests/")), ext)
            return self.raw(404, b"Not Found", "text/plain")

        def do_POST(self) -> None:
            state.seen.append(f"POST {self.path}")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            path, _dot, ext = urlsplit(self.path).path.rpartition(".")
            if path != ROOT + "requests" or ext not in ("json", "xml"):
                return self.raw(404, b"Not Found", "text/plain")
            fields, files = parse_form(self.headers.get("Content-Type", ""), body)
            with state._lock:
                state.posts += 1
                if state.script and state.script[0] == "lost":  # gone before it was filed
                    state.script.pop(0)
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return None
            status, answer = state.post(fields, files)
            misbehave = state.script.pop(0) if status < 300 and state.script else None
            if misbehave == "garbage":
                return self.raw(200, b"<html>Report received!</html>", "application/json")
            if misbehave == "drop":
                self.close_connection = True
                self.connection.shutdown(2)
                return None
            if misbehave == "hang":
                state.release.wait(30)
                self.close_connection = True
                return None
            return self.answer(status, answer, ext)

        def answer(self, status: int, body: Any, ext: str) -> None:
            if ext == "xml":
                return self.raw(status, to_xml(body), "text/xml; charset=utf-8")
            data = json.dumps(body).encode()
            return self.raw(status, data, "application/json; charset=utf-8")

        def raw(self, status: int, data: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def main() -> None:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    port = parser.parse_args().port
    server = PlainOpen311().start(port)
    print(f"plain Open311 at {server.url} (discovery {server.discovery_url})", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
