"""Phone calls: a tel: link the platform hands to its dialler (or the browser to its handler)."""

from __future__ import annotations

import flet as ft

HOTLINE = "19001075"
EMERGENCY_NUMBERS = ("113", "114", "115")


def tel_url(number: str) -> str:
    """Return the tel: URL of a phone number, keeping only digits and a leading +."""
    cleaned = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    if not cleaned:
        raise ValueError("a phone number needs digits")
    return f"tel:{cleaned}"


async def dial(number: str) -> None:
    """Ask the platform to call `number` (the dialler on phones, the tel: handler elsewhere)."""
    await ft.UrlLauncher().launch_url(tel_url(number))
