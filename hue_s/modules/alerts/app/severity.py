"""How severities look and read: colours, icons and translated names (CAP 1.2 values)."""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft

from hue_s.app.i18n import N_


@dataclass(frozen=True)
class SeverityStyle:
    """The colours, icon and name of one CAP severity."""

    name: str
    colour: str
    on_colour: str
    icon: ft.IconData


SEVERITY_STYLES: dict[str, SeverityStyle] = {
    "Extreme": SeverityStyle(N_("Extreme danger"), "#6A1B9A", "#FFFFFF", ft.Icons.CRISIS_ALERT),
    "Severe": SeverityStyle(N_("Severe"), "#C62828", "#FFFFFF", ft.Icons.WARNING),
    "Moderate": SeverityStyle(N_("Moderate"), "#EF6C00", "#FFFFFF", ft.Icons.WARNING_AMBER),
    "Minor": SeverityStyle(N_("Minor"), "#F9A825", "#000000", ft.Icons.INFO_OUTLINE),
    "Unknown": SeverityStyle(N_("Severity unknown"), "#546E7A", "#FFFFFF", ft.Icons.HELP_OUTLINE),
}
"""Extreme purple, Severe red, Moderate orange, Minor yellow: the usual warning ladder."""

URGENCY_NAMES = {
    "Immediate": N_("Act now"),
    "Expected": N_("Act within the hour"),
    "Future": N_("Act soon"),
    "Past": N_("No longer needed"),
    "Unknown": N_("Urgency unknown"),
}
CERTAINTY_NAMES = {
    "Observed": N_("Happening now"),
    "Likely": N_("Likely"),
    "Possible": N_("Possible"),
    "Unlikely": N_("Unlikely"),
    "Unknown": N_("Certainty unknown"),
}
THRESHOLD_NAMES = {
    "Minor": N_("All warnings"),
    "Moderate": N_("Moderate and worse"),
    "Severe": N_("Severe and extreme only"),
    "Extreme": N_("Extreme only"),
}


def severity_style(severity: str) -> SeverityStyle:
    """Return the style of a severity (Unknown's for values CAP does not define)."""
    return SEVERITY_STYLES.get(severity, SEVERITY_STYLES["Unknown"])
