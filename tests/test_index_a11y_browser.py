"""The ``pep-index`` for keyboard and screen reader users, in a real Chromium (issue 18).

What a screen reader announces is read from Chromium's own accessibility
tree: WebDriver's computed name and role (``accessible_name``,
``aria_role``) of header cells, data cells, tables and headings. Keyboard
use is real key presses: Tab from the text box to the table, arrow keys in a
chip group, Enter on the skip link.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import test_index_browser
from conftest import BASE_CONF
from example_site import build_example
from picture_project import directive
from test_index_browser import (
    ALL,
    _require_browser,
    _serve_built,
    chip,
    fragment,
    open_index,
    query_box,
    serve,
    showing,
    visible_rows,
    wait,
)

# The same Chromium fixture (one per test module).
browser = test_index_browser.browser

# pep-stats and pep-timeline on one page: their tables' names and headings.
PICTURES = (
    "Pictures\n========\n\n"
    + directive("pep-stats", ".rst")
    + "\n"
    + directive("pep-timeline", ".rst")
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The browser tests' project, with a page of pictures; yields the base URL."""
    _require_browser()
    yield from _serve_built(
        tmp_path_factory.mktemp("browser-a11y"),
        BASE_CONF,
        {"pictures.rst": PICTURES},
    )


def focused(driver: Any) -> Any:
    return driver.switch_to.active_element


def press(driver: Any, *keys: str) -> Any:
    """Press *keys* where the focus is, as a user would; the element focused after."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()
    return focused(driver)


_DESCRIBE_JS = """
const element = arguments[0];
const inTable = element.closest('table') !== null;
const group = element.closest('fieldset');
return {
  tag: element.tagName.toLowerCase(),
  text: element.textContent.trim(),
  value: element.getAttribute('data-value'),
  group: group ? group.getAttribute('data-filter') : null,
  inTable: inTable,
};
"""


def describe(driver: Any, element: Any) -> dict[str, Any]:
    return dict(driver.execute_script(_DESCRIBE_JS, element))


# -- what a screen reader announces -------------------------------------------


def test_a_column_header_is_announced_by_its_name_alone(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    headers = browser.find_elements("css selector", "div.pep-index thead th")
    names = [th.accessible_name for th in headers]
    assert names == ["Number", "Title", "Status", "Authors", "Created"]
    assert {th.aria_role for th in headers} == {"columnheader"}
    # The sort button inside says the same: the header's name is its text.
    buttons = browser.find_elements("css selector", "div.pep-index thead th button")
    assert [button.accessible_name for button in buttons] == names
    assert {button.aria_role for button in buttons} == {"button"}
    # Its hint is one shared description, hidden, not a label on every cell.
    (hint_id,) = {button.get_attribute("aria-describedby") for button in buttons}
    hint = browser.find_element("id", hint_id)
    assert not hint.is_displayed()
    assert hint.get_attribute("textContent") == (
        "Sorts the table by this column (press again to reverse)"
    )
    assert [b.get_attribute("aria-label") for b in buttons] == [None] * len(buttons)
    # A data cell is named by its own content; the column's header by its name.
    status = browser.find_element("css selector", "tbody tr td.pep-col-status")
    assert status.aria_role == "cell"
    assert status.accessible_name == "Accepted"


def test_aria_sort_marks_the_sorted_column_only(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")

    def sort_states() -> dict[str, str | None]:
        return {
            th.accessible_name: th.get_attribute("aria-sort")
            for th in browser.find_elements("css selector", "div.pep-index thead th")
        }

    # The build's default order (by number), marked from the start.
    assert sort_states()["Number"] == "ascending"
    assert [n for n, state in sort_states().items() if state] == ["Number"]
    title = browser.find_element("css selector", "th.pep-col-title button")
    title.click()
    wait(browser, lambda d: fragment(d) == "#sort=title")
    assert {n: s for n, s in sort_states().items() if s} == {"Title": "ascending"}
    title.click()
    wait(browser, lambda d: fragment(d) == "#sort=-title")
    assert {n: s for n, s in sort_states().items() if s} == {"Title": "descending"}
    # The name stays the column's while its state changes.
    assert title.accessible_name == "Title"


def test_each_grouped_table_is_named_by_its_group_s_heading(browser: Any, site: str) -> None:
    open_index(browser, site + "grouped.html")
    tables = browser.find_elements("css selector", "div.pep-index table")
    assert [t.accessible_name for t in tables] == [
        "Open",
        "Accepted",
        "Done",
        "Closed",
        "Proposals",
    ]
    headings = browser.find_elements("css selector", "caption .pep-index-group-title")
    # Headings one level below the page's section ("Grouped", h1).
    assert [(h.tag_name, h.aria_role, h.text) for h in headings] == [
        ("h2", "heading", "Open"),
        ("h2", "heading", "Accepted"),
        ("h2", "heading", "Done"),
        ("h2", "heading", "Closed"),
    ]
    # The static index's caption is for screen readers: no room taken on screen.
    size = browser.execute_script(
        "const r = document.querySelectorAll('div.pep-index')[1]"
        ".querySelector('caption').getBoundingClientRect(); return [r.width, r.height];"
    )
    assert max(size) <= 1


def test_stats_and_timeline_tables_have_names_and_headings(browser: Any, site: str) -> None:
    browser.get(site + "pictures.html")
    stats = browser.find_elements("css selector", ".pep-stats table")
    headings = browser.find_elements("css selector", ".pep-stats .pep-stats-heading")
    assert [h.aria_role for h in headings] == ["heading"] * len(headings)
    assert {h.tag_name for h in headings} == {"h2"}
    # Each table is named by its part's heading.
    assert [t.accessible_name for t in stats] == [h.text for h in headings]
    assert "Proposals by status group" in [h.text for h in headings]
    timeline = browser.find_element("css selector", "table.pep-timeline-table")
    assert timeline.accessible_name.endswith("Status timeline")


# -- the keyboard --------------------------------------------------------------


def tab_stops_to_the_table(driver: Any, block: int = 0, limit: int = 60) -> list[dict[str, Any]]:
    """Each element Tab focuses, from the *block*-th index's text box to the first in a table."""
    box = query_box(driver, block)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    stops: list[dict[str, Any]] = []
    while len(stops) < limit:
        stops.append(describe(driver, press(driver, "\ue004")))  # Keys.TAB
        if stops[-1]["inTable"]:
            return stops
    raise AssertionError(f"no table after {limit} Tab stops: {stops}")


def test_tab_reaches_the_table_in_one_stop_per_chip_group(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    groups = browser.find_elements("css selector", "fieldset.pep-index-filter")
    stops = tab_stops_to_the_table(browser)
    assert len(stops) <= len(groups) + 2
    # The skip link, then each group's first chip, then the first sort button.
    assert [(s["tag"], s["group"], s["value"]) for s in stops] == [
        ("a", None, None),
        ("button", "status", "proposed"),
        ("button", "risk", "low"),
        ("button", "person", "amy"),
        ("button", "target", "2.0"),
        ("button", None, None),
    ]
    assert stops[0]["text"] == "Skip to the results"
    assert stops[-1]["text"] == "Number"


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example project (where the issue counted 27 Tab stops), built and served."""
    _require_browser()
    build = build_example(tmp_path_factory.mktemp("example-a11y") / "html")
    with serve(build.outdir) as base:
        yield base


def test_the_example_project_s_indexes_take_few_tab_stops(browser: Any, example_site: str) -> None:
    open_index(browser, example_site + "proposals-index.html")
    blocks = browser.find_elements("css selector", "div.pep-index-enhanced")
    assert len(blocks) == 2  # the grouped index (five filters), Releases (target)
    for number, block in enumerate(blocks):
        groups = block.find_elements("css selector", "fieldset.pep-index-filter")
        stops = tab_stops_to_the_table(browser, number)
        assert len(stops) <= len(groups) + 2, stops
        chip_groups = [s["group"] for s in stops if s["group"]]
        assert len(chip_groups) == len(set(chip_groups)) == len(groups)


def test_the_skip_link_moves_to_the_table_and_keeps_the_filters(browser: Any, site: str) -> None:
    from selenium.webdriver.common.keys import Keys

    open_index(browser, site + "index.html#status=accepted")
    wait(browser, lambda d: visible_rows(d) == ["PEP 0001", "PEP 0005"])
    query_box(browser).click()
    link = press(browser, Keys.TAB)
    assert link.get_attribute("class") == "pep-index-skip"
    # Out of sight until focused; then shown.
    assert link.size["width"] > 1 and link.is_displayed()
    table = press(browser, Keys.ENTER)
    assert table.tag_name == "table"
    assert table.accessible_name == "Proposals"
    assert fragment(browser) == "#status=accepted"
    # The next Tab is inside the table: its first sort button.
    assert describe(browser, press(browser, Keys.TAB))["text"] == "Number"


def test_the_arrow_keys_move_within_a_chip_group(browser: Any, site: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_index(browser, site + "index.html")
    statuses = ["proposed", "accepted", "implemented", "rejected"]
    first = chip(browser, "status", "proposed")
    browser.execute_script("arguments[0].focus()", first)

    def where() -> tuple[str | None, list[str | None]]:
        group = browser.find_elements(
            "css selector", 'fieldset[data-filter="status"] button.pep-chip'
        )
        return focused(browser).get_attribute("data-value"), [
            c.get_attribute("tabindex") for c in group
        ]

    assert where() == ("proposed", ["0", "-1", "-1", "-1"])
    press(browser, Keys.ARROW_RIGHT)
    assert where() == ("accepted", ["-1", "0", "-1", "-1"])
    press(browser, Keys.ARROW_DOWN)
    assert where()[0] == "implemented"
    press(browser, Keys.END)
    assert where()[0] == statuses[-1]
    press(browser, Keys.ARROW_RIGHT)  # round to the first
    assert where()[0] == statuses[0]
    press(browser, Keys.ARROW_LEFT)  # and back to the last
    assert where()[0] == statuses[-1]
    press(browser, Keys.HOME)
    press(browser, Keys.ARROW_RIGHT)
    assert where() == ("accepted", ["-1", "0", "-1", "-1"])

    # Space presses the chip; the count is announced politely.
    live = browser.find_element("css selector", ".pep-index-count")
    assert (live.get_attribute("role"), live.get_attribute("aria-live")) == ("status", "polite")
    press(browser, Keys.SPACE)
    wait(browser, lambda d: visible_rows(d) == ["PEP 0001", "PEP 0005"])
    assert chip(browser, "status", "accepted").get_attribute("aria-pressed") == "true"
    assert showing(browser) == "Showing 2 of 6 proposals"
    press(browser, Keys.ENTER)  # Enter too: pressed again, released
    wait(browser, lambda d: visible_rows(d) == ALL)
    assert chip(browser, "status", "accepted").get_attribute("aria-pressed") == "false"
    assert {
        c.get_attribute("aria-pressed")
        for c in browser.find_elements("css selector", "button.pep-chip")
    } == {"false"}

    # Tab leaves the group for the next one; Shift+Tab comes back to the chip
    # last focused, not to the group's first.
    assert describe(browser, press(browser, Keys.TAB))["group"] == "risk"
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert focused(browser).get_attribute("data-value") == "accepted"


def test_a_chip_group_is_named_and_described_for_screen_readers(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    groups = browser.find_elements("css selector", "fieldset.pep-index-filter")
    assert [g.accessible_name for g in groups] == ["Status", "Risk", "Person", "Target"]
    (hint_id,) = {g.get_attribute("aria-describedby") for g in groups}
    hint = browser.find_element("id", hint_id)
    assert "Arrow keys" in hint.get_attribute("textContent")
    assert not hint.is_displayed()
    # Every chip says whether it is pressed.
    chips = browser.find_elements("css selector", "button.pep-chip")
    assert {c.get_attribute("aria-pressed") for c in chips} == {"false"}
    chip(browser, "risk", "high").click()
    wait(browser, lambda d: visible_rows(d) == ["PEP 0001"])
    pressed = [
        c.get_attribute("data-value") for c in chips if c.get_attribute("aria-pressed") == "true"
    ]
    assert pressed == ["high"]
