"""IncidentsResource: Open311 GeoReport v2 reports and the citizens' follow-up endpoints.

Against the Hue-S backend every feature is there. Against a plain GeoReport v2 server (an
`Open311Endpoint`) requests follow what the server was found to support: no parameter it does
not know, its format (JSON or XML), its api_key and jurisdiction; the Hue-S-only calls (my
reports, nearby, rating...) answer as if there were nothing.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from hue_s.app.api.errors import (
    APIStatusError,
    NotFoundError,
    ResponseValidationError,
    ServerError,
    UnprocessableError,
)
from hue_s.app.api.open311 import (
    Capabilities,
    decode,
    georeport_error,
    hue_s_capabilities,
    not_available,
)
from hue_s.app.api.paging import AsyncPager
from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.incidents.app.draft import IncidentDraft
from hue_s.modules.incidents.app.models import (
    CaseDetail,
    CaseSummary,
    Following,
    NearbyIncident,
    RatingBody,
    ReasonBody,
    RequestCreated,
    Service,
    ServiceDefinition,
    ServiceRequest,
)

if TYPE_CHECKING:
    from hue_s.app.api.client import HueClient
    from hue_s.app.api.open311 import Open311Endpoint

INCIDENTS = f"{API_V1}/incidents"
DUPLICATE_RADIUS_M = 50.0
MEDIA_REFUSALS = frozenset({400, 413, 415, 422})
"""Answers to a POST with photos after which it is sent again without them."""
LOOKUP_SLACK = timedelta(hours=1)
"""How far before queueing a lost report is looked for (the server's clock may differ)."""
RAW_KEPT = 4000
LOOKUP_PAGE_SIZE = 100


def error_code(error: APIStatusError) -> str | None:
    """Return the server's error code: from `{"error": ...}` or GeoReport's `[{error_code}]`."""
    if error.code:
        return error.code
    first = georeport_error(error.body)
    if first is None:
        return None
    code = first.get("error_code") or first.get("code")
    return str(code) if code is not None else None


def error_text(error: APIStatusError) -> str:
    """Return the server's own description of an error (for logs and unknown refusals)."""
    first = georeport_error(error.body)
    if first is not None:
        return str(first.get("description") or error.message)
    return error.message


def marker_of(item_id: str) -> str:
    """Return the device's mark of one report, put at the end of its description."""
    return f"#hues-{item_id.replace('-', '')[:12]}"


def _id(value: int | str) -> str:
    """Return a path segment for an id."""
    return quote(str(value), safe="")


class IncidentsResource(Resource):
    """Reports: categories, filing (with photos), public lists, and the reporter's follow-up."""

    def __init__(self, client: HueClient, endpoint: Open311Endpoint | None = None) -> None:
        """Talk to the Hue-S backend through `client`, or to a plain `endpoint` when given."""
        super().__init__(client)
        self.endpoint = endpoint
        self._hue_s = hue_s_capabilities()

    @property
    def plain(self) -> bool:
        """Say whether this is a plain GeoReport v2 server (no accounts, no Idempotency-Key)."""
        return self.endpoint is not None

    @property
    def server(self) -> str:
        """Say which server this is: a plain one by its address, else "hue-s" (the embedded
        backend's address changes with each start; its database does not)."""
        if self.endpoint is None:
            return "hue-s"
        return f"open311:{self.endpoint.settings.url}"

    async def capabilities(self) -> Capabilities:
        """Return what the server supports (a plain one is probed on first use)."""
        if self.endpoint is None:
            return self._hue_s
        return await self.endpoint.capabilities(self._client)

    async def _georeport(
        self, name: str, model: Any, *, params: Mapping[str, Any] | None = None
    ) -> Any:
        """GET a GeoReport resource in the server's format, validated into `model`."""
        caps = await self.capabilities()
        query = self.endpoint.params(params) if self.endpoint else dict(params or {})
        path = f"{caps.root}{name}.{caps.format}"
        response = await self._client.response("GET", path, params=query, accept=caps.accept)
        return self._client.validate(response, decode(response, xml=caps.xml), model)

    async def services(self) -> builtins.list[Service]:
        """Return the kinds of problem that can be reported, in the client's language."""
        return await self._georeport("services", builtins.list[Service])

    async def definition(self, *, service_code: str) -> ServiceDefinition:
        """Return the questions a service asks."""
        return await self._georeport(f"services/{_id(service_code)}", ServiceDefinition)

    async def create(self, *, draft: IncidentDraft, idempotency_key: str) -> RequestCreated:
        """File a report with its photos; any 2xx answer is a filed report, readable or not.

        The Hue-S backend gets the key as Idempotency-Key: the same key and body always give
        the same report. A plain server gets the spec's fields only, with its api_key, and the
        photos as `media` files until it refuses them once (then the report goes without).
        """
        caps = await self.capabilities()
        files = draft.media_files() if caps.media_upload else []
        if self.endpoint is None:
            data: dict[str, Any] = dict(draft.form_fields())
            key: str | None = idempotency_key
        else:
            data = self.endpoint.params(draft.plain_fields(marker=marker_of(idempotency_key)))
            if self.endpoint.settings.api_key:
                data["api_key"] = self.endpoint.settings.api_key
            key = None  # unknown to it: and without one the client never re-sends a POST
        path = f"{caps.root}requests.{caps.format}"

        async def post(media: builtins.list[Any]) -> httpx.Response:
            """Send the report, with these photos."""
            attached = media or None
            return await self._client.response(
                "POST", path, data=data, files=attached, idempotency_key=key, accept=caps.accept
            )

        dropped = False
        try:
            response = await post(files)
        except APIStatusError as error:
            if not files or caps.hue_s or error.status_code not in MEDIA_REFUSALS:
                raise
            response = await post([])
            caps.media_upload, dropped = False, True
        created = self._receipt(response, caps)
        created.photos_dropped = dropped
        return created

    def _receipt(self, response: httpx.Response, caps: Capabilities) -> RequestCreated:
        """Read a 2xx answer to a POST; what cannot be read is kept as text."""
        try:
            data = decode(response, xml=caps.xml)
            items = data if isinstance(data, builtins.list) else [data]
            created = self._client.validate(response, items, builtins.list[RequestCreated])
        except ResponseValidationError:
            return RequestCreated(raw=response.text[:RAW_KEPT])
        if not created or not (created[0].service_request_id or created[0].token):
            return RequestCreated(raw=response.text[:RAW_KEPT])
        first: RequestCreated = created[0]
        return first

    def requests(
        self,
        *,
        status: str | None = None,
        service_code: str | None = None,
        extensions: bool = True,
        page_size: int = 50,
    ) -> AsyncPager[ServiceRequest]:
        """Page through public reports, newest first (the last 90 days)."""
        params: dict[str, Any] = {"extensions": "true" if extensions else "false"}
        if status:
            params["status"] = status
        if service_code:
            params["service_code"] = service_code
        return AsyncPager(
            self._client,
            "requests",
            item_type=ServiceRequest,
            params=params,
            page_size=page_size,
            fetch=self._requests_page,
        )

    async def _requests_page(self, params: dict[str, Any]) -> builtins.list[ServiceRequest]:
        """Fetch one page of reports, leaving out what the server does not support."""
        caps = await self.capabilities()
        if not caps.extensions:
            params.pop("extensions", None)
        if not caps.paging:
            if int(params.pop("page", 1)) > 1:
                return []  # the one page was the whole list
            params.pop("page_size", None)
        return await self._georeport("requests", builtins.list[ServiceRequest], params=params)

    async def request(self, *, request_id: int | str) -> ServiceRequest:
        """Return one public report (or the caller's own private one) with its timeline."""
        caps = await self.capabilities()
        params = {"extensions": "true"} if caps.extensions else {}
        name = f"requests/{_id(request_id)}"
        try:
            found = await self._georeport(name, builtins.list[ServiceRequest], params=params)
        except ServerError as error:  # some servers crash on an id they do not have
            if self.endpoint is None:
                raise
            try:
                found = await self.by_ids([str(request_id)])
            except APIStatusError:
                raise error from None
        if not found:
            raise not_available(self._client, name)
        first: ServiceRequest = found[0]
        return first

    async def by_ids(self, ids: builtins.list[str]) -> builtins.list[ServiceRequest]:
        """Return the reports with these ids (those the server still lists)."""
        if not ids:
            return []
        params = {"service_request_id": ",".join(ids)}
        found = await self._georeport("requests", builtins.list[ServiceRequest], params=params)
        wanted = set(ids)
        return [request for request in found if request.service_request_id in wanted]

    async def id_for_token(self, token: str) -> str | None:
        """Return the id a server gave a report it first answered with a token (None: not yet)."""
        try:
            found = await self._georeport(f"tokens/{_id(token)}", builtins.list[RequestCreated])
        except NotFoundError:
            return None
        return next((r.service_request_id for r in found if r.service_request_id), None)

    async def find_filed(
        self, *, draft: IncidentDraft, item_id: str, since: datetime
    ) -> str | None:
        """Return the id of a report this device filed under `item_id`, if the server has it."""
        start = (since - LOOKUP_SLACK).isoformat(timespec="seconds")
        params = {"service_code": draft.service_code, "start_date": start}
        marker = marker_of(item_id)
        try:
            return await self._marked(params, marker)
        except UnprocessableError:  # a server that takes no dates: its default 90 days
            params.pop("start_date")
            return await self._marked(params, marker)

    async def _marked(self, params: dict[str, Any], marker: str) -> str | None:
        """Return the id of the listed report carrying `marker`, reading every page."""
        pager = AsyncPager(
            self._client,
            "requests",
            item_type=ServiceRequest,
            params=params,
            page_size=LOOKUP_PAGE_SIZE,
            fetch=self._requests_page,
        )
        async for request in pager:
            if request.device_mark == marker:
                return request.service_request_id
        return None

    async def mine(self, *, limit: int = 50, offset: int = 0) -> builtins.list[CaseSummary]:
        """Return the signed-in citizen's reports, newest first (none on a plain server)."""
        if self.plain:
            return []
        params: Mapping[str, Any] = {"limit": limit, "offset": offset}
        return await self._client.request(
            "GET", f"{INCIDENTS}/mine", params=params, model=builtins.list[CaseSummary]
        )

    async def my_report(self, *, incident_id: int) -> CaseDetail:
        """Return one of the citizen's own reports in full."""
        if self.plain:
            raise not_available(self._client, f"{INCIDENTS}/{_id(incident_id)}")
        return await self._client.request(
            "GET", f"{INCIDENTS}/{_id(incident_id)}", model=CaseDetail
        )

    async def rate(
        self, *, incident_id: int, rating: RatingBody, idempotency_key: str
    ) -> CaseDetail:
        """Rate the outcome of one's resolved report (once)."""
        return await self._client.request(
            "POST",
            f"{INCIDENTS}/{_id(incident_id)}/rating",
            json=rating.model_dump(exclude_none=True),
            idempotency_key=idempotency_key,
            model=CaseDetail,
        )

    async def reopen(
        self, *, incident_id: int, reason: ReasonBody, idempotency_key: str
    ) -> CaseDetail:
        """Reopen one's resolved report within 7 days, with a reason."""
        return await self._client.request(
            "POST",
            f"{INCIDENTS}/{_id(incident_id)}/reopen",
            json=reason.model_dump(),
            idempotency_key=idempotency_key,
            model=CaseDetail,
        )

    async def me_too(self, *, incident_id: int, idempotency_key: str) -> Following:
        """Follow a report ("me too") instead of filing it again."""
        return await self._client.request(
            "POST",
            f"{INCIDENTS}/{_id(incident_id)}/me-too",
            idempotency_key=idempotency_key,
            model=Following,
        )

    async def nearby(
        self,
        *,
        lat: float,
        lon: float,
        service_code: str | None = None,
        radius_m: float = DUPLICATE_RADIUS_M,
    ) -> builtins.list[NearbyIncident]:
        """Return open public reports within `radius_m` of a point (none on a plain server)."""
        if self.plain:
            return []
        params: dict[str, Any] = {"lat": lat, "lon": lon, "radius": radius_m}
        if service_code:
            params["service_code"] = service_code
        return await self._client.request(
            "GET", f"{INCIDENTS}/nearby", params=params, model=builtins.list[NearbyIncident]
        )

    async def photo(self, *, url: str) -> bytes:
        """Return the bytes of a report's photo (signed in, so private photos work too)."""
        return await self._client.get_bytes(url, accept="image/*")
