"""Who may issue, update and cancel alerts: operators and admins."""

from __future__ import annotations

from hue_s.backend.accounts.deps import require_roles

operator_required = require_roles("operator", "admin")
"""FastAPI dependency: the signed-in operator or admin (401 signed out, 403 other roles)."""
