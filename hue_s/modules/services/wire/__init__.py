"""Wire models of public services, shared by the app and the backend, and the one form check.

Other modules reach services through this package only (the surveys distribution checks its
answers with `form_problems`), so every name stays importable from here:
`from hue_s.modules.services.wire import form_problems`. Procedures (`procedures.py`), dossiers
and the staff's steps (`dossiers.py`), forms and their check (`forms.py`); `form_json_schema`
gives the same form rules as a JSON Schema (draft 2020-12) document.
"""

from __future__ import annotations

from hue_s.modules.services.wire.base import Wire
from hue_s.modules.services.wire.dossiers import (
    DOCUMENT_TYPES,
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENTS,
    NOTE_REQUIRED,
    STAFF_ACTIONS,
    Answers,
    Dossier,
    DossierDocument,
    DossierStatus,
    StaffAction,
    TimelineEntry,
    TrackedDossier,
    allowed_actions,
)
from hue_s.modules.services.wire.forms import (
    ISO_DATE,
    MAX_ITEMS,
    NUMBER,
    Condition,
    FieldKind,
    FormField,
    Option,
    check_conditions,
    form_problems,
    group_problems,
    shown,
    value_problem,
)
from hue_s.modules.services.wire.procedures import (
    ISO_DAYS,
    Audience,
    Channel,
    ChannelKind,
    Evidence,
    Fee,
    Procedure,
    ProcedureSummary,
    Topic,
    Topics,
    fold,
    working_days,
)

__all__ = [
    "Answers",
    "Audience",
    "Channel",
    "ChannelKind",
    "Condition",
    "DOCUMENT_TYPES",
    "Dossier",
    "DossierDocument",
    "DossierStatus",
    "Evidence",
    "Fee",
    "FieldKind",
    "FormField",
    "ISO_DATE",
    "ISO_DAYS",
    "MAX_DOCUMENTS",
    "MAX_DOCUMENT_BYTES",
    "MAX_ITEMS",
    "NOTE_REQUIRED",
    "NUMBER",
    "Option",
    "Procedure",
    "ProcedureSummary",
    "STAFF_ACTIONS",
    "StaffAction",
    "TimelineEntry",
    "Topic",
    "Topics",
    "TrackedDossier",
    "Wire",
    "allowed_actions",
    "check_conditions",
    "fold",
    "form_problems",
    "group_problems",
    "shown",
    "value_problem",
    "working_days",
]
