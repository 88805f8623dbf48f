"""The module contract: nothing outside a module package imports the package's internals.

The officer workspace is the staff side of incidents, so it lives inside the incidents package
(`incidents/app/staff/`, a module with its own manifest) and may use incidents' internals.
"""

from __future__ import annotations

import ast
from pathlib import Path

from hue_s.app.modules import BUILTIN_MODULES, discover

HUE_S = Path(__file__).resolve().parents[4] / "hue_s"
MODULES = HUE_S / "modules"


def imported_names(path: Path) -> list[str]:
    """Return every module a Python file imports (absolute names)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def test_no_file_outside_a_module_package_imports_its_internals() -> None:
    packages = sorted(p.name for p in MODULES.iterdir() if (p / "app" / "__init__.py").exists())
    assert "incidents" in packages and "officer" not in packages
    crossings = []
    for path in HUE_S.rglob("*.py"):
        for package in packages:
            if path.is_relative_to(MODULES / package):
                continue
            prefix = f"hue_s.modules.{package}.app."
            crossings += [
                f"{path.relative_to(HUE_S)} imports {name}"
                for name in imported_names(path)
                if name.startswith(prefix)
            ]
    assert crossings == []


def test_the_officer_workspace_keeps_its_manifest_id_and_routes() -> None:
    assert "hue_s.modules.incidents.app.staff" in BUILTIN_MODULES
    officer = next(m for m in discover().manifests if m.id == "officer")
    assert [r.template for r in officer.routes] == [
        "/officer",
        "/officer/hotline",
        "/officer/cases/:id",
    ]
    assert discover(allow=frozenset({"officer"})).ids() == ["officer"]
