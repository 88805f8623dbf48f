"""CasesResource and HotlineResource against the real backend, in-process."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from hue_s.app.api.errors import NotFoundError, UnprocessableError
from hue_s.modules.incidents.app.api import IncidentsResource, error_code
from hue_s.modules.incidents.app.draft import DraftPhoto
from hue_s.modules.incidents.app.models import RatingBody, ReasonBody
from hue_s.modules.incidents.app.photos import prepare_photo
from hue_s.modules.incidents.app.staff.api import CasesResource, HotlineResource
from hue_s.modules.incidents.app.staff.models import CallIn, CallToCase, NoteBody, TransferBody
from tests.app.api.accounts_backend import AccountsBackend

from ..backend import (
    OTHER_WARD,
    WARD,
    geotagged_jpeg,
    jpeg,
    make_staff,
    point_in,
    report_draft,
    signed_in,
)


def key() -> str:
    """Return a fresh idempotency key."""
    return str(uuid.uuid4())


async def filed(backend: AccountsBackend, phone: str) -> tuple[IncidentsResource, int]:
    """File a report as a new citizen; return their resource and the report id."""
    citizen = await signed_in(backend, phone)
    incidents = citizen.api.resource(IncidentsResource)
    created = await incidents.create(draft=report_draft(point_in(backend)), idempotency_key=key())
    return incidents, int(created.service_request_id or 0)


async def test_an_officer_works_a_case_to_resolution_and_the_citizen_rates_it(
    backend: AccountsBackend,
) -> None:
    incidents, case_id = await filed(backend, "0905 400 001")
    make_staff(backend, "0905 400 101", "officer", WARD)
    officer = await signed_in(backend, "0905 400 101")
    cases = officer.api.resource(CasesResource)

    inbox = await cases.inbox()
    assert case_id in [case.id for case in inbox]
    assert all(case.ward_code == WARD for case in inbox)
    deadlines = [case.deadline_at for case in inbox]
    assert deadlines == sorted(deadlines)

    detail = await cases.accept(case_id=case_id, note=None, idempotency_key=key())
    assert detail.status == "assigned" and detail.reporter is not None
    detail = await cases.note(
        case_id=case_id, note=NoteBody(note="Đã cử đội đến", public=False), idempotency_key=key()
    )
    assert detail.timeline[-1].action == "noted" and not detail.timeline[-1].public
    with pytest.raises(UnprocessableError) as raised:
        empty = DraftPhoto.from_jpeg(b"", width=1, height=1, original_bytes=0, place=None)
        await cases.resolve(case_id=case_id, after_photo=empty, note=None, idempotency_key=key())
    assert error_code(raised.value) in ("after_photo_required", "photo_unreadable", None)
    after = prepare_photo(jpeg(seed=7)).to_draft()
    detail = await cases.resolve(
        case_id=case_id, after_photo=after, note="Đã vá xong", idempotency_key=key()
    )
    assert detail.status == "resolved"
    assert [p.kind for p in detail.photos][-1] == "after"

    seen = await incidents.my_report(incident_id=case_id)
    assert seen.status == "resolved"
    assert "noted" not in [entry.action for entry in seen.timeline]  # the private note
    rated = await incidents.rate(
        incident_id=case_id, rating=RatingBody(stars=5, comment="Nhanh"), idempotency_key=key()
    )
    assert rated.rating == 5
    reopened = await incidents.reopen(
        incident_id=case_id, reason=ReasonBody(reason="Lại hỏng"), idempotency_key=key()
    )
    assert reopened.status == "received"


async def test_transfer_moves_the_case_out_of_the_inbox_and_reject_needs_a_reason(
    backend: AccountsBackend,
) -> None:
    _incidents, case_id = await filed(backend, "0905 400 002")
    _other, second_id = await filed(backend, "0905 400 003")
    make_staff(backend, "0905 400 102", "officer", WARD)
    cases = (await signed_in(backend, "0905 400 102")).api.resource(CasesResource)
    moved = await cases.transfer(
        case_id=case_id,
        transfer=TransferBody(ward_code=OTHER_WARD, reason="Thuộc phường Thủy Xuân"),
        idempotency_key=key(),
    )
    assert moved.ward_code == OTHER_WARD and moved.status == "transferred"
    assert case_id not in [case.id for case in await cases.inbox()]
    with pytest.raises(NotFoundError):  # another ward's case, as if it did not exist
        await cases.get(case_id=case_id)
    rejected = await cases.reject(
        case_id=second_id, reason=ReasonBody(reason="Trùng phản ánh khác"), idempotency_key=key()
    )
    assert rejected.status == "rejected"


async def test_hotline_calls_become_cases_and_are_counted_by_day(
    backend: AccountsBackend,
) -> None:
    make_staff(backend, "0905 400 103", "officer", WARD)
    hotline = (await signed_in(backend, "0905 400 103")).api.resource(HotlineResource)
    call = await hotline.log_call(
        call=CallIn(direction="incoming", number="0905111222", summary="Cây đổ chắn đường"),
        idempotency_key=key(),
    )
    assert call.ward_code == WARD and call.incident_id is None
    await hotline.log_call(
        call=CallIn(direction="outgoing", number="0905111222", summary="Gọi lại báo đã xử lý"),
        idempotency_key=key(),
    )
    case = await hotline.to_case(
        call_id=call.id,
        details=CallToCase(service_code="fallen_tree", address="Đường Lê Lợi"),
        idempotency_key=key(),
    )
    assert case.ward_code == WARD and case.description == "Cây đổ chắn đường"
    calls = await hotline.calls()
    assert [c.incident_id for c in calls if c.id == call.id] == [case.id]
    days = await hotline.daily()
    assert len(days) == 7 and days[-1].day >= date.today() - timedelta(days=1)
    today = days[-1]
    assert (today.incoming, today.outgoing, today.cases) == (1, 1, 1)


async def test_a_fix_photo_from_the_app_is_checked_against_the_report_photo(
    backend: AccountsBackend,
) -> None:
    citizen = await signed_in(backend, "0905 400 004")
    incidents = citizen.api.resource(IncidentsResource)
    point = point_in(backend)
    before = prepare_photo(geotagged_jpeg(point, "2026:11:20 09:00:00")).to_draft()
    draft = report_draft(point, photos=[before])
    created = await incidents.create(draft=draft, idempotency_key=key())
    case_id = int(created.service_request_id or 0)
    make_staff(backend, "0905 400 104", "officer", WARD)
    cases = (await signed_in(backend, "0905 400 104")).api.resource(CasesResource)
    await cases.accept(case_id=case_id, note=None, idempotency_key=key())

    def after(lat: float, taken: str) -> DraftPhoto:
        where = point.model_copy(update={"lat": lat})
        return prepare_photo(geotagged_jpeg(where, taken, seed=5)).to_draft()

    for photo, code in (
        (after(point.lat + 0.01, "2026:11:21 09:00:00"), "after_photo_too_far"),
        (after(point.lat, "2026:11:19 09:00:00"), "after_photo_too_early"),
    ):
        assert b"Exif" not in photo.data, "the check works on the fields, not on EXIF"
        with pytest.raises(UnprocessableError) as refused:
            await cases.resolve(
                case_id=case_id, after_photo=photo, note=None, idempotency_key=key()
            )
        assert error_code(refused.value) == code
    done = await cases.resolve(
        case_id=case_id,
        after_photo=after(point.lat + 0.0003, "2026:11:21 09:00:00"),
        note="Đã vá",
        idempotency_key=key(),
    )
    assert done.status == "resolved"
    assert [(e.action, e.note) for e in done.timeline[-2:]] == [
        ("resolved", "Đã vá"),
        ("proof_checked", "33 m"),
    ]
