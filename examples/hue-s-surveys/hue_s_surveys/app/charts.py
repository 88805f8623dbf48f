"""A closed survey's results as rows of proportional bars, each with its numbers as text (so
a screen reader reads them as well as the eye sees the bars)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s_surveys.app.words import N_, words
from hue_s_surveys.wire import QuestionResult, SurveyResults

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def share(count: int, total: int) -> int:
    """Return a count's whole percentage of a total (0 when nobody answered)."""
    return round(100 * count / total) if total else 0


def bar_line(ctx: AppContext, option: str, count: int, total: int) -> str:
    """Return one bar's words: the option, how many chose it and their share."""
    return words(ctx, N_("{option}: {count} of {total} ({percent}%)")).format(
        option=option, count=count, total=total, percent=share(count, total)
    )


def question_chart(ctx: AppContext, result: QuestionResult, respondents: int) -> ft.Control:
    """One question's bars (or the short texts written)."""
    rows: list[ft.Control] = [ft.Text(result.label, weight=ft.FontWeight.BOLD)]
    if result.kind == "text":
        rows += [ft.Text(f"• {text}") for text in result.texts] or [
            ft.Text(words(ctx, N_("No one wrote anything.")))
        ]
    for counted in result.counts:
        line = bar_line(ctx, counted.option, counted.count, respondents)
        rows.append(ft.Text(line, key=f"result-{result.name}-{counted.option}"))
        rows.append(
            ft.ProgressBar(
                value=counted.count / respondents if respondents else 0.0,
                bar_height=14,
                border_radius=4,
                semantics_label=line,
            )
        )
    return ft.Column(rows, spacing=6)


def results_chart(ctx: AppContext, results: SurveyResults) -> ft.Control:
    """All the questions' charts, under how many people answered."""
    total = results.survey.respondents
    heading = words(ctx, N_("Results: {count} people answered.")).format(count=total)
    return ft.Column(
        [ft.Text(heading, key="survey-results")]
        + [question_chart(ctx, result, total) for result in results.questions],
        spacing=20,
    )
