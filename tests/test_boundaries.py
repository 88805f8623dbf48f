"""The host and the kernel never import a module package; migrations import no live code."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import hue_s
from hue_s.plugins import MODULE_PLUGINS

PACKAGE = Path(hue_s.__file__).parent
MODULE_PACKAGES = tuple(path.rsplit(".", 1)[0] for path in MODULE_PLUGINS.values())
"""The built-in modules' backend packages: hue_s.modules.<id>.backend."""
REVISIONS = PACKAGE / "backend" / "migrations" / "versions"


def module_name(path: Path) -> str:
    """Return the dotted name of a source file of the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path, source: str | None = None) -> Iterator[str]:
    """Yield every module a file (or `source` as if it were that file) imports, anywhere in
    it, relative imports made absolute."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    text = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            name = ".".join(part for part in (base, node.module or "") if part)
            yield name
            yield from (f"{name}.{alias.name}" for alias in node.names)


def inside(name: str, package: str) -> bool:
    """Return whether a dotted name is a package or lies inside it."""
    return name == package or name.startswith(package + ".")


def kernel_files() -> list[Path]:
    """Return the host's and kernel's sources: hue_s/*.py and hue_s/backend outside modules."""
    backend = PACKAGE / "backend"
    module_dirs = [PACKAGE.parent.joinpath(*name.split(".")) for name in MODULE_PACKAGES]
    found = sorted(PACKAGE.glob("*.py"))
    for path in sorted(backend.rglob("*.py")):
        if not any(path.is_relative_to(folder) for folder in (*module_dirs, REVISIONS)):
            found.append(path)
    return found


def module_imports_of(path: Path) -> list[str]:
    """Return what a file imports from a module package."""
    return sorted(
        {
            name
            for name in imported_names(path)
            for package in MODULE_PACKAGES
            if inside(name, package)
        }
    )


def test_the_kernel_files_are_found() -> None:
    names = {module_name(path) for path in kernel_files()}
    assert {
        "hue_s.plugins",
        "hue_s.backend.app",
        "hue_s.backend.kernel.models",
        "hue_s.backend.cli",
    } <= names
    assert {"hue_s.backend.accounts.deletion", "hue_s.backend.migrations.env"} <= names
    assert not any(inside(name, package) for name in names for package in MODULE_PACKAGES)


@pytest.mark.parametrize("path", kernel_files(), ids=lambda path: module_name(path))
def test_host_and_kernel_import_no_module(path: Path) -> None:
    assert module_imports_of(path) == [], "reach a module through its hooks (hue_s/hookspecs.py)"


def test_relative_imports_are_resolved() -> None:
    probe = PACKAGE / "backend" / "routers" / "health.py"
    assert module_name(probe) == "hue_s.backend.routers.health"
    source = "def later():\n    from ..incidents import models\n"
    resolved = list(imported_names(probe, source))
    assert "hue_s.backend.incidents.models" in resolved


MODULE_REVISIONS = sorted((PACKAGE / "modules").glob("*/migrations/*.py"))
"""The modules' own revisions (hue_s/modules/<id>/migrations)."""


@pytest.mark.parametrize(
    "path", sorted(REVISIONS.glob("*.py")) + MODULE_REVISIONS, ids=lambda path: path.stem
)
def test_migrations_import_nothing_from_hue_s_outside_them(path: Path) -> None:
    own = module_name(path).rsplit(".", 1)[0]
    live = sorted(
        name
        for name in imported_names(path)
        if inside(name, "hue_s")
        and not inside(name, "hue_s.backend.migrations")
        and not inside(name, own)
    )
    assert live == [], "freeze the data inside the revision (or a data file next to it)"


MODULE_ROOTS = {
    **{package.rsplit(".", 1)[-1]: package for package in MODULE_PACKAGES
       if not package.startswith("hue_s.modules.")},
    **{path.name: f"hue_s.modules.{path.name}" for path in sorted((PACKAGE / "modules").iterdir())
       if (path / "__init__.py").exists()},
}  # fmt: skip
"""Each module's own package, by id (hue_s/modules/<id>)."""


def public_names(root: str) -> tuple[str, ...]:
    """Return what another module may import of a module: its service and its wire models."""
    if root.startswith("hue_s.modules."):
        return (f"{root}.wire", f"{root}.backend.service")
    return (f"{root}.service",)


def module_files() -> list[tuple[str, Path]]:
    """Return each module's source files, with the module's root package."""
    return [
        (root, path)
        for root in MODULE_ROOTS.values()
        for path in sorted(PACKAGE.parent.joinpath(*root.split(".")).rglob("*.py"))
    ]


def reaches_inside(path: Path, root: str, source: str | None = None) -> list[str]:
    """Return what a file of module `root` imports from another module's internals."""
    others = [other for other in MODULE_ROOTS.values() if other != root]
    return sorted(
        {
            name
            for name in imported_names(path, source)
            for other in others
            if inside(name, other)
            and name != other
            and not any(inside(name, public) for public in public_names(other))
        }
    )


@pytest.mark.parametrize(("root", "path"), module_files(), ids=lambda v: getattr(v, "name", v))
def test_a_module_reaches_another_only_through_its_service_and_wire(root: str, path: Path) -> None:
    assert reaches_inside(path, root) == [], "import the other module's service.py or wire.py"


def test_the_module_boundary_check_catches_a_reach_inside() -> None:
    probe = PACKAGE / "modules" / "alerts" / "backend" / "help_cases.py"
    inside_source = "from hue_s.modules.incidents.backend.cases.reporting import file_incident\n"
    assert reaches_inside(probe, "hue_s.modules.alerts", inside_source) == [
        "hue_s.modules.incidents.backend.cases.reporting",
        "hue_s.modules.incidents.backend.cases.reporting.file_incident",
    ]
    public_source = "from hue_s.modules.incidents.backend.service import file_case\n"
    assert reaches_inside(probe, "hue_s.modules.alerts", public_source) == []


APP_PARTS = sorted(
    path
    for folder in (PACKAGE / "app", *(PACKAGE / "modules").glob("*/app"))
    for path in folder.rglob("*.py")
    if path != PACKAGE / "app" / "run.py"
)
"""The app's files and every module's app part; app/run.py alone starts the embedded backend."""


BACKEND_PARTS = sorted(
    path
    for folder in (PACKAGE / "backend", *(PACKAGE / "modules").glob("*/backend"))
    for path in folder.rglob("*.py")
)
"""The kernel's backend (with incidents) and every module's backend part."""


def is_part(name: str, side: str) -> bool:
    """Return whether a dotted name lies in a side ("app" or "backend"): hue_s.<side> or a
    module's hue_s.modules.<id>.<side>."""
    parts = name.split(".")
    return inside(name, f"hue_s.{side}") or (parts[:2] == ["hue_s", "modules"] and
                                             parts[3:4] == [side])  # fmt: skip


def imports_of_side(path: Path, side: str, source: str | None = None) -> list[str]:
    """Return what a file (or `source` as if it were that file) imports from a side."""
    return sorted({name for name in imported_names(path, source) if is_part(name, side)})


@pytest.mark.parametrize("path", APP_PARTS, ids=lambda path: module_name(path))
def test_an_app_part_never_imports_a_backend_part(path: Path) -> None:
    backend = imports_of_side(path, "backend")
    assert backend == [], "the app reaches the backend over HTTP (its typed client) only"


@pytest.mark.parametrize("path", BACKEND_PARTS, ids=lambda path: module_name(path))
def test_a_backend_part_never_imports_an_app_part(path: Path) -> None:
    app = imports_of_side(path, "app")
    assert app == [], "the backend runs without the app: use hue_s/backend (translations.py)"


def test_the_side_checks_catch_an_import_across() -> None:
    probe = PACKAGE / "modules" / "dashboard" / "backend" / "export.py"
    was = "from hue_s.app.i18n import N_, load_translations\n"
    assert imports_of_side(probe, "app", was) == [
        "hue_s.app.i18n",
        "hue_s.app.i18n.N_",
        "hue_s.app.i18n.load_translations",
    ]
    assert imports_of_side(probe, "app", "from ..app import view\n") == [
        "hue_s.modules.dashboard.app",
        "hue_s.modules.dashboard.app.view",
    ]
    kernel = (
        "from hue_s.backend.kernel.translations import N_\nimport hue_s.modules.dashboard.wire\n"
    )
    assert imports_of_side(probe, "app", kernel) == []
    view = PACKAGE / "modules" / "dashboard" / "app" / "view.py"
    assert imports_of_side(view, "backend", "from ..backend import routes\n") == [
        "hue_s.modules.dashboard.backend",
        "hue_s.modules.dashboard.backend.routes",
    ]
