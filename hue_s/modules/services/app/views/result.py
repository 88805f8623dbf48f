"""A dossier's result document: the officer's signed PDF to approve with (optional: without
it the backend makes one), the button that downloads it (owner and ward staff), or, for
someone following by code only, a word that it is ready."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.views.errors import describe_error
from hue_s.modules.services.app.api import Attachment, ServicesResource
from hue_s.modules.services.app.filing.documents import DocumentSlots
from hue_s.modules.services.wire import Evidence, TrackedDossier

Save = Callable[[str, bytes], Awaitable[None]]


async def save_file(name: str, data: bytes) -> None:
    """Hand a file to the person (a download in a browser, a save dialog on a desktop)."""
    await ft.FilePicker().save_file(file_name=name, src_bytes=data)


class ResultSlot:
    """The "attach the result" line of the approval: one optional PDF."""

    def __init__(self, ctx: AppContext) -> None:
        """Draw the line."""
        name = ctx._("Signed result (PDF); without one, the app makes it from the dossier")
        evidence = Evidence(code="result", name=name, copies="1", required=False, online=True)
        self.slots = DocumentSlots(ctx, [evidence])
        self.control = self.slots.control

    @property
    def attached(self) -> Attachment | None:
        """Return the picked result, if any."""
        return self.slots.attached.get("result")


def result_download(
    ctx: AppContext, dossier: TrackedDossier, save: Save = save_file
) -> list[ft.Control]:
    """Return the "download the result" button once a result is issued (else nothing)."""
    if not dossier.result_ready:
        return []
    problem = ft.Text(key="dossier-result-error", color=ft.Colors.ERROR, visible=False)

    async def download(_event: ft.Event[ft.Button]) -> None:
        try:
            data = await ctx.api.resource(ServicesResource).result_pdf(code=dossier.code)
        except HueAPIError as error:
            problem.value, problem.visible = describe_error(ctx, error), True
            problem.update()
            return
        problem.visible = False
        await save(f"ket-qua-{dossier.code}.pdf", data)

    button = ft.FilledButton(
        ctx._("Download the result (PDF)"), icon=ft.Icons.PICTURE_AS_PDF,
        key="dossier-result-pdf", on_click=download,
    )  # fmt: skip
    return [button, problem]


def result_notice(ctx: AppContext, dossier: TrackedDossier) -> list[ft.Control]:
    """Return, to someone following by code, that the result is ready (not the result)."""
    if not dossier.result_ready:
        return []
    said = ctx._(
        "The result is ready. Its applicant downloads it in the app, signed in, or collects "
        "it at the ward office."
    )
    return [ft.Text(said, key="tracked-result-ready", weight=ft.FontWeight.W_600)]
