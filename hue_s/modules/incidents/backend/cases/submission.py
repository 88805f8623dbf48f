"""Read a GeoReport POST (form fields, attribute[...] answers, media photos) and check it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from starlette.datastructures import FormData, UploadFile

from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.incidents.backend.photos.checks import MAX_PHOTO_BYTES
from hue_s.modules.incidents.backend.photos.exif import PlaceAndTime, sent_media_facts

ATTRIBUTE_FIELD = re.compile(r"attribute\[([^\]]+)\](\[\])?")
MEDIA_FIELDS = ("media", "media[]")
MAX_PHOTOS = 5
MAX_FORM_BYTES = MAX_PHOTOS * MAX_PHOTO_BYTES + 1024 * 1024
"""The largest body of a report's form: its photos and 1 MiB for the fields and framing."""
TEXT_LIMITS = {
    "description": 4000,
    "address_string": 400,
    "address_id": 100,
    "email": 200,
    "phone": 40,
    "first_name": 100,
    "last_name": 100,
    "device_id": 100,
    "account_id": 100,
    "media_url": 1000,
}
MAX_ATTRIBUTE_LENGTH = 1000


@dataclass
class Submission:
    """The fields of a GeoReport POST, as sent."""

    service_code: str
    lat: float | None = None
    lon: float | None = None
    texts: dict[str, str] = field(default_factory=dict)
    answers: dict[str, str | list[str]] = field(default_factory=dict)
    photos: list[bytes] = field(default_factory=list)
    photo_facts: list[PlaceAndTime] = field(default_factory=list)
    """Place and time sent beside each photo (media_taken_at[i], media_lat[i], media_long[i])."""

    def photos_with_facts(self) -> list[tuple[bytes, PlaceAndTime | None]]:
        """Return each photo with the place and time sent beside it, if any."""
        facts: list[PlaceAndTime | None] = [*self.photo_facts]
        facts += [None] * (len(self.photos) - len(facts))
        return list(zip(self.photos, facts, strict=False))

    def text(self, name: str) -> str | None:
        """Return a text field, or None if it was not sent or blank."""
        return self.texts.get(name) or None


def bad_request(code: str, message: str) -> APIError:
    """Return a 400 error."""
    return APIError(400, code, message)


def coordinate(form: FormData, name: str, limit: float) -> float | None:
    """Return a latitude or longitude field as a number within ±limit, or None if absent."""
    raw = form.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(str(raw))
    except ValueError:
        raise bad_request("invalid_location", f"{name} must be a number.") from None
    if not math.isfinite(value) or abs(value) > limit:
        raise bad_request("invalid_location", f"{name} must be within ±{limit}.")
    return value


def read_texts(form: FormData) -> dict[str, str]:
    """Return the known text fields, checking their lengths."""
    texts: dict[str, str] = {}
    for name, limit in TEXT_LIMITS.items():
        value = form.get(name)
        if isinstance(value, str) and value.strip():
            if len(value) > limit:
                raise bad_request("field_too_long", f"{name} may have at most {limit} characters.")
            texts[name] = value.strip()
    media_url = texts.get("media_url")
    if media_url and not media_url.startswith(("http://", "https://")):
        raise bad_request("invalid_media_url", "media_url must be an http(s) URL.")
    return texts


def read_answers(form: FormData) -> dict[str, str | list[str]]:
    """Return the attribute[CODE] (single) and attribute[CODE][] (multiple) answers."""
    answers: dict[str, str | list[str]] = {}
    for name, value in form.multi_items():
        match = ATTRIBUTE_FIELD.fullmatch(name)
        if match is None or not isinstance(value, str):
            continue
        code, many = match.group(1), match.group(2)
        if many:
            listed = answers.setdefault(code, [])
            if isinstance(listed, list):
                listed.append(value)
        else:
            answers[code] = value
    return answers


def uploaded_media(form: FormData) -> list[UploadFile]:
    """Return the files sent as media (the photos), not read yet."""
    return [
        value
        for name in MEDIA_FIELDS
        for value in form.getlist(name)
        if isinstance(value, UploadFile)
    ]


async def read_photos(form: FormData) -> list[bytes]:
    """Return the uploaded media files' bytes (413 photo_too_large before reading a big one)."""
    uploads = uploaded_media(form)
    if len(uploads) > MAX_PHOTOS:
        raise bad_request("too_many_photos", f"At most {MAX_PHOTOS} photos per report.")
    photos = []
    for upload in uploads:
        if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
            raise APIError(
                413, "photo_too_large", f"A photo may have at most {MAX_PHOTO_BYTES} bytes."
            )
        photos.append(await upload.read(MAX_PHOTO_BYTES + 1))
    return photos


async def read_submission(form: FormData) -> Submission:
    """Return the submission of a GeoReport POST form (400 on malformed fields)."""
    service_code = form.get("service_code")
    if not isinstance(service_code, str) or not service_code.strip():
        raise bad_request("service_code_required", "service_code is required.")
    submission = Submission(
        service_code=service_code.strip(),
        lat=coordinate(form, "lat", 90),
        lon=coordinate(form, "long", 180),
        texts=read_texts(form),
        answers=read_answers(form),
        photos=await read_photos(form),
    )
    if (submission.lat is None) != (submission.lon is None):
        raise bad_request("invalid_location", "Give both lat and long, or neither.")
    submission.photo_facts = sent_media_facts(form, len(submission.photos))
    return submission


def checked_answer(definition: dict[str, Any], answer: str | list[str]) -> Any:
    """Return an attribute answer checked against its definition (400 invalid_attribute)."""
    code, datatype = definition["code"], definition["datatype"]
    keys = {value["key"] for value in definition.get("values", [])}
    values = answer if isinstance(answer, list) else [answer]
    if datatype == "multivaluelist":
        if not set(values) <= keys:
            raise bad_request("invalid_attribute", f"attribute[{code}] has an unknown value.")
        return values
    single = values[-1]
    if datatype == "singlevaluelist" and single not in keys:
        raise bad_request("invalid_attribute", f"attribute[{code}] has an unknown value.")
    try:
        if datatype == "number":
            return float(single)
        if datatype == "datetime":
            return datetime.fromisoformat(single).isoformat()
    except ValueError:
        raise bad_request("invalid_attribute", f"attribute[{code}] must be a {datatype}.") from None
    if len(single) > MAX_ATTRIBUTE_LENGTH:
        raise bad_request("invalid_attribute", f"attribute[{code}] is too long.")
    return single


def checked_answers(
    definitions: list[dict[str, Any]], answers: dict[str, str | list[str]]
) -> dict[str, Any]:
    """Return the answers to known attributes, checked; 400 attribute_required if one is missing."""
    checked: dict[str, Any] = {}
    for definition in definitions:
        code = definition["code"]
        if code in answers and answers[code] not in ("", []):
            checked[code] = checked_answer(definition, answers[code])
        elif definition["required"]:
            raise bad_request("attribute_required", f"attribute[{code}] is required.")
    return checked
