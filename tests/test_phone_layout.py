"""The example project on a 390-px phone and a 1280-px desktop, in the five themes.

``example-project/`` is built once per installed theme (``html_theme``
overridden, everything else from its ``conf.py``) and served on loopback; one
headless Chromium loads **every HTML page** at each width and checks that the
page is no wider than the screen. The phone is Chromium's mobile emulation
(``Emulation.setDeviceMetricsOverride`` with ``mobile``): the page's
``<meta name="viewport">`` applies as on a phone, and ``window.innerWidth``
grows with an overflowing page (the browser zooms out to show it), so the
page is measured against the layout viewport, ``clientWidth``, which stays
390. The layout of the index, the heat map and the tables around it is
measured where it can be: column lefts, line counts, computed font sizes,
contrast from computed colours, alignment from text positions.

Skipped without Chromium (failed under ``CI``, see ``test_index_browser``)
and, per theme, where the theme is not installed (``pip install -e
".[themes]"``; ``.ci/run`` runs this file in its themes environment).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import test_index_browser
from example_site import THEMES, build_example
from test_graph_browser import _contrast
from test_index_browser import _require_browser, serve, serve_files, wait

PHONE, DESKTOP = 390, 1280
HEIGHT = 844  # a phone's screen; the desktop gets the same, it only matters for scrolling
#: A page with a heat map, a risk table and a status history; one with long Discussion URLs.
RISKS, URLS = "proposals/pep-0016.html", "proposals/pep-0014.html"
INDEX = "proposals-index.html"


def _rgb(css: str) -> tuple[int, int, int]:
    """``rgb(1, 2, 3)``, ``rgba(...)`` or ``color(srgb 0.1 0.2 0.3)`` as 0-255 channels."""
    inside = css[css.index("(") + 1 : css.rindex(")")].replace(",", " ").split()
    if inside[0] == "srgb":
        return tuple(round(float(v) * 255) for v in inside[1:4])  # type: ignore[return-value]
    return tuple(round(float(v)) for v in inside[:3])  # type: ignore[return-value]


def _alpha(css: str) -> float:
    inside = css[css.index("(") + 1 : css.rindex(")")].replace(",", " ").replace("/", " ").split()
    values = inside[1:] if inside[0] == "srgb" else inside
    return float(values[3]) if len(values) > 3 else 1.0


class Site:
    """One theme's build of the example project, served: its base URL and pages."""

    def __init__(self, theme: str, base: str, pages: list[str]) -> None:
        self.theme, self.base, self.pages = theme, base, pages


@pytest.fixture(scope="module", params=list(THEMES))
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    _require_browser()
    theme = request.param
    build = build_example(tmp_path_factory.mktemp(f"phone-{theme}") / "html", theme)
    problems = [line for line in build.warnings.splitlines() if "pep." in line]
    assert problems == [], problems
    pages = build.pages()
    assert INDEX in pages and RISKS in pages and URLS in pages
    with serve(build.outdir) as base:
        yield Site(theme, base, pages)


# The same Chromium fixture (one per test module).
browser = test_index_browser.browser


def screen(driver: Any, width: int, *, dark: bool = False) -> None:
    """Make *driver* a phone (``width`` under 600) or a desktop, light or dark."""
    if getattr(driver, "pep_screen", None) == (width, dark):
        return
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    scheme = "dark" if dark else "light"
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    driver.pep_screen = (width, dark)


def load(driver: Any, site: Site, page: str, width: int, *, dark: bool = False) -> None:
    screen(driver, width, dark=dark)
    driver.get("about:blank")
    driver.get(site.base + page)
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    if page == INDEX:
        wait(driver, lambda d: d.find_elements("css selector", ".pep-index-controls"))


# -- no page wider than the screen -----------------------------------------

#: The page's width, the screen's, and the elements that stick out furthest
#: (outermost first at equal edges), left out those a scrolling or clipping
#: box of their own holds in, and fixed ones (they never widen the page).
_OVERFLOW_JS = """
const screen = document.documentElement.clientWidth;
const heldIn = el => {
  for (let a = el; a && a !== document.body; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (style.position === 'fixed') return true;
    if (a !== el && style.overflowX !== 'visible' &&
        a.getBoundingClientRect().right <= screen + 1) return true;
  }
  return false;
};
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.right <= screen + 1 || heldIn(el)) continue;
  let depth = 0;
  for (let a = el; a; a = a.parentElement) depth++;
  const classes = typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  out.push({right: Math.round(box.right), depth: depth,
            name: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes,
            text: (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50)});
}
out.sort((a, b) => b.right - a.right || a.depth - b.depth);
return {page: document.documentElement.scrollWidth, screen: screen,
        inner: window.innerWidth, widest: out.slice(0, 3)};
"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_no_page_is_wider_than_the_screen(browser: Any, site: Site, width: int) -> None:
    wide = []
    for page in site.pages:
        load(browser, site, page, width)
        found = browser.execute_script(_OVERFLOW_JS)
        if found["page"] > found["screen"]:
            widest = "; ".join(
                f"{w['name']} to x={w['right']} ({w['text']!r})" for w in found["widest"]
            )
            wide.append(
                f"{site.theme} at {width} px: {page} is {found['page']} px wide"
                f" (screen {found['screen']} px); widest: {widest or 'none found'}"
            )
    assert wide == [], "\n".join(wide)


# -- phones ------------------------------------------------------------------

_HEADER_LINKS_JS = """
const header = document.querySelector('.pep-header').getBoundingClientRect();
return Array.from(document.querySelectorAll('.pep-header dd a')).map(a => [
  a.textContent, a.getBoundingClientRect().right - header.right]);
"""


def test_a_long_url_in_a_header_wraps_on_a_phone(browser: Any, site: Site) -> None:
    load(browser, site, URLS, PHONE)
    links = browser.execute_script(_HEADER_LINKS_JS)
    assert any(text.startswith("https://") and len(text) > 40 for text, _ in links)
    assert [text for text, past in links if past > 0] == []


_HEAT_MAP_JS = """
const wrap = document.querySelector('.pep-risk-matrix-wrap');
const table = wrap.querySelector('table.pep-risk-matrix');
const label = table.querySelector('.pep-rm-axis-x');
const box = wrap.getBoundingClientRect(), area = table.getBoundingClientRect();
const range = document.createRange();
range.selectNodeContents(label);
const text = range.getBoundingClientRect();
const columns = Array.from(table.querySelectorAll('thead th.pep-rm-level'))
  .map(th => th.getBoundingClientRect().right);
return {column: box.width, scroll: wrap.scrollWidth, client: wrap.clientWidth,
        table: [area.left - box.left, area.right - box.right],
        label: [text.left - box.left, text.right - box.right, label.textContent],
        last: Math.max(...columns) - box.right};
"""


def test_the_heat_map_fits_a_phone_column(browser: Any, site: Site) -> None:
    load(browser, site, RISKS, PHONE)
    found = browser.execute_script(_HEAT_MAP_JS)
    assert 300 <= found["column"] <= 360, found
    # The whole map in its box, nothing to scroll: the High column is on screen.
    assert found["scroll"] <= found["client"], found
    assert found["table"][0] >= -1 and found["table"][1] <= 1, found
    assert found["last"] <= 1, found
    # "PROBABILITY ->" whole, inside the box.
    left, right, text = found["label"]
    assert text.startswith("Probability") and left >= 0 and right <= 0, found


def test_the_filters_leave_the_table_on_the_first_screen(browser: Any, site: Site) -> None:
    load(browser, site, INDEX, PHONE)
    top = browser.execute_script(
        "const c = document.querySelector('.pep-index-controls').getBoundingClientRect();"
        "const t = document.querySelector('.pep-index table').getBoundingClientRect();"
        "return [c.top + window.scrollY, c.height, t.top + window.scrollY]"
    )
    controls_top, controls_height, table_top = top
    assert controls_height < HEIGHT / 2, top
    # The first table's head and a row or two are on the first screen below
    # the page's heading and introduction.
    assert table_top < HEIGHT + controls_top - controls_height / 2, top


# -- the index's layout --------------------------------------------------------

_COLUMNS_JS = """
const block = document.querySelector('div.pep-index');
return Array.from(block.querySelectorAll('table.pep-index-table')).map(table =>
  Object.fromEntries(Array.from(table.querySelectorAll('thead th')).map(th => [
    th.className.match(/pep-col-[a-z]+/)[0],
    Math.round(th.getBoundingClientRect().left * 10) / 10])));
"""


def test_grouped_tables_share_their_columns(browser: Any, site: Site) -> None:
    load(browser, site, INDEX, DESKTOP)
    tables = browser.execute_script(_COLUMNS_JS)
    assert len(tables) >= 3
    first = tables[0]
    for table in tables[1:]:
        assert table.keys() == first.keys()
        moved = {c: (first[c], x) for c, x in table.items() if abs(x - first[c]) > 1}
        assert moved == {}, (site.theme, moved)


_TITLE_LINES_JS = """
const lines = td => {
  const tops = new Set();
  const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const line of range.getClientRects()) if (line.width > 0) tops.add(Math.round(line.top));
  }
  return tops.size;
};
const table = document.querySelector('div.pep-index table.pep-index-table');
const widths = Object.fromEntries(Array.from(table.querySelectorAll('thead th')).map(th => [
  th.className.match(/pep-col-[a-z]+/)[0], th.getBoundingClientRect().width]));
const titles = Array.from(document.querySelectorAll('div.pep-index td.pep-col-title'));
return {widths: widths,
        long: titles.map(td => [td.textContent.trim(), lines(td)]).filter(([t, n]) => n > 3)};
"""


def test_titles_get_the_room_on_a_desktop(browser: Any, site: Site) -> None:
    load(browser, site, INDEX, DESKTOP)
    found = browser.execute_script(_TITLE_LINES_JS)
    widths = found["widths"]
    # Seven columns: the title is wider than the dates (each held to its
    # date on one line), and no title takes more than three lines, two in
    # the themes with a wider text column (what the wide DejaVu font allows).
    assert widths["pep-col-title"] > max(widths["pep-col-created"], widths["pep-col-updated"])
    assert widths["pep-col-created"] < 100
    assert found["long"] == [], (site.theme, found)


def test_index_badges_are_12_px_or_more(browser: Any, site: Site) -> None:
    load(browser, site, INDEX, DESKTOP)
    sizes = browser.execute_script(
        "return Array.from(document.querySelectorAll('div.pep-index table .sd-badge'))"
        ".map(b => parseFloat(getComputedStyle(b).fontSize))"
    )
    assert sizes and min(sizes) >= 12, (site.theme, min(sizes))


#: For each table, each column: the head's text offset from its cell's left
#: edge, and the first data cell's.
_ALIGN_JS = """
const start = cell => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const first = Array.from(range.getClientRects()).find(r => r.width > 0);
  return first ? first.left - cell.getBoundingClientRect().left : null;
};
return Array.from(document.querySelectorAll(arguments[0])).map(table => {
  const heads = Array.from(table.querySelectorAll('thead th'));
  const row = table.querySelector('tbody tr');
  const cells = Array.from(row.children);
  return heads.map((th, i) => [th.textContent.trim(), start(th), start(cells[i])]);
});
"""


@pytest.mark.parametrize(
    ("page", "tables"),
    [
        (INDEX, "table.pep-index-table"),
        (RISKS, "table.pep-risk-table, table.pep-status-history"),
    ],
)
def test_headers_sit_over_their_data(browser: Any, site: Site, page: str, tables: str) -> None:
    load(browser, site, page, DESKTOP)
    found = browser.execute_script(_ALIGN_JS, tables)
    assert found
    off = [
        (head, heading, data)
        for table in found
        for head, heading, data in table
        if heading is not None and data is not None and abs(heading - data) > 1
    ]
    assert off == [], (site.theme, off)


_LEFTS_JS = """
const left = s => document.querySelector(s).getBoundingClientRect().left;
return [left('table.pep-risk-matrix'), left('table.pep-risk-table'),
        left('table.pep-status-history')];
"""


def test_the_history_starts_where_the_heat_map_does(browser: Any, site: Site) -> None:
    load(browser, site, RISKS, DESKTOP)
    matrix, risks, history = browser.execute_script(_LEFTS_JS)
    # The map's 3-px cell spacing aside, all three at the text's left edge.
    assert abs(history - risks) <= 1 and abs(matrix - risks) <= 4, (matrix, risks, history)


# -- colours, light and dark ---------------------------------------------------

#: An element's text colour and the colour behind it, translucent layers
#: and opacity composited over the page (white where nothing is opaque).
_COLOURS_JS = """
const parse = c => { const m = c.match(/[\\d.]+/g).map(Number);
                     return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3]));
return Array.from(document.querySelectorAll(arguments[0])).map(el => {
  const layers = [];
  let opacity = 1;
  for (let a = el; a; a = a.parentElement) {
    const style = getComputedStyle(a);
    opacity *= parseFloat(style.opacity);
    const bg = parse(style.backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  let behind = [255, 255, 255];
  for (const layer of layers.reverse()) behind = over(layer, behind);
  const text = parse(getComputedStyle(el).color);
  const seen = over([text[0], text[1], text[2], text[3] * opacity], behind);
  return [el.textContent.trim(), 'rgb(' + seen.join(',') + ')', 'rgb(' + behind.join(',') + ')'];
});
"""


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_chips_with_no_match_stay_readable(browser: Any, site: Site, dark: bool) -> None:
    load(browser, site, INDEX + "#status=withdrawn", DESKTOP, dark=dark)
    wait(browser, lambda d: d.find_elements("css selector", ".pep-chip-empty"))
    found = browser.execute_script(
        _COLOURS_JS, ".pep-chip-empty .pep-chip-label, .pep-chip-empty .pep-chip-count"
    )
    assert found
    low = [(t, f, b) for t, f, b in found if _contrast(_rgb(f), _rgb(b)) < 4.5]
    assert low == [], (site.theme, dark, low)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_heat_map_axes_are_not_severity_colours(browser: Any, site: Site, dark: bool) -> None:
    load(browser, site, RISKS, DESKTOP, dark=dark)
    badges = browser.execute_script(
        "return Array.from(document.querySelectorAll('.pep-risk-matrix .pep-rm-level .sd-badge'))"
        ".map(b => [b.textContent, getComputedStyle(b).backgroundColor, getComputedStyle(b).color,"
        " getComputedStyle(b.closest('table')).color])"
    )
    assert len(badges) >= 6
    for label, background, colour, text in badges:
        # No fill, or a grey one; the text in the page's own colour.
        red, green, blue = _rgb(background)
        grey = max(red, green, blue) - min(red, green, blue) < 16
        assert _alpha(background) == 0 or grey, (label, background)
        assert _rgb(colour) == _rgb(text), (label, colour, text)
    found = browser.execute_script(_COLOURS_JS, ".pep-risk-matrix .pep-rm-level .sd-badge")
    assert all(_contrast(_rgb(f), _rgb(b)) >= 4.5 for _, f, b in found), found


# -- chips and anchors -----------------------------------------------------------

_CHIP_ROWS_JS = """
const out = [];
for (const group of document.querySelectorAll('.pep-index-filter')) {
  const rows = new Map();
  for (const chip of group.querySelectorAll(':scope > button, :scope > .pep-chip')) {
    const box = chip.getBoundingClientRect();
    if (box.width === 0) continue;
    const top = Math.round(box.top);
    if (!rows.has(top)) rows.set(top, box.left);
  }
  out.push([group.dataset.filter, Array.from(rows.values()),
            [group.scrollWidth, group.clientWidth]]);
}
return out;
"""


def test_wrapped_chip_rows_line_up(browser: Any, site: Site) -> None:
    load(browser, site, INDEX, DESKTOP)
    groups = browser.execute_script(_CHIP_ROWS_JS)
    assert any(len(starts) > 1 for _, starts, _ in groups), groups  # some group wraps
    starts = [left for _, lefts, _ in groups for left in lefts]
    # Every row of every group starts at the same x, after the labels.
    assert max(starts) - min(starts) <= 1, (site.theme, groups)


def test_on_a_phone_each_filter_group_is_one_row_that_scrolls(browser: Any, site: Site) -> None:
    load(browser, site, INDEX, PHONE)
    groups = browser.execute_script(_CHIP_ROWS_JS)
    assert [name for name, starts, _ in groups if len(starts) != 1] == []
    starts = [starts[0] for _, starts, _ in groups]
    assert max(starts) - min(starts) <= 1, (site.theme, groups)
    # The long groups scroll in their own box; the page does not.
    scrolling = [name for name, _, (scroll, client) in groups if scroll > client]
    assert "person" in scrolling and "status" in scrolling, groups
    # A keyboard user's chip comes into view: the last status chip, focused.
    browser.execute_script(
        "document.querySelector('.pep-index-filter[data-filter=status] .pep-chip:last-of-type')"
        ".focus()"
    )
    right, box = browser.execute_script(
        "const chip = document.activeElement.getBoundingClientRect();"
        "const box = document.activeElement.parentElement.getBoundingClientRect();"
        "return [chip.right, box.right]"
    )
    assert right <= box + 1


_UNDER_JS = """
const target = document.getElementById(location.hash.slice(1));
const top = target.getBoundingClientRect().top;
// What a theme keeps at the top of the screen: sticky or fixed bars across it.
let covered = 0;
for (const el of document.querySelectorAll('body *')) {
  const style = getComputedStyle(el);
  if (style.position !== 'fixed' && style.position !== 'sticky') continue;
  const box = el.getBoundingClientRect();
  if (box.top <= 1 && box.bottom > 0 && box.width > window.innerWidth / 2 &&
      box.height < window.innerHeight / 3 && style.visibility !== 'hidden') {
    covered = Math.max(covered, box.bottom);
  }
}
return [top, covered, window.scrollY];
"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_heat_map_link_lands_below_the_navbar(browser: Any, site: Site, width: int) -> None:
    load(browser, site, RISKS, width)
    link = browser.find_element("css selector", ".pep-risk-matrix ul.pep-rm-names a")
    target = link.get_attribute("href").partition("#")[2]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    browser.execute_script("arguments[0].click();", link)
    wait(browser, lambda d: d.execute_script("return location.hash") == "#" + target)
    # Until the scroll is over (furo scrolls smoothly): the same place twice.
    places: list[float] = []

    def settled(driver: Any) -> bool:
        places.append(driver.execute_script(_UNDER_JS)[0])
        return len(places) > 2 and places[-1] == places[-2] == places[-3]

    wait(browser, settled)
    top, covered, _ = browser.execute_script(_UNDER_JS)
    assert top >= covered, (site.theme, width, top, covered)


# -- a heat map wider than a phone ------------------------------------------------

SIX_LEVELS = ["Negligible", "Low", "Medium", "High", "Critical", "Extreme"]


@pytest.fixture(scope="module")
def six_levels(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A proposal whose heat map has six levels a side (alabaster); its URL."""
    _require_browser()
    from conftest import BASE_CONF, index_rst, minimal_pep
    from test_risk import HEADER, rst_table

    rows = HEADER + "| Schema drift | Low | Extreme | checks |\n| Lock-in | Medium | High | x |\n"
    files = {
        "conf.py": BASE_CONF + f"pep_risk_levels = {SIX_LEVELS!r}\n",
        "pep-0012.rst": minimal_pep(12, risk="Low", body=rst_table(rows, matrix="")),
        "index.rst": index_rst("pep-0012"),
    }
    for base in serve_files(tmp_path_factory.mktemp("phone-six"), files):
        yield base + "pep-0012.html"


_HINT_JS = """
const wrap = document.querySelector('.pep-risk-matrix-wrap');
return [wrap.scrollWidth, wrap.clientWidth, getComputedStyle(wrap).maskImage,
        document.documentElement.scrollWidth, document.documentElement.clientWidth];
"""


def test_a_map_too_wide_for_a_phone_scrolls_in_its_box_with_a_hint(
    browser: Any, six_levels: str
) -> None:
    screen(browser, PHONE)
    browser.get(six_levels)
    scroll, client, mask, page, viewport = browser.execute_script(_HINT_JS)
    assert scroll > client and page <= viewport
    # Faded at the right edge while columns are hidden there...
    assert "linear-gradient" in mask
    browser.execute_script(
        "const w = document.querySelector('.pep-risk-matrix-wrap'); w.scrollLeft = w.scrollWidth;"
    )
    # ... and not once scrolled to the end.
    wait(browser, lambda d: d.execute_script(_HINT_JS)[2] == "none")
