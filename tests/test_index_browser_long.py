"""A long ``pep-index`` in Chromium: the first rows listed, the rest on request (issue 18).

At 2,000 proposals every row the table shows costs Chromium a layout on each
change, and every row hidden or shown again a style and layout-tree update
(hundreds of milliseconds). So the script lists the first 50 matching rows
and, after the table, "Show 50 more" and "Show all N"; the "Showing" line,
the chip counts and the text box cover every row, and without JavaScript the
page is the whole table. How fast it is at 2,000 proposals is measured by
``benchmarks/index_browser.py``, not here.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
import test_index_browser
from conftest import BASE_CONF, index_rst, minimal_pep
from test_index_browser import (
    _require_browser,
    chip,
    fragment,
    open_index,
    serve_files,
    showing,
    visible_rows,
    wait,
)

PAGE = 50  # pep-index.js: the rows listed at first, and added by "Show more"
LONG = 400  # eight pages; more than twice the rows shown in one frame (150)
HALF = LONG // 2  # Accepted (the odd numbers), Proposed (the even ones)

PROPOSALS = {
    f"pep-{n:04d}.rst": minimal_pep(
        n, f"Proposal {n:03d}", status="Accepted" if n % 2 else "Proposed"
    )
    for n in range(1, LONG + 1)
}
INDEX = ".. pep-index::\n   :filters: status, person\n"
GROUPED = "Grouped\n=======\n\n.. pep-index::\n   :filters: status\n   :group-by: status\n"
# No number or title column: rows without a link to move the focus to.
NO_LINKS = (
    "No links\n========\n\n.. pep-index::\n   :filters: status\n   :columns: status, created\n"
)


def proposals(*numbers: int) -> list[str]:
    return [f"PEP {n:04d}" for n in numbers]


EVERY = proposals(*range(1, LONG + 1))


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    docnames = [name.removesuffix(".rst") for name in PROPOSALS]
    files = {
        **PROPOSALS,
        "conf.py": BASE_CONF,
        "index.rst": index_rst(*docnames, "grouped", "no-links", body=INDEX),
        "grouped.rst": GROUPED,
        "no-links.rst": NO_LINKS,
    }
    yield from serve_files(tmp_path_factory.mktemp("browser-long"), files)


browser = test_index_browser.browser


_BUTTONS_JS = """
const block = document.querySelectorAll('div.pep-index')[arguments[0] || 0];
return Array.from(block.querySelectorAll('.pep-index-rows button'))
  .filter(button => button.getClientRects().length > 0)
  .map(button => button.textContent);
"""


def row_buttons(driver: Any, block: int = 0) -> list[str]:
    """The labels of the "Show more" / "Show all" buttons a user sees."""
    return list(driver.execute_script(_BUTTONS_JS, block))


def press(driver: Any, label: str, block: int = 0) -> None:
    index = driver.find_elements("css selector", "div.pep-index")[block]
    buttons = index.find_elements("css selector", ".pep-index-rows button")
    [button] = [b for b in buttons if b.text == label]
    button.click()


def focused_row(driver: Any) -> str:
    return str(
        driver.execute_script(
            "const row = document.activeElement.closest('tr');"
            "return row ? row.querySelector('td.pep-col-number').textContent.trim() : '';"
        )
    )


_STRIPES_JS = """
return Array.from(document.querySelectorAll('div.pep-index tbody tr'))
  .filter(row => row.getClientRects().length > 0)
  .map(row => row.classList.contains('row-odd') ? 'odd' : 'even');
"""


def test_without_javascript_every_row_is_in_the_page(long_site: str) -> None:
    for page, rows in (("index.html", LONG), ("grouped.html", LONG), ("no-links.html", LONG)):
        # What a reader without JavaScript gets: the page as served.
        with urllib.request.urlopen(long_site + page) as response:
            html = response.read().decode("utf-8")
        assert html.count("<tr data-status=") == rows
        assert "<tr hidden" not in html and "pep-index-rows" not in html


def test_the_first_rows_are_listed_and_more_on_request(browser: Any, long_site: str) -> None:
    open_index(browser, long_site + "index.html")
    entries = browser.execute_script("return history.length")
    assert visible_rows(browser) == EVERY[:PAGE]
    # The counts are of every row; the buttons say what is left out.
    assert showing(browser) == f"Showing {LONG} of {LONG} proposals"
    assert row_buttons(browser) == [f"Show {PAGE} more", f"Show all {LONG}"]
    press(browser, f"Show {PAGE} more")
    wait(browser, lambda d: visible_rows(d) == EVERY[: 2 * PAGE])
    # The focus moves to the first row added, not left on a button far below it.
    assert focused_row(browser) == EVERY[PAGE]
    assert row_buttons(browser) == [f"Show {PAGE} more", f"Show all {LONG}"]
    press(browser, f"Show all {LONG}")
    wait(browser, lambda d: visible_rows(d) == EVERY)
    assert focused_row(browser) == EVERY[2 * PAGE]
    assert row_buttons(browser) == []
    assert browser.execute_script(_STRIPES_JS) == ["odd", "even"] * (LONG // 2)
    # Listing more rows is no change of the view: no history entry, no fragment.
    assert fragment(browser) == ""
    assert browser.execute_script("return history.length") == entries


def test_a_change_of_the_view_lists_its_first_rows_again(browser: Any, long_site: str) -> None:
    open_index(browser, long_site + "index.html")
    press(browser, f"Show {PAGE} more")
    wait(browser, lambda d: len(visible_rows(d)) == 2 * PAGE)
    chip(browser, "status", "accepted").click()  # the odd numbers
    odd = EVERY[::2]
    wait(browser, lambda d: visible_rows(d) == odd[:PAGE])
    assert showing(browser) == f"Showing {HALF} of {LONG} proposals"
    # Sorted: the first rows of the new order; the rest still a button away.
    title = browser.find_element("css selector", "th.pep-col-title button")
    title.click()
    wait(browser, lambda d: fragment(d) == "#status=accepted&sort=title")
    title.click()
    wait(browser, lambda d: visible_rows(d) == odd[::-1][:PAGE])
    assert browser.execute_script(_STRIPES_JS) == ["odd", "even"] * (PAGE // 2)
    press(browser, f"Show {PAGE} more")
    wait(browser, lambda d: visible_rows(d) == odd[::-1][: 2 * PAGE])
    assert focused_row(browser) == odd[::-1][PAGE]
    press(browser, f"Show {PAGE} more")
    wait(browser, lambda d: visible_rows(d) == odd[::-1][: 3 * PAGE])
    # The last 50: one button lists them all.
    assert row_buttons(browser) == [f"Show {PAGE} more"]
    press(browser, f"Show {PAGE} more")
    wait(browser, lambda d: visible_rows(d) == odd[::-1])
    assert row_buttons(browser) == []
    # No row matches, then every row again: the first page of them.
    query = browser.find_element("css selector", "input.pep-index-query")
    query.send_keys("no such proposal")
    wait(browser, lambda d: visible_rows(d) == [])
    assert row_buttons(browser) == []
    chip(browser, "status", "accepted").click()
    query.clear()
    query.send_keys(" ")  # an input event: the text box is empty again
    wait(browser, lambda d: visible_rows(d) == EVERY[::-1][:PAGE])
    assert row_buttons(browser) == [f"Show {PAGE} more", f"Show all {LONG}"]


def test_show_all_lists_every_row_through_later_changes(browser: Any, long_site: str) -> None:
    open_index(browser, long_site + "index.html")
    # The 350 rows added: 150 (a frame's worth) at once, 150 in the next
    # frame, the last 50 in the one after.
    shown = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const count = () => document.querySelectorAll("
        "  'div.pep-index tbody tr:not([hidden])').length;"
        "document.querySelector('.pep-index-rows-all').click();"
        "const first = count();"
        "requestAnimationFrame(() => done([first, count()]));"
    )
    assert shown == [PAGE + 150, PAGE + 300]
    wait(browser, lambda d: visible_rows(d) == EVERY)
    assert focused_row(browser) == EVERY[PAGE]
    chip(browser, "status", "accepted").click()
    wait(browser, lambda d: visible_rows(d) == EVERY[::2])
    # Released: every row again, the first ones at once, the rest in the next frames.
    chip(browser, "status", "accepted").click()
    wait(browser, lambda d: visible_rows(d) == EVERY)
    # Sorted: every row moves; all come back, in the new order.
    title = browser.find_element("css selector", "th.pep-col-title button")
    title.click()
    wait(browser, lambda d: fragment(d) == "#sort=title")
    title.click()
    wait(browser, lambda d: visible_rows(d) == EVERY[::-1])
    assert browser.execute_script(_STRIPES_JS) == ["odd", "even"] * (LONG // 2)
    assert row_buttons(browser) == []
    # A reload starts from the first rows again.
    open_index(browser, long_site + "index.html#sort=-title")
    assert visible_rows(browser) == EVERY[::-1][:PAGE]


_GROUPS_JS = """
return Array.from(document.querySelectorAll('div.pep-index .pep-index-group'))
  .filter(group => group.getClientRects().length > 0)
  .map(group => [group.querySelector('caption').textContent.trim(),
                 Array.from(group.querySelectorAll('tbody tr'))
                   .filter(row => row.getClientRects().length > 0).length]);
"""


def test_a_grouped_index_lists_its_first_groups(browser: Any, long_site: str) -> None:
    open_index(browser, long_site + "grouped.html")
    even, odd = EVERY[1::2], EVERY[::2]  # Proposed (open) first, then Accepted
    # A group with no row listed is hidden with its title.
    assert [count for _title, count in browser.execute_script(_GROUPS_JS)] == [PAGE]
    assert visible_rows(browser) == even[:PAGE]
    for listed in range(2 * PAGE, HALF + 1, PAGE):
        press(browser, f"Show {PAGE} more")
        wait(browser, lambda d, listed=listed: len(visible_rows(d)) == listed)
    assert [count for _title, count in browser.execute_script(_GROUPS_JS)] == [HALF]
    press(browser, f"Show {PAGE} more")
    wait(browser, lambda d: len(visible_rows(d)) == HALF + PAGE)
    # The first group whole, then the second group's first rows; the focus on
    # the first of them.
    assert [count for _title, count in browser.execute_script(_GROUPS_JS)] == [HALF, PAGE]
    assert visible_rows(browser) == even + odd[:PAGE]
    assert focused_row(browser) == odd[0]


def test_printing_lists_every_matching_row_in_order(browser: Any, long_site: str) -> None:
    open_index(browser, long_site + "index.html#status=accepted&sort=-title")
    odd = EVERY[::2]
    assert visible_rows(browser) == odd[::-1][:PAGE]
    browser.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    # At once: the page is laid out for print right after the event.
    assert visible_rows(browser) == odd[::-1]
    browser.execute_script("window.dispatchEvent(new Event('afterprint'))")
    assert visible_rows(browser) == odd[::-1][:PAGE]
    assert row_buttons(browser) == [f"Show {PAGE} more", f"Show all {HALF}"]


_FOCUS_JS = """
const focused = document.activeElement;
const row = focused.closest('tr');
return [focused.tagName.toLowerCase(), row ? row.getAttribute('data-sort-number') : ''];
"""


def focus(driver: Any) -> list[str]:
    """The focused element's tag, and the number of the row holding it ('' outside a row)."""
    return list(driver.execute_script(_FOCUS_JS))


def focus_link(driver: Any, row: int) -> None:
    """Focus the number's link in the *row*-th row a user sees (0: the first)."""
    driver.execute_script(
        "Array.from(document.querySelectorAll('div.pep-index td.pep-col-number a'))"
        "  .filter(link => link.getClientRects().length > 0)[arguments[0]].focus()",
        row,
    )


def test_show_more_moves_the_focus_to_a_row_without_links_too(browser: Any, long_site: str) -> None:
    open_index(browser, long_site + "no-links.html")
    assert not browser.find_elements("css selector", "div.pep-index tbody a")
    for listed in range(PAGE, LONG, PAGE):
        buttons = row_buttons(browser)
        press(browser, buttons[0])
        wait(browser, lambda d, listed=listed: len(visible_rows_of(d)) == listed + PAGE)
        # The first row added, by its first cell: not left on the button far
        # below, nor dropped to <body> when the last rows hide the buttons.
        assert focus(browser) == ["td", str(listed + 1)]
    assert row_buttons(browser) == []
    # The cell is focusable only while it has the focus: Tab never stops there.
    browser.find_element("css selector", "input.pep-index-query").click()
    assert not browser.find_elements("css selector", "div.pep-index td[tabindex]")


def visible_rows_of(driver: Any) -> list[str]:
    """The numbers of the rows a user sees, for a table without a number column."""
    return list(
        driver.execute_script(
            "return Array.from(document.querySelectorAll('div.pep-index tbody tr'))"
            "  .filter(row => row.getClientRects().length > 0)"
            "  .map(row => row.getAttribute('data-sort-number'));"
        )
    )


def test_printing_and_back_leave_the_focus_in_its_row(browser: Any, long_site: str) -> None:
    # Sorted, so that listing every row for print moves the rows in the page.
    open_index(browser, long_site + "index.html#sort=-title")
    focus_link(browser, 3)
    assert focus(browser) == ["a", str(LONG - 3)]
    browser.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    assert visible_rows(browser) == EVERY[::-1]
    assert focus(browser) == ["a", str(LONG - 3)]
    browser.execute_script("window.dispatchEvent(new Event('afterprint'))")
    assert focus(browser) == ["a", str(LONG - 3)]
    # Back to a view that still lists the row: the rows move, the focus stays.
    chip(browser, "status", "accepted").click()  # the odd numbers
    wait(browser, lambda d: fragment(d) == "#status=accepted&sort=-title")
    focus_link(browser, 1)
    assert focus(browser) == ["a", str(LONG - 3)]
    browser.back()
    wait(browser, lambda d: visible_rows(d) == EVERY[::-1][:PAGE])
    assert focus(browser) == ["a", str(LONG - 3)]


def test_back_and_forward_update_the_index_once(browser: Any, long_site: str) -> None:
    # Chromium fires popstate and then hashchange for one step back: the
    # index must not be filtered and arranged twice (the benchmark's marks
    # count the updates).
    open_index(browser, long_site + "index.html")
    chip(browser, "status", "accepted").click()
    wait(browser, lambda d: fragment(d) == "#status=accepted")
    updates = "return performance.getEntriesByName('pep-index:update').length"
    before = browser.execute_script(updates)
    browser.back()
    wait(browser, lambda d: visible_rows(d) == EVERY[:PAGE])
    browser.execute_async_script("setTimeout(arguments[0], 200)")  # any later event
    assert browser.execute_script(updates) == before + 1
    browser.forward()
    wait(browser, lambda d: visible_rows(d) == EVERY[::2][:PAGE])
    browser.execute_async_script("setTimeout(arguments[0], 200)")
    assert browser.execute_script(updates) == before + 2
    # A fragment edited by hand (hashchange alone) is still followed.
    browser.execute_script("location.hash = '#status=proposed'")
    wait(browser, lambda d: visible_rows(d) == EVERY[1::2][:PAGE])
    assert browser.execute_script(updates) == before + 3


def test_a_change_while_rows_are_revealed_takes_over(browser: Any, long_site: str) -> None:
    open_index(browser, long_site + "index.html")
    # "Show all" leaves 200 rows for the next frames; a chip pressed before
    # them must not let those frames show the even rows it filters out.
    browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "document.querySelector('.pep-index-rows-all').click();"
        "document.querySelector('button.pep-chip[data-value=\"accepted\"]').click();"
        "requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done)));"
    )
    assert visible_rows(browser) == EVERY[::2]
    assert browser.execute_script(_STRIPES_JS) == ["odd", "even"] * (HALF // 2)
