"""Fuzz every operation of the backend's OpenAPI document in-process: no 5xx, nothing undocumented.

Every answer's status must be one the operation documents (schemathesis' status code
conformance), and none may be a 5xx, except a 503 that the operation itself documents
(upstream down, SMS gateway down): that is a designed answer, not a crash. Requests go as a
signed-in admin, so the fuzzer gets past authentication into every route's own code.
"""

from __future__ import annotations

from typing import Any, cast

import hypothesis
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, strategies
from schemathesis import GenerationMode
from schemathesis.checks import status_code_conformance
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Ok
from schemathesis.python.asgi import ASGIClient, get_client

from hue_s.backend.accounts.settings import AccountsSettings, utc_now
from hue_s.backend.accounts.sms import MemorySmsGateway
from hue_s.backend.accounts.tokens import start_session
from hue_s.backend.accounts.users import save_staff

EXAMPLES_PER_OPERATION = 6
FAILURES_SHOWN_PER_OPERATION = 3
STREAM_READ_SECONDS = 1.0
"""An event stream never ends by itself: read its start only (its answer must begin by then,
after the route's dependencies ran, even on a loaded machine)."""


def admin_headers(app: FastAPI) -> dict[str, str]:
    """Open a new admin session directly in the database; return its Authorization header."""
    with app.state.session_factory() as session:
        admin, _created = save_staff(session, phone="+84905000001", role="admin", now=utc_now())
        issued = start_session(session, app.state.accounts_settings, admin, "fuzzer")
    return {"Authorization": f"Bearer {issued.access_token}"}


def documented_statuses(operation: schemathesis.APIOperation) -> set[str]:
    """Return the status codes an operation's OpenAPI responses declare."""
    return set(operation.definition.raw.get("responses", {}))


def is_event_stream(operation: schemathesis.APIOperation) -> bool:
    """Tell whether an operation answers with Server-Sent Events."""
    responses = operation.definition.raw.get("responses", {})
    return any("text/event-stream" in answer.get("content", {}) for answer in responses.values())


def server_errors(
    operation: schemathesis.APIOperation, client: ASGIClient, headers: dict[str, str]
) -> list[str]:
    """Call one operation with generated valid and invalid requests; return its 5xx answers
    and its answers with a status the operation does not document."""
    failures: list[str] = []
    allowed = {503} if "503" in documented_statuses(operation) else set()
    timeout = STREAM_READ_SECONDS if is_event_stream(operation) else None
    cases = strategies.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @hypothesis.given(case=cases)
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[hypothesis.Phase.generate],
    )
    def call(case: schemathesis.Case) -> None:
        """Send one generated request as a signed-in admin."""
        label = f"{case.method} {case.formatted_path}"
        undocumented = False
        try:
            response = case.call(session=client, headers=headers, timeout=timeout)
            status = response.status_code
            case.validate_response(response, checks=[status_code_conformance])
        except FailureGroup:
            undocumented = True
        except Exception as error:  # the in-process client re-raises the app's crash
            status, label = 500, f"{label} raised {error!r}"[:300]
        shown = len(failures) < FAILURES_SHOWN_PER_OPERATION
        if status >= 500 and status not in allowed and shown:
            failures.append(f"{label} -> {status}")
        elif undocumented and shown:
            failures.append(f"{label} -> {status}, which the operation does not document")

    call()
    return failures


def test_no_operation_answers_5xx_or_an_undocumented_status(app: FastAPI) -> None:
    app.state.sms_gateway = MemorySmsGateway()
    app.state.accounts_settings = AccountsSettings.from_environment(app.state.settings.data_dir)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operations.append(result.ok())
    paths = app.openapi()["paths"].values()
    assert len(operations) == sum(len(methods) for methods in paths)
    failures: list[str] = []
    with get_client(cast(Any, app)) as client:  # starts the app's lifespan, as a server would
        for operation in operations:
            failures += server_errors(operation, client, admin_headers(app))
    assert failures == [], "\n".join(failures)
