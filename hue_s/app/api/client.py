"""HueClient: the typed, retrying HTTP client of the Hue-S backend."""

from __future__ import annotations

import functools
import logging
import ssl
import uuid
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self, TypeVar, overload

import certifi
import httpx
from pydantic import TypeAdapter, ValidationError

from hue_s.app.api.errors import (
    REQUEST_ID_HEADER,
    APIConnectionError,
    APITimeoutError,
    HueAPIError,
    ResponseValidationError,
    decode_body,
    error_for_response,
)
from hue_s.app.api.known_answers import KnownAnswers
from hue_s.app.api.resources.accounts import AuthResource, MeResource
from hue_s.app.api.resources.base import Resource
from hue_s.app.api.resources.meta import MetaResource
from hue_s.app.api.resources.wards import WardsResource
from hue_s.app.api.retry import RetryPolicy, parse_retry_after
from hue_s.app.i18n import accept_language

T = TypeVar("T")
R = TypeVar("R", bound=Resource)

logger = logging.getLogger(__name__)

DEFAULT_RETRY = RetryPolicy()


@functools.cache
def adapter_for(model: Any) -> TypeAdapter[Any]:
    """Return a (cached) pydantic adapter validating JSON into `model`."""
    return TypeAdapter(model)


def model_name(model: Any) -> str:
    """Return a readable name of a model type, for error messages."""
    return getattr(model, "__name__", None) or repr(model)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """Return the one TLS context of every client: loading the CA bundle costs ~0.1 s each time."""
    return ssl.create_default_context(cafile=certifi.where())


class HueClient:
    """Talks to one Hue-S backend; one instance per app session, closed with the session."""

    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy = DEFAULT_RETRY,
        timeout: float = 10.0,
        auth: httpx.Auth | None = None,
        headers: Mapping[str, str] | None = None,
        language: str = "vi",
    ) -> None:
        """Prepare a client for the backend at `base_url`; no connection is made yet."""
        self._http = httpx.AsyncClient(
            base_url=base_url,
            transport=transport,
            timeout=timeout,
            auth=auth,
            headers=headers,
            verify=tls_context(),
        )
        self.retry = retry
        self.language = language
        self.known_answers = KnownAnswers()
        """Copies of the lists polled, asked for again with If-None-Match."""
        self._resources: dict[type[Resource], Resource] = {}

    @property
    def base_url(self) -> httpx.URL:
        """Return the backend's base URL."""
        return self._http.base_url

    async def __aenter__(self) -> Self:
        """Enter an `async with` block that closes the client at its end."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the client."""
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool and drop the copies of answers."""
        self.known_answers.forget()
        await self._http.aclose()

    def resource(self, resource_type: type[R]) -> R:
        """Return this client's instance of a resource class, building it on first use."""
        existing = self._resources.get(resource_type)
        if not isinstance(existing, resource_type):
            existing = resource_type(self)
            self._resources[resource_type] = existing
        return existing

    @property
    def meta(self) -> MetaResource:
        """The backend's self-description and health."""
        return self.resource(MetaResource)

    @property
    def wards(self) -> WardsResource:
        """The city's wards and communes."""
        return self.resource(WardsResource)

    @property
    def auth(self) -> AuthResource:
        """Phone sign-in: codes, tokens, sign-out."""
        return self.resource(AuthResource)

    @property
    def me(self) -> MeResource:
        """The signed-in user's profile and sessions."""
        return self.resource(MeResource)

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        files: Any = None,
        idempotency_key: str | None = None,
        headers: Mapping[str, str] | None = None,
        model: type[T],
    ) -> T: ...

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        files: Any = None,
        idempotency_key: str | None = None,
        headers: Mapping[str, str] | None = None,
        model: None = None,
    ) -> Any: ...

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        files: Any = None,
        idempotency_key: str | None = None,
        headers: Mapping[str, str] | None = None,
        model: Any = None,
    ) -> Any:
        """Send a request with retries; return its JSON validated into `model` (or raw JSON)."""
        response = await self.response(
            method,
            path,
            headers=headers,
            idempotency_key=idempotency_key,
            params=params,
            json=json,
            data=data,
            files=files,
        )
        return self._parse(response, model)

    async def response(
        self,
        method: str,
        path: str,
        *,
        accept: str = "application/json",
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        **content: Any,
    ) -> httpx.Response:
        """Send a request with retries; return the 2xx response as it came (to decode oneself)."""
        return await self._send(
            method, path, accept=accept, headers=headers, idempotency_key=idempotency_key, **content
        )

    async def get_bytes(
        self, path: str, *, params: Mapping[str, Any] | None = None, accept: str = "*/*"
    ) -> bytes:
        """GET a binary body (a photo, a PDF) with the same auth, retries and errors as JSON."""
        response = await self._send("GET", path, accept=accept, params=params)
        return response.content

    async def _send(
        self,
        method: str,
        path: str,
        *,
        accept: str,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        **content: Any,
    ) -> httpx.Response:
        """Send a request, retrying what the policy allows; return the successful response."""
        headers = {
            **(headers or {}),
            "Accept": accept,
            "Accept-Language": accept_language(self.language),
            REQUEST_ID_HEADER: uuid.uuid4().hex,
        }
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        method = method.upper()
        attempt = 0
        while True:
            request = self._http.build_request(method, path, headers=headers, **content)
            self.known_answers.ask_conditionally(request)
            error: HueAPIError
            try:
                response = self.known_answers.settle(request, await self._send_once(request))
            except APIConnectionError as exc:
                error, status_code, retry_after = exc, None, None
            else:
                if response.is_success:
                    return response
                error, status_code = error_for_response(response), response.status_code
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
            wait = self.retry.next_delay(
                attempt=attempt,
                method=method,
                status_code=status_code,
                has_idempotency_key=idempotency_key is not None,
                retry_after=retry_after,
            )
            if wait is None:
                raise error
            logger.info("retrying %s %s in %.2fs after %s", method, path, wait, error)
            await self.retry.sleep(wait)
            attempt += 1

    async def _send_once(self, request: httpx.Request) -> httpx.Response:
        """Send one request, turning transport failures into the client's error tree."""
        try:
            return await self._http.send(request)
        except httpx.TimeoutException as exc:
            raise APITimeoutError(
                f"{request.method} {request.url} timed out", request=request
            ) from exc
        except httpx.RequestError as exc:
            raise APIConnectionError(
                f"{request.method} {request.url} failed: {exc}", request=request
            ) from exc

    def _parse(self, response: httpx.Response, model: Any) -> Any:
        """Decode a successful response and validate it into `model` when one is given."""
        if model is None:
            return decode_body(response) if response.content else None
        try:
            payload = response.json()
        except ValueError as exc:
            raise ResponseValidationError(
                f"{response.request.url.path} did not return JSON",
                response=response,
                body=response.text,
            ) from exc
        return self.validate(response, payload, model)

    def validate(self, response: httpx.Response, payload: Any, model: Any) -> Any:
        """Return decoded data validated into `model`; ResponseValidationError if it misfits."""
        try:
            return adapter_for(model).validate_python(payload)
        except ValidationError as exc:
            raise ResponseValidationError(
                f"{response.request.url.path} returned data that does not fit "
                f"{model_name(model)}: {exc}",
                response=response,
                body=payload,
            ) from exc
