"""IncidentsResource against the real backend, in-process: file, list, follow up, rate, reopen."""

from __future__ import annotations

import uuid

import pytest

from hue_s.app.api.errors import ConflictError, NotFoundError, UnprocessableError
from hue_s.modules.incidents.app.api import IncidentsResource, error_code
from hue_s.modules.incidents.app.draft import DraftPhoto
from hue_s.modules.incidents.app.models import RatingBody, ReasonBody
from hue_s.modules.incidents.app.photos import prepare_photo
from tests.app.api.accounts_backend import AccountsBackend

from .backend import WARD, jpeg, point_in, report_draft, signed_in


async def test_services_come_in_the_clients_language(backend: AccountsBackend) -> None:
    citizen = await signed_in(backend, "0905 321 001")
    incidents = citizen.api.resource(IncidentsResource)
    services = await incidents.services()
    codes = {service.service_code for service in services}
    assert "road_pothole" in codes
    pothole = next(s for s in services if s.service_code == "road_pothole")
    assert pothole.service_name and pothole.service_name != "road_pothole"
    definition = await incidents.definition(service_code="road_pothole")
    assert {"ward_code", "hide_name"} <= {a.code for a in definition.attributes}


async def test_a_report_with_photos_is_filed_once_per_key(backend: AccountsBackend) -> None:
    citizen = await signed_in(backend, "0905 321 002")
    incidents = citizen.api.resource(IncidentsResource)
    photo = prepare_photo(jpeg()).to_draft()
    draft = report_draft(point_in(backend), photos=[photo, photo], hide_name=True)
    key = str(uuid.uuid4())
    first = await incidents.create(draft=draft, idempotency_key=key)
    again = await incidents.create(draft=draft, idempotency_key=key)
    assert first.service_request_id and again.service_request_id == first.service_request_id

    mine = await incidents.mine()
    assert [case.id for case in mine] == [int(first.service_request_id)]
    detail = await incidents.my_report(incident_id=mine[0].id)
    assert detail.ward_code == WARD and detail.status == "received"
    assert [p.kind for p in detail.photos] == ["before", "before"]
    assert [entry.action for entry in detail.timeline] == ["received"]
    stored = await incidents.photo(url=detail.photos[0].url)
    assert stored.startswith(b"\xff\xd8") and b"Exif" not in stored[:64]

    public = await incidents.request(request_id=first.service_request_id)
    assert public.extended_attributes is not None
    assert public.extended_attributes.ward is not None
    assert public.extended_attributes.ward.code == WARD
    assert len(public.extended_attributes.media_urls) == 2


async def test_a_report_without_a_point_names_ward_street_and_landmark(
    backend: AccountsBackend,
) -> None:
    citizen = await signed_in(backend, "0905 321 003")
    incidents = citizen.api.resource(IncidentsResource)
    draft = report_draft(None, ward_code=WARD, street="12 Lê Lợi", landmark="gần cầu Trường Tiền")
    created = await incidents.create(draft=draft, idempotency_key=str(uuid.uuid4()))
    assert created.service_request_id is not None
    detail = await incidents.my_report(incident_id=int(created.service_request_id))
    assert detail.ward_code == WARD and detail.lat is None
    assert detail.address == "12 Lê Lợi, gần cầu Trường Tiền"


async def test_a_report_outside_hue_is_refused_with_its_code(backend: AccountsBackend) -> None:
    citizen = await signed_in(backend, "0905 321 004")
    incidents = citizen.api.resource(IncidentsResource)
    from hue_s.modules.incidents.app.draft import GeoPoint

    draft = report_draft(GeoPoint(lat=10.7769, lon=106.7009))
    with pytest.raises(UnprocessableError) as raised:
        await incidents.create(draft=draft, idempotency_key=str(uuid.uuid4()))
    assert error_code(raised.value) == "outside_city"


async def test_nearby_offers_the_open_report_and_me_too_follows_it(
    backend: AccountsBackend,
) -> None:
    first = await signed_in(backend, "0905 321 005")
    second = await signed_in(backend, "0905 321 006")
    point = point_in(backend)
    created = await first.api.resource(IncidentsResource).create(
        draft=report_draft(point, service_code="street_lighting"),
        idempotency_key=str(uuid.uuid4()),
    )
    incidents = second.api.resource(IncidentsResource)
    nearby = await incidents.nearby(lat=point.lat, lon=point.lon, service_code="street_lighting")
    assert [n.id for n in nearby] == [int(created.service_request_id or 0)]
    assert nearby[0].distance_m < 1
    following = await incidents.me_too(incident_id=nearby[0].id, idempotency_key="k1")
    assert following.followers == 1
    elsewhere = await incidents.nearby(lat=point.lat + 0.01, lon=point.lon)
    assert nearby[0].id not in [n.id for n in elsewhere]


async def test_rating_waits_for_resolution_and_a_missing_report_is_404(
    backend: AccountsBackend,
) -> None:
    citizen = await signed_in(backend, "0905 321 007")
    incidents = citizen.api.resource(IncidentsResource)
    created = await incidents.create(
        draft=report_draft(point_in(backend)), idempotency_key=str(uuid.uuid4())
    )
    incident_id = int(created.service_request_id or 0)
    with pytest.raises(ConflictError) as raised:
        await incidents.rate(
            incident_id=incident_id, rating=RatingBody(stars=5), idempotency_key="r1"
        )
    assert error_code(raised.value) == "not_resolved"
    with pytest.raises(ConflictError):
        await incidents.reopen(
            incident_id=incident_id, reason=ReasonBody(reason="Chưa sửa"), idempotency_key="o1"
        )
    with pytest.raises(NotFoundError):
        await incidents.my_report(incident_id=incident_id + 1000)


async def test_public_pages_list_reports_newest_first(backend: AccountsBackend) -> None:
    citizen = await signed_in(backend, "0905 321 008")
    incidents = citizen.api.resource(IncidentsResource)
    for _ in range(3):
        await incidents.create(
            draft=report_draft(point_in(backend)), idempotency_key=str(uuid.uuid4())
        )
    seen = [request async for request in incidents.requests(status="open", page_size=2)]
    ids = [int(request.service_request_id) for request in seen]
    assert len(ids) >= 3 and ids == sorted(ids, reverse=True)
    assert all(request.extended_attributes is not None for request in seen)


def test_draft_photos_keep_their_bytes() -> None:
    photo = DraftPhoto.from_jpeg(b"\xff\xd8abc", width=1, height=1, original_bytes=9, place=None)
    assert photo.data == b"\xff\xd8abc"
