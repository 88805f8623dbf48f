"""The services routes are matched in a fixed order: a fixed path before a parameter that would
take it (`/dossiers/mine` before `/dossiers/{dossier_code}`), whichever file declares them."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

SERVICES = "/api/v1/services"
IN_MATCHING_ORDER = [
    ("get", "/procedures", "list_procedures"),
    ("get", "/topics", "list_topics"),
    ("get", "/procedures/{procedure_code}", "read_procedure"),
    ("get", "/procedures/{procedure_code}/form-schema", "read_form_schema"),
    ("post", "/dossiers", "create_dossier"),
    ("post", "/assisted-dossiers", "create_assisted_dossier"),
    ("get", "/drafts", "list_drafts"),
    ("get", "/drafts/{procedure_code}", "get_draft"),
    ("put", "/drafts/{procedure_code}", "put_draft"),
    ("delete", "/drafts/{procedure_code}", "delete_draft"),
    ("get", "/dossiers/mine", "my_dossiers"),
    ("get", "/inbox", "inbox"),
    ("get", "/dossiers/{dossier_code}", "read_dossier"),
    ("get", "/track/{dossier_code}", "track"),
    ("post", "/dossiers/{dossier_code}/supplement", "add_supplement"),
    ("post", "/dossiers/{dossier_code}/supplement-at-office", "add_supplement_at_office"),
    ("post", "/dossiers/{dossier_code}/receive", "receive_dossier"),
    ("post", "/dossiers/{dossier_code}/request-supplement", "request_supplement_dossier"),
    ("post", "/dossiers/{dossier_code}/reject", "reject_dossier"),
    ("post", "/dossiers/{dossier_code}/transfer", "transfer_dossier"),
    ("post", "/dossiers/{dossier_code}/approve", "approve_dossier"),
    ("get", "/dossiers/{dossier_code}/result", "download_result"),
]


def test_the_routes_keep_their_matching_order(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    found = [
        (method, path.removeprefix(SERVICES), operation["operationId"].split("_api_v1_")[0])
        for path, operations in paths.items()
        if path.startswith(SERVICES)
        for method, operation in operations.items()
    ]
    assert found == IN_MATCHING_ORDER


async def test_my_dossiers_is_not_taken_for_a_dossier_code(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    answer = await client.get(f"{SERVICES}/dossiers/mine", headers=people["citizen_a"])
    assert answer.status_code == 200
    assert answer.json() == []
