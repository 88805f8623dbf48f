"""The health module's words: kinds, what places offer, open or not."""

from __future__ import annotations

from hue_s.app.i18n import N_

KIND_NAMES = {
    "hospital": N_("Hospital"),
    "clinic": N_("Clinic"),
    "doctors": N_("Doctor's practice"),
    "dentist": N_("Dentist"),
    "pharmacy": N_("Pharmacy"),
}
KIND_PLURALS = {
    "hospital": N_("Hospitals"),
    "clinic": N_("Clinics"),
    "doctors": N_("Doctors"),
    "dentist": N_("Dentists"),
    "pharmacy": N_("Pharmacies"),
}
OFFER_NAMES = {
    "pharmacy": N_("Medicines"),
    "family_medicine": N_("Family medicine"),
    "medicine": N_("General medicine"),
    "emergency": N_("Emergency care"),
}
OPEN_NOW = N_("Open now")
CLOSED_NOW = N_("Closed now")
HOURS_UNKNOWN = N_("Hours not known")


def open_words(open_now: bool | None) -> str:
    """Return the marker of a place's state now: open, closed, or not known (never guessed)."""
    return {True: OPEN_NOW, False: CLOSED_NOW}.get(open_now, HOURS_UNKNOWN)  # type: ignore[arg-type]
