"""Catalogue search with 2,000 procedures: p50 and p99 per query, against a floor.

    python3 tests/perf/services_search.py [--procedures 2000] [--rounds 200]

Builds the in-memory catalogue (`backend/catalogue.py`) from the frozen seed's twelve real
procedures, each copied with a new code and a numbered name until there are `--procedures`,
then times `Catalogue.search` (as the route calls it) and the writing of its answer as JSON
(the first 200 lines) for typed queries with and without
diacritics, English words and a filter. The floor, measured in the same run, is a bare scan of
the same 2,000 folded names for one substring: the ratio says what the word-start matching,
filters, ranking and building the answers cost over it. The issue's goal: p99 < 50 ms.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import time
from pathlib import Path

from pydantic import TypeAdapter

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hue_s.modules.services.backend.catalogue import (  # noqa: E402
    Catalogue,
    entry_of,
    topics_of,
)
from hue_s.modules.services.backend.routes.deps import PAGE  # noqa: E402
from hue_s.modules.services.wire import ProcedureSummary, fold  # noqa: E402

ANSWER = TypeAdapter(list[ProcedureSummary])
"""The route's answer: the first PAGE lines, written as JSON."""

SEED = (
    Path(__file__).resolve().parents[2]
    / "hue_s/modules/services/migrations/services_0001_procedures.json"
)
QUERIES = [
    ("khai sinh", {}),
    ("đăng ký kết hôn", {}),
    ("birth", {}),
    ("tam tru", {}),
    ("ho kinh doanh 1999", {}),
    ("", {"life_event": "moving-house"}),
    ("chung thuc", {"field_code": "chung-thuc"}),
]


def catalogue_of(count: int) -> Catalogue:
    """Return a catalogue of `count` procedures cloned from the seed."""
    data = json.loads(SEED.read_text(encoding="utf-8"))
    parts = {
        "field": {item["code"]: item for item in data["fields"]},
        "life_event": {item["code"]: item for item in data["life_events"]},
        "authority": {code: {"name": name} for code, name in data["authorities"].items()},
        "form": data["forms"],
    }
    catalogue = Catalogue()
    seeds = data["procedures"]
    for index in range(count):
        document = copy.deepcopy(seeds[index % len(seeds)])
        if index >= len(seeds):
            document["code"] = f"9.{index:06d}.000.00.00.H57"
            for language in ("vi", "en"):
                document["name"][language] += f" {index}"
        entry = entry_of(document, parts)
        catalogue.entries.append(entry)
        catalogue.by_code[document["code"]] = entry
    for language in ("vi", "en"):
        catalogue.topics[language] = topics_of(catalogue, parts, language)
    return catalogue


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Return p50 and p99 in milliseconds."""
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.99) - 1] * 1000


def main() -> None:
    """Print p50/p99 per query and the ratio of the median to the floor's."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    catalogue = catalogue_of(args.procedures)
    names = [fold(entry.pages["vi"].name) for entry in catalogue.entries]
    floor = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        _found = [name for name in names if "khai sinh" in name]
        floor.append(time.perf_counter() - start)
    floor_p50, floor_p99 = percentiles(floor)
    print(f"{args.procedures} procedures; floor (substring scan): p50 {floor_p50:.3f} ms")
    worst = 0.0
    for query, filters in QUERIES:
        samples = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            found = catalogue.search("vi", query, **filters)
            ANSWER.dump_json(found[:PAGE])
            samples.append(time.perf_counter() - start)
        p50, p99 = percentiles(samples)
        worst = max(worst, p99)
        label = query or str(filters)
        print(f"{label!r:28} {len(found):5} found  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  "
              f"x{p50 / floor_p50:5.1f} floor")  # fmt: skip
    print(f"worst p99 {worst:.2f} ms (goal < 50 ms): {'ok' if worst < 50 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
