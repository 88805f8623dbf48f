"""What the distribution's tests share: the clock's time and two seeded wards."""

from __future__ import annotations

from datetime import UTC, datetime

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
WARD, OTHER_WARD = "19753", "19813"
"""Phường Phú Xuân and Phường Thủy Xuân."""
