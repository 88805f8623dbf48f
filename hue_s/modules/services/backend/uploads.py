"""A multipart dossier body, read only after the caller is known and bounded throughout: the
body by its route's limit (body_limits), the parts by count, each document by type, size and
first bytes before it is stored. Nothing is decoded: documents are kept as sent."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from starlette.datastructures import FormData, UploadFile

from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.services.backend.dossiers import Upload
from hue_s.modules.services.backend.results import ResultFile
from hue_s.modules.services.wire import DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS

MAX_FIELDS = 10
MAX_ANSWERS_BYTES = 32 * 1024
MAX_NOTE = 2000
DOSSIER_BODY_BYTES = MAX_DOCUMENTS * (MAX_DOCUMENT_BYTES + 4096) + 64 * 1024
"""The largest dossier body: every document at its limit, their part headers, the fields."""


async def read_form(request: Request) -> FormData:
    """Parse the multipart body with bounded parts (422 on a malformed one)."""
    try:
        return await request.form(max_files=MAX_DOCUMENTS, max_fields=MAX_FIELDS)
    except (ValueError, KeyError) as error:
        raise APIError(422, "bad_form", f"The form body could not be read: {error}") from error


def text_field(form: FormData, name: str, required: bool = True) -> str | None:
    """Return a text field of the form (422 if required and absent)."""
    value = form.get(name)
    if isinstance(value, str) and value.strip():
        return value.strip()
    if required:
        raise APIError(422, "field_required", f"{name} is required.")
    return None


def answers_of(form: FormData) -> dict[str, Any]:
    """Return the answers, a JSON object in the `answers` field: a text per question, a list
    of objects of texts per group (what the form's questions are: wire.form_problems)."""
    raw = text_field(form, "answers", required=False) or "{}"
    if len(raw.encode()) > MAX_ANSWERS_BYTES:
        raise APIError(422, "answers_too_large", "The answers are too long.")
    try:
        answers = json.loads(raw)
    except ValueError as error:
        raise APIError(422, "answers_invalid", "answers must be a JSON object.") from error
    if not isinstance(answers, dict) or not all(
        isinstance(key, str) and (isinstance(value, str) or is_items(value))
        for key, value in answers.items()
    ):
        raise APIError(422, "answers_invalid", "answers map names to texts or lists of items.")
    return answers


def is_items(value: object) -> bool:
    """Say whether a group's answer is a list of objects of texts."""
    return isinstance(value, list) and all(
        isinstance(item, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in item.items())
        for item in value
    )


async def uploads_of(form: FormData) -> list[Upload]:
    """Return the documents, each file part named `document:<evidence code>`, once checked."""
    uploads = []
    for name, value in form.multi_items():
        if not isinstance(value, UploadFile):
            continue
        if not name.startswith("document:"):
            raise APIError(422, "unknown_document", "Files go in document:<code> parts.")
        uploads.append(await checked(name.removeprefix("document:"), value))
    return uploads


async def checked(code: str, file: UploadFile) -> Upload:
    """Check one document's declared type, size and first bytes, then read it."""
    content_type = (file.content_type or "").split(";")[0].strip().lower()
    magic = DOCUMENT_TYPES.get(content_type)
    if magic is None:
        raise APIError(415, "document_type", "Documents must be PDF, JPEG or PNG.")
    if file.size is None or file.size > MAX_DOCUMENT_BYTES:
        raise APIError(
            413, "document_too_large", f"A document may have {MAX_DOCUMENT_BYTES} bytes."
        )
    content = await file.read(MAX_DOCUMENT_BYTES + 1)
    if len(content) > MAX_DOCUMENT_BYTES:
        raise APIError(
            413, "document_too_large", f"A document may have {MAX_DOCUMENT_BYTES} bytes."
        )
    if not content.startswith(magic):
        raise APIError(415, "document_type", "The file is not what its type says.")
    return Upload(code[:40], file.filename or "document", content_type, content)


async def approval_of(request: Request) -> tuple[str | None, ResultFile | None]:
    """Return an approval's note and result PDF: multipart (`note`, a `result` file) or JSON
    (`{"note": ...}`, or no body), read only after the caller is known."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await read_form(request)
        try:
            note = text_field(form, "note", required=False)
            file = form.get("result")
            if file is None:
                return note, None
            if not isinstance(file, UploadFile):
                raise APIError(422, "result_required", "result must be a file.")
            content = await file.read(MAX_DOCUMENT_BYTES + 1)
            kind = (file.content_type or "").split(";")[0].strip().lower()
            return note, ResultFile(file.filename or "result.pdf", kind, content)
        finally:
            await form.close()
    raw = await request.body()
    try:
        body = json.loads(raw) if raw.strip() else {}
    except ValueError as error:
        raise APIError(422, "bad_body", "The body must be JSON.") from error
    note = body.get("note") if isinstance(body, dict) else None
    if note is not None and (not isinstance(note, str) or len(note) > MAX_NOTE):
        raise APIError(422, "bad_note", f"note is a text of at most {MAX_NOTE} characters.")
    return note, None
