"""The web client's build: a name for its files' current versions, and the page that uses it.

Flutter's files have the same names in every version. The page is changed to ask for the
engine, the app's code and its assets under `/_v/<build>/` instead, a name made from the
sizes and times of every file served (and what `web_static.py` rewrites in them): a new
version has a new name, so those answers may be cached for a year without asking again; the
page itself is always revalidated.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

VERSIONED = "/_v/"
# Flet writes these into the page: where Flutter loads its code, engine and assets from.
BASE_URLS = re.compile(rb'(flet\.(?:entrypointBaseUrl|assetBase|canvasKitBaseUrl)\s*=\s*")/')
LOCAL_SCRIPTS = re.compile(rb'(<script\s+src=")(?![a-z][a-z0-9+.-]*:|/)', re.I)
# Flutter downloads every font of its font list before the first frame. Flet's client lists the
# KaTeX fonts (LaTeX in Markdown) and Cupertino icons; Hue-S shows neither: 0.47 MB gzipped.
UNUSED_FONTS = ("packages/flutter_math_fork/", "packages/cupertino_icons/")


def build_name(roots: Iterable[Path]) -> str:
    """Name the files under `roots` as they are now: any change of one gives a new name."""
    digest = hashlib.sha256(repr(UNUSED_FONTS).encode())
    for root in roots:
        for folder, _, names in sorted(os.walk(root)):
            for name in sorted(names):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]


def unversioned(path: str) -> tuple[str, str | None]:
    """Split `/_v/<build>/rest` into (`/rest`, build); other paths have no build."""
    if not path.startswith(VERSIONED):
        return path, None
    build, _, rest = path[len(VERSIONED) :].partition("/")
    return "/" + rest, build


def versioned_page(page: bytes, build: str) -> bytes:
    """Point the page's code, engine, assets and local scripts at this build's names."""
    prefix = f"{VERSIONED}{build}/".encode()
    page = BASE_URLS.sub(lambda found: found[1] + prefix, page)
    return LOCAL_SCRIPTS.sub(lambda found: found[1] + prefix, page)


def trim_font_manifest(data: bytes) -> bytes:
    """Drop the font families Hue-S never shows from Flutter's font list."""
    families = json.loads(data)
    kept = [
        family
        for family in families
        if not all(font["asset"].startswith(UNUSED_FONTS) for font in family.get("fonts", []))
    ]
    return json.dumps(kept).encode()
