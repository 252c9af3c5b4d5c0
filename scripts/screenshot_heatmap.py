"""Screenshots of the ``pep-risk-table`` heat map under several HTML themes.

Builds a one-page project with a risk table (``:matrix:``) under alabaster and
furo, opens it in headless Chromium and writes PNGs to ``screenshots/`` (git
ignored)::

    python scripts/screenshot_heatmap.py [--out screenshots] [--chromium PATH]

Themes: ``alabaster``, ``furo-light`` and ``furo-dark`` (furo in its default
"auto" mode, with Chromium asked for a light or a dark colour scheme), and
where installed (``pip install -e ".[themes]"``) ``rtd``, ``pydata-light``,
``pydata-dark`` and ``book``. A theme that is not installed is skipped with a
note.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from sphinx.cmd.build import build_main

PAGE = """\
Risk heat map
=============

.. pep-risk-table::
   :matrix:

   | Risk                          | Probability | Impact | Mitigation                         |
   |-------------------------------|-------------|--------|------------------------------------|
   | Cache drift after deploys     | Medium      | High   | TTL plus versioned keys            |
   | Cold cache on failover        | High        | Medium | Warm-up job before traffic shifts  |
   | Memory pressure on hosts      | Medium      | Medium | Per-tenant limits; eviction alerts |
   | Stale reads in admin UI       | High        | Low    | Bypass cache for admin sessions    |
   | Key collision across tenants  | Low         | High   | Tenant id in every key             |
   | Thundering herd on expiry     | Medium      | High   | Jittered TTLs; request coalescing  |
   | Operator confusion            | Low         | Low    | Runbook and dashboards             |
"""

#: name -> (html_theme, Chromium colour-scheme flags)
LIGHT = ["--blink-settings=preferredColorScheme=1"]
DARK = ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"]
THEMES: dict[str, tuple[str, list[str]]] = {
    "alabaster": ("alabaster", []),
    "furo-light": ("furo", LIGHT),
    "furo-dark": ("furo", DARK),
    "rtd": ("sphinx_rtd_theme", []),
    "pydata-light": ("pydata_sphinx_theme", LIGHT),
    "pydata-dark": ("pydata_sphinx_theme", DARK),
    "book": ("sphinx_book_theme", LIGHT),
}


def build(theme: str, root: Path) -> Path:
    """Build the demo page with *theme*; the path of its HTML file."""
    src = root / f"src-{theme}"
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(
        textwrap.dedent(
            f"""\
            project = "Heat map"
            extensions = ["sphinxext_pep"]
            html_theme = {theme!r}
            """
        ),
        encoding="utf-8",
    )
    (src / "index.rst").write_text(PAGE, encoding="utf-8")
    out = root / f"html-{theme}"
    status = build_main(["-q", "-E", "-W", "-b", "html", str(src), str(out)])
    if status:
        raise SystemExit(f"sphinx-build failed for {theme} (exit {status})")
    return out / "index.html"


def shoot(chromium: str, page: Path, png: Path, flags: list[str], size: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--window-size={size}",
            f"--screenshot={png}",
            *flags,
            page.as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
    if not png.is_file():
        raise SystemExit(f"Chromium wrote no screenshot for {page}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--size", default="1200,1000", help="window size, WIDTH,HEIGHT")
    parser.add_argument("--themes", nargs="*", default=list(THEMES), choices=list(THEMES))
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        built: dict[str, Path] = {}
        for name in args.themes:
            theme, flags = THEMES[name]
            if theme != "alabaster" and importlib.util.find_spec(theme) is None:
                print(f"skipped {name}: theme {theme!r} is not installed", file=sys.stderr)
                continue
            if theme not in built:
                built[theme] = build(theme, Path(tmp))
            png = args.out / f"heatmap-{name}.png"
            shoot(args.chromium, built[theme], png, flags, args.size)
            print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
