"""A GeoReport v2 (Open311) endpoint: where it is, what it supports (probed once), its XML."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import httpx
from lxml import etree

from hue_s.app.api.errors import (
    APIStatusError,
    HueAPIError,
    NotFoundError,
    ResponseValidationError,
)
from hue_s.app.config import Open311Settings

if TYPE_CHECKING:
    from hue_s.app.api.client import HueClient

GEOREPORT_V2 = "GeoReport_v2"
HUE_S_ROOT = "/open311/v2/"
XML_LISTS = frozenset(
    {"services", "service_requests", "errors", "attributes", "values", "endpoints", "formats"}
)
"""Elements whose children are the items of a list (everything else is an object or a text)."""


@dataclass
class Capabilities:
    """What one endpoint supports: learnt once, then every request follows it."""

    root: str
    """The endpoint's URL with a trailing slash (relative for the Hue-S backend)."""
    hue_s: bool = False
    """The Hue-S backend: Idempotency-Key, accounts, tracking, nearby search."""
    xml: bool = False
    extensions: bool = False
    paging: bool = False
    media_upload: bool = True
    """Photos go as multipart `media` files, until the server refuses them once."""

    @property
    def format(self) -> str:
        """Return the format suffix of every path: "json" or "xml"."""
        return "xml" if self.xml else "json"

    @property
    def accept(self) -> str:
        """Return the Accept header of the server's format."""
        return "application/xml, text/xml" if self.xml else "application/json"


def hue_s_capabilities() -> Capabilities:
    """Return what the Hue-S backend supports (no probing: it is ours)."""
    return Capabilities(root=HUE_S_ROOT, hue_s=True, extensions=True, paging=True)


def xml_to_data(element: Any) -> Any:
    """Return an element of a GeoReport XML document as the JSON value it stands for."""
    children = list(element)
    if element.tag in XML_LISTS:
        return [xml_to_data(child) for child in children]
    if not children:
        text = (element.text or "").strip()
        return text or None
    return {child.tag: xml_to_data(child) for child in children}


def parse_xml(data: bytes) -> Any:
    """Return a GeoReport XML document (a list or an object) as JSON-like data."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return xml_to_data(etree.fromstring(data, parser=parser))


def decode(response: httpx.Response, *, xml: bool) -> Any:
    """Return the data of a GeoReport answer in either format; ResponseValidationError if none."""
    try:
        return parse_xml(response.content) if xml else response.json()
    except (ValueError, etree.XMLSyntaxError) as error:
        raise ResponseValidationError(
            f"{response.request.url.path} did not return {'XML' if xml else 'JSON'}",
            response=response,
            body=response.text,
        ) from error


def georeport_error(body: Any) -> dict[str, Any] | None:
    """Return the first error of a GeoReport error body (JSON list or XML text), if any."""
    if isinstance(body, str) and body.lstrip().startswith("<"):
        with contextlib.suppress(Exception):
            body = parse_xml(body.encode())
    if isinstance(body, list) and body and isinstance(body[0], dict):
        return body[0]
    return None


def not_available(client: HueClient, path: str) -> NotFoundError:
    """Return the 404 a plain GeoReport server stands for when asked a Hue-S-only thing."""
    request = httpx.Request("GET", client.base_url.join(path))
    response = httpx.Response(404, request=request, json={"detail": "not on this server"})
    return NotFoundError("not on this server", response=response, body=None)


def choose_endpoint(document: Any) -> tuple[str, bool] | None:
    """Return (url, xml only) of the best GeoReport v2 endpoint of a discovery document."""
    endpoints = document.get("endpoints") if isinstance(document, dict) else None
    found: list[tuple[int, str, bool]] = []
    for endpoint in endpoints or []:
        if not isinstance(endpoint, dict) or GEOREPORT_V2 not in str(endpoint.get("specification")):
            continue
        formats = [str(f) for f in endpoint.get("formats") or []]
        xml_only = bool(formats) and not any("json" in f for f in formats)
        rank = 0 if endpoint.get("type") == "production" else 1
        found.append((rank, str(endpoint.get("url") or ""), xml_only))
    found = [entry for entry in found if entry[1]]
    if not found:
        return None
    _rank, url, xml_only = min(found, key=lambda entry: entry[0])
    return url, xml_only


class Open311Endpoint:
    """A plain GeoReport v2 server: its settings, and what it supports once probed.

    What a server supports is remembered per endpoint for the whole process: every session
    (every browser tab) of the web app shares one probe.
    """

    known: ClassVar[dict[Open311Settings, Capabilities]] = {}

    def __init__(self, settings: Open311Settings) -> None:
        """Remember the settings; nothing is asked until `capabilities()`."""
        self.settings = settings
        self._capabilities: Capabilities | None = None
        self._lock = asyncio.Lock()

    def params(self, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Return query parameters with the jurisdiction added when one is set."""
        params = dict(extra or {})
        if self.settings.jurisdiction_id:
            params["jurisdiction_id"] = self.settings.jurisdiction_id
        return params

    async def capabilities(self, client: HueClient) -> Capabilities:
        """Return what the server supports, probing it on first use (a failed probe is retried)."""
        async with self._lock:
            if self._capabilities is None:
                known = self.known.get(self.settings)
                self._capabilities = known or await self._probe(client)
                self.known[self.settings] = self._capabilities
            return self._capabilities

    async def check(self, client: HueClient) -> tuple[Capabilities, int]:
        """Probe the server now, even if known; return what it supports and how many services."""
        async with self._lock:
            self._capabilities = await self._probe(client)
            self.known[self.settings] = self._capabilities
        caps = self._capabilities
        path = f"{caps.root}services.{caps.format}"
        response = await client.response("GET", path, params=self.params(), accept=caps.accept)
        services = decode(response, xml=caps.xml)
        return caps, len(services) if isinstance(services, list) else 0

    async def _probe(self, client: HueClient) -> Capabilities:
        """Find the endpoint (discovery), its format, and whether it pages and has extensions."""
        root, xml = self.settings.url, False
        if self.settings.is_discovery:
            response = await client.response("GET", root)
            xml_document = root.split("?", 1)[0].rstrip("/").endswith(".xml")
            chosen = choose_endpoint(decode(response, xml=xml_document))
            if chosen is None:
                raise ResponseValidationError(
                    f"{root} lists no GeoReport v2 endpoint", response=response, body=response.text
                )
            root, xml = chosen
        capabilities = Capabilities(root=root.rstrip("/") + "/", xml=xml)
        if not xml and not await self._answers(client, capabilities, "services", {}):
            capabilities.xml = True
            if not await self._answers(client, capabilities, "services", {}):
                raise HueAPIError(f"{capabilities.root} answers neither services.json nor .xml")
        paging = {"page": 1, "page_size": 1}
        capabilities.paging = await self._answers(client, capabilities, "requests", paging)
        extensions = {"extensions": "true", **(paging if capabilities.paging else {})}
        capabilities.extensions = await self._answers(client, capabilities, "requests", extensions)
        return capabilities

    async def _answers(
        self, client: HueClient, capabilities: Capabilities, name: str, params: dict[str, Any]
    ) -> bool:
        """Say whether a GET with these parameters gets a readable list (4xx or junk: no)."""
        path = f"{capabilities.root}{name}.{capabilities.format}"
        try:
            response = await client.response(
                "GET", path, params=self.params(params), accept=capabilities.accept
            )
            data = decode(response, xml=capabilities.xml)
        except APIStatusError as error:
            if error.status_code >= 500:
                raise
            return False
        except ResponseValidationError:
            return False
        if not isinstance(data, list):
            return False
        return "page_size" not in params or len(data) <= int(params["page_size"])
