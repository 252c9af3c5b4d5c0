"""A long index's "Show 50 more" / "Show all" buttons in the five themes (issue 18).

The example project has fewer proposals than the index lists at first, so
these buttons never show there: here a 60-proposal project is built once per
installed theme and checked in Chromium at a 390-px phone and a 1280-px
desktop, light and dark, as ``test_phone_layout.py`` checks the example's
pages: the buttons sit under the table, inside the screen, at a readable size
and contrast, and large enough to press (WCAG 2.5.8: 24 by 24 CSS px).

Skipped without Chromium and, per theme, where the theme is not installed
(``.ci/run`` runs this file in its themes environment).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
import test_index_browser
from conftest import BASE_CONF, index_rst, minimal_pep
from example_site import THEMES, require_theme
from test_graph_browser import _contrast
from test_index_browser import _require_browser, serve_files, wait
from test_phone_layout import _COLOURS_JS, _OVERFLOW_JS, DESKTOP, PHONE, _rgb, screen

N = 60  # more than the 50 rows the index lists at first
PROPOSALS = {f"pep-{n:04d}.rst": minimal_pep(n, f"Proposal {n:03d}") for n in range(1, N + 1)}
INDEX = ".. pep-index::\n   :filters: status\n"


class Site(NamedTuple):
    theme: str
    base: str


@pytest.fixture(scope="module", params=list(THEMES))
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    theme = request.param
    require_theme(theme)
    _require_browser()
    docnames = [name.removesuffix(".rst") for name in PROPOSALS]
    files = {
        **PROPOSALS,
        "conf.py": BASE_CONF + f"html_theme = {theme!r}\n",
        "index.rst": index_rst(*docnames, body=INDEX),
    }
    for base in serve_files(tmp_path_factory.mktemp(f"rows-{theme}"), files):
        yield Site(theme, base)


browser = test_index_browser.browser


_BOXES_JS = """
const table = document.querySelector('div.pep-index table');
const rows = Array.from(table.querySelectorAll('tbody tr')).filter(r => r.getClientRects().length);
return {
  rows: rows.length,
  tableBottom: table.getBoundingClientRect().bottom + scrollY,
  screen: document.documentElement.clientWidth,
  buttons: Array.from(document.querySelectorAll('.pep-index-rows button'))
    .filter(b => b.getClientRects().length)
    .map(b => { const r = b.getBoundingClientRect();
                return {text: b.textContent, left: r.left, right: r.right, top: r.top + scrollY,
                        width: r.width, height: r.height,
                        font: parseFloat(getComputedStyle(b).fontSize)}; }),
};
"""


#: What is on top at the middle of the element once it is scrolled into the
#: middle of the screen: None when it is the element itself (or inside it).
_COVERED_JS = """
const el = document.querySelector(arguments[0]);
el.scrollIntoView({block: 'center', behavior: 'instant'});
const box = el.getBoundingClientRect();
const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
if (top && (top === el || el.contains(top))) return null;
return top ? top.tagName.toLowerCase() + '.' + String(top.className) : 'nothing';
"""


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_row_buttons_sit_under_the_table_readable_and_pressable(
    browser: Any, site: Site, width: int, dark: bool
) -> None:
    screen(browser, width, dark=dark)
    browser.get("about:blank")
    browser.get(site.base + "index.html")
    wait(browser, lambda d: d.find_elements("css selector", ".pep-index-rows button"))
    boxes = browser.execute_script(_BOXES_JS)
    where = (site.theme, width, "dark" if dark else "light")
    assert boxes["rows"] == 50, where
    assert [b["text"] for b in boxes["buttons"]] == ["Show 10 more"], where
    [button] = boxes["buttons"]
    assert button["top"] >= boxes["tableBottom"] - 1, where
    assert button["left"] >= 0 and button["right"] <= boxes["screen"] + 1, where
    assert button["width"] >= 24 and button["height"] >= 24, (where, button)
    assert button["font"] >= 12, (where, button)
    shown = ".pep-index-rows button:not([hidden])"
    [(_text, seen, behind)] = browser.execute_script(_COLOURS_JS, shown)
    assert _contrast(_rgb(seen), _rgb(behind)) >= 4.5, (where, seen, behind)
    overflow = browser.execute_script(_OVERFLOW_JS)
    assert overflow["page"] <= overflow["screen"], (where, overflow)
    # Nothing covers it (a theme's fixed bar, say) once scrolled to.
    covering = browser.execute_script(_COVERED_JS, shown)
    assert covering is None, (where, covering)
    # Pressed: the ten other rows, and no button left.
    browser.find_element("css selector", shown).click()
    wait(browser, lambda d: d.execute_script(_BOXES_JS)["rows"] == N)
    assert browser.execute_script(_BOXES_JS)["buttons"] == [], where
