"""The interactive ``pep-index`` in a real browser (SPEC §9).

Debian's headless Chromium, driven by Selenium through ``/usr/bin/chromedriver``,
loads a built project from a local HTTP server (``http.server`` on 127.0.0.1,
a free port). Without Chromium the tests are skipped, unless ``CI`` is set:
there ``.ci/run`` installs it, so its absence is a failure.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_CONF, index_rst, minimal_pep, write_files
from sphinx.testing.util import SphinxTestApp

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WAIT = 10  # seconds: the longest any condition below may take


def _require_browser() -> None:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).is_file()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    if missing:
        reason = f"browser tests need {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI is set: .ci/run installs them)")
        pytest.skip(reason)


PROPOSALS = {
    "pep-0001.rst": minimal_pep(
        1, "Cache the parser", status="Accepted", risk="High", created="2026-01-10", target="2.0"
    ),
    "pep-0002.rst": minimal_pep(
        2,
        "<script>window.pwned = 1</script><img src=x onerror=window.pwned=2>",
        status="Proposed",
        author="Zed <z@example.com>, Amy",
        created="2026-02-20",
    ),
    "pep-0003.rst": minimal_pep(
        3, "Stream the output", status="Implemented", risk="Medium", created="2026-01-01"
    ),
    "pep-0004.rst": minimal_pep(4, "Drop the old cache", status="Rejected", created="2026-02-01"),
    "pep-0005.rst": minimal_pep(
        5,
        "Accept plugins",
        status="Accepted",
        created="2026-01-20",
        reviewers="Zed <z@example.com>",
        target="2.0",
    ),
    "pep-0006.rst": minimal_pep(
        6, "Faster cache keys", status="Proposed", risk="Medium", created="2026-03-01", target="2.1"
    ),
}
DOCNAMES = tuple(name.removesuffix(".rst") for name in PROPOSALS)
# "author": the person filter's earlier name, still read.
INDEX = ".. pep-index::\n   :filters: status, risk, author, target\n"
GROUPED = (
    "Grouped\n=======\n\n.. pep-index::\n   :group-by: status\n\n"
    "Static\n------\n\n.. pep-index::\n   :filters: none\n   :sort: -number\n"
)


def _serve_built(root: Path, conf: str, extra: dict[str, str] | None = None) -> Iterator[str]:
    """Build the project under *root* with *conf* and *extra* files, serve it; yield the URL."""
    extra = extra or {}
    files = {
        **PROPOSALS,
        "conf.py": conf,
        "grouped.rst": GROUPED,
        "index.rst": index_rst(
            *DOCNAMES, "grouped", *(name.rpartition(".")[0] for name in extra), body=INDEX
        ),
        **extra,
    }
    yield from serve_files(root, files)


def serve_files(root: Path, files: dict[str, str]) -> Iterator[str]:
    """Build *files* (``conf.py`` among them) under *root*, warning-free; serve; yield the URL."""
    src = root / "src"
    write_files(src, files)
    app = SphinxTestApp("html", srcdir=src, builddir=root / "build", freshenv=True)
    try:
        app.build()
        assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
        outdir = Path(app.outdir)
    finally:
        app.cleanup()

    with serve(outdir) as base:
        yield base


@contextmanager
def serve(outdir: Path) -> Iterator[str]:
    """Serve *outdir* on a free loopback port; the base URL, while the block runs."""

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
        thread.join(WAIT)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built project, served over HTTP; yields the base URL."""
    _require_browser()
    yield from _serve_built(tmp_path_factory.mktemp("browser"), BASE_CONF)


@pytest.fixture(scope="module")
def site_de(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same project with ``language = "de"``."""
    _require_browser()
    yield from _serve_built(tmp_path_factory.mktemp("browser-de"), BASE_CONF + 'language = "de"\n')


# A second series (RFC 0008, RFC 0021) and a page of three indexes, for the
# fragment keys, the id spellings and the status order across templates.
def rfc(number: int, title: str, status: str) -> str:
    """A MyST proposal on the ``enhancement`` template (the ``rfc`` series)."""
    return (
        f"---\nrfc: {number}\ntitle: {title}\nauthors: [Ana]\nstatus: {status}\n"
        f"category: ui\ncreated: 2026-02-01\n---\n# Enhancement: {title}\n\n"
        "```{pep-header}\n:template: enhancement\n:exempt: section\n```\n"
    )


SEVERAL = (
    "Several\n=======\n\n.. pep-index::\n\n"
    ".. pep-index::\n   :filters: status, risk\n\n"
    ".. pep-index::\n   :status: proposed\n"
)


@pytest.fixture(scope="module")
def site_several(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The project with two RFCs, PEP 0007 and ``several.html``, three indexes on one page."""
    _require_browser()
    yield from _serve_built(
        tmp_path_factory.mktemp("browser-several"),
        BASE_CONF,
        {
            "rfc-0021.md": rfc(21, "Saved searches", "accepted"),
            "several.rst": SEVERAL,
            # Deferred in two templates, at different places in their lifecycles.
            "pep-0007.rst": minimal_pep(7, "Pause the work", status="Deferred"),
            "rfc-0008.md": rfc(8, "Pause the other work", "deferred"),
        },
    )


def start_chromium(*arguments: str, mobile: dict[str, Any] | None = None) -> Any:
    """Debian's headless Chromium under selenium, 1280 x 1000, plus *arguments*.

    *mobile*: Chromium's ``mobileEmulation`` (device metrics), for a phone.
    One place for the switches every browser test needs, so that a change
    of Chromium or of the CI container is made once.
    """
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
        *arguments,
    ):
        options.add_argument(argument)
    if mobile is not None:
        options.add_experimental_option("mobileEmulation", mobile)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module: the other browser tests take this one
    (``browser = test_index_browser.browser``), whatever project they serve."""
    _require_browser()
    driver = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()


# -- helpers ----------------------------------------------------------------


def wait(driver: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(lambda d: condition(d))


def open_index(driver: Any, url: str) -> None:
    """Load *url* (any fragment included) and wait for the script to run."""
    driver.get("about:blank")
    driver.get(url)
    wait(driver, lambda d: d.find_elements("css selector", ".pep-index-controls"))


_VISIBLE_JS = """
const block = document.querySelectorAll('div.pep-index')[arguments[0] || 0];
return Array.from(block.querySelectorAll('tbody tr'))
  .filter(row => row.getClientRects().length > 0)
  .map(row => row.querySelector('td.pep-col-number').textContent.trim());
"""


def visible_rows(driver: Any, block: int = 0) -> list[str]:
    """The ids of the rows a user sees, top to bottom."""
    return list(driver.execute_script(_VISIBLE_JS, block))


def chip(driver: Any, group: str, value: str) -> Any:
    return driver.find_element(
        "css selector", f'fieldset[data-filter="{group}"] button[data-value="{value}"]'
    )


def counts(driver: Any, group: str) -> dict[str, str]:
    chips = driver.find_elements("css selector", f'fieldset[data-filter="{group}"] .pep-chip')
    return {
        c.get_attribute("data-value"): c.find_element("css selector", ".pep-chip-count").text
        for c in chips
    }


def showing(driver: Any) -> str:
    return str(driver.find_element("css selector", ".pep-index-count").text)


def fragment(driver: Any) -> str:
    return str(driver.execute_script("return window.location.hash"))


ALL = ["PEP 0001", "PEP 0002", "PEP 0003", "PEP 0004", "PEP 0005", "PEP 0006"]


# -- the tests --------------------------------------------------------------


def test_without_javascript_the_whole_table_is_there(site: str) -> None:
    with urllib.request.urlopen(site + "index.html", timeout=WAIT) as response:
        html = response.read().decode()
    assert html.count('<tr data-status="') == 6
    assert "pep-index-controls" not in html  # the controls are the script's


def test_clicking_a_status_chip_filters_counts_and_updates_the_url(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    assert visible_rows(browser) == ALL
    assert showing(browser) == "Showing 6 of 6 proposals"
    assert counts(browser, "status") == {
        "proposed": "2",
        "accepted": "2",
        "implemented": "1",
        "rejected": "1",
    }
    assert counts(browser, "risk") == {"low": "3", "medium": "2", "high": "1"}

    accepted = chip(browser, "status", "accepted")
    assert accepted.get_attribute("aria-pressed") == "false"
    accepted.click()
    wait(browser, lambda d: visible_rows(d) == ["PEP 0001", "PEP 0005"])
    assert accepted.get_attribute("aria-pressed") == "true"
    assert showing(browser) == "Showing 2 of 6 proposals"
    assert fragment(browser) == "#status=accepted"
    # Other groups count within the status filter; the status group itself
    # keeps counting what each chip would add.
    assert counts(browser, "risk") == {"low": "1", "medium": "0", "high": "1"}
    assert counts(browser, "status")["proposed"] == "2"

    # A second status adds to the first (either may match).
    chip(browser, "status", "rejected").click()
    wait(browser, lambda d: visible_rows(d) == ["PEP 0001", "PEP 0004", "PEP 0005"])
    assert fragment(browser) == "#status=accepted,rejected"

    # A risk narrows the statuses down (both groups must match).
    chip(browser, "risk", "low").click()
    wait(browser, lambda d: visible_rows(d) == ["PEP 0004", "PEP 0005"])
    assert fragment(browser) == "#status=accepted,rejected&risk=low"

    browser.find_element("css selector", ".pep-index-reset").click()
    wait(browser, lambda d: visible_rows(d) == ALL)
    assert fragment(browser) == ""


def test_a_url_fragment_restores_the_view(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html#status=proposed,accepted&q=cache&sort=-created")
    wait(browser, lambda d: visible_rows(d) == ["PEP 0006", "PEP 0001"])
    assert chip(browser, "status", "proposed").get_attribute("aria-pressed") == "true"
    assert chip(browser, "status", "accepted").get_attribute("aria-pressed") == "true"
    assert chip(browser, "status", "rejected").get_attribute("aria-pressed") == "false"
    field = browser.find_element("css selector", "input.pep-index-query")
    assert field.get_attribute("value") == "cache"
    created = browser.find_element("css selector", "th.pep-col-created")
    assert created.get_attribute("aria-sort") == "descending"
    assert showing(browser) == "Showing 2 of 6 proposals"


def test_unknown_fragment_values_are_ignored(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html#status=nonsense&sort=colour")
    assert visible_rows(browser) == ALL
    # An ordinary anchor is left alone and does not filter.
    open_index(browser, site + "index.html#index")
    assert visible_rows(browser) == ALL
    assert fragment(browser) == "#index"


def test_typing_filters_on_number_title_and_author(browser: Any, site: str) -> None:
    from selenium.webdriver.common.keys import Keys

    open_index(browser, site + "index.html")
    field = browser.find_element("css selector", "input.pep-index-query")
    field.send_keys("cache")
    wait(browser, lambda d: visible_rows(d) == ["PEP 0001", "PEP 0004", "PEP 0006"])
    assert fragment(browser) == "#q=cache"
    assert showing(browser) == "Showing 3 of 6 proposals"
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("amy")  # an author
    wait(browser, lambda d: visible_rows(d) == ["PEP 0002"])
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("0003")  # a number
    wait(browser, lambda d: visible_rows(d) == ["PEP 0003"])
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("no such thing")
    wait(browser, lambda d: visible_rows(d) == [])
    assert browser.find_element("css selector", ".pep-index-empty").is_displayed()
    assert showing(browser) == "Showing 0 of 6 proposals"


def test_a_person_chip_shows_the_roles_and_matches_any_of_them(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    assert counts(browser, "person") == {"jane doe": "5", "zed": "2", "amy": "1"}
    zed = chip(browser, "person", "zed")
    # Zed wrote PEP 0002 and reviews PEP 0005: both roles, after the name.
    assert zed.find_element("css selector", ".pep-chip-role").text == "Author, Reviewer"
    zed.click()
    wait(browser, lambda d: visible_rows(d) == ["PEP 0002", "PEP 0005"])
    assert fragment(browser) == "#person=zed"
    # The target group narrows the person down.
    assert counts(browser, "target") == {"2.0": "1", "2.1": "0"}
    chip(browser, "target", "2.0").click()
    wait(browser, lambda d: visible_rows(d) == ["PEP 0005"])
    assert fragment(browser) == "#person=zed&target=2.0"
    # A link of an earlier release (#author=...) is the person filter.
    open_index(browser, site + "index.html#author=amy")
    wait(browser, lambda d: visible_rows(d) == ["PEP 0002"])
    assert chip(browser, "person", "amy").get_attribute("aria-pressed") == "true"


def test_sorting_by_a_column(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    title = browser.find_element("css selector", "th.pep-col-title")
    assert title.get_attribute("aria-sort") is None
    title.find_element("css selector", "button.pep-sort").click()
    by_title = ["PEP 0002", "PEP 0005", "PEP 0001", "PEP 0004", "PEP 0006", "PEP 0003"]
    wait(browser, lambda d: visible_rows(d) == by_title)
    assert title.get_attribute("aria-sort") == "ascending"
    assert fragment(browser) == "#sort=title"
    title.find_element("css selector", "button.pep-sort").click()
    wait(browser, lambda d: visible_rows(d) == by_title[::-1])
    assert title.get_attribute("aria-sort") == "descending"
    assert fragment(browser) == "#sort=-title"
    # Status sorts in lifecycle order, not alphabetically.
    browser.find_element("css selector", "th.pep-col-status button").click()
    wait(
        browser,
        lambda d: (
            visible_rows(d)
            == ["PEP 0002", "PEP 0006", "PEP 0001", "PEP 0005", "PEP 0003", "PEP 0004"]
        ),
    )
    # The sort survives a reload.
    browser.refresh()
    wait(browser, lambda d: d.find_elements("css selector", ".pep-index-controls"))
    assert visible_rows(browser)[:2] == ["PEP 0002", "PEP 0006"]


def test_a_script_in_a_title_is_shown_as_text(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    cell = browser.find_element(
        "xpath", "//tr[td[normalize-space()='PEP 0002']]/td[contains(@class,'pep-col-title')]"
    )
    assert cell.text == "<script>window.pwned = 1</script><img src=x onerror=window.pwned=2>"
    assert browser.execute_script("return window.pwned") is None
    # Typing it in the filter box finds it and runs nothing.
    field = browser.find_element("css selector", "input.pep-index-query")
    field.send_keys("<script>")
    wait(browser, lambda d: visible_rows(d) == ["PEP 0002"])
    assert browser.execute_script("return window.pwned") is None


def test_keyboard_and_labels(browser: Any, site: str) -> None:
    from selenium.webdriver.common.keys import Keys

    open_index(browser, site + "index.html")
    field = browser.find_element("css selector", "input.pep-index-query")
    label = browser.find_element("css selector", f'label[for="{field.get_attribute("id")}"]')
    assert label.text == "Filter by number, title or author"
    legends = [e.text for e in browser.find_elements("css selector", ".pep-index-filter legend")]
    assert legends == ["Status", "Risk", "Person", "Target"]
    assert (
        browser.find_element("css selector", ".pep-index-count").get_attribute("aria-live")
        == "polite"
    )
    # From the text box, Tab reaches the skip link, then the first status chip;
    # Space presses it.
    field.click()
    field.send_keys(Keys.TAB)
    browser.switch_to.active_element.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("data-value") == "proposed"
    focused.send_keys(Keys.SPACE)
    wait(browser, lambda d: visible_rows(d) == ["PEP 0002", "PEP 0006"])
    assert focused.get_attribute("aria-pressed") == "true"
    # Sort buttons are buttons too: Enter on one sorts.
    button = browser.find_element("css selector", "th.pep-col-created button")
    button.send_keys(Keys.ENTER)
    wait(browser, lambda d: visible_rows(d) == ["PEP 0002", "PEP 0006"])
    assert fragment(browser) == "#status=proposed&sort=created"


def test_grouped_index_hides_empty_groups(browser: Any, site: str) -> None:
    open_index(browser, site + "grouped.html")
    groups_js = """
      return Array.from(document.querySelectorAll('.pep-index-group'))
        .filter(g => g.getClientRects().length > 0)
        .map(g => g.querySelector('.pep-index-group-title').textContent);
    """
    assert browser.execute_script(groups_js) == ["Open", "Accepted", "Done", "Closed"]
    chip(browser, "status", "implemented").click()
    wait(browser, lambda d: visible_rows(d) == ["PEP 0003"])
    assert browser.execute_script(groups_js) == ["Done"]
    assert showing(browser) == "Showing 1 of 6 proposals"


def test_a_static_index_is_left_alone(browser: Any, site: str) -> None:
    open_index(browser, site + "grouped.html#status=implemented&sort=title")
    wait(browser, lambda d: visible_rows(d) == ["PEP 0003"])
    # The second index (":filters: none") has no controls and ignores the fragment.
    static = browser.find_elements("css selector", "div.pep-index")[1]
    assert static.find_elements("css selector", ".pep-index-controls, button") == []
    assert visible_rows(browser, 1) == ALL[::-1]


def test_the_controls_speak_the_project_language(browser: Any, site_de: str) -> None:
    """The script's text comes from the page, in German with ``language = "de"``."""
    open_index(browser, site_de + "index.html")
    assert showing(browser) == "6 von 6 Vorschlägen angezeigt"
    chip(browser, "status", "accepted").click()
    wait(browser, lambda d: visible_rows(d) == ["PEP 0001", "PEP 0005"])
    assert showing(browser) == "2 von 6 Vorschlägen angezeigt"
    legends = [e.text for e in browser.find_elements("css selector", ".pep-index-filter legend")]
    assert legends == ["Status", "Risiko", "Person", "Ziel"]
    label = browser.find_element("css selector", ".pep-index-search label")
    assert label.text == "Nach Nummer, Titel oder Autor filtern"
    assert browser.find_element("css selector", ".pep-index-reset").text == "Filter zurücksetzen"
    number = browser.find_element("css selector", "th.pep-col-number")
    assert number.accessible_name == "Nummer"
    hint = browser.find_element(
        "id", number.find_element("css selector", "button").get_attribute("aria-describedby")
    )
    assert hint.get_attribute("textContent").startswith("Sortiert die Tabelle")


# -- several indexes, spellings, history, focus (issue 18) -------------------


def block_chip(driver: Any, block: int, group: str, value: str) -> Any:
    """The chip *value* of filter *group* in the *block*-th index of the page."""
    index = driver.find_elements("css selector", "div.pep-index")[block]
    return index.find_element(
        "css selector", f'fieldset[data-filter="{group}"] button[data-value="{value}"]'
    )


def query_box(driver: Any, block: int = 0) -> Any:
    return driver.find_elements("css selector", "input.pep-index-query")[block]


def type_query(driver: Any, text: str, block: int = 0) -> None:
    from selenium.webdriver.common.keys import Keys

    field = query_box(driver, block)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.BACKSPACE)
    if text:
        field.send_keys(text)


ACCEPTED_BOTH = ["PEP 0001", "PEP 0005", "RFC 0021"]
ALL_SEVERAL = [*ALL, "PEP 0007", "RFC 0008", "RFC 0021"]


def test_each_index_on_a_page_keeps_its_own_fragment_keys(browser: Any, site_several: str) -> None:
    open_index(browser, site_several + "several.html")
    assert [visible_rows(browser, i) for i in range(3)] == [
        ALL_SEVERAL,
        ALL_SEVERAL,
        ["PEP 0002", "PEP 0006"],
    ]
    block_chip(browser, 0, "status", "accepted").click()
    wait(browser, lambda d: fragment(d) == "#status=accepted")
    # A filter in the second index keeps the first one's state in the link.
    block_chip(browser, 1, "risk", "high").click()
    wait(browser, lambda d: fragment(d) == "#status=accepted&2.risk=high")
    type_query(browser, "faster", 2)
    wait(browser, lambda d: fragment(d) == "#status=accepted&2.risk=high&3.q=faster")
    assert visible_rows(browser, 0) == ACCEPTED_BOTH
    assert visible_rows(browser, 1) == ["PEP 0001"]
    assert visible_rows(browser, 2) == ["PEP 0006"]

    # A reload applies each index's state to it alone.
    browser.refresh()
    wait(browser, lambda d: visible_rows(d, 2) == ["PEP 0006"])
    assert visible_rows(browser, 0) == ACCEPTED_BOTH
    assert visible_rows(browser, 1) == ["PEP 0001"]
    assert query_box(browser, 0).get_attribute("value") == ""
    assert query_box(browser, 2).get_attribute("value") == "faster"
    assert block_chip(browser, 1, "status", "accepted").get_attribute("aria-pressed") == "false"

    # A link of a single-index page (no prefix) is the first index's.
    open_index(browser, site_several + "several.html#q=saved")
    wait(browser, lambda d: visible_rows(d, 0) == ["RFC 0021"])
    assert visible_rows(browser, 1) == ALL_SEVERAL
    assert visible_rows(browser, 2) == ["PEP 0002", "PEP 0006"]
    counts_line = browser.find_elements("css selector", ".pep-index-count")
    assert [line.text for line in counts_line] == [
        "Showing 1 of 9 proposals",
        "Showing 9 of 9 proposals",
        "Showing 2 of 2 proposals",
    ]


def test_fragment_keys_and_values_match_in_any_case(browser: Any, site: str) -> None:
    # Spelled as the badge shows it.
    open_index(browser, site + "index.html#status=Accepted")
    wait(browser, lambda d: visible_rows(d) == ["PEP 0001", "PEP 0005"])
    assert chip(browser, "status", "accepted").get_attribute("aria-pressed") == "true"
    open_index(browser, site + "index.html#Status=ACCEPTED,Rejected&Risk=Low&Sort=-Number")
    wait(browser, lambda d: visible_rows(d) == ["PEP 0005", "PEP 0004"])
    # The next change writes the fragment in its one spelling.
    chip(browser, "risk", "low").click()
    wait(browser, lambda d: fragment(d) == "#status=accepted,rejected&sort=-number")


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("PEP-0005", ["PEP 0005"]),
        ("pep 5", ["PEP 0005"]),
        ("pep5", ["PEP 0005"]),
        ("Pep_0005", ["PEP 0005"]),
        ("rfc-0021", ["RFC 0021"]),
        ("RFC 21", ["RFC 0021"]),
        ("21", ["RFC 0021"]),
        ("0005", ["PEP 0005"]),
        # Not a series of this index: words of the text.
        ("cache 2", []),
        ("saved", ["RFC 0021"]),
    ],
)
def test_the_text_box_finds_every_id_spelling_the_role_accepts(
    browser: Any, site_several: str, typed: str, found: list[str]
) -> None:
    open_index(browser, site_several + "several.html")
    type_query(browser, typed)
    wait(browser, lambda d: visible_rows(d) == found)
    assert showing(browser) == f"Showing {len(found)} of 9 proposals"


def test_back_and_forward_undo_and_redo_each_committed_change(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    chip(browser, "status", "accepted").click()
    wait(browser, lambda d: fragment(d) == "#status=accepted")
    chip(browser, "risk", "high").click()
    wait(browser, lambda d: fragment(d) == "#status=accepted&risk=high")
    browser.find_element("css selector", "th.pep-col-title button").click()
    wait(browser, lambda d: fragment(d) == "#status=accepted&risk=high&sort=title")
    # Typed in one go: one history entry once typing pauses, not one per key.
    query_box(browser).send_keys("cache")
    wait(browser, lambda d: fragment(d) == "#status=accepted&risk=high&q=cache&sort=title")

    browser.back()
    wait(browser, lambda d: fragment(d) == "#status=accepted&risk=high&sort=title")
    wait(browser, lambda d: query_box(d).get_attribute("value") == "")
    browser.back()
    wait(browser, lambda d: fragment(d) == "#status=accepted&risk=high")
    assert (
        browser.find_element("css selector", "th.pep-col-title").get_attribute("aria-sort") is None
    )
    browser.back()
    wait(browser, lambda d: visible_rows(d) == ["PEP 0001", "PEP 0005"])
    assert chip(browser, "risk", "high").get_attribute("aria-pressed") == "false"
    browser.back()
    wait(browser, lambda d: visible_rows(d) == ALL)
    assert fragment(browser) == ""
    assert chip(browser, "status", "accepted").get_attribute("aria-pressed") == "false"

    browser.forward()
    wait(browser, lambda d: visible_rows(d) == ["PEP 0001", "PEP 0005"])
    assert chip(browser, "status", "accepted").get_attribute("aria-pressed") == "true"
    assert showing(browser) == "Showing 2 of 6 proposals"


def test_clear_filters_leaves_the_focus_on_the_search_box(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    chip(browser, "status", "accepted").click()
    reset = browser.find_element("css selector", ".pep-index-reset")
    wait(browser, lambda d: reset.is_displayed())
    reset.click()
    wait(browser, lambda d: visible_rows(d) == ALL)
    assert not reset.is_displayed()
    focused = browser.switch_to.active_element
    assert focused == query_box(browser)


_WATCH_LIVE_REGION_JS = """
window.pepAnnounced = 0;
new MutationObserver(records => { window.pepAnnounced += records.length; })
  .observe(document.querySelector('.pep-index-count'),
           {childList: true, characterData: true, subtree: true});
"""


def test_the_live_region_is_rewritten_only_when_its_text_changes(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    browser.execute_script(_WATCH_LIVE_REGION_JS)
    # A sort shows the same number of proposals: nothing to announce.
    browser.find_element("css selector", "th.pep-col-title button").click()
    wait(browser, lambda d: fragment(d) == "#sort=title")
    # Typing that matches every row neither.
    query_box(browser).send_keys("pep")
    wait(browser, lambda d: fragment(d) == "#q=pep&sort=title")
    assert browser.execute_script("return window.pepAnnounced") == 0
    chip(browser, "status", "accepted").click()
    wait(browser, lambda d: showing(d) == "Showing 2 of 6 proposals")
    assert browser.execute_script("return window.pepAnnounced") > 0


def test_status_sorts_by_group_then_place_in_it_then_number(
    browser: Any, site_several: str
) -> None:
    open_index(browser, site_several + "several.html")
    browser.find_element("css selector", "th.pep-col-status button").click()
    # Open, accepted, done, closed, deferred; within a group, each template's
    # first status of the group alike (Accepted, accepted), ties by number:
    # PEP 0007 (Deferred, 7th status of pep) before RFC 0008 (deferred, 6th of
    # enhancement).
    expected = [
        *("PEP 0002", "PEP 0006"),
        *("PEP 0001", "PEP 0005", "RFC 0021"),
        "PEP 0003",
        "PEP 0004",
        *("PEP 0007", "RFC 0008"),
    ]
    wait(browser, lambda d: visible_rows(d) == expected)


_STRIPES_JS = """
return Array.from(document.querySelector('div.pep-index').querySelectorAll('tbody tr'))
  .filter(row => row.getClientRects().length > 0)
  .map(row => row.classList.contains('row-odd') ? 'odd' : 'even');
"""


def test_stripes_alternate_over_the_shown_rows(browser: Any, site: str) -> None:
    open_index(browser, site + "index.html")
    chip(browser, "status", "accepted").click()
    # PEP 0001 and 0005: rows 1 and 5 of the whole table, both odd there.
    wait(browser, lambda d: visible_rows(d) == ["PEP 0001", "PEP 0005"])
    assert browser.execute_script(_STRIPES_JS) == ["odd", "even"]
