"""The PDF documents modules issue (a receipt, a result): Roboto embedded, labelled facts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

FONTS = Path(__file__).resolve().parents[1] / "assets" / "fonts"
"""Roboto (Apache-2.0): it draws every Vietnamese letter, which fpdf2's core fonts cannot."""


def new_document(
    title: str, created: datetime, page: str | tuple[float, float], margin: float
) -> FPDF:
    """Return a document of one page, dated and titled, with Roboto (regular, bold) embedded."""
    pdf = FPDF(format=page)
    pdf.set_creation_date(created)
    pdf.set_title(title)
    pdf.add_font("Roboto", "", str(FONTS / "Roboto-Regular.ttf"))
    pdf.add_font("Roboto", "B", str(FONTS / "Roboto-Bold.ttf"))
    pdf.set_margins(margin, margin, margin)
    pdf.add_page()
    return pdf


@dataclass(frozen=True)
class FactStyle:
    """How big labelled facts are drawn: label and value in points, line and gap in mm."""

    label_pt: float
    value_pt: float
    line_mm: float
    gap_mm: float


def write_facts(pdf: FPDF, rows: Sequence[tuple[str, str]], style: FactStyle) -> None:
    """Write each fact as its label, then its value in bold below (wrapped as needed)."""
    for label, value in rows:
        pdf.set_font("Roboto", "", style.label_pt)
        pdf.cell(0, 5, label, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Roboto", "B", style.value_pt)
        pdf.multi_cell(0, style.line_mm, value, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(style.gap_mm)
