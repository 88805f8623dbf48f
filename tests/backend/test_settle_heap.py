"""The standalone server leaves its start-up heap out of the collector's full passes."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import uvicorn

from hue_s.backend.config import BackendSettings
from hue_s.backend.server import serve


def test_serve_freezes_the_start_up_heap_before_it_serves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen_when_serving: list[int] = []

    def run(_server: uvicorn.Server, sockets: object = None) -> None:
        """Note what the collector leaves out, instead of serving."""
        frozen_when_serving.append(gc.get_freeze_count())

    monkeypatch.setattr(uvicorn.Server, "run", run)
    try:
        serve(BackendSettings(data_dir=tmp_path), port=0)
    finally:
        gc.unfreeze()
    assert frozen_when_serving[0] > 10_000  # modules, app, schemas: not a handful of objects
