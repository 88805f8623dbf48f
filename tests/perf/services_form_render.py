"""Filing form render time in the browser: navigation to the largest form's last field shown.

    python3 tests/perf/services_form_render.py [--runs 5] [--fields 60] [--size 1280x800]

Starts the app as the README runs it (web client, no CDN, its own data folder and database),
adds to that database only a generated procedure whose online form has `--fields` questions
(text, dates, choices of four, numbers; the seed's largest real form is much smaller), signs a
citizen in, and then, in one Chromium page, goes round: the services home -> the generated
procedure's filing screen -> the home -> the largest real form's filing screen. Each move is a
navigation inside the running app (the address changes as a link would change it: pushState and
popstate, which Flutter turns into a route change the server draws), timed in the page with
`performance.now()` from the navigation to the first frame whose semantics tree holds the last
field's label (a filing screen) or the home's own words (the floor: the time to draw the small
services home, measured in the same run). Prints every run, median and p90 of each, and the
issue's goal (< 500 ms for the largest form). It asserts nothing: a benchmark prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.e2e import harness  # noqa: E402
from tests.e2e.accounts_steps import BACKEND_URL, app_server_with, full_output  # noqa: E402
from tests.e2e.conftest import AppPage  # noqa: E402
from tests.e2e.incidents_steps import sign_in_at  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Page

GENERATED = "9.999060.000.00.00.H57"
"""The generated procedure's code (only ever in this script's own database)."""
GENERATED_FORM = "perf_generated"
BIRTH = "1.001193.000.00.00.H57"
"""The procedure the generated one copies (its steps, documents, channels)."""
HOME_WORDS = "Theo sự kiện"
"""A line of the services home: the floor's end."""
CITIZEN = "0905 123 760"
TIMEOUT_MS = 30_000
GOAL_MS = 500.0

NAVIGATE_JS = """
(path) => {
  const start = performance.now();
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate', {state: null}));
  return start;
}
"""
# Polled every animation frame: performance.now() once a semantics node carries `text` as one
# of its label lines (an <input>'s aria-label, a node's own text; an optional field's label is
# followed by "(không bắt buộc)"), else null.
SHOWN_AT_JS = """
(text) => {
  for (const el of document.querySelectorAll('flt-semantics, input, textarea')) {
    const own = Array.from(el.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE || (n.nodeType === Node.ELEMENT_NODE
        && !['FLT-SEMANTICS', 'INPUT', 'TEXTAREA'].includes(n.tagName)))
      .map((n) => n.textContent).join('');
    const lines = (own + '\\n' + (el.getAttribute('aria-label') || '')).split('\\n');
    if (lines.map((l) => l.trim()).some((l) => l === text || l.startsWith(text + ' ('))) {
      return performance.now();
    }
  }
  return null;
}
"""


def generated_form(count: int) -> dict[str, Any]:
    """Return a form of `count` questions: text, date, a choice of four and number in turn."""
    kinds = ("text", "date", "choice", "number")
    words = {"text": "họ và tên", "date": "ngày cấp", "choice": "lựa chọn", "number": "số lượng"}
    fields = []
    for index in range(1, count + 1):
        kind = kinds[(index - 1) % len(kinds)]
        label = f"Câu {index:02d}: {words[kind]}"
        field: dict[str, Any] = {
            "name": f"q{index:02d}_{kind}",
            "kind": kind,
            "label": {"vi": label, "en": f"Question {index:02d}: {kind}"},
            "required": index % 3 != 0,
        }
        if kind == "text":
            field["max_length"] = 100
        if kind == "choice":
            field["options"] = [
                {"value": f"o{n}", "label": {"vi": f"Phương án {n}", "en": f"Option {n}"}}
                for n in range(1, 5)
            ]
        if kind == "number":
            field |= {"minimum": 0, "maximum": 1000}
        fields.append(field)
    return {"fields": fields}


def database_of(data_dir: Path) -> Path:
    """Return the app's embedded backend database in its data folder."""
    for path in sorted(data_dir.rglob("*")):
        if (
            path.suffix in (".sqlite3", ".sqlite", ".db")
            and b"services_procedures" in (path.read_bytes()[:2_000_000])
        ):
            return path
    raise SystemExit(f"no database with services_procedures under {data_dir}")


def add_generated_procedure(database: Path, fields: int) -> None:
    """Insert the generated procedure and its form into the app's own database."""
    with sqlite3.connect(database) as db:
        (birth,) = db.execute(
            "SELECT document FROM services_procedures WHERE code = ?", (BIRTH,)
        ).fetchone()
        document = json.loads(birth)
        document |= {
            "code": GENERATED,
            "name": {
                "vi": f"Thủ tục thử hiệu năng ({fields} câu hỏi)",
                "en": f"Performance test procedure ({fields} questions)",
            },
            "form": GENERATED_FORM,
        }
        (last,) = db.execute("SELECT max(position) FROM services_procedures").fetchone()
        db.execute(
            "INSERT INTO services_procedures (code, position, document) VALUES (?, ?, ?)",
            (GENERATED, last + 1, json.dumps(document, ensure_ascii=False)),
        )
        db.execute(
            "INSERT INTO services_catalogue_parts (kind, code, document) VALUES ('form', ?, ?)",
            (GENERATED_FORM, json.dumps(generated_form(fields), ensure_ascii=False)),
        )


def count_fields(form: list[dict[str, Any]]) -> int:
    """Return how many questions a form asks (a group's own questions counted)."""
    return sum(1 + count_fields(field.get("fields") or []) for field in form)


def last_label(form: list[dict[str, Any]]) -> str:
    """Return the label of the form's last question shown on a fresh form (a group's last, if
    it ends with one; a question shown only after some answer is left out)."""
    last = [field for field in form if not field.get("shown_when")][-1]
    return last_label(last["fields"]) if last.get("fields") else str(last["label"])


def largest_forms(backend: str) -> list[tuple[int, str, str, str]]:
    """Return (questions, code, name, last label) of each online procedure, largest first."""
    found = []
    headers = {"Accept-Language": "vi"}
    for item in httpx.get(f"{backend}/api/v1/services/procedures", headers=headers).json():
        page = httpx.get(
            f"{backend}/api/v1/services/procedures/{item['code']}", headers=headers
        ).json()
        if page.get("online") and page.get("form"):
            form = page["form"]
            found.append((count_fields(form), page["code"], page["name"], last_label(form)))
    return sorted(found, reverse=True)


def navigate(page: Page, path: str, shown: str) -> float:
    """Go to `path` inside the running app; return ms until `shown` is in the semantics tree."""
    from playwright.sync_api import Error as PlaywrightError

    start = float(page.evaluate(NAVIGATE_JS, path))
    try:
        handle = page.wait_for_function(SHOWN_AT_JS, arg=shown, polling="raf", timeout=TIMEOUT_MS)
    except PlaywrightError as error:
        shot = harness.ARTIFACTS_DIR / "perf" / "FAILED-services-form-render.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot))
        lines = harness.semantic_texts(page)[-15:]
        raise RunError(
            f"{path}: {shown!r} never shown ({error})\n  last lines: {lines}\n  {shot}"
        ) from None
    return float(handle.json_value()) - start


class RunError(RuntimeError):
    """A navigation never showed what it should."""


def p90(samples: list[float]) -> float:
    """Return the 90th percentile (linear interpolation between the closest ranks)."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=10, method="inclusive")[8]


def parse_size(text: str) -> tuple[int, int]:
    """Parse WIDTHxHEIGHT."""
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured rounds (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured rounds first")
    parser.add_argument("--fields", type=int, default=60, help="questions of the generated form")
    parser.add_argument("--size", type=parse_size, default=(1280, 800), help="viewport WxH")
    args = parser.parse_args(argv)
    reason = harness.browser_missing_reason()
    if reason is not None:
        print(f"form render benchmark cannot run: {reason}", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="hue-s-perf-form-") as tmp:
        data = Path(tmp) / "data"
        server = app_server_with(data, name="hue-s")
        try:
            server.start()  # once, so that the database is made and migrated
            server.stop()
            add_generated_procedure(database_of(data), args.fields)
            started = time.monotonic()
            server.start()
            print(f"hue-s: serving {server.url} ({time.monotonic() - started:.1f} s)")
            forms = largest_forms(BACKEND_URL.findall(full_output(server))[-1])  # this start's
            generated = next(f for f in forms if f[1] == GENERATED)
            real = next(f for f in forms if f[1] != GENERATED)
            for questions, code, name, last in (generated, real):
                print(f"  {name} ({code}): {questions} questions, last {last!r}")
            samples: dict[str, list[float]] = {"generated": [], "real": [], "home": []}
            with sync_playwright() as driver:
                browser = harness.launch_chromium(driver)
                size = {"width": args.size[0], "height": args.size[1]}
                context = browser.new_context(viewport=size)  # type: ignore[arg-type]
                context.set_default_timeout(TIMEOUT_MS)
                app = AppPage(context.new_page(), server, "perf-form")
                sign_in_at(app, "/services", CITIZEN)
                app.wait_for_text(HOME_WORDS)
                print(f"Chromium {browser.version}, viewport {args.size[0]}x{args.size[1]}")
                for round_ in range(args.warmup + args.runs):
                    measured = round_ >= args.warmup
                    label = f"run {round_ - args.warmup + 1}" if measured else "warm-up"
                    for key, (_n, code, _name, last) in (("generated", generated), ("real", real)):
                        form_ms = navigate(app.page, f"/services/file/{code}", last)
                        home_ms = navigate(app.page, "/services", HOME_WORDS)
                        print(
                            f"  {label:8} {key:9} form {form_ms:6.0f} ms   home {home_ms:6.0f} ms"
                        )
                        if measured:
                            samples[key].append(form_ms)
                            samples["home"].append(home_ms)
                browser.close()
        except (harness.ServerError, sqlite3.Error, RunError) as error:
            print(f"form render benchmark: {error}", file=sys.stderr)
            return 2
        finally:
            server.stop()

    print()
    print(f"Navigation to the last field shown, {args.runs} runs (goal < {GOAL_MS:.0f} ms):")
    rows = (
        ("generated", f"generated form, {generated[0]} questions"),
        ("real", f"largest real form, {real[0]} questions"),
        ("home", "floor: the services home"),
    )
    for key, name in rows:
        values = samples[key]
        print(f"  {name:38} median {statistics.median(values):6.0f} ms  p90 {p90(values):6.0f} ms")
    worst = p90(samples["generated"])
    floor = statistics.median(samples["home"])
    print(
        f"  generated form / floor (medians): "
        f"{statistics.median(samples['generated']) / floor:.1f}x; "
        f"p90 {worst:.0f} ms: {'WITHIN GOAL' if worst < GOAL_MS else 'OVER GOAL'}"
    )
    print(f"  load average {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs; noisy when busy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
