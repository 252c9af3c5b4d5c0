"""Two long indexes on one page, driven at random and checked against a model (issue 18).

The page holds a plain index and one grouped by status, over 230 proposals:
more than the 50 rows listed at first plus the 150 a frame reveals, so that
"Show all" takes two frames. A seeded walk presses chips, sorts, types in the
text box (an id beyond the first 50 among the queries), presses "Show 50
more" and "Show all", goes Back and Forward, and prints; after each step
every index must show what :class:`Model` says: the rows in order, stripes
alternating in each table, a group shown while it lists a row, the buttons,
the "Showing" line, the empty message, and the fragment. The bursts do
several of these in one task or in consecutive frames, while rows are still
being revealed. The focused tests of each behaviour are in
``test_index_browser_long.py``; this one finds what their fixed sequences miss.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import test_index_browser
from conftest import BASE_CONF, index_rst, minimal_pep
from test_index_browser import _require_browser, open_index, serve_files, wait

PAGE = 50  # pep-index.js: the rows listed at first, and added by "Show more"
N = 230
STATUSES = ("Accepted", "Proposed", "Rejected")
COLUMNS = ("number", "title", "status", "created")
QUERIES = ("", "1", "12", "proposal 2", "PEP 0150")
PROPOSALS = {
    f"pep-{n:04d}.rst": minimal_pep(
        n,
        f"Proposal {n:03d}",
        status=STATUSES[n % 3],
        # Dates in no particular order, so that each column sorts differently.
        created=f"2026-{1 + n * 7 % 12:02d}-{1 + n * 13 % 28:02d}",
    )
    for n in range(1, N + 1)
}
WALK = (
    "Walk\n====\n\n.. pep-index::\n   :filters: status\n\n"
    ".. pep-index::\n   :filters: status\n   :group-by: status\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    docnames = [name.removesuffix(".rst") for name in PROPOSALS]
    files = {
        **PROPOSALS,
        "conf.py": BASE_CONF,
        "index.rst": index_rst(*docnames, "walk"),
        "walk.rst": WALK,
    }
    yield from serve_files(tmp_path_factory.mktemp("browser-walk"), files)


browser = test_index_browser.browser


# What the page holds, read once: each index's rows (in page order) with the
# keys the script reads, and a grouped index's groups (by their rows' status).
_READ_JS = """
return Array.from(document.querySelectorAll('div.pep-index')).map(block => ({
  rows: Array.from(block.querySelectorAll('tbody tr')).map(row => ({
    id: row.querySelector('td.pep-col-number').textContent.trim(),
    status: row.getAttribute('data-status'),
    search: row.getAttribute('data-search'),
    keys: Object.fromEntries(arguments[0].map(c => [c, row.getAttribute('data-sort-' + c)])),
  })),
  groups: Array.from(block.querySelectorAll('.pep-index-group'))
    .map(group => group.querySelector('tbody tr').getAttribute('data-status')),
}));
"""

# What a user sees of each index.
_SEEN_JS = """
const shown = node => node.getClientRects().length > 0;
return Array.from(document.querySelectorAll('div.pep-index')).map(block => ({
  rows: Array.from(block.querySelectorAll('tbody tr')).filter(shown)
    .map(row => row.querySelector('td.pep-col-number').textContent.trim()),
  stripes: Array.from(block.querySelectorAll('tbody')).map(body => Array.from(body.rows)
    .filter(shown).map(row => row.classList.contains('row-odd') ? 'o' : 'e').join('')),
  groups: Array.from(block.querySelectorAll('.pep-index-group')).map(shown),
  buttons: Array.from(block.querySelectorAll('.pep-index-rows button')).filter(shown)
    .map(button => button.textContent),
  showing: block.querySelector('.pep-index-count').textContent,
  empty: shown(block.querySelector('.pep-index-empty')),
  hash: location.hash,
}));
"""


def column_key(text: str) -> int | str:
    return int(text) if re.fullmatch(r"-?\d+", text) else text


@dataclass
class View:
    """What a history entry holds of one index: filters, search text, sort."""

    status: frozenset[str] = frozenset()
    q: str = ""
    sort: str = "number"


@dataclass
class Model:
    """One index: its rows, groups, and how many matching rows it lists."""

    rows: list[dict[str, Any]]
    groups: list[str]
    prefix: str
    limit: int = PAGE
    every: bool = False  # after "Show all"
    listed: int = field(default=0, init=False)

    def matches(self, row: dict[str, Any], view: View) -> bool:
        if view.status and row["status"] not in view.status:
            return False
        if view.q.startswith("PEP "):  # an id: that proposal only
            return bool(row["id"] == f"PEP {int(view.q[4:]):04d}")
        if view.q.isdigit() and row["keys"]["number"] == str(int(view.q)):
            return True
        return all(term in row["search"] for term in view.q.lower().split())

    def expect(self, view: View, printing: bool = False) -> dict[str, Any]:
        column = view.sort.lstrip("-")
        match = [row for row in self.rows if self.matches(row, view)]
        match.sort(key=lambda row: int(row["keys"]["number"]))  # ties: by number
        match.sort(key=lambda row: column_key(row["keys"][column]), reverse=view.sort[0] == "-")
        if self.groups:
            match = [row for group in self.groups for row in match if row["status"] == group]
        listed = match if self.every or printing else match[: self.limit]
        self.listed = len(listed)
        left = len(match) - len(listed)
        buttons = [f"Show {min(PAGE, left)} more"] if left else []
        if left > PAGE:
            buttons.append(f"Show all {len(match)}")
        seen = {
            "rows": [row["id"] for row in listed],
            "buttons": [] if printing else buttons,
            "showing": f"Showing {len(match)} of {len(self.rows)} proposals",
            "empty": not match,
        }
        if self.groups:
            seen["groups"] = [any(row["status"] == g for row in listed) for g in self.groups]
        return seen

    def fragment(self, view: View) -> list[str]:
        parts = []
        if view.status:
            parts.append(self.prefix + "status=" + ",".join(sorted(view.status)))
        if view.q:
            parts.append(self.prefix + "q=" + view.q.replace(" ", "%20"))
        if view.sort != "number":
            parts.append(self.prefix + "sort=" + view.sort)
        return parts


class Walk:
    """The page in the browser, the models of its indexes, and the history."""

    def __init__(self, driver: Any, site: str) -> None:
        open_index(driver, site + "walk.html")
        self.driver = driver
        self.models = [
            Model(page["rows"], page["groups"], "" if i == 0 else f"{i + 1}.")
            for i, page in enumerate(driver.execute_script(_READ_JS, list(COLUMNS)))
        ]
        assert [len(m.rows) for m in self.models] == [N, N] and not self.models[0].groups
        self.views = [View() for _ in self.models]
        self.history = [list(self.views)]
        self.at = 0
        self.done: list[str] = []  # the steps so far, shown when a check fails

    def commit(self, index: int, view: View) -> None:
        """A committed change of one index: its first rows again, a history entry."""
        self.views[index] = view
        self.models[index].limit = PAGE
        del self.history[self.at + 1 :]
        self.history.append(list(self.views))
        self.at += 1

    def travel(self, step: int) -> None:
        self.at += step
        self.views = list(self.history[self.at])
        for model in self.models:
            model.limit = PAGE

    def check(self, printing: bool = False) -> None:
        expected = [m.expect(v, printing) for m, v in zip(self.models, self.views, strict=True)]
        parts = [p for m, v in zip(self.models, self.views, strict=True) for p in m.fragment(v)]
        hash_ = "#" + "&".join(parts) if parts else ""

        def agrees(driver: Any) -> bool:
            seen = driver.execute_script(_SEEN_JS)
            return all(
                all(s[key] == e[key] for key in e)
                and s["hash"] == hash_
                and all(rows == ("oe" * N)[: len(rows)] for rows in s["stripes"])
                for s, e in zip(seen, expected, strict=True)
            )

        try:
            wait(self.driver, agrees)
        except Exception as error:
            seen = self.driver.execute_script(_SEEN_JS)
            raise AssertionError(
                f"after {self.done}:\nexpected {expected} {hash_}\nseen {seen}"
            ) from error


def block(driver: Any, index: int) -> Any:
    return driver.find_elements("css selector", "div.pep-index")[index]


def click(driver: Any, element: Any) -> None:
    # A script click: a grouped index's first sort buttons may be in a hidden group.
    driver.execute_script("arguments[0].click()", element)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_walk_of_single_steps(browser: Any, site: str, seed: int) -> None:
    rng = random.Random(seed)
    walk = Walk(browser, site)
    walk.check()
    for _ in range(40):
        index = rng.randrange(2)
        here, model, view = block(browser, index), walk.models[index], walk.views[index]
        action = rng.choice(("chip", "sort", "query", "more", "all", "back", "forward", "print"))
        walk.done.append(f"{index}:{action}")
        if action == "chip":
            value = rng.choice(STATUSES).lower()
            click(browser, here.find_element("css selector", f'.pep-chip[data-value="{value}"]'))
            walk.commit(index, View(view.status ^ {value}, view.q, view.sort))
        elif action == "sort":
            column = rng.choice(COLUMNS)
            click(browser, here.find_element("css selector", f"th.pep-col-{column} button"))
            sort = "-" + column if view.sort == column else column
            walk.commit(index, View(view.status, view.q, sort))
        elif action == "query":
            query = rng.choice(QUERIES)
            walk.done[-1] += repr(query)
            browser.execute_script(
                "arguments[0].value = arguments[1];arguments[0].dispatchEvent(new Event('input'));",
                here.find_element("css selector", "input.pep-index-query"),
                query,
            )
            if query == view.q:  # no change once typing pauses: no history entry
                browser.execute_async_script("setTimeout(arguments[0], 300)")
            else:
                walk.commit(index, View(view.status, query, view.sort))
        elif action in ("more", "all"):
            buttons = here.find_elements("css selector", f".pep-index-rows-{action}")
            if not buttons[0].is_displayed():
                continue
            buttons[0].click()
            if action == "all":
                model.every = True
            else:
                model.limit = model.listed + PAGE
        elif action in ("back", "forward"):
            step = -1 if action == "back" else 1
            if not 0 <= walk.at + step < len(walk.history):
                continue
            (browser.back if step < 0 else browser.forward)()
            walk.travel(step)
        else:
            browser.execute_script("window.dispatchEvent(new Event('beforeprint'))")
            walk.check(printing=True)  # at once: the page is laid out for print next
            browser.execute_script("window.dispatchEvent(new Event('afterprint'))")
        walk.check()


# Several steps run by one script: one after the other in the same task, or a
# frame apart (*gap*), so that a change comes while rows are being revealed.
_BURST_JS = """
const [steps, done] = arguments;
let at = 0;
(function next() {
  if (at === steps.length) return done();
  const [index, action, value, gap] = steps[at++];
  const block = document.querySelectorAll('div.pep-index')[index];
  if (action === 'chip') block.querySelector('.pep-chip[data-value="' + value + '"]').click();
  else if (action === 'sort') block.querySelector('th.pep-col-' + value + ' button').click();
  else if (action === 'print') ['beforeprint', 'afterprint'].forEach(
    type => window.dispatchEvent(new Event(type)));
  else block.querySelector('.pep-index-rows-' + action).click();
  if (gap) requestAnimationFrame(next); else next();
})();
"""


@pytest.mark.parametrize("seed", [1, 2])
def test_bursts_of_steps_while_rows_are_revealed(browser: Any, site: str, seed: int) -> None:
    rng = random.Random(seed)
    walk = Walk(browser, site)
    for _ in range(8):
        steps = []
        for _ in range(rng.randrange(2, 5)):
            index = rng.randrange(2)
            model, view = walk.models[index], walk.views[index]
            buttons = model.expect(view)["buttons"]
            action = rng.choice(("chip", "sort", "more", "all", "all", "print"))
            value = ""
            if action == "chip":
                value = rng.choice(STATUSES).lower()
                walk.commit(index, View(view.status ^ {value}, view.q, view.sort))
            elif action == "sort":
                value = rng.choice(COLUMNS)
                sort = "-" + value if view.sort == value else value
                walk.commit(index, View(view.status, view.q, sort))
            elif action == "more" and buttons:
                model.limit = model.listed + PAGE
            elif action == "all" and len(buttons) == 2:
                model.every = True
            elif action != "print":
                continue
            steps.append([index, action, value, rng.random() < 0.5])
        walk.done.append(repr(steps))
        browser.execute_async_script(_BURST_JS, steps)
        walk.check()
