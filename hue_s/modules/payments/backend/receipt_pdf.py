"""The receipt (biên lai) of a paid payment as a PDF: Roboto embedded (it draws every Vietnamese
letter), the amount in figures and in words, the references, and a QR code that verifies it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

import segno
from num2words import num2words

from hue_s.hue_time import HUE_TIME
from hue_s.kit.pdf import FactStyle, new_document, write_facts
from hue_s.modules.payments.pages import N_, translator, vnd

SCALES = ("", " nghìn", " triệu", " tỷ")
"""The Vietnamese names of the groups of three digits, from the units up."""


def amount_in_words(amount_vnd: int) -> str:
    """Return whole đồng in Vietnamese words as a receipt writes them ("Một nghìn không trăm
    lẻ năm đồng"): num2words spells each group of three digits; a group after the first that
    lacks hundreds reads "không trăm" (and "lẻ" before a lone unit), as banks and forms do."""
    if amount_vnd <= 0:
        raise ValueError("a receipt's amount is positive")
    groups: list[int] = []
    rest = amount_vnd
    while rest:
        rest, group = divmod(rest, 1000)
        groups.append(group)
    if len(groups) > len(SCALES):
        spoken = num2words(amount_vnd, lang="vi")
    else:
        words = []
        for place in range(len(groups) - 1, -1, -1):
            group = groups[place]
            if not group:
                continue
            said = num2words(group, lang="vi")
            if place < len(groups) - 1 and group < 100:
                said = ("không trăm lẻ " if group < 10 else "không trăm ") + said
            words.append(said + SCALES[place])
        spoken = " ".join(words)
    return spoken[0].upper() + spoken[1:] + " đồng"


@dataclass(frozen=True)
class ReceiptFacts:
    """What a receipt shows."""

    payer: str
    description: str
    amount_vnd: int
    txn_ref: str
    transaction_no: str
    paid_at: datetime
    verify_url: str
    city: str
    language: str = "vi"
    refunded_vnd: int | None = None
    """What was given back, once refunded."""


def qr_png(text: str) -> bytes:
    """Return a QR code of `text` as PNG bytes (black on white, with its quiet zone)."""
    output = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        output, kind="png", scale=8, border=4, dark="black", light="white"
    )
    return output.getvalue()


def receipt_pdf(facts: ReceiptFacts) -> bytes:
    """Return the receipt as a one-page A5 PDF in the receipt's language."""
    _ = translator(facts.language)
    pdf = new_document(_(N_("Receipt")) + " " + facts.txn_ref, facts.paid_at, (148, 210), 12)
    pdf.set_font("Roboto", "B", 16)
    pdf.cell(0, 10, _(N_("Payment receipt")), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Roboto", "", 9)
    pdf.cell(0, 5, f"Hue-S · {facts.city}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    when = facts.paid_at.astimezone(HUE_TIME).strftime("%H:%M %d/%m/%Y") + " (GMT+7)"
    rows = [
        (_(N_("Payer")), facts.payer),
        (_(N_("For")), facts.description),
        (_(N_("Amount")), vnd(facts.amount_vnd, facts.language)),
        (_(N_("In words")), amount_in_words(facts.amount_vnd)),
        (_(N_("Transaction reference")), facts.txn_ref),
        (_(N_("Gateway transaction")), facts.transaction_no),
        (_(N_("Paid at")), when),
    ]
    if facts.refunded_vnd:
        rows.append((_(N_("Refunded")), vnd(facts.refunded_vnd, facts.language)))
    write_facts(pdf, rows, FactStyle(label_pt=9, value_pt=11, line_mm=6, gap_mm=1.5))
    size = 40
    top = pdf.get_y() + 2
    pdf.image(io.BytesIO(qr_png(facts.verify_url)), x=(pdf.w - size) / 2, y=top, w=size)
    pdf.set_y(top + size + 1)
    pdf.set_font("Roboto", "", 8)
    pdf.multi_cell(0, 4, _(N_("Scan to check this receipt:")) + " " + facts.verify_url, align="C")
    return bytes(pdf.output())
