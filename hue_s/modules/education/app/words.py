"""The education module's words: school levels."""

from __future__ import annotations

from hue_s.app.i18n import N_

LEVEL_NAMES = {
    "preschool": N_("Preschool"),
    "primary": N_("Primary school"),
    "lower_secondary": N_("Lower secondary (THCS)"),
    "upper_secondary": N_("Upper secondary (THPT)"),
    "higher": N_("University, college"),
    "other": N_("Other schools"),
}
