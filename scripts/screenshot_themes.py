"""Screenshots of the example project under five Sphinx themes, for a reviewer to look at.

Usage::

    pip install -e ".[themes]"
    python scripts/screenshot_themes.py [--themes furo,alabaster] [--pages index,proposals/pep-0016]
                                        [--out screenshots] [--dark] [--phone] [--chromium PATH]

For each theme it builds ``example-project/`` with ``-D html_theme=THEME``
(everything else from the example's ``conf.py``) into ``OUT/_build/THEME`` and
takes one PNG per page with headless Chromium::

    screenshots/furo/index.png
    screenshots/furo/proposals-pep-0016.png
    ...

``--dark`` adds a second shot of each page with ``prefers-color-scheme: dark``
(furo, pydata-sphinx-theme and sphinx-book-theme follow it); ``--phone`` one at
390 x 844 px, a phone's screen (``...-phone.png``, ``...-phone-dark.png``). The default pages
are the landing page, the proposal index pages and proposals showing the
header, badges, a status history and a risk heat map; a page the build did
not write is skipped with a note, so the script runs at any stage of the
project. ``screenshots/`` is git-ignored. Exit status 1 if a build or a
screenshot failed (a theme whose package is missing is skipped, not failed).

Build warnings are printed, not fatal: the point is to see every theme, and
``.ci/run`` already builds the example with ``-W -n``.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example-project"

#: theme name -> the module that must be importable to build with it.
THEMES: dict[str, str] = {
    "alabaster": "alabaster",
    "furo": "furo",
    "sphinx_rtd_theme": "sphinx_rtd_theme",
    "pydata_sphinx_theme": "pydata_sphinx_theme",
    "sphinx_book_theme": "sphinx_book_theme",
}

#: Pages (docnames) shot by default; the ones a build did not write are skipped.
#: ``docname#id`` shoots the page from that section on (see :func:`from_section`).
DEFAULT_PAGES = (
    "index",
    "proposals-index",  # pep-index: grouped by status, filter chips, search
    "proposals-index#under-review",  # a filtered, static pep-index
    "proposals/pep-0016",  # pep-full (RST): the header and its badge
    "proposals/pep-0016#risks",  # its risk heat map, table and status history
    "proposals/rfc-0021",  # enhancement (MyST front matter): header, dependencies
    "proposals/rfc-0021#risks-and-mitigations",  # heat map and history, MyST
    "proposals/pep-0010#acceptance-criteria",  # pep template: criteria and history
)

#: ``--phone``: the name suffix and window of the extra shot (an iPhone 12-15's CSS size).
PHONE = ("-phone", 390, 844)

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def find_chromium(explicit: str | None) -> str | None:
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def build(
    theme: str,
    outdir: Path,
    *,
    overrides: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> tuple[bool, str]:
    """Build the example project with *theme*; return (ok, warnings text).

    *overrides* are more ``-D name=value``; *environ* is added to this
    process's environment (``SOURCE_DATE_EPOCH``). The tests build the example
    with this function too (``tests/example_site.py``), so what they check is
    what is shot.
    """
    settings = {"html_theme": theme, **(overrides or {})}
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-E",
        "-q",
        "--no-color",
        "-b",
        "html",
        *(f"-D{name}={value}" for name, value in settings.items()),
        str(EXAMPLE),
        str(outdir),
    ]
    env = None if environ is None else {**os.environ, **environ}
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    return result.returncode == 0, (result.stdout + result.stderr).strip()


#: Hides, in a copy of the page, every section before the wanted one (and the
#: heading and text of the sections around it), leaving the theme's frame alone.
#: Headless Chromium does not paint a page scrolled to a ``#fragment``.
_FROM_SECTION_JS = """<script>(function () {
  var node = document.getElementById(%s);
  if (!node) return;
  node = node.closest("section") || node;
  while (node.parentElement && node.parentElement.tagName === "SECTION") {
    for (var s = node.previousElementSibling; s; s = s.previousElementSibling) {
      s.style.display = "none";
    }
    node = node.parentElement;
  }
})();</script>"""


def from_section(page: Path, fragment: str) -> Path:
    """A copy of *page*, next to it, that starts at the section with id *fragment*."""
    html = page.read_text(encoding="utf-8")
    script = _FROM_SECTION_JS % json.dumps(fragment)
    html = html.replace("</body>", script + "</body>", 1)
    copy = page.with_name(f"{page.stem}.from-{fragment}.html")
    copy.write_text(html, encoding="utf-8")
    return copy


def screenshot(
    chromium: str, url: str, png: Path, *, width: int, height: int, dark: bool
) -> tuple[bool, str]:
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="pep-shot-") as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={png}",
        ]
        if dark:
            command.append("--force-dark-mode")
        command.append(url)
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=120, check=False
            )
        except subprocess.TimeoutExpired:
            return False, "chromium timed out"
    if result.returncode != 0 or not png.exists():
        return False, (result.stderr.strip().splitlines() or ["no output"])[-1]
    return True, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--themes", default=",".join(THEMES), help="comma-separated theme names")
    parser.add_argument(
        "--pages", default=",".join(DEFAULT_PAGES), help="comma-separated docnames to shoot"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--chromium", help="the Chromium/Chrome binary (default: from PATH)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1600)
    parser.add_argument("--dark", action="store_true", help="also shoot in dark mode")
    parser.add_argument("--phone", action="store_true", help="also shoot at 390 x 844 px")
    args = parser.parse_args(argv)

    chromium = find_chromium(args.chromium)
    if chromium is None:
        print("error: no Chromium found; pass --chromium PATH", file=sys.stderr)
        return 1
    themes = [t.strip() for t in args.themes.split(",") if t.strip()]
    pages = [p.strip().replace(".html", "") for p in args.pages.split(",") if p.strip()]
    failed = False
    for theme in themes:
        module = THEMES.get(theme, theme)
        if importlib.util.find_spec(module) is None:
            print(f"{theme}: skipped, '{module}' is not installed (pip install -e '.[themes]')")
            continue
        outdir = args.out / "_build" / theme
        ok, log = build(theme, outdir)
        status = "built" if ok else "BUILD FAILED"
        print(f"{theme}: {status}" + (f"\n{log}" if log else ""))
        if not ok:
            failed = True
            continue
        for wanted in pages:
            docname, _, fragment = wanted.partition("#")
            page = outdir / f"{docname}.html"
            if not page.exists():
                print(f"  {docname}: no such page in this build, skipped")
                continue
            if fragment and f'id="{fragment}"' not in page.read_text(encoding="utf-8"):
                print(f"  {wanted}: no such section on the page, skipped")
                continue
            url = (from_section(page, fragment) if fragment else page).as_uri()
            schemes = [False, True] if args.dark else [False]
            sizes = [("", args.width, args.height)] + ([PHONE] if args.phone else [])
            for (size, width, height), dark in itertools.product(sizes, schemes):
                stem = docname.replace("/", "-") + (f"-{fragment}" if fragment else "") + size
                png = args.out / theme / (stem + ("-dark" if dark else "") + ".png")
                ok, error = screenshot(chromium, url, png, width=width, height=height, dark=dark)
                if ok:
                    print(f"  {png}")
                else:
                    failed = True
                    print(f"  {docname}: screenshot failed: {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
