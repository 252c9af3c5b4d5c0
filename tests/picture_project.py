"""The project ``pep-timeline`` and ``pep-stats`` are tested on, with what it holds written out.

Six proposals on the ``pep`` template, in RST or MyST, each with a status
history (one without), and the build date fixed by ``SOURCE_DATE_EPOCH``.
:data:`HISTORIES` and :data:`CREATED` are the facts the tests compute their
expectations from; the pages are generated from them.
"""

from __future__ import annotations

import calendar
import textwrap
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser

from conftest import minimal_pep, myst_pep

#: The build date of every test build (``SOURCE_DATE_EPOCH``, noon UTC).
TODAY = date(2026, 6, 15)
EPOCH = str(calendar.timegm(TODAY.timetuple()) + 12 * 3600)

SCRIPT_TITLE = "<script>window.pwned = 1</script>"

#: number -> (title, status, created, history rows (date, to status)).
PROPOSALS: dict[int, tuple[str, str, str, tuple[tuple[str, str], ...]]] = {
    1: (
        "Cache the parser",
        "Implemented",
        "2026-01-10",
        (("2026-01-10", "Proposed"), ("2026-02-09", "Accepted"), ("2026-04-10", "Implemented")),
    ),
    2: (SCRIPT_TITLE, "Proposed", "2026-03-01", (("2026-03-01", "Proposed"),)),
    3: (
        "Stream the output",
        "Rejected",
        "2025-11-20",
        (("2025-11-20", "Proposed"), ("2026-01-19", "Rejected")),
    ),
    4: (
        "Accept plugins",
        "Accepted",
        "2026-02-01",
        (("2026-02-01", "Proposed"), ("2026-02-11", "Accepted")),
    ),
    5: ("Drop the old cache", "Deferred", "2025-12-05", ()),
    6: ("Faster cache keys", "Proposed", "2026-01-05", (("2026-01-05", "Proposed"),)),
}
GROUPS = {
    "Proposed": "open",
    "Accepted": "accepted",
    "Implemented": "done",
    "Rejected": "closed",
    "Deferred": "deferred",
}
FILLS = {
    "open": "#1f8fb3",
    "accepted": "#3557b7",
    "done": "#2e8540",
    "closed": "#6c757d",
    "deferred": "#c77c00",
}


def _rows(history: tuple[tuple[str, str], ...]) -> list[str]:
    rows, previous = [], "\u2014"
    for day, status in history:
        rows.append(f"| {day} | {previous} | {status} | |")
        previous = status
    return rows


def proposal_file(number: int, suffix: str) -> tuple[str, str]:
    title, status, created, history = PROPOSALS[number]
    rows = "\n".join(["| Date | From | To | Notes |", "|---|---|---|---|", *_rows(history)])
    if suffix == ".rst":
        body = ""
        if history:
            body = ".. pep-status-history::\n\n" + textwrap.indent(rows, "   ") + "\n"
        return f"pep-{number:04d}.rst", minimal_pep(
            number, title, status=status, created=created, body=body
        )
    body = f"```{{pep-status-history}}\n{rows}\n```\n" if history else ""
    return f"pep-{number:04d}.md", myst_pep(
        number, title, status=status, created=created, body=body
    )


def directive(name: str, suffix: str, **options: str) -> str:
    """``.. name::`` with *options*, in the syntax of *suffix*."""
    if suffix == ".rst":
        lines = "".join(f"   :{k}: {v}\n" for k, v in options.items())
        return f".. {name}::\n{lines}\n"
    lines = "".join(f":{k}: {v}\n" for k, v in options.items())
    return f"```{{{name}}}\n{lines}```\n"


def project(suffix: str, page: str) -> dict[str, str]:
    """Every proposal, and an index page (in *suffix*'s syntax) holding *page*."""
    files = dict(proposal_file(number, suffix) for number in PROPOSALS)
    docnames = "\n".join(f"   pep-{n:04d}" for n in PROPOSALS)
    if suffix == ".rst":
        files["index.rst"] = f"Index\n=====\n\n.. toctree::\n\n{docnames}\n\n{page}"
    else:
        entries = "\n".join(f"pep-{n:04d}" for n in PROPOSALS)
        files["index.md"] = f"# Index\n\n```{{toctree}}\n{entries}\n```\n\n{page}"
    return files


SVG_NS = "{http://www.w3.org/2000/svg}"


def svgs(html: str) -> list[ET.Element]:
    """Every inline ``<svg>`` of a page, parsed (they are well-formed XML)."""
    found = []
    rest = html
    while "<svg " in rest:
        start = rest.index("<svg ")
        end = rest.index("</svg>", start) + len("</svg>")
        found.append(ET.fromstring(rest[start:end]))
        rest = rest[end:]
    return found


def tag(element: ET.Element) -> str:
    return element.tag.removeprefix(SVG_NS)


def days(a: str | date, b: str | date) -> int:
    first = date.fromisoformat(a) if isinstance(a, str) else a
    second = date.fromisoformat(b) if isinstance(b, str) else b
    return (second - first).days


class _Tables(HTMLParser):
    """Every ``<table>`` whose class holds *wanted*: its body rows, each cell's text."""

    def __init__(self, wanted: str) -> None:
        super().__init__()
        self.wanted, self.depth = wanted, 0
        self.tables: list[list[list[str]]] = []
        self.in_body = False
        self.cell: list[str] | None = None

    def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        if name == "table" and self.wanted in (dict(attrs).get("class") or "").split():
            self.depth = 1
            self.tables.append([])
        elif self.depth and name == "tbody":
            self.in_body = True
        elif self.depth and self.in_body and name == "tr":
            self.tables[-1].append([])
        elif self.depth and self.in_body and name == "td":
            self.cell = []

    def handle_endtag(self, name: str) -> None:
        if name == "td" and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell).strip())
            self.cell = None
        elif name == "tbody":
            self.in_body = False
        elif name == "table":
            self.depth = 0

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def tables(html: str, wanted: str) -> list[list[list[str]]]:
    parser = _Tables(wanted)
    parser.feed(html)
    return parser.tables


def line_of(text: str, needle: str) -> int:
    """The 1-based line of *text* where *needle* first appears."""
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)
