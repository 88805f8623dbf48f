"""News categories in plain words."""

from __future__ import annotations

from hue_s.app.i18n import N_

CATEGORY_NAMES = {
    "announcement": N_("Announcements"),
    "traffic": N_("Traffic"),
    "health": N_("Health"),
    "environment": N_("Environment"),
    "culture": N_("Culture and tourism"),
    "education": N_("Education"),
    "other": N_("Other news"),
}
PUBLISHER_ROLES = frozenset({"operator", "admin", "officer"})
"""Who may publish; officers for their own ward only (the backend holds them to it)."""
