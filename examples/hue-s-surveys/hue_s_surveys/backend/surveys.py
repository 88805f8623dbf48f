"""/api/v1/surveys: staff publish and close surveys; people answer once; results once closed."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.accounts.deps import optional_user
from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.db import get_session
from hue_s.backend.kernel.models import Ward
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.backend.schemas.ids import RowId
from hue_s_surveys.backend.models import ResponseRow, SurveyRow
from hue_s_surveys.backend.scope import STAFF, now_of, require_staff_of
from hue_s_surveys.wire import (
    DEVICE_HEADER,
    SCALE,
    OptionCount,
    Question,
    QuestionResult,
    Survey,
    SurveyAnswer,
    SurveyDraft,
    SurveyResults,
    answer_problems,
)  # fmt: skip

router = APIRouter(prefix="/api/v1/surveys", tags=["surveys"], responses=ERROR_RESPONSES)
SessionDependency = Annotated[Session, Depends(get_session)]
CallerDependency = Annotated[User | None, Depends(optional_user)]
DeviceDependency = Annotated[str | None, Header(alias=DEVICE_HEADER, min_length=4, max_length=100)]


def device_key(device_id: str) -> str:
    """Return what is kept of a device id: its SHA-256."""
    return hashlib.sha256(device_id.encode()).hexdigest()


def survey_of(session: Session, row: SurveyRow, user: User | None, device: str | None) -> Survey:
    """Return a survey as sent, with its respondents and whether this caller answered."""
    count = select(func.count()).select_from(ResponseRow).where(ResponseRow.survey_id == row.id)
    mine = None
    if row.anonymous and device:
        mine = ResponseRow.device_key == device_key(device)
    elif not row.anonymous and user is not None:
        mine = ResponseRow.user_id == user.id
    answered = mine is not None and bool(session.scalar(count.where(mine)))
    return Survey(
        id=row.id, title=row.title, description=row.description,
        questions=[Question.model_validate(q) for q in row.questions],
        anonymous=row.anonymous, ward_code=row.ward_code, status=row.status,  # type: ignore[arg-type]
        opened_at=row.opened_at, closed_at=row.closed_at,
        respondents=session.scalar(count) or 0, answered=answered,
    )  # fmt: skip


def found_survey(session: Session, survey_id: int) -> SurveyRow:
    """Return a survey's row, or 404."""
    row = session.get(SurveyRow, survey_id)
    if row is None:
        raise APIError(404, "not_found", "No such survey.")
    return row


@router.get("", response_model=list[Survey])
def list_surveys(
    user: CallerDependency, session: SessionDependency, device: DeviceDependency = None
) -> list[Survey]:
    """The surveys, open ones first, newest first (open to everyone)."""
    rows = session.scalars(
        select(SurveyRow).order_by(SurveyRow.status.desc(), SurveyRow.id.desc()).limit(100)
    )
    return [survey_of(session, row, user, device) for row in rows]


@router.get("/{survey_id}", response_model=Survey)
def read_survey(
    survey_id: RowId, user: CallerDependency, session: SessionDependency,
    device: DeviceDependency = None,
) -> Survey:  # fmt: skip
    """One survey and its questions (open to everyone)."""
    return survey_of(session, found_survey(session, survey_id), user, device)


@router.post("", response_model=Survey, status_code=201)
def publish_survey(
    user: Annotated[User, Depends(STAFF)], draft: SurveyDraft, request: Request,
    session: SessionDependency,
) -> Survey:  # fmt: skip
    """Publish a survey: operators and admins for the city or a ward, officers for their own
    ward only (without a ward given, theirs)."""
    if user.role == "officer" and draft.ward_code is None:
        draft = draft.model_copy(update={"ward_code": user.ward_code})
    require_staff_of(user, draft.ward_code)
    if draft.ward_code is not None and session.get(Ward, draft.ward_code) is None:
        raise APIError(422, "ward_not_found", "No such ward.")
    row = SurveyRow(
        title=draft.title, description=draft.description,
        questions=[q.model_dump() for q in draft.questions], anonymous=draft.anonymous,
        ward_code=draft.ward_code, status="open", author_id=user.id, opened_at=now_of(request),
    )  # fmt: skip
    session.add(row)
    session.commit()
    return survey_of(session, row, user, None)


@router.post("/{survey_id}/close", response_model=Survey)
def close_survey(
    survey_id: RowId, user: Annotated[User, Depends(STAFF)], request: Request,
    session: SessionDependency,
) -> Survey:  # fmt: skip
    """Close a survey (its staff): it takes no more answers and its results are shown."""
    row = found_survey(session, survey_id)
    require_staff_of(user, row.ward_code)
    if row.status != "closed":
        row.status, row.closed_at = "closed", now_of(request)
        session.commit()
    return survey_of(session, row, user, None)


@router.post("/{survey_id}/answers", response_model=Survey, status_code=201)
def answer_survey(
    survey_id: RowId, body: SurveyAnswer, user: CallerDependency, request: Request,
    session: SessionDependency, device: DeviceDependency = None,
) -> Survey:  # fmt: skip
    """Answer a survey once: once per account (sign in first) or, for an anonymous survey,
    once per device; the database's unique keys refuse a second answer."""
    row = found_survey(session, survey_id)
    if row.anonymous and not device:
        raise APIError(422, "device_needed", "An anonymous survey needs the device's id.")
    if not row.anonymous and user is None:
        raise APIError(401, "not_authenticated", "Sign in to answer this survey.",
                       {"WWW-Authenticate": "Bearer"})  # fmt: skip
    if row.status != "open":
        raise APIError(409, "survey_closed", "This survey is closed.")
    questions = [Question.model_validate(q) for q in row.questions]
    problems = answer_problems(questions, body.answers)
    if problems:
        detail = ", ".join(f"{name}: {code}" for name, code in sorted(problems.items()))
        raise APIError(422, "invalid_answers", f"Some answers are not valid ({detail}).")
    answers = {
        name: [v.strip() for v in values if v.strip()] for name, values in body.answers.items()
    }
    session.add(ResponseRow(
        survey_id=row.id, answers=answers, answered_at=now_of(request),
        user_id=None if row.anonymous else user.id if user else None,
        device_key=device_key(device) if row.anonymous and device else None,
    ))  # fmt: skip
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise APIError(409, "already_answered", "You have already answered this survey.") from None
    return survey_of(session, row, user, device)


@router.get("/{survey_id}/results", response_model=SurveyResults)
def survey_results(
    survey_id: RowId, user: CallerDependency, session: SessionDependency,
    device: DeviceDependency = None,
) -> SurveyResults:  # fmt: skip
    """A closed survey's results: counts per option, the short texts (open to everyone)."""
    row = found_survey(session, survey_id)
    if row.status != "closed":
        raise APIError(409, "survey_open", "Results are shown once the survey is closed.")
    answers = session.scalars(select(ResponseRow.answers).where(ResponseRow.survey_id == row.id))
    given = list(answers)
    results = []
    for question in (Question.model_validate(q) for q in row.questions):
        values = [value for answer in given for value in answer.get(question.name, [])]
        result = QuestionResult(name=question.name, label=question.label, kind=question.kind)
        if question.kind == "text":
            result.texts = values
        else:
            counted = Counter(values)
            options = SCALE if question.kind == "scale" else question.options
            result.counts = [OptionCount(option=o, count=counted[o]) for o in options]
        results.append(result)
    return SurveyResults(survey=survey_of(session, row, user, device), questions=results)
