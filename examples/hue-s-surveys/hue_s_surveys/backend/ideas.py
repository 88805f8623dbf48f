"""/api/v1/ideas: residents propose and support ideas (one support each); staff answer or
hide them with a reason. No name nor phone of anyone is ever sent, only the ward."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.accounts.deps import current_user, optional_user
from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.db import get_session
from hue_s.backend.kernel.models import Ward
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.backend.schemas.ids import RowId
from hue_s_surveys.backend.models import IdeaRow, VoteRow
from hue_s_surveys.backend.scope import STAFF, STAFF_ROLES, is_staff_of, now_of, require_staff_of
from hue_s_surveys.wire import Idea, IdeaDraft, StaffText

router = APIRouter(prefix="/api/v1/ideas", tags=["ideas"], responses=ERROR_RESPONSES)
SessionDependency = Annotated[Session, Depends(get_session)]
CallerDependency = Annotated[User | None, Depends(optional_user)]
UserDependency = Annotated[User, Depends(current_user)]
StaffDependency = Annotated[User, Depends(STAFF)]


def may_see(user: User | None, row: IdeaRow) -> bool:
    """A hidden idea is seen by its author and its ward's staff only."""
    if row.hidden_at is None:
        return True
    return user is not None and (row.author_id == user.id or is_staff_of(user, row.ward_code))


def idea_of(session: Session, row: IdeaRow, user: User | None) -> Idea:
    """Return an idea as this caller may see it (the hiding reason only to author and staff)."""
    votes = select(func.count()).select_from(VoteRow).where(VoteRow.idea_id == row.id)
    supported = user is not None and bool(session.scalar(votes.where(VoteRow.user_id == user.id)))
    ward = session.get(Ward, row.ward_code)
    return Idea(
        id=row.id, title=row.title, body=row.body, ward_code=row.ward_code,
        ward_name=ward.full_name if ward else row.ward_code, created_at=row.created_at,
        supporters=session.scalar(votes) or 0, answer=row.answer, answered_at=row.answered_at,
        hidden=row.hidden_at is not None,
        hidden_reason=row.hidden_reason if may_see(user, row) else None,
        mine=user is not None and row.author_id == user.id, supported=supported,
    )  # fmt: skip


def found_idea(session: Session, idea_id: int, user: User | None) -> IdeaRow:
    """Return an idea this caller may see, or 404 (a hidden idea is not found by the public)."""
    row = session.get(IdeaRow, idea_id)
    if row is None or not may_see(user, row):
        raise APIError(404, "not_found", "No such idea.")
    return row


@router.get("", response_model=list[Idea])
def list_ideas(
    user: CallerDependency, session: SessionDependency,
    ward: Annotated[str | None, Query(max_length=5, description="Only this ward's.")] = None,
) -> list[Idea]:  # fmt: skip
    """The ideas, newest first: the public sees those not hidden; authors also their own
    hidden ones; staff also the hidden ones of the wards they manage."""
    shown: ColumnElement[bool] = IdeaRow.hidden_at.is_(None)
    if user is not None:
        shown = or_(shown, IdeaRow.author_id == user.id)
        if user.role in ("operator", "admin"):
            shown = or_(shown, IdeaRow.hidden_at.is_not(None))
        elif user.role in STAFF_ROLES and user.ward_code:
            shown = or_(shown, IdeaRow.ward_code == user.ward_code)
    query = select(IdeaRow).where(shown).order_by(IdeaRow.id.desc()).limit(200)
    if ward:
        query = query.where(IdeaRow.ward_code == ward)
    return [idea_of(session, row, user) for row in session.scalars(query)]


@router.get("/{idea_id}", response_model=Idea)
def read_idea(idea_id: RowId, user: CallerDependency, session: SessionDependency) -> Idea:
    """One idea (open to everyone unless hidden)."""
    return idea_of(session, found_idea(session, idea_id, user), user)


@router.post("", response_model=Idea, status_code=201)
def propose_idea(
    user: UserDependency, draft: IdeaDraft, request: Request, session: SessionDependency
) -> Idea:
    """Propose an idea for a ward (signed in)."""
    if session.get(Ward, draft.ward_code) is None:
        raise APIError(422, "ward_not_found", "No such ward.")
    row = IdeaRow(
        title=draft.title.strip(), body=draft.body.strip(), ward_code=draft.ward_code,
        author_id=user.id, created_at=now_of(request),
    )  # fmt: skip
    session.add(row)
    session.commit()
    return idea_of(session, row, user)


@router.post("/{idea_id}/support", response_model=Idea, status_code=201)
def support_idea(
    idea_id: RowId, user: UserDependency, request: Request, session: SessionDependency
) -> Idea:
    """Support an idea, once per person (the database's unique key refuses a second time)."""
    row = found_idea(session, idea_id, user)
    if row.hidden_at is not None:
        raise APIError(409, "idea_hidden", "A hidden idea cannot be supported.")
    session.add(VoteRow(idea_id=row.id, user_id=user.id, created_at=now_of(request)))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise APIError(409, "already_supported", "You already support this idea.") from None
    return idea_of(session, row, user)


@router.post("/{idea_id}/answer", response_model=Idea)
def answer_idea(
    idea_id: RowId, user: StaffDependency, body: StaffText, request: Request,
    session: SessionDependency,
) -> Idea:  # fmt: skip
    """Answer an idea publicly (its ward's staff)."""
    row = found_idea(session, idea_id, user)
    require_staff_of(user, row.ward_code)
    row.answer, row.answered_at = body.text.strip(), now_of(request)
    session.commit()
    return idea_of(session, row, user)


@router.post("/{idea_id}/hide", response_model=Idea)
def hide_idea(
    idea_id: RowId, user: StaffDependency, body: StaffText, request: Request,
    session: SessionDependency,
) -> Idea:  # fmt: skip
    """Hide an idea from the public with a reason its author sees (its ward's staff)."""
    row = found_idea(session, idea_id, user)
    require_staff_of(user, row.ward_code)
    row.hidden_reason, row.hidden_at = body.text.strip(), now_of(request)
    session.commit()
    return idea_of(session, row, user)
