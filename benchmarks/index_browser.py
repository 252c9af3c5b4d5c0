"""Time the interactive ``pep-index`` in Chromium on a 2,000-proposal index.

Usage::

    python benchmarks/index_browser.py                 # N=2000, 7 repeats
    python benchmarks/index_browser.py --n 500 --repeat 11
    python benchmarks/index_browser.py --rebuild       # a fresh build, not an incremental one
    python benchmarks/index_browser.py --no-build --script old/pep-index.js

The project is ``generate.py``'s (the same proposals as ``run.py`` builds),
with what it lacks for the index's filters added to each header (a type, a
target release, a reviewer on every third proposal) and an index page whose
``pep-index`` shows every filter group: status, type, risk, person, target.
It is built once into ``--workdir`` and rebuilt incrementally on later runs
(Sphinx copies the current ``pep-index.js`` on every build; ``--rebuild`` after
changing the extension's Python).

The built site is served on a loopback port and loaded in Debian's headless
Chromium through Selenium, as ``tests/test_index_browser.py`` does. Every
figure is a ``performance.now()`` difference inside the page, from the action to
the next paint (``requestAnimationFrame`` and then a zero timeout: the frame
that shows the change has been rendered):

* start-up: from the script's first statement (its ``pep-index:start`` mark)
  to the first paint after it, on a fresh load, without and with a fragment
  that filters;
* a status chip pressed (2,000 rows to a few hundred) and pressed again (back
  to every row), each listing its first 50 rows (the script lists a long
  index's first matching rows, with "Show 50 more" and "Show all" after the
  table);
* one keystroke in the text box, measured twice: from the key to the paint,
  the typing pause of the script included, and the update alone (from the
  script's ``pep-index:update`` measure starting, once the pause ends, to the
  paint);
* a sort by a column (title, ascending and descending in turn);
* a person chip pressed and released;
* the "more" list of the person group opened and closed, and a letter typed
  into its search box;
* "Show 50 more" (rows 51 to 100 listed), and "Show all" on a fresh load,
  with a status chip pressed and released once every row is listed (shown in
  brackets: the cost a reader chooses, not the view an index opens with).

Medians (and the spread) over ``--repeat`` runs are printed with the page's
size, its rows and chips, and the load average: the machine may be shared.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import generate

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

#: Issue 18's targets, in milliseconds (medians).
TARGETS = {"start-up": 300.0, "interaction": 100.0}

FILTERS = "status, type, risk, person, target"
TYPES = ("Standards Track",) * 5 + ("Informational",) * 3 + ("Process",) * 2
TARGET_RELEASES = ("1.4", "1.5", "2.0", "2.1", "2.2", "3.0", "")

# -- the project ----------------------------------------------------------------


def project_files(n: int, seed: int) -> dict[str, str]:
    """generate.py's pep variant, with a type, target and reviewer in the headers."""
    site = generate.build_site(n, seed)
    renderer = generate.Renderer(site, "pep", frozenset(generate.OPTIONAL_DIRECTIVES))
    files = renderer.files()
    rng = random.Random(seed)
    names = sorted({name for p in site.proposals for name, _mail in p.authors})
    for p in site.proposals:
        extra = [f"   :type: {rng.choice(TYPES)}"]
        target = rng.choice(TARGET_RELEASES)
        if target:
            extra.append(f"   :target: {target}")
        if p.number % 3 == 0:
            extra.append(f"   :reviewers: {rng.choice(names)}")
        name = f"{p.docname}.rst"
        risk = re.search(r"^   :risk: .*$", files[name], flags=re.M)
        assert risk is not None, f"no :risk: in {name}"
        files[name] = (
            files[name][: risk.end()]
            + "".join("\n" + line for line in extra)
            + (files[name][risk.end() :])
        )
    files["index.rst"] = files["index.rst"].replace(
        ".. pep-index::\n", f".. pep-index::\n   :filters: {FILTERS}\n"
    )
    assert f":filters: {FILTERS}" in files["index.rst"], "generate.py writes no pep-index"
    return files


def build(args: argparse.Namespace) -> Path:
    """Write and build the project under ``--workdir``; the HTML output directory."""
    src = args.workdir / "src"
    out = args.workdir / "html"
    doctrees = args.workdir / "doctrees"
    if args.rebuild:
        shutil.rmtree(args.workdir, ignore_errors=True)
    changed = generate.write_files(src, project_files(args.n, args.seed))
    fresh = not (out / "index.html").exists()
    print(
        f"building {args.n} proposals in {src} "
        f"({'fresh' if fresh else f'incremental, {len(changed)} files changed'}) ...",
        flush=True,
    )
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(args.jobs)]
    proc = subprocess.run(
        [*cmd, str(src), str(out), "-d", str(doctrees)], capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"sphinx-build failed:\n{proc.stderr}")
    warnings = [line for line in proc.stderr.splitlines() if "WARNING" in line]
    if warnings:
        raise SystemExit("the benchmark project has warnings:\n" + "\n".join(warnings[:20]))
    print(f"built in {time.perf_counter() - start:.0f} s", flush=True)
    return out


@contextmanager
def serve(outdir: Path) -> Iterator[str]:
    """*outdir* on a free loopback port (as tests/test_index_browser.py serves it)."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=outdir))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium with the options of the browser tests."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


# -- in the page ----------------------------------------------------------------

#: Installed before any page script runs: the paint after start-up, and a hook
#: on pushState (the last thing the script does after an update it commits) to
#: time the paint after a debounced keystroke.
HARNESS_JS = """
window.pepBench = {readyPaint: null, committed: null};
function pepNextPaint(callback) {
  requestAnimationFrame(() => setTimeout(() => callback(performance.now()), 0));
}
document.addEventListener('DOMContentLoaded', () => {
  pepNextPaint(t => { window.pepBench.readyPaint = t; });
});
const pushState = history.pushState;
history.pushState = function () {
  const result = pushState.apply(this, arguments);
  const hook = window.pepBench.committed;
  if (hook) { window.pepBench.committed = null; hook(performance.now()); }
  return result;
};
"""

#: Run the action (a function body in arguments[0]): [the time to the next
#: paint, the time to the paint once every row is shown]. The script shows a
#: long list of rows over several frames and marks "pep-index:shown" when done.
ACTION_JS = """
const done = arguments[arguments.length - 1];
const action = new Function(arguments[0]);
const rows = arguments[1];
const marks = () => performance.getEntriesByName('pep-index:shown').length;
const before = marks();
const t0 = performance.now();
action();
requestAnimationFrame(() => setTimeout(() => {
  const first = performance.now() - t0;
  if (!rows) return done([first, first]);
  (function all() {
    if (marks() > before) {
      requestAnimationFrame(() => setTimeout(() => done([first, performance.now() - t0]), 0));
    } else {
      requestAnimationFrame(all);
    }
  })();
}, 0));
"""

#: One keystroke: [to the paint, typing pause included; from the update to the paint].
KEYSTROKE_JS = """
const done = arguments[arguments.length - 1];
const text = arguments[0];
const input = document.querySelector('input.pep-index-query');
const before = performance.getEntriesByName('pep-index:update').length;
window.pepBench.committed = () => {
  requestAnimationFrame(() => setTimeout(() => {
    const end = performance.now();
    const updates = performance.getEntriesByName('pep-index:update');
    const update = updates.length > before ? updates[updates.length - 1] : null;
    done([end - t0, update ? end - update.startTime : null]);
  }, 0));
};
const t0 = performance.now();
input.value = text;
input.dispatchEvent(new Event('input', {bubbles: true}));
"""

STARTUP_JS = """
const done = arguments[arguments.length - 1];
(function poll() {
  const start = performance.getEntriesByName('pep-index:start')[0];
  const paint = window.pepBench.readyPaint;
  if (paint === null) return setTimeout(poll, 20);
  const nav = performance.getEntriesByType('navigation')[0];
  const ready = performance.getEntriesByName('pep-index:ready')[0];
  done([start ? paint - start.startTime : null, paint, nav ? nav.responseEnd : null,
        ready ? ready.duration : null]);
})();
"""

FACTS_JS = """
const block = document.querySelector('div.pep-index');
const groups = {};
block.querySelectorAll('fieldset.pep-index-filter').forEach(f => {
  const chips = f.querySelectorAll('.pep-chip');
  const shown = Array.from(chips).filter(c => c.getClientRects().length > 0);
  groups[f.getAttribute('data-filter')] =
    [chips.length, shown.length, Math.round(f.getBoundingClientRect().height)];
});
const table = block.querySelector('table');
return {
  rows: block.querySelectorAll('tbody > tr').length,
  shown: Array.from(block.querySelectorAll('tbody > tr')).filter(r => !r.hidden).length,
  bytes: document.documentElement.outerHTML.length,
  groups: groups,
  tableTop: Math.round(table.getBoundingClientRect().top + window.scrollY
                       - block.getBoundingClientRect().top - window.scrollY),
  showing: block.querySelector('.pep-index-count').textContent,
};
"""


def chip_js(group: str, value: str) -> str:
    selector = f'fieldset[data-filter="{group}"] button[data-value="{value}"]'
    return f"document.querySelector({json.dumps(selector)}).click();"


def load(driver: Any, url: str) -> list[float | None]:
    driver.get("about:blank")
    driver.get(url)
    return list(driver.execute_async_script(STARTUP_JS))


def settle(driver: Any) -> None:
    """Let the page go idle between two measures (timers, garbage collection)."""
    driver.execute_async_script(
        "const done = arguments[0]; setTimeout(() => requestAnimationFrame(() => done()), 150);"
    )


def timed(driver: Any, body: str, rows: bool = True) -> tuple[float, float]:
    """The action's time to the next paint, and (*rows*) to the paint showing every row."""
    settle(driver)
    first, last = driver.execute_async_script(ACTION_JS, body, rows)
    return float(first), float(last)


def top_values(driver: Any, group: str) -> list[str]:
    """The group's values, most proposals first (by the counts with no filter)."""
    pairs = driver.execute_script(
        """
        return Array.from(document.querySelectorAll(
          'fieldset[data-filter="' + arguments[0] + '"] .pep-chip')).map(c =>
          [c.getAttribute('data-value'), Number(c.querySelector('.pep-chip-count').textContent)]);
        """,
        group,
    )
    return [value for value, _count in sorted(pairs, key=lambda pair: -pair[1])]


# -- the measures ---------------------------------------------------------------


def measure(driver: Any, base: str, repeat: int) -> tuple[dict[str, list[float]], dict]:
    url = base + "index.html"
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HARNESS_JS})
    results: dict[str, list[float]] = {}

    def add(name: str, value: float | None) -> None:
        if value is not None:
            results.setdefault(name, []).append(value)

    load(driver, url)
    if not driver.execute_script("return performance.getEntriesByName('pep-index:start').length"):
        raise SystemExit("pep-index.js sets no 'pep-index:start' mark: an older script?")
    facts = driver.execute_script(FACTS_JS)
    status = top_values(driver, "status")[1]  # a status that leaves a few hundred rows
    person = top_values(driver, "person")[0]
    facts["status chip"] = status
    facts["person chip"] = person
    fragment = f"#status={status}&q=cache"

    for _ in range(repeat):
        startup, paint, response, script = load(driver, url)
        add("start-up, all rows", startup)
        add("  (start-up, all rows: script time, no rendering)", script)
        if response is not None and paint is not None:
            add("  (start-up, all rows: page response end to that paint)", paint - response)
        startup, paint, response, script = load(driver, url + fragment)
        add(f"start-up, {fragment}", startup)
        add(f"  (start-up, {fragment}: script time)", script)
        if response is not None and paint is not None:
            add(f"  (start-up, {fragment}: page response end to that paint)", paint - response)

    # The same page without the script: what the browser's own first paint costs.
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*pep-index.js*"]})
    for _ in range(repeat):
        _startup, paint, response, _script = load(driver, url)
        if response is not None and paint is not None:
            add(
                "  (the same without pep-index.js: page response end to first paint)",
                paint - response,
            )
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})

    load(driver, url)
    has_more = driver.execute_script(
        "return !!document.querySelector('fieldset[data-filter=\"person\"] .pep-chip-more')"
    )

    # An older script shows every row at once and sets no "pep-index:shown" mark.
    progressive = bool(
        driver.execute_script("return performance.getEntriesByName('pep-index:shown').length")
    )

    has_rows = bool(driver.execute_script("return !!document.querySelector('.pep-index-rows')"))

    def action(name: str, body: str, brackets: bool = False) -> None:
        first, last = timed(driver, body, rows=progressive)
        add(f"  ({name})" if brackets else name, first)
        add(f"  ({name}: every listed row painted)", last)

    for i in range(repeat):
        action("status chip pressed", chip_js("status", status))
        action("status chip released (all rows)", chip_js("status", status))
        action("person chip pressed", chip_js("person", person))
        action("person chip released", chip_js("person", person))
        action("sort by title", "document.querySelector('th.pep-col-title button').click();")
        settle(driver)
        # A new letter each time: "c", then "ca", ... up to "cache", and round again.
        text = "cache"[: i % 5 + 1]
        total, update = driver.execute_async_script(KEYSTROKE_JS, text)
        add("keystroke to paint (typing pause included)", total)
        add("keystroke: the update alone", update)
        settle(driver)
        driver.execute_async_script(KEYSTROKE_JS, "")  # back to every row, untimed
        if has_more:
            more = (
                "document.querySelector('fieldset[data-filter=\"person\"] .pep-chip-more').click();"
            )
            add('person "more" opened', timed(driver, more, rows=False)[0])
            find = (
                'const box = document.querySelector(\'fieldset[data-filter="person"] '
                "input.pep-chip-find'); box.value = 'a'; "
                "box.dispatchEvent(new Event('input', {bubbles: true}));"
            )
            add('person "more": a letter in its search', timed(driver, find, rows=False)[0])
            clear = find.replace("'a'", "''")
            timed(driver, clear, rows=False)
            add('person "more" closed', timed(driver, more, rows=False)[0])
        if has_rows:
            action("show 50 more", "document.querySelector('.pep-index-rows-more').click();")
            # Back to the first rows listed: any change of the view does that.
            timed(driver, chip_js("status", status), rows=progressive)
            timed(driver, chip_js("status", status), rows=progressive)
    durations = driver.execute_script(
        "return performance.getEntriesByName('pep-index:update').map(e => e.duration)"
    )
    for duration in durations:
        add("  (script time of one update, no rendering)", duration)
    for _ in range(repeat if has_rows else 0):
        load(driver, url)
        show_all = "document.querySelector('.pep-index-rows-all').click();"
        action("show all: every row listed", show_all, brackets=True)
        action("every row listed: status chip pressed", chip_js("status", status), True)
        action("every row listed: status chip released", chip_js("status", status), True)
    return results, facts


def report(results: dict[str, list[float]], facts: dict, args: argparse.Namespace) -> bool:
    print()
    print(
        f"pep-index, {facts['rows']} proposals ({facts['showing']}), page "
        f"{facts['bytes'] / 1e6:.1f} MB; load average "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    print("filter groups: chips (shown), height in px:")
    for group, (chips, shown, height) in facts["groups"].items():
        print(f"  {group:8} {chips:5} ({shown}) {height:6} px")
    print(f"the table starts {facts['tableTop']} px below the top of the index")
    print(f"status chip {facts['status chip']!r}, person chip {facts['person chip']!r}")
    print()
    print(f"{'median ms':>10} {'min':>7} {'max':>7}  measure ({args.repeat} repeats)")
    ok = True
    for name, values in results.items():
        middle = statistics.median(values)
        target = None
        if not name.startswith(" ") and "typing pause" not in name:
            target = TARGETS["start-up"] if name.startswith("start-up") else TARGETS["interaction"]
        verdict = "" if target is None else ("  PASS" if middle < target else "  FAIL")
        ok = ok and verdict != "  FAIL"
        print(f"{middle:10.1f} {min(values):7.1f} {max(values):7.1f}  {name}{verdict}")
    print()
    print(
        f"targets: start-up < {TARGETS['start-up']:.0f} ms, every interaction "
        f"< {TARGETS['interaction']:.0f} ms to the next paint (the keystroke: the update "
        "alone; the typing pause is by design)"
    )
    return ok


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=2000, help="number of proposals (2000)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per measure (7)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", "-j", type=int, default=2, help="sphinx-build -j (2)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/sphinxext-pep-index-bench"))
    parser.add_argument("--rebuild", action="store_true", help="build from scratch")
    parser.add_argument(
        "--no-build", action="store_true", help="time the site already built in --workdir"
    )
    parser.add_argument(
        "--script",
        type=Path,
        help="time this pep-index.js instead of the built one (an older version, say)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    out = args.workdir / "html" if args.no_build else build(args)
    if args.script:
        shutil.copyfile(args.script, out / "_static" / "pep-index.js")
    with serve(out) as base, chromium() as driver:
        results, facts = measure(driver, base, args.repeat)
    ok = report(results, facts, args)
    if args.json:
        args.json.write_text(json.dumps({"results": results, "facts": facts}, indent=2) + "\n")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
