"""A map inside a scrolling screen holds still until asked to move, as phone apps' maps do.

A finger dragging over a map (or a mouse wheel over it) moved the map instead of the page,
and on a phone a map can fill the screen: the page could not be scrolled past it. Taps still
reach the map (to place a report, draw an area).
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft
import flet_map as fm

STILL = fm.InteractionConfiguration(flags=fm.InteractionFlag(0))
MOVING = fm.InteractionConfiguration(flags=fm.InteractionFlag.ALL)


def held_map(
    map_control: fm.Map, control: ft.Control, translate: Callable[[str], str]
) -> ft.Control:
    """Return `control` (showing `map_control`) above a button that lets the map move or not."""
    _ = translate
    map_control.interaction_configuration = STILL
    button = ft.TextButton(key=f"{map_control.key}-move", icon=ft.Icons.PAN_TOOL)

    def show(moving: bool) -> None:
        button.content = _("Stop moving the map") if moving else _("Move or zoom the map")
        button.data = moving

    def toggle(event: ft.Event[ft.TextButton]) -> None:
        moving = not button.data
        map_control.interaction_configuration = MOVING if moving else STILL
        show(moving)
        map_control.update()
        button.update()

    show(False)
    button.on_click = toggle
    return ft.Column(
        [control, ft.Row([button], alignment=ft.MainAxisAlignment.END, wrap=True)],
        spacing=0,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
