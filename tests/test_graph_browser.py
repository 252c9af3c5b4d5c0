"""``pep-graph`` in a real browser, under the five themes the project checks.

Headless Chromium (as in ``test_index_browser``) loads the graph of
``test_graph``'s project, built with each theme that is installed: the boxes
are links that lead to the proposals, they have their group's colours, the
graph stays inside its box on a 390-px phone (the page never scrolls
sideways), and in dark mode the labels and lines keep their contrast.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import test_index_browser
from conftest import index_rst, minimal_pep, write_files
from example_site import THEMES, require_theme
from sphinx.testing.util import SphinxTestApp
from test_graph import CONF, DOCNAMES, GROUPS, PALETTE, SPEC, proposals
from test_index_browser import _require_browser, serve, wait

#: A chain 20 <- 21 <- ... <- 25: a graph wider than a phone even at 60%.
CHAIN = {
    f"pep-{n:04d}.rst": minimal_pep(n, f"Step {n}", depends_on=str(n - 1) if n > 20 else None)
    for n in range(20, 26)
}


# The same Chromium fixture (one per test module).
browser = test_index_browser.browser


@pytest.fixture(scope="module", params=list(THEMES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The project built with one theme, served over HTTP; yields the base URL."""
    _require_browser()
    theme = request.param
    require_theme(theme)
    root = tmp_path_factory.mktemp(f"graph-{theme}")
    src = root / "src"
    conf = CONF + f"html_theme = {theme!r}\npep_header_graph = True\n"
    files = {
        **proposals("rst"),
        **CHAIN,
        "conf.py": conf,
        "chain.rst": "Chain\n=====\n\n.. pep-graph::\n   :around: 20\n   :depth: 10\n",
        "index.rst": index_rst(
            *DOCNAMES, *(name[:-4] for name in CHAIN), "chain",
            body=".. pep-graph::\n   :relations: depends-on, supersedes, related\n",
        ),
    }  # fmt: skip
    write_files(src, files)
    app = SphinxTestApp("html", srcdir=src, builddir=root / "build", freshenv=True)
    try:
        app.build()
        warnings = [line for line in app.warning.getvalue().splitlines() if "pep." in line]
        assert warnings == [], warnings
        outdir = Path(app.outdir)
    finally:
        app.cleanup()

    with serve(outdir) as base:
        yield base


def _open(driver: Any, url: str, width: int = 1280, dark: bool = False) -> None:
    driver.set_window_size(width, 900)
    scheme = "dark" if dark else "light"
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    driver.get("about:blank")
    driver.get(url)
    wait(driver, lambda d: d.find_elements("css selector", ".pep-graph svg"))


_COLOURS_JS = """
const out = {};
for (const group of document.querySelectorAll('.pep-graph svg g.node')) {
  const shape = group.querySelector('path, polygon');
  const text = group.querySelector('text');
  out[group.id] = [getComputedStyle(shape).fill, getComputedStyle(shape).stroke,
                   getComputedStyle(text).fill];
}
return out;
"""

_BACKGROUND_JS = """
// The colour behind the graph: the first ancestor with an opaque background.
let node = document.querySelector('.pep-graph-canvas');
while (node) {
  const colour = getComputedStyle(node).backgroundColor;
  if (colour && !colour.endsWith(', 0)') && colour !== 'transparent') return colour;
  node = node.parentElement;
}
return 'rgb(255, 255, 255)';
"""


def _rgb(css: str) -> tuple[int, int, int]:
    if css.startswith("#"):
        return (int(css[1:3], 16), int(css[3:5], 16), int(css[5:7], 16))
    parts = css[css.index("(") + 1 : css.index(")")].split(",")
    red, green, blue = (round(float(p)) for p in parts[:3])
    return (red, green, blue)


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    def luminance(rgb: tuple[int, int, int]) -> float:
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_boxes_have_their_colours_and_lead_to_the_proposal(browser: Any, site: str) -> None:
    _open(browser, site + "index.html")
    colours = browser.execute_script(_COLOURS_JS)
    wanted = [*SPEC, *range(20, 26)]
    assert sorted(colours) == sorted(f"pep-graph-1-pep-{n}" for n in wanted)
    for number, (_title, status, _fields) in SPEC.items():
        fill, stroke, text = colours[f"pep-graph-1-pep-{number}"]
        assert (_rgb(fill), _rgb(stroke)) == tuple(_rgb(c) for c in PALETTE[GROUPS[status]])
        assert _contrast(_rgb(fill), _rgb(text)) >= 4.5
    # The hostile title is shown as text: no script ran, no element was made.
    assert (
        browser.execute_script("return document.querySelectorAll('.pep-graph script').length") == 0
    )
    box = browser.find_element("css selector", "#pep-graph-1-pep-5 a")
    # In the middle of the screen (themes' sticky headers cover the top), at
    # once: furo scrolls smoothly, and a click mid-scroll misses.
    browser.execute_script(
        "document.querySelector('.pep-graph-canvas')"
        ".scrollIntoView({block: 'center', behavior: 'instant'})"
    )
    box.click()
    wait(browser, lambda d: d.current_url.endswith("pep-0005.html#pep-5"))
    # There, the header's neighbourhood graph, its own box in the middle.
    centre = browser.find_elements("css selector", ".pep-header-graph g.pep-graph-centre")
    assert len(centre) == 1 and centre[0].get_attribute("id") == "pep-graph-1-pep-5"


_BOXES_JS = """
return Array.from(document.querySelectorAll('.pep-graph-canvas')).map(c => [
  c.scrollWidth, c.clientWidth, getComputedStyle(c).overflowX,
  parseFloat(getComputedStyle(c.querySelector('svg')).minWidth),
  c.querySelector('svg text').getBoundingClientRect().height]);
"""


@pytest.mark.parametrize("page", ["index", "chain", "pep-0001"])
def test_on_a_phone_a_graph_fits_or_scrolls_in_its_box(browser: Any, site: str, page: str) -> None:
    _open(browser, site + f"{page}.html", width=390)
    # The graph never widens the page: its block ends inside the screen. (The
    # page as a whole may: pydata-sphinx-theme's navbar is wider than 390 px.)
    right, screen = browser.execute_script(
        "return [document.querySelector('.pep-graph').getBoundingClientRect().right,"
        " document.documentElement.clientWidth]"
    )
    assert right <= screen, (right, screen)
    [box] = browser.execute_script(_BOXES_JS)
    scroll, client, overflow, smallest, label = box
    assert overflow == "auto"
    # Shrunk to the box down to 60% of its size, then scrolled inside it.
    assert (scroll > client) == (smallest > client), box
    if page == "chain":
        assert scroll > client
    # 11pt labels at 60% at least: 6.6pt, 8.8 px (the box is a little taller).
    assert label >= 8.8


def test_dark_mode_keeps_labels_and_lines_readable(browser: Any, site: str) -> None:
    for dark in (False, True):
        _open(browser, site + "index.html", dark=dark)
        background = _rgb(browser.execute_script(_BACKGROUND_JS))
        edge = browser.execute_script(
            "return getComputedStyle(document.querySelector('.pep-graph g.edge path')).stroke"
        )
        assert _contrast(_rgb(edge), background) >= 3, (dark, edge, background)
        legend = browser.execute_script(
            "return getComputedStyle(document.querySelector('.pep-graph-legend')).color"
        )
        assert _contrast(_rgb(legend), background) >= 4.5, (dark, legend, background)
