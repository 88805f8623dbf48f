"""A citizen's dossiers: the list, one dossier's receipt (code, QR, due day, office, timeline)
with the supplement the ward asked for, and tracking by code for anyone."""

from __future__ import annotations

import flet as ft

from hue_s.app.api.errors import HueAPIError, NotFoundError
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.errors import describe_error
from hue_s.kit.public_link import public_base_url
from hue_s.kit.screens import readable
from hue_s.modules.payments.wire import pay_route
from hue_s.modules.services.app.api import ServicesResource
from hue_s.modules.services.app.filing.documents import DocumentSlots
from hue_s.modules.services.app.views.drafts import draft_tiles
from hue_s.modules.services.app.views.result import result_download, result_notice
from hue_s.modules.services.app.views.staff import staff_part
from hue_s.modules.services.app.widgets import (
    day_text,
    go,
    heading,
    opener,
    qr_image,
    send_documents,
    sign_in_first,
    status_text,
    timeline,
)
from hue_s.modules.services.wire import Dossier, TrackedDossier

STAFF = ("officer", "operator", "admin")
FEE_PURPOSE = "services_fee"
"""The payments module's purpose for dossier fees (backend/fees.py)."""
FEE_STATUSES = {
    "": N_("not paid online"),
    "pending": N_("payment being confirmed"),
    "paid": N_("paid online"),
    "refunded": N_("refunded"),
}
"""How a dossier's fee payment stands, in words."""


def error_screen(ctx: AppContext, error: HueAPIError) -> ft.Control:
    """Return a screen saying what went wrong."""
    return readable([ft.Text(describe_error(ctx, error), color=ft.Colors.ERROR)])


async def build_mine(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the signed-in person's dossiers."""
    _ = ctx._
    if ctx.session.is_guest:
        return sign_in_first(ctx, "/services/dossiers")
    try:
        dossiers = await ctx.api.resource(ServicesResource).mine()
    except HueAPIError as error:
        return error_screen(ctx, error)
    tiles: list[ft.Control] = [
        ft.Card(
            content=ft.ListTile(
                key=f"dossier-{item.code}",
                title=ft.Text(item.procedure_name, weight=ft.FontWeight.W_500),
                subtitle=ft.Text(f"{item.code} · {status_text(ctx, item.status)}"),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                on_click=opener(ctx, f"/services/dossiers/{item.code}"),
            )
        )
        for item in dossiers
    ]
    drafts = await draft_tiles(ctx)
    if not tiles and not drafts:
        tiles = [ft.Text(_("You have not filed a dossier yet."))]
    return readable([heading(_("My dossiers")), *drafts, *tiles], key="services-my-dossiers")


def facts(ctx: AppContext, dossier: TrackedDossier) -> list[ft.Control]:
    """Return where a dossier stands: procedure, office, status, dates."""
    _ = ctx._
    due = day_text(ctx, dossier.due_on) if dossier.due_on else paused_text(ctx, dossier)
    if dossier.status in ("approved", "rejected"):
        due = "—"
    return [
        ft.Text(dossier.procedure_name, theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
        ft.Text(
            _("Dossier code: {code}").format(code=dossier.code),
            key="dossier-code",
            weight=ft.FontWeight.W_600,
        ),
        ft.Text(
            _("Status: {status}").format(status=status_text(ctx, dossier.status)),
            key="dossier-status",
        ),
        ft.Text(_("Receiving office: People's Committee of {ward}").format(ward=dossier.ward_name)),
        ft.Text(_("Filed: {when}").format(when=day_text(ctx, dossier.submitted_at))),
        ft.Text(_("Result due: {day}").format(day=due), key="dossier-due"),
    ]


def paused_text(ctx: AppContext, dossier: TrackedDossier) -> str:
    """Return what the due day reads while the ward waits for documents: on a dossier filed at
    the office the citizen brings them there; staff read that the citizen adds them online;
    the citizen, that they do."""
    if isinstance(dossier, Dossier) and dossier.filed_at_office:
        return ctx._("paused until the citizen brings the documents to the office")
    if ctx.session.role in STAFF:
        return ctx._("paused until the citizen adds documents")
    return ctx._("paused until you add documents")


def receipt(ctx: AppContext, dossier: TrackedDossier, base: str | None) -> ft.Control:
    """Return the receipt: facts beside the QR code on wide screens, above it on phones.

    The QR code opens the dossier's public tracking page at `base` (where citizens reach the
    app: `public_link.public_base_url`).
    """
    return ft.ResponsiveRow(
        controls=[
            ft.Column(facts(ctx, dossier), spacing=6, col={"xs": 12, "md": 7}),
            ft.Column(
                [qr_image(ctx, dossier.code, base)],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                col={"xs": 12, "md": 5},
            ),
        ]
    )


def fee_part(ctx: AppContext, dossier: Dossier) -> list[ft.Control]:
    """Return the fee: whether it is paid (to staff, and once paid), else its pay button."""
    _ = ctx._
    staff = ctx.session.role in STAFF
    settled = dossier.fee_status in ("paid", "refunded")
    if not dossier.online_fee_vnd or (dossier.status == "rejected" and not (staff or settled)):
        return []
    amount = ctx.i18n.vnd(dossier.online_fee_vnd)
    if staff or settled:
        status = _(FEE_STATUSES.get(dossier.fee_status or "", FEE_STATUSES[""]))
        text = _("Fee {amount}: {status}").format(amount=amount, status=status)
        return [ft.Text(text, key="dossier-fee-status", weight=ft.FontWeight.W_600)]
    if "payments" not in ctx.registry.ids():
        text = _("Fee: {amount}. Online payment is coming soon; pay at the ward office.")
        return [ft.Text(text.format(amount=amount), key="dossier-fee")]
    return [
        ft.FilledTonalButton(
            key="dossier-pay",
            content=_("Pay the fee online ({amount})").format(amount=amount),
            icon=ft.Icons.PAYMENTS,
            on_click=opener(ctx, pay_route(FEE_PURPOSE, dossier.code)),
        )
    ]


def supplement_part(ctx: AppContext, dossier: Dossier) -> list[ft.Control]:
    """Return the documents and button to answer the ward's request, when there is one."""
    _ = ctx._
    if dossier.status != "supplement_requested" or ctx.session.role in STAFF:
        return []
    asked = next(
        (e.note for e in reversed(dossier.timeline) if e.action == "request_supplement"), ""
    )
    message = ft.Text(color=ft.Colors.ERROR, visible=False)

    async def loaded() -> DocumentSlots:
        page = await ctx.api.resource(ServicesResource).procedure(code=dossier.procedure_code)
        return DocumentSlots(ctx, page.documents)

    holder = ft.Column()

    async def send() -> None:
        slots = holder.data
        assert isinstance(slots, DocumentSlots)
        resource = ctx.api.resource(ServicesResource)
        attached = list(slots.attached.values())
        await send_documents(ctx, resource.supplement, dossier.code, attached, message)

    async def start() -> None:
        slots = await loaded()
        holder.data = slots
        holder.controls = [slots.control]
        holder.update()

    ctx.page.run_task(start)
    return [
        heading(_("The ward asks for more")),
        ft.Text(asked or "", key="supplement-note", italic=True),
        holder,
        message,
        ft.FilledButton(key="supplement-send", content=_("Send the documents"), on_click=send),
    ]


async def build_dossier(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return one's dossier (or, for ward staff, one of their ward's, with their actions)."""
    code = params.get("code", "")
    if ctx.session.is_guest:
        return sign_in_first(ctx, f"/services/dossiers/{code}")
    try:
        dossier = await ctx.api.resource(ServicesResource).dossier(code=code)
    except NotFoundError:
        return await build_tracked(ctx, params)
    except HueAPIError as error:
        return error_screen(ctx, error)
    parts: list[ft.Control] = [receipt(ctx, dossier, await public_base_url(ctx))]
    if dossier.receipt_number:
        parts.append(ft.Text(ctx._("Receipt number: {n}").format(n=dossier.receipt_number)))
    parts += result_download(ctx, dossier)
    parts += fee_part(ctx, dossier)
    parts += supplement_part(ctx, dossier)
    if ctx.session.role in STAFF:
        try:
            page = await ctx.api.resource(ServicesResource).procedure(code=dossier.procedure_code)
        except HueAPIError:
            page = None
        parts += staff_part(ctx, dossier, page)
    parts += [heading(ctx._("Progress")), timeline(ctx, dossier.timeline)]
    return readable(parts, key="dossier-screen")


async def build_track_lookup(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the screen where anyone types a dossier code."""
    _ = ctx._
    box = ft.TextField(
        key="track-code",
        label=_("Dossier code"),
        max_length=32,
        capitalization=ft.TextCapitalization.CHARACTERS,
    )

    def follow() -> None:
        typed = (box.value or "").strip().upper()
        if typed:
            go(ctx, f"/services/track/{typed}")

    box.on_submit = follow
    return readable(
        [
            ft.Text(
                _(
                    "Type the code on your receipt to see where your dossier stands. "
                    "No need to sign in."
                )
            ),
            box,
            ft.FilledButton(
                key="track-follow", content=_("Follow"), icon=ft.Icons.SEARCH, on_click=follow
            ),
        ],
        key="services-track-lookup",
    )


async def build_tracked(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return where a dossier stands, for anyone with its code (no personal data)."""
    try:
        dossier = await ctx.api.resource(ServicesResource).track(code=params.get("code", ""))
    except NotFoundError:
        return readable([ft.Text(ctx._("No dossier has this code."), key="track-unknown")])
    except HueAPIError as error:
        return error_screen(ctx, error)
    return readable(
        [
            receipt(ctx, dossier, await public_base_url(ctx)),
            *result_notice(ctx, dossier),
            heading(ctx._("Progress")),
        ]
        + [timeline(ctx, dossier.timeline)],
        key="services-tracked",
    )
