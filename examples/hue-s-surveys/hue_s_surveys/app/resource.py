"""The module's calls to the backend, typed by its wire models."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hue_s_surveys.wire import (
    DEVICE_HEADER,
    Idea,
    IdeaDraft,
    StaffText,
    Survey,
    SurveyAnswer,
    SurveyDraft,
    SurveyResults,
)  # fmt: skip

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

SURVEYS = "/api/v1/surveys"
IDEAS = "/api/v1/ideas"


def device(ctx: AppContext) -> dict[str, str]:
    """Return the header naming this device (anonymous surveys count one answer per device)."""
    return {DEVICE_HEADER: ctx.device_id}


async def surveys(ctx: AppContext) -> list[Survey]:
    """Return the surveys, open ones first."""
    found: list[Survey] = await ctx.api.request(
        "GET", SURVEYS, headers=device(ctx), model=list[Survey]
    )
    return found


async def survey(ctx: AppContext, survey_id: int) -> Survey:
    """Return one survey."""
    return await ctx.api.request("GET", f"{SURVEYS}/{survey_id}", headers=device(ctx), model=Survey)


async def answer(ctx: AppContext, survey_id: int, given: SurveyAnswer) -> Survey:
    """Send this person's answers."""
    return await ctx.api.request(
        "POST", f"{SURVEYS}/{survey_id}/answers", headers=device(ctx),
        json=given.model_dump(mode="json"), model=Survey,
    )  # fmt: skip


async def results(ctx: AppContext, survey_id: int) -> SurveyResults:
    """Return a closed survey's results."""
    return await ctx.api.request("GET", f"{SURVEYS}/{survey_id}/results", model=SurveyResults)


async def publish(ctx: AppContext, draft: SurveyDraft) -> Survey:
    """Publish a survey (staff)."""
    body = draft.model_dump(mode="json")
    return await ctx.api.request("POST", SURVEYS, json=body, model=Survey)


async def close(ctx: AppContext, survey_id: int) -> Survey:
    """Close a survey (staff)."""
    return await ctx.api.request("POST", f"{SURVEYS}/{survey_id}/close", model=Survey)


async def ideas(ctx: AppContext) -> list[Idea]:
    """Return the ideas this person may see, newest first."""
    found: list[Idea] = await ctx.api.request("GET", IDEAS, model=list[Idea])
    return found


async def propose(ctx: AppContext, draft: IdeaDraft) -> Idea:
    """Propose an idea (signed in)."""
    return await ctx.api.request("POST", IDEAS, json=draft.model_dump(), model=Idea)


async def support(ctx: AppContext, idea_id: int) -> Idea:
    """Support an idea (signed in, once)."""
    return await ctx.api.request("POST", f"{IDEAS}/{idea_id}/support", model=Idea)


async def staff_act(ctx: AppContext, idea_id: int, action: str, text: str) -> Idea:
    """Answer (`answer`) or hide (`hide`) an idea with a text (staff)."""
    body = StaffText(text=text).model_dump()
    return await ctx.api.request("POST", f"{IDEAS}/{idea_id}/{action}", json=body, model=Idea)
