"""``pep-timeline`` and ``pep-stats`` in a real browser: phone width, five themes, dark mode.

Debian's headless Chromium through Selenium, as ``test_index_browser``: the
picture project (:mod:`picture_project`) built under each theme that is
installed (``pip install -e ".[themes]"``; alabaster always is), served on
127.0.0.1. On a 390-px phone the page never gets wider than the screen (the
drawing scrolls in its own box); in dark mode the bars take the dark
palette and the text the theme's light colour; a ``<script>`` title runs
nothing.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_CONF, write_files
from picture_project import EPOCH, SCRIPT_TITLE, directive, project
from sphinx.testing.util import SphinxTestApp
from test_index_browser import _require_browser, serve, start_chromium

THEMES = ("alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme")
PAGE = directive("pep-timeline", ".rst") + "\n" + directive("pep-stats", ".rst")


def _serve(root: Path, theme: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    src = root / "src"
    files = project(".rst", PAGE)
    # A short project name: pydata's navbar does not wrap a long one on a phone.
    files["conf.py"] = BASE_CONF + f"project = 'Demo'\nhtml_theme = {theme!r}\n"
    write_files(src, files)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    app = SphinxTestApp("html", srcdir=src, builddir=root / "build", freshenv=True)
    try:
        app.build()
        pep_warnings = [w for w in app.warning.getvalue().splitlines() if "[pep." in w]
        assert pep_warnings == []
        outdir = Path(app.outdir)
    finally:
        app.cleanup()

    with serve(outdir) as base:
        yield base + "index.html"


@pytest.fixture(scope="module", params=THEMES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    theme = request.param
    if importlib.util.find_spec(theme) is None:
        pytest.skip(f"{theme} is not installed (pip install -e '.[themes]')")
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield from _serve(tmp_path_factory.mktemp(f"pictures-{theme}"), theme, monkeypatch)


def _driver(*, phone: bool, dark: bool) -> Any:
    dark_mode = ("--force-dark-mode", "--blink-settings=preferredColorScheme=0")
    metrics = {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2}}
    return start_chromium(*(dark_mode if dark else ()), mobile=metrics if phone else None)


@pytest.fixture(scope="module")
def phone() -> Iterator[Any]:
    _require_browser()
    driver = _driver(phone=True, dark=False)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def desktop() -> Iterator[Any]:
    _require_browser()
    driver = _driver(phone=False, dark=False)
    try:
        yield driver
    finally:
        driver.quit()


_LAYOUT_JS = """
const box = document.querySelector('.pep-timeline .pep-picture-box');
const svg = box.querySelector('svg');
const stats = Array.from(document.querySelectorAll('.pep-stats svg'));
return {
  viewport: document.documentElement.clientWidth,
  page: document.documentElement.scrollWidth,
  box: box.clientWidth,
  boxScroll: box.scrollWidth,
  svg: svg.getBoundingClientRect().width,
  svgHeight: svg.getBoundingClientRect().height,
  stats: stats.map(s => s.getBoundingClientRect().width),
  scripts: document.querySelectorAll('.pep-picture script').length,
  title: svg.querySelectorAll('.pep-tl-title')[1].textContent,
};
"""


def test_on_a_phone_the_drawing_scrolls_in_its_box(phone: Any, site: str) -> None:
    phone.get(site)
    layout = phone.execute_script(_LAYOUT_JS)
    assert layout["viewport"] <= 400
    # The page is never wider than the screen ...
    assert layout["page"] <= layout["viewport"], layout
    # ... the timeline keeps a readable size and scrolls sideways in its own box.
    assert layout["svg"] >= 560 and layout["boxScroll"] > layout["box"], layout
    assert all(width >= 280 for width in layout["stats"]), layout
    # The title is text in the drawing (pydata's own navbar writes titles unescaped:
    # window.pwned is set there, so the test looks at the pictures themselves).
    assert layout["scripts"] == 0
    assert layout["title"].startswith(SCRIPT_TITLE)


def test_on_a_desktop_the_drawing_fits_its_column(desktop: Any, site: str) -> None:
    desktop.get(site)
    layout = desktop.execute_script(_LAYOUT_JS)
    assert layout["page"] <= layout["viewport"], layout
    assert layout["boxScroll"] <= layout["box"] + 1, layout  # no scroll bar needed
    assert layout["svg"] >= 560 and layout["svgHeight"] > 150
    assert layout["scripts"] == 0


_COLOURS_JS = """
const open = document.querySelector('.pep-timeline rect.pep-group-open');
const label = document.querySelector('.pep-timeline .pep-tl-tick-label');
const text = document.querySelector('.pep-stats-total');
return {
  open: getComputedStyle(open).fill,
  label: getComputedStyle(label).fill,
  text: getComputedStyle(text).color,
};
"""


def test_bars_take_the_palette_of_light_and_dark_pages(desktop: Any, site: str) -> None:
    desktop.get(site)
    light = desktop.execute_script(_COLOURS_JS)
    assert light["open"] == "rgb(27, 127, 160)"  # --pep-open, light
    assert light["label"] == light["text"]  # the theme's own text colour
    # Dark mode as the dark-capable themes switch it (furo on <body>, pydata/book on <html>).
    desktop.execute_script(
        "document.body.dataset.theme = 'dark'; document.documentElement.dataset.theme = 'dark';"
    )
    dark = desktop.execute_script(_COLOURS_JS)
    assert dark["open"] == "rgb(76, 195, 230)"  # --pep-open, dark
    assert dark["label"] == dark["text"]


def test_keyboard_users_reach_the_table_and_see_it(desktop: Any, site: str) -> None:
    from selenium.webdriver.common.keys import Keys

    desktop.get(site)
    table = desktop.find_element("css selector", ".pep-timeline .pep-sr-only")
    assert table.size["width"] <= 1  # hidden until focused
    # The drawing's links are out of the tab order; the table's first link is next.
    desktop.execute_script(
        "const p = document.querySelector('.pep-timeline');"
        "p.setAttribute('tabindex', '-1'); p.focus();"
    )
    # The themes put a caption link or a scrolling box (pydata) first: a few Tabs.
    inside = "return !!document.activeElement.closest('.pep-timeline .pep-sr-only');"
    for _press in range(4):
        desktop.switch_to.active_element.send_keys(Keys.TAB)
        assert desktop.execute_script(inside)  # never a link of the drawing
        if desktop.switch_to.active_element.text == "PEP 0001":
            break
    assert desktop.switch_to.active_element.tag_name == "a"
    assert desktop.switch_to.active_element.text == "PEP 0001"
    assert table.size["width"] > 300  # shown while focus is inside
