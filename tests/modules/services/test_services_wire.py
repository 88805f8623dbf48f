"""services.wire is one import for other modules, though its models live in several files: the
surveys distribution (a third-party module) imports its form check from there, and may reach
services through nothing else."""

from __future__ import annotations

import ast
from pathlib import Path

import hue_s.modules.services.wire as wire

ROOT = Path(__file__).resolve().parents[3]


def test_what_other_modules_import_from_the_wire_is_there() -> None:
    wanted: set[str] = set()
    for path in [*ROOT.glob("examples/*/hue_s_*/**/*.py"), *ROOT.glob("hue_s/modules/*/**/*.py")]:
        if "/build/" in path.as_posix() or "/modules/services/" in path.as_posix():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "hue_s.modules.services.wire":
                wanted |= {alias.name for alias in node.names}
    assert {"FormField", "Option", "form_problems"} <= wanted  # the surveys distribution's
    assert [name for name in sorted(wanted) if not hasattr(wire, name)] == []


def test_every_name_the_wire_exports_is_defined() -> None:
    assert [name for name in wire.__all__ if not hasattr(wire, name)] == []
    assert wire.form_problems.__module__ == "hue_s.modules.services.wire.forms"
