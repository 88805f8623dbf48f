"""The module's home (surveys, a way to the ideas) and one survey: its form, or its results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s_surveys.app import resource
from hue_s_surveys.app.answering import SurveyForm
from hue_s_surveys.app.charts import results_chart
from hue_s_surveys.app.words import N_, is_staff, refusal, words
from hue_s_surveys.wire import Survey, SurveyAnswer

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


async def redraw(ctx: AppContext) -> None:
    """Draw the screen again from the server's state (after an answer, a close...)."""
    if ctx.refresh is not None:
        await ctx.refresh()


def heading(text: str) -> ft.Text:
    """A screen's title."""
    return ft.Text(text, theme_style=ft.TextThemeStyle.HEADLINE_SMALL)


def survey_tile(ctx: AppContext, survey: Survey) -> ft.Control:
    """One survey in the list: its title, whether it is open, how many answered."""
    state = N_("Open") if survey.status == "open" else N_("Closed: see the results")
    if survey.status == "open" and survey.answered:
        state = N_("Open: you have answered")
    count = words(ctx, N_("{count} answers")).format(count=survey.respondents)

    async def open_survey(event: ft.Event[ft.ListTile]) -> None:
        await ctx.page.push_route(f"/surveys/{survey.id}")

    return ft.ListTile(
        leading=ft.Icon(ft.Icons.POLL if survey.status == "open" else ft.Icons.BAR_CHART),
        title=ft.Text(survey.title),
        subtitle=ft.Text(f"{words(ctx, state)} · {count}"),
        on_click=open_survey,
        key=f"survey-{survey.id}",
    )


async def build_home(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """The surveys (open first), the way to the ideas and, for staff, to publishing."""

    async def go(event: ft.Event[Any]) -> None:
        await ctx.page.push_route(str(event.control.data))

    buttons: list[ft.Control] = [
        ft.FilledButton(words(ctx, N_("Residents' ideas")), icon=ft.Icons.LIGHTBULB,
                        data="/ideas", on_click=go, key="surveys-to-ideas"),
    ]  # fmt: skip
    if is_staff(ctx):
        buttons.append(
            ft.OutlinedButton(words(ctx, N_("Publish a survey")), icon=ft.Icons.ADD,
                              data="/surveys/new", on_click=go, key="surveys-new")
        )  # fmt: skip
    try:
        found = await resource.surveys(ctx)
    except HueAPIError as error:
        listing: list[ft.Control] = [ft.Text(refusal(ctx, error))]
    else:
        listing = [survey_tile(ctx, survey) for survey in found] or [
            ft.Text(words(ctx, N_("No survey for now.")))
        ]
    return ft.Column(
        [heading(words(ctx, N_("Surveys and ideas"))), ft.Row(buttons, wrap=True),
         heading(words(ctx, N_("Surveys"))), *listing],
        spacing=12, key="surveys-home",
    )  # fmt: skip


async def build_survey(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """One survey: its results when closed, else its form (or a thank-you once answered)."""
    survey_id = int(params.get("id", "0") or 0)
    try:
        survey = await resource.survey(ctx, survey_id)
        results = await resource.results(ctx, survey_id) if survey.status == "closed" else None
    except HueAPIError as error:
        return ft.Text(refusal(ctx, error))
    body: list[ft.Control] = [heading(survey.title)]
    if survey.description:
        body.append(ft.Text(survey.description))
    if survey.anonymous:
        body.append(ft.Text(words(ctx, N_(
            "Anonymous: one answer per device, with no account kept beside it."
        ))))  # fmt: skip
    if results is not None:
        body.append(results_chart(ctx, results))
    elif survey.answered:
        body.append(ft.Text(words(ctx, N_("Thank you: your answer is counted.")),
                            key="survey-thanks"))  # fmt: skip
    else:
        body.append(answer_part(ctx, survey))
    if is_staff(ctx) and survey.status == "open":
        body.append(close_button(ctx, survey))
    return ft.Column(body, spacing=12, key="survey-page")


def answer_part(ctx: AppContext, survey: Survey) -> ft.Control:
    """The form and its send button; refusals are said in words, next to the button."""
    form = SurveyForm(ctx, survey.questions)
    problem = ft.Text("", color=ft.Colors.ERROR, key="survey-problem")

    async def send(event: ft.Event[ft.Button]) -> None:
        if not form.check():
            problem.value = words(
                ctx, N_("Some answers are missing or not valid. Please check them.")
            )
            return
        try:
            await resource.answer(ctx, survey.id, SurveyAnswer(answers=form.answers()))
        except HueAPIError as error:
            problem.value = refusal(ctx, error)
            return
        await redraw(ctx)

    return ft.Column(
        [form.control, problem,
         ft.FilledButton(words(ctx, N_("Send my answers")), icon=ft.Icons.SEND,
                         on_click=send, key="survey-send")],
        spacing=12,
    )  # fmt: skip


def close_button(ctx: AppContext, survey: Survey) -> ft.Control:
    """Staff close the survey; its results show at once."""

    async def close(event: ft.Event[ft.OutlinedButton]) -> None:
        try:
            await resource.close(ctx, survey.id)
        except HueAPIError as error:
            ctx.page.show_dialog(ft.SnackBar(ft.Text(refusal(ctx, error))))
            return
        await redraw(ctx)

    return ft.OutlinedButton(words(ctx, N_("Close the survey and show its results")),
                             icon=ft.Icons.LOCK, on_click=close, key="survey-close")  # fmt: skip
