"""Why the ward office refused a dossier, by the error code the backend gives: the same words
whether the citizen filed it online or an officer at the office."""

from __future__ import annotations

from hue_s.app.i18n import N_

REFUSALS = {
    "form_invalid": N_("Some answers were not accepted."),
    "document_missing": N_("A required document is missing."),
    "unknown_document": N_("A document is not one this procedure asks for."),
    "unknown_ward": N_("The ward office was not found."),
    "not_online": N_("This procedure cannot be filed online any more."),
}
