"""A long filter group of the interactive ``pep-index`` in Chromium (issue 18).

A group with many values (people, at hundreds of proposals) shows its twelve
most used values and a "more" button; the button opens a list of the rest
with its own search box. Pressed values always stay in sight, a link can
press one from the list, and the other groups and the table behave as
before. How fast it all is at 2,000 proposals is measured by
``benchmarks/index_browser.py``, not here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import test_index_browser
from conftest import BASE_CONF, index_rst, minimal_pep
from test_index_browser import (
    _require_browser,
    fragment,
    open_index,
    serve_files,
    visible_rows,
    wait,
)

# Member m (01 to 20) writes proposals 21 - m to 20: m proposals, so that the
# twelve most used are members 09 to 20 and members 01 to 08 are "more".
MEMBERS = [f"Member {m:02d}" for m in range(1, 21)]


def _authors(number: int) -> str:
    return ", ".join(name for m, name in enumerate(MEMBERS, 1) if number > 20 - m)


PROPOSALS = {
    f"pep-{n:04d}.rst": minimal_pep(n, f"Proposal {n}", author=_authors(n)) for n in range(1, 21)
}
INDEX = ".. pep-index::\n   :filters: status, person\n"
TOP = [f"member {m:02d}" for m in range(9, 21)]
REST = [f"member {m:02d}" for m in range(1, 9)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    docnames = [name.removesuffix(".rst") for name in PROPOSALS]
    files = {**PROPOSALS, "conf.py": BASE_CONF, "index.rst": index_rst(*docnames, body=INDEX)}
    yield from serve_files(tmp_path_factory.mktemp("browser-large"), files)


# The same Chromium fixture (one per test module).
browser = test_index_browser.browser

_SHOWN_CHIPS_JS = """
return Array.from(document.querySelectorAll(
    'fieldset[data-filter="' + arguments[0] + '"] .pep-chip'))
  .filter(chip => chip.getClientRects().length > 0)
  .map(chip => chip.getAttribute('data-value'));
"""


def shown_chips(driver: Any, group: str = "person") -> list[str]:
    """The values of the chips a user sees in *group*, in page order."""
    return list(driver.execute_script(_SHOWN_CHIPS_JS, group))


def more_button(driver: Any) -> Any:
    return driver.find_element("css selector", 'fieldset[data-filter="person"] .pep-chip-more')


def person_chip(driver: Any, value: str) -> Any:
    return driver.find_element(
        "css selector", f'fieldset[data-filter="person"] button[data-value="{value}"]'
    )


def find_box(driver: Any) -> Any:
    return driver.find_element("css selector", 'fieldset[data-filter="person"] input')


def proposals(*numbers: int) -> list[str]:
    return [f"PEP {n:04d}" for n in numbers]


def test_a_long_group_shows_its_most_used_values_and_a_more_button(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    assert shown_chips(browser) == TOP
    button = more_button(browser)
    assert button.text.strip() == "8 more"
    assert button.get_attribute("aria-expanded") == "false"
    panel = browser.find_element("id", button.get_attribute("aria-controls"))
    assert not panel.is_displayed()
    # A short group is whole, with no button; the table is whole.
    assert shown_chips(browser, "status") == ["proposed"]
    assert (
        browser.find_elements("css selector", 'fieldset[data-filter="status"] .pep-chip-more') == []
    )
    assert visible_rows(browser) == proposals(*range(1, 21))


def test_more_opens_a_searchable_list_of_the_rest(browser: Any, site: str) -> None:
    from selenium.webdriver.common.keys import Keys

    open_index(browser, site + "index.html")
    button = more_button(browser)
    button.send_keys(Keys.ENTER)  # a button: the keyboard opens it
    wait(browser, lambda d: button.get_attribute("aria-expanded") == "true")
    assert sorted(shown_chips(browser)) == sorted(TOP + REST)
    box = find_box(browser)
    label = browser.find_element("css selector", f'label[for="{box.get_attribute("id")}"]')
    assert label.text == "Find in the list"
    # Tab goes from the button to the search box.
    button.send_keys(Keys.TAB)
    assert browser.switch_to.active_element == box
    box.send_keys("03")
    # The list holds the match only; the twelve stay above it.
    wait(browser, lambda d: shown_chips(d) == [*TOP, "member 03"])
    # A value pressed in the list filters, and stays where it is meanwhile.
    person_chip(browser, "member 03").click()
    wait(browser, lambda d: visible_rows(d) == proposals(18, 19, 20))
    assert fragment(browser) == "#person=member%2003"
    assert shown_chips(browser) == [*TOP, "member 03"]
    # Escape closes the list, the focus back on its button; the pressed value
    # now shows among the group's values, in its place.
    find_box(browser).send_keys(Keys.ESCAPE)
    wait(browser, lambda d: more_button(d).get_attribute("aria-expanded") == "false")
    assert browser.switch_to.active_element == more_button(browser)
    assert shown_chips(browser) == ["member 03", *TOP]
    assert more_button(browser).text.strip() == "7 more"
    assert person_chip(browser, "member 03").get_attribute("aria-pressed") == "true"
    # Reopened, the search box is empty and the list whole again.
    more_button(browser).click()
    wait(browser, lambda d: len(shown_chips(d)) == 20)
    assert find_box(browser).get_attribute("value") == ""


def test_a_link_can_press_a_value_of_the_list(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html#person=Member%2002")
    wait(browser, lambda d: visible_rows(d) == proposals(19, 20))
    assert shown_chips(browser) == ["member 02", *TOP]
    assert person_chip(browser, "member 02").get_attribute("aria-pressed") == "true"
    assert more_button(browser).text.strip() == "7 more"
    # Pressed again, it filters no more, and stays in sight until the list closes.
    person_chip(browser, "member 02").click()
    wait(browser, lambda d: visible_rows(d) == proposals(*range(1, 21)))
    assert shown_chips(browser) == ["member 02", *TOP]
    # Back restores the link's state, the value still in sight.
    browser.back()
    wait(browser, lambda d: visible_rows(d) == proposals(19, 20))
    assert shown_chips(browser) == ["member 02", *TOP]


def test_counts_of_listed_values_follow_the_filters(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    more_button(browser).click()
    wait(browser, lambda d: more_button(d).get_attribute("aria-expanded") == "true")
    five = person_chip(browser, "member 05").find_element("css selector", ".pep-chip-count")
    three = person_chip(browser, "member 03").find_element("css selector", ".pep-chip-count")
    assert (five.text, three.text) == ("5", "3")
    browser.find_element("css selector", "input.pep-index-query").send_keys("0017")
    wait(browser, lambda d: visible_rows(d) == proposals(17))
    # PEP 0017 is by members 04 to 20.
    assert (five.text, three.text) == ("1", "0")
    assert "pep-chip-empty" in person_chip(browser, "member 03").get_attribute("class")
