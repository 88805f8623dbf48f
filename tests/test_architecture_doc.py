"""docs/ARCHITECTURE.md's tree ("The shape") names only what exists, and every package."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ARCHITECTURE.md"
DESCRIPTION_COLUMN = 24  # lines indented this far continue the description above them
NAME = re.compile(r"[\w.-]+/?")


def tree_lines() -> list[str]:
    """Return the lines of the fenced block that follows the "## The shape" heading."""
    text = DOC.read_text(encoding="utf-8")
    block = text.split("## The shape", 1)[1].split("```", 2)[1]
    return [line for line in block.splitlines() if line.strip()]


def listed_paths() -> list[Path]:
    """Return every path the tree names, from its indentation (two spaces a level)."""
    parents: list[str] = []
    paths = []
    for line in tree_lines():
        indent = len(line) - len(line.lstrip(" "))
        if indent >= DESCRIPTION_COLUMN:
            continue
        assert indent % 2 == 0, f"odd indentation: {line!r}"
        match = NAME.match(line.lstrip(" "))
        assert match, f"no file or folder name: {line!r}"
        depth = indent // 2
        assert depth <= len(parents), f"too deep for its parent: {line!r}"
        del parents[depth:]
        name = match.group()
        paths.append(ROOT.joinpath(*parents, name.rstrip("/")))
        if name.endswith("/"):
            parents.append(name.rstrip("/"))
    return paths


def packages() -> list[Path]:
    """Return every package of hue_s (a folder with an __init__.py), but revision folders."""
    found = [init.parent for init in (ROOT / "hue_s").rglob("__init__.py")]
    return sorted(path for path in found if path.name != "versions")


def test_every_path_in_the_tree_exists() -> None:
    missing = [str(path.relative_to(ROOT)) for path in listed_paths() if not path.exists()]
    assert not missing, f"docs/ARCHITECTURE.md names what does not exist: {missing}"


def test_every_package_is_in_the_tree() -> None:
    listed = set(listed_paths())
    absent = [str(path.relative_to(ROOT)) for path in packages() if path not in listed]
    assert not absent, f"docs/ARCHITECTURE.md's tree leaves out: {absent}"
