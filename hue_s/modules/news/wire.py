"""What the news API takes and answers, shared by the app and the backend."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CATEGORIES = ("announcement", "traffic", "health", "environment", "culture", "education", "other")
"""The kinds of news, in the order the app offers them."""
Category = Literal[
    "announcement", "traffic", "health", "environment", "culture", "education", "other"
]
MAX_TITLE = 200
MAX_BODY = 5000


class NewsItem(BaseModel):
    """One announcement: from a followed feed or issued by staff here."""

    model_config = ConfigDict(extra="ignore")

    id: int
    title: str
    summary: str = Field(description="Plain text (feeds' HTML is reduced to its text).")
    category: Category
    ward_code: str | None = Field(None, description="The ward it is for; None: the whole city.")
    link: str | None = Field(None, description="The original page (http or https), if any.")
    source: Literal["feed", "staff"]
    published_at: datetime
    updated_at: datetime


class NewsDraft(BaseModel):
    """An announcement staff publish from the app."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=MAX_TITLE)
    body: str = Field(min_length=1, max_length=MAX_BODY)
    category: Category = "announcement"
    ward_code: str | None = Field(None, max_length=5, description="None: the whole city.")
