"""The registry finds built-ins and installed third-party modules and honours the allow-list."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hue_s.app.modules import BUILTIN_MODULES, Manifest, discover
from hue_s.backend.config import BUILT_IN_MODULES
from hue_s.plugins import BUILT_IN, MODULE_PLUGINS

ROOT = Path(__file__).resolve().parents[3]
BUILTIN_IDS = [
    "incidents", "alerts", "services", "payments", "utilities", "air", "news", "health",
    "education", "officer", "dashboard",
]  # fmt: skip


@pytest.fixture(scope="module")
def heritage_installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Install the example third-party distribution into a folder and put it on sys.path."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(ROOT / "examples" / "hue-s-heritage")],
        check=True,
    )  # fmt: skip
    sys.path.insert(0, str(target))
    yield target
    sys.path.remove(str(target))
    sys.modules.pop("hue_s_heritage", None)


def test_builtins_are_listed_explicitly_in_home_order() -> None:
    registry = discover(builtins=BUILTIN_MODULES)
    assert [m.id for m in registry.manifests if m.id in BUILTIN_IDS] == BUILTIN_IDS


def test_the_one_list_of_built_ins_agrees_with_each_part() -> None:
    """Each built-in's app part declares the id the list gives it; its backend part is the
    plugin registered under that id; the backend knows the same ids."""
    for module in BUILT_IN:
        if module.app is not None:
            assert importlib.import_module(module.app).manifest.id == module.id
        assert MODULE_PLUGINS.get(module.id) == module.backend
    assert list(BUILT_IN_MODULES) == [module.id for module in BUILT_IN]
    assert len(set(BUILT_IN_MODULES)) == len(BUILT_IN)


def test_allow_list_hides_a_builtin() -> None:
    registry = discover(allow=frozenset({"incidents", "alerts"}))
    assert registry.ids() == ["incidents", "alerts"]


def test_third_party_distribution_appears(heritage_installed: Path) -> None:
    registry = discover()
    assert "heritage" in registry.ids()
    found = registry.find("/heritage")
    assert found is not None and found[0].id == "heritage"


def test_allow_list_applies_to_third_party_modules(heritage_installed: Path) -> None:
    assert "heritage" not in discover(allow=frozenset({"incidents"})).ids()


def test_routes_resolve_with_parameters() -> None:
    registry = discover()
    found = registry.find("/incidents/42")
    assert found is not None
    manifest, route, params = found
    assert (manifest.id, route.template, params) == ("incidents", "/incidents/:id", {"id": "42"})
    assert registry.find("/incidents/new")[1].template == "/incidents/new"  # type: ignore[index]
    assert registry.find("/nowhere") is None


def test_roles_limit_who_may_open_a_module() -> None:
    officer = next(m for m in discover().manifests if m.id == "officer")
    assert not officer.allows("guest") and not officer.allows("citizen")
    assert officer.allows("officer")
    incidents = next(m for m in discover().manifests if m.id == "incidents")
    assert incidents.allows("guest")


def test_a_module_without_a_manifest_is_refused() -> None:
    with pytest.raises(TypeError):
        discover(builtins=["hue_s.app.i18n"])
    assert isinstance(discover().manifests[0], Manifest)
