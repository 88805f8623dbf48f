"""A kiosk starting: it needs the city's backend, and forgets visits a crash cut short."""

from __future__ import annotations

from pathlib import Path

import pytest

from hue_s.app.config import AppConfig
from hue_s.app.device.scratch import new_scratch_dir
from hue_s.app.run import AppStartError, backend_for, open_store
from hue_s.app.state.store import Store, default_store_path


def test_a_kiosk_refuses_to_embed_the_backend(tmp_path: Path) -> None:
    config = AppConfig(kiosk=True, data_dir=tmp_path / "data")
    with pytest.raises(AppStartError, match="--backend URL"), backend_for(config):
        pass
    assert not (tmp_path / "data" / "hue-s.db").exists()  # no visitor's account lands here


def test_a_kiosk_forgets_the_visits_a_crash_cut_short(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Store(default_store_path(data_dir)) as store:  # a kiosk killed in the middle of visits
        for device in ("kiosk-1f0c", "kiosk-77aa", "a-phone"):
            store.drafts.put(device, "incidents.new", {"description": "CANARY"})
            store.outbox.enqueue(device, kind="incident", payload={"text": "CANARY"})

    photo = new_scratch_dir(data_dir) / "photo.jpg"  # and its photos before upload
    photo.write_bytes(b"CANARY")

    with open_store(AppConfig(data_dir=data_dir)) as store:  # not a kiosk: leaves them be
        assert store.query("SELECT COUNT(*) FROM drafts")[0][0] == 3
    assert photo.exists()

    with open_store(AppConfig(kiosk=True, data_dir=data_dir)) as store:
        assert [row[0] for row in store.query("SELECT device_id FROM drafts")] == ["a-phone"]
        assert [row[0] for row in store.query("SELECT device_id FROM outbox")] == ["a-phone"]
    assert (data_dir / "app-state.sqlite3").read_bytes().count(b"CANARY") == 2  # a-phone's
    assert not photo.parent.exists()
