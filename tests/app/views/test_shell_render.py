"""Overlapping renders of the shell: the one started last is the one shown.

A report delivered while its screen was being drawn stayed "Đang gửi…" beside its received
copy: the redraw that began before the delivery finished after the one that began after it.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest

from hue_s.app.views import shell as shell_module
from hue_s.app.views.shell import Shell


class Page(SimpleNamespace):
    """What render touches of a page: its route, width, views and update."""

    def update(self) -> None:
        """Count the updates sent."""
        self.updates += 1


@pytest.fixture
def slow_then_fast(monkeypatch: pytest.MonkeyPatch) -> tuple[Shell, list[asyncio.Event]]:
    """A shell whose first route body waits for a go-ahead and whose second is at once."""
    gates = [asyncio.Event(), asyncio.Event()]
    gates[1].set()
    built: list[int] = []

    async def home(ctx: Any) -> ft.Control:
        return ft.Text("home")

    async def route_body(self: Shell, route: str, path: str) -> tuple[str, ft.Control]:
        number = len(built)
        built.append(number)
        await gates[number].wait()
        return "Reports", ft.Text(f"render {number}")

    async def view(self: Shell, route: str, body: ft.Control, title: str) -> ft.View:
        return ft.View(route=route, controls=[body], data=ft.Column([body]))

    monkeypatch.setattr(shell_module, "build_home", home)
    monkeypatch.setattr(Shell, "_route_body", route_body)
    monkeypatch.setattr(Shell, "_view", view)
    page = Page(route="/incidents", width=390, views=[], updates=0)
    ctx: Any = SimpleNamespace(page=page, _=str)
    return Shell(ctx), gates


async def test_a_render_that_started_first_and_ends_last_does_not_replace_the_newer(
    slow_then_fast: tuple[Shell, list[asyncio.Event]],
) -> None:
    shell, gates = slow_then_fast
    older = asyncio.create_task(shell.render())
    await asyncio.sleep(0)  # the older render is now waiting for its body
    await shell.render()  # the newer one, drawn from newer state, is shown
    gates[0].set()
    await older
    shown = shell.page.views[-1].controls[0]
    assert shown.value == "render 1"
    assert shell.page.updates == 1
    assert shell._scroll_body is shell.page.views[-1].data
