"""The snippet files the docs show are built here, so the docs cannot drift."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Build, BuildProject
from snippet_projects import (
    CASES,
    HEADER_FULL_HEADING,
    PAIRS,
    SNIPPETS,
    SUFFIXES,
    SnippetPair,
    titled,
)
from test_index import html_rows

SnippetPairs = Callable[[str], SnippetPair]

#: One stored doctree per snippet case: what both syntaxes must give.
STORED = Path(__file__).parent / "snippets"


# -- every RST/MyST pair gives one doctree, the stored one -----------------------------


def test_every_snippet_pair_is_built() -> None:
    """A new pair in docs/snippets needs a case in snippet_projects.CASES."""
    assert sorted(pair for case in CASES.values() for pair in case.shows) == PAIRS


@pytest.mark.parametrize("name", sorted(CASES))
def test_snippet_pair_gives_one_doctree(
    snippet_pair: SnippetPairs, request: pytest.FixtureRequest, name: str
) -> None:
    pair = snippet_pair(name)
    rst, myst = pair.doctrees[".rst"], pair.doctrees[".md"]
    assert myst == rst
    # the same warnings, each at the line of its own file
    assert [(w.type, w.message) for w in pair[".md"].warnings] == [
        (w.type, w.message) for w in pair[".rst"].warnings
    ]
    stored = STORED / f"{name}.xml"
    if request.config.getoption("--update-snippets"):
        stored.parent.mkdir(exist_ok=True)
        stored.write_text(rst, encoding="utf-8")
    assert stored.exists(), f"no {stored.name}: run pytest --update-snippets once, and read it"
    assert rst == stored.read_text(encoding="utf-8"), (
        f"{name}: the doctree changed; if on purpose, run pytest --update-snippets "
        "and review the diff of tests/snippets/"
    )


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_header_snippet_renders_as_documented(snippet_pair: SnippetPairs, suffix: str) -> None:
    build = snippet_pair("header")[suffix]
    assert build.warnings == []
    html = build.html("pep-0012")
    assert '<span class="pep-header-id">PEP 0012</span>' in html
    assert '<span class="pep-header-name">Add a caching layer</span>' in html
    assert "<p>2026-03-02</p>" in html  # 02-Mar-2026, shown as ISO
    # related is symmetric, and RFC 7's depends-on gives a derived "Enables"
    assert 'href="front-matter.html#rfc-7" title="RFC 0007 – Saved searches (accepted)"' in html
    assert (
        '<span class="pep-derived"><a class="reference internal" href="front-matter.html#rfc-7"'
        in html
    )


# -- pep-index: the docs' RST and MyST snippets give the same, documented table --------


def _index_page(snippet_pair: SnippetPairs, name: str, suffix: str) -> str:
    """The HTML of the page holding the snippet *name*, over test_index's five proposals."""
    build = snippet_pair(name)[suffix]
    assert build.warnings == []
    return build.html("listing")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_index_snippet_filters_sorts_and_picks_columns(
    snippet_pair: SnippetPairs, suffix: str
) -> None:
    html = _index_page(snippet_pair, "pep-index", suffix)
    # :status: open, accepted, done drops the rejected PEP 4; :sort: -created.
    assert html_rows(html) == ["PEP 0002", "PEP 0005", "PEP 0001", "PEP 0003"]
    headings = re.findall(r'<th class="head pep-col-(\w+)"', html)
    assert headings == ["number", "title", "status", "authors", "created"]
    block = re.search(r'<div data-filters="([^"]*)" data-sort="([^"]*)"', html)
    assert block is not None and block.groups() == ("status,person", "-created")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_grouped_index_snippet_has_a_table_per_status_group(
    snippet_pair: SnippetPairs, suffix: str
) -> None:
    html = _index_page(snippet_pair, "pep-index-grouped", suffix)
    groups = re.findall(r'<h\d class="pep-index-group-title">(\w+)</h\d>', html)
    assert groups == ["Open", "Accepted", "Done", "Closed"]
    # No proposal has a category: that column is left out, type stays (PEP 5).
    headings = set(re.findall(r'<th class="head pep-col-(\w+)"', html))
    assert headings == {"number", "title", "type"}
    assert sorted(html_rows(html)) == ["PEP 0001", "PEP 0002", "PEP 0003", "PEP 0004", "PEP 0005"]


# -- pep-header, every option: docs/header-full-example.md (PEP 40 on pep-full) --------


def _header_full_project(build_project: BuildProject, source: str) -> Build:
    """Build PEP 40 from the RST *source* next to its neighbours, as the snippet is built."""
    case = CASES["header-full"]
    files = case.files(".rst")
    files["pep-0040.rst"] = titled(".rst", HEADER_FULL_HEADING, source)
    return build_project(files)


def _header_fields(html: str) -> dict[str, str]:
    """The header's rows, label to the HTML inside its ``<dd>``."""
    block = html.split('<dl class="pep-header-fields', 1)[1].split("</dl>", 1)[0]
    rows = re.findall(
        r'<dt class="field-\w+">([^<]+)<span class="colon">:</span></dt>\s*'
        r'<dd class="field-\w+">(.*?)</dd>',
        block,
        flags=re.DOTALL,
    )
    return {label: value.strip() for label, value in rows}


def _link(href: str, tooltip: str, text: str, *, derived: bool = False) -> str:
    link = (
        f'<a class="reference internal" href="{href}" title="{tooltip}">'
        f'<span class="pep-ref">{text}</span></a>'
    )
    return f'<p><span class="pep-derived">{link}</span></p>' if derived else f"<p>{link}</p>"


_PEP_12 = ("pep-0012.html#pep-12", "PEP 0012 – The pep-header directive (Accepted)", "PEP 0012")
_PEP_40 = ("pep-0040.html#pep-40", "PEP 0040 – Every header option, live (Superseded)", "PEP 0040")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_header_full_snippet_renders_every_option(snippet_pair: SnippetPairs, suffix: str) -> None:
    build = snippet_pair("header-full")[suffix]
    # No pep.section although PEP 40 has none of pep-full's sections (and the
    # project does not suppress it): that is the snippet's `:exempt: section`.
    assert build.warnings == []
    html = build.html("pep-0040")
    # :template: pep-full, :title: shorter than the heading, a pep-full status
    assert 'class="pep-header pep-template-pep-full docutils container" id="pep-40"' in html
    assert '<span class="pep-header-id">PEP 0040</span>' in html
    assert '<span class="pep-header-name">Every header option, live</span>' in html
    assert 'pep-status pep-status-closed">Superseded</span>' in html
    fields = _header_fields(html)
    assert list(fields) == [
        "Authors",
        "Type",
        "Created",
        "Updated",
        "Version",
        "Depends on",
        "Enables",
        "Supersedes",
        "Superseded by",
    ]
    assert fields["Type"] == "<p>Standard</p>"
    assert fields["Version"] == "<p>2.1</p>"
    assert fields["Created"] == "<p>2026-02-20</p>"  # 20-02-2026, shown as ISO
    assert fields["Updated"] == "<p>2026-03-05</p>"  # 05-Mar-2026
    # each list in another spelling, each a link with the target's tooltip
    assert fields["Depends on"] == _link(
        "pep-0030.html#pep-30", "PEP 0030 – Status history (Implemented)", "PEP 0030"
    )
    assert fields["Enables"] == _link(*_PEP_12)
    assert fields["Supersedes"] == _link(
        "rfc-0007.html#rfc-7", "RFC 0007 – Saved searches (accepted)", "RFC 0007"
    )
    assert fields["Superseded by"] == _link(*_PEP_12)

    # the other ends show PEP 40 as derived links, as the docs page says
    pep_12 = _header_fields(build.html("pep-0012"))
    assert pep_12["Depends on"] == _link(*_PEP_40, derived=True)
    assert pep_12["Supersedes"] == _link(*_PEP_40, derived=True)
    assert _header_fields(build.html("pep-0030"))["Enables"] == _link(*_PEP_40, derived=True)
    rfc_7 = _header_fields(build.html("rfc-0007"))
    assert rfc_7["Superseded by"] == _link(*_PEP_40, derived=True)


@pytest.mark.parametrize(
    ("old", "new", "subtype", "messages"),
    [
        (
            ":enables: PEP 12",
            ":enables: 30",
            "pep.dependency",
            [
                "PEP 0030: dependency cycle: PEP 0030 → PEP 0040 → PEP 0030",
                "PEP 0030 is Implemented but depends on PEP 0040, which is Superseded",
            ],
        ),
        (
            ":depends-on: 30",
            ":depends-on: 7",
            "pep.dependency",
            ["RFC 0007: dependency cycle: RFC 0007 → PEP 0012 → PEP 0040 → RFC 0007"],
        ),
        (
            "   :superseded-by: pep-0012\n",
            "",
            "pep.status",
            [
                "PEP 0040: status 'Superseded' needs ':superseded-by:' naming the proposal "
                "that replaces it"
            ],
        ),
        ("   :exempt: section\n", "", "pep.section", None),
    ],
)
def test_header_full_page_says_why_it_builds_clean(
    build_project: BuildProject, old: str, new: str, subtype: str, messages: list[str] | None
) -> None:
    """The docs page's "Why these relations build clean": each other choice warns."""
    source = (SNIPPETS / "header-full.rst").read_text()
    assert old in source
    build = _header_full_project(build_project, source.replace(old, new))
    assert {w.type for w in build.warnings} == {subtype}
    if messages is not None:
        assert [w.message for w in build.warnings] == messages


# -- references: every target spelling, an explicit title and :any: -------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_references_snippet_links_every_spelling(snippet_pair: SnippetPairs, suffix: str) -> None:
    build = snippet_pair("references")[suffix]
    assert build.warnings == []
    html = build.html("links")
    items = re.findall(r"<li><p>(.*?)</p></li>", html, flags=re.DOTALL)
    links = [
        re.findall(r'<a class="reference internal" href="([^"]*)" title="([^"]*)">', item)
        for item in items
    ]
    tooltip = "PEP 0012 – Add a caching layer (Accepted)"
    assert links == [[("pep-0012.html#pep-12", tooltip)]] * 6
    text = [re.sub(r"<[^>]+>", "", item) for item in items]
    assert text == [
        "12: PEP 0012",
        "0012: PEP 0012",
        "PEP 12: PEP 0012",
        "pep-0012: PEP 0012",
        "an explicit title: the header PEP",
        "the any role: PEP 0012",
    ]


# -- pep-index with :template:, :type: and :columns: ----------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_index_columns_snippet_filters_by_template_and_type(
    snippet_pair: SnippetPairs, suffix: str
) -> None:
    html = _index_page(snippet_pair, "pep-index-columns", suffix)
    headings = re.findall(r'<th class="head pep-col-(\w+)"><p>([^<]*)</p></th>', html)
    assert headings == [
        ("number", "Number"),
        ("title", "Title"),
        ("type", "Type"),
        ("version", "Version"),
        ("status", "Status"),
    ]
    rows = [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td [^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr data-status=.*?</tr>", html, flags=re.DOTALL)
    ]
    assert rows == [
        ["PEP 0005", "Plugin hooks", "Standard", "", "Draft"],
        ["PEP 0006", "Release process", "Process", "1.2", "Final"],
    ]
