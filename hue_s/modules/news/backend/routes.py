"""The news API: reading is open to everyone; operators and admins publish."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from sqlalchemy.orm import Session

from hue_s.backend.accounts.deps import require_roles
from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.db import get_session
from hue_s.backend.kernel.models import Ward
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.backend.schemas.ids import RowId
from hue_s.modules.news.backend.models import NewsRow
from hue_s.modules.news.backend.poller import followed_feeds, poll_forever
from hue_s.modules.news.backend.store import item_of, list_items, publish
from hue_s.modules.news.wire import Category, NewsDraft, NewsItem

PUBLISHERS = require_roles("operator", "admin", "officer")
SessionDependency = Annotated[Session, Depends(get_session)]


@contextlib.asynccontextmanager
async def news_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Poll the followed feeds while the server runs (when $HUE_S_NEWS_FEEDS names any)."""
    if not followed_feeds():
        yield
        return
    async with httpx.AsyncClient(timeout=15.0, follow_redirects=True) as client:
        task = asyncio.create_task(poll_forever(app.state.session_factory, client))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


router = APIRouter(
    prefix="/api/v1/news", tags=["news"], responses=ERROR_RESPONSES, lifespan=news_lifespan
)


@router.get("", response_model=list[NewsItem])
def read_news(
    session: SessionDependency,
    category: Annotated[Category | None, Query(description="Only this kind.")] = None,
    ward: Annotated[
        str | None,
        Query(pattern=r"^\d{5}$", description="A ward's code: its and the whole city's news."),
    ] = None,
    q: Annotated[str | None, Query(max_length=100, description="Words to find.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> list[NewsItem]:
    """The newest announcements, from followed feeds and staff (open to everyone); with a
    ward, other wards' announcements are left out."""
    if ward is not None and session.get(Ward, ward) is None:
        raise APIError(422, "ward_not_found", "No such ward.")
    return list_items(session, category=category, ward=ward, query=q, limit=limit)


@router.get("/{news_id}", response_model=NewsItem)
def read_news_item(news_id: RowId, session: SessionDependency) -> NewsItem:
    """One announcement (open to everyone)."""
    row = session.get(NewsRow, news_id)
    if row is None:
        raise APIError(404, "not_found", "No such announcement.")
    return item_of(row)


@router.post("", response_model=NewsItem, status_code=201)
def publish_news(
    user: Annotated[User, Depends(PUBLISHERS)],
    draft: NewsDraft,
    request: Request,
    session: SessionDependency,
) -> NewsItem:
    """Publish an announcement: operators and admins for the city or any ward, a ward's
    officers for their own ward only (without a ward given, theirs)."""
    if user.role == "officer":
        if draft.ward_code not in (None, user.ward_code):
            raise APIError(403, "other_ward", "Officers publish for their own ward only.")
        draft = draft.model_copy(update={"ward_code": user.ward_code})
    if draft.ward_code is not None and session.get(Ward, draft.ward_code) is None:
        raise APIError(422, "ward_not_found", "No such ward.")
    clock = getattr(request.app.state, "clock", None)
    now = clock() if clock is not None else datetime.now(UTC)
    row = publish(session, draft, user.id, now)
    session.commit()
    return item_of(row)
