"""Residents' ideas: propose one, support others' (once each); staff answer or hide them.
Nobody's name or phone is shown: an idea is by "a resident" of its ward."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft
from pydantic import ValidationError

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.a11y import named_dropdown
from hue_s_surveys.app import resource
from hue_s_surveys.app.surveys import heading, redraw
from hue_s_surveys.app.words import N_, is_staff, refusal, words
from hue_s_surveys.wire import Idea, IdeaDraft

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

INCOMPLETE = N_(
    "Write a title (5 characters or more), your proposal (10 or more) and choose a ward."
)


def idea_card(ctx: AppContext, idea: Idea) -> ft.Control:
    """One idea: by whom (a resident of a ward), what, its supporters, staff's answer."""
    problem = ft.Text("", color=ft.Colors.ERROR, key=f"idea-{idea.id}-problem")
    count = words(ctx, N_("{count} supporters")).format(count=idea.supporters)
    who = f"{words(ctx, N_('A resident'))} · {idea.ward_name}"
    lines: list[ft.Control] = [
        ft.Text(idea.title, weight=ft.FontWeight.BOLD),
        ft.Text(who, size=12),
        ft.Text(idea.body),
        ft.Text(count, key=f"idea-{idea.id}-count"),
    ]
    if idea.answer:
        answered = words(ctx, N_("The city's answer: {answer}")).format(answer=idea.answer)
        lines.append(ft.Text(answered, italic=True))
    if idea.hidden:
        reason = idea.hidden_reason or ""
        lines.append(ft.Text(words(ctx, N_("Hidden from the public: {reason}")).format(
            reason=reason), color=ft.Colors.ERROR))  # fmt: skip

    async def support(event: ft.Event[ft.Button]) -> None:
        try:
            await resource.support(ctx, idea.id)
        except HueAPIError as error:
            problem.value = refusal(ctx, error)
            return
        await redraw(ctx)

    if not ctx.session.is_guest and not idea.hidden:
        if idea.supported:
            lines.append(ft.Text(words(ctx, N_("You support this idea.")),
                                 key=f"idea-{idea.id}-supported"))  # fmt: skip
        else:
            button = ft.FilledButton(words(ctx, N_("Support")), icon=ft.Icons.THUMB_UP,
                                     on_click=support, key=f"idea-{idea.id}-support")  # fmt: skip
            lines.append(button)
    if is_staff(ctx):
        lines.append(staff_part(ctx, idea, problem))
    lines.append(problem)
    return ft.Card(ft.Container(ft.Column(lines, spacing=6), padding=12), key=f"idea-{idea.id}")


def staff_part(ctx: AppContext, idea: Idea, problem: ft.Text) -> ft.Control:
    """Staff write an answer, or a reason to hide the idea (its author sees the reason)."""
    text = ft.TextField(label=words(ctx, N_("Answer, or reason to hide")), multiline=True,
                        key=f"idea-{idea.id}-staff-text")  # fmt: skip

    async def act(event: ft.Event[ft.OutlinedButton]) -> None:
        try:
            await resource.staff_act(ctx, idea.id, str(event.control.data), text.value or "")
        except (HueAPIError, ValidationError) as error:
            problem.value = (
                refusal(ctx, error) if isinstance(error, HueAPIError)
                else words(ctx, N_("Write at least 3 characters."))
            )  # fmt: skip
            return
        await redraw(ctx)

    buttons: list[ft.Control] = [
        ft.OutlinedButton(words(ctx, N_("Answer")), data="answer", on_click=act,
                          key=f"idea-{idea.id}-answer"),
    ]  # fmt: skip
    if not idea.hidden:
        buttons.append(ft.OutlinedButton(words(ctx, N_("Hide")), data="hide", on_click=act,
                                         key=f"idea-{idea.id}-hide"))  # fmt: skip
    return ft.Column([text, ft.Row(buttons, wrap=True)], spacing=6)


async def propose_part(ctx: AppContext) -> ft.Control:
    """The form to propose an idea for a ward (signed-in people)."""
    if ctx.session.is_guest:
        return ft.Text(words(ctx, N_("Sign in to propose an idea or support one.")))
    try:
        wards = await ctx.api.wards.list()
    except HueAPIError:
        wards = []
    title = ft.TextField(label=words(ctx, N_("Your idea in a few words")), max_length=150,
                         key="idea-title")  # fmt: skip
    body = ft.TextField(label=words(ctx, N_("What you propose, and why")), multiline=True,
                        min_lines=3, max_length=3000, key="idea-body")  # fmt: skip
    ward = ft.Dropdown(label=words(ctx, N_("For which ward")), key="idea-ward",
                       options=[ft.DropdownOption(key=w.code, text=w.full_name or w.name)
                                for w in wards])  # fmt: skip
    problem = ft.Text("", color=ft.Colors.ERROR, key="idea-problem")

    async def send(event: ft.Event[ft.Button]) -> None:
        try:
            draft = IdeaDraft(title=(title.value or "").strip(), body=(body.value or "").strip(),
                              ward_code=ward.value or "")  # fmt: skip
        except ValidationError:
            problem.value = words(ctx, INCOMPLETE)
            return
        try:
            await resource.propose(ctx, draft)
        except HueAPIError as error:
            problem.value = refusal(ctx, error)
            return
        await redraw(ctx)

    return ft.Column(
        [ft.Text(words(ctx, N_("Propose an idea")), weight=ft.FontWeight.BOLD), title, body,
         named_dropdown(ward, words(ctx, N_("For which ward"))), problem,
         ft.FilledButton(words(ctx, N_("Send my idea")), icon=ft.Icons.SEND, on_click=send,
                         key="idea-send")],
        spacing=8,
    )  # fmt: skip


async def build_ideas(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """The ideas (newest first) and the form to propose one."""
    try:
        found = await resource.ideas(ctx)
    except HueAPIError as error:
        listing: list[ft.Control] = [ft.Text(refusal(ctx, error))]
    else:
        listing = [idea_card(ctx, idea) for idea in found] or [
            ft.Text(words(ctx, N_("No idea yet: be the first.")))
        ]
    return ft.Column(
        [heading(words(ctx, N_("Residents' ideas"))), await propose_part(ctx),
         ft.Column(listing, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)],
        spacing=12, key="ideas-page",
    )  # fmt: skip
