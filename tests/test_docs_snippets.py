"""The snippet files the docs show are built here, so the docs cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Build, BuildProject, index_rst, minimal_pep
from test_index import DOCNAMES as INDEX_DOCNAMES
from test_index import PROPOSALS as INDEX_PROPOSALS
from test_index import html_rows

SNIPPETS = Path(__file__).parent.parent / "docs" / "snippets"
DOCS = SNIPPETS.parent


@pytest.mark.parametrize("name", ["header.rst", "header.md"])
def test_header_snippet_renders_as_documented(build_project: BuildProject, name: str) -> None:
    heading = "PEP 0012: Add a caching layer"
    underline = "=" * len(heading)
    source = (SNIPPETS / name).read_text()
    page = (
        f"{heading}\n{underline}\n\n{source}"
        if name.endswith(".rst")
        else f"# {heading}\n\n{source}"
    )
    build = build_project(
        {
            f"pep-0012{Path(name).suffix}": page,
            # the docs' own RFC 7 page, which the snippet lists as related
            "front-matter.md": (DOCS / "front-matter.md").read_text(),
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   pep-0012\n   front-matter\n",
        },
        conf="suppress_warnings = ['pep.section']\n",
    )
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


def _index_page(build_project: BuildProject, snippet: str) -> str:
    """The HTML of a page holding *snippet*, over test_index's five proposals."""
    source = (SNIPPETS / snippet).read_text()
    if snippet.endswith(".rst"):
        page = {"index.rst": index_rst(*INDEX_DOCNAMES, body=source)}
    else:
        page = {
            "index.rst": index_rst(*INDEX_DOCNAMES, "listing"),
            "listing.md": f"# Listing\n\n{source}",
        }
    build = build_project({**INDEX_PROPOSALS, **page})
    assert build.warnings == []
    return build.html("index" if snippet.endswith(".rst") else "listing")


@pytest.mark.parametrize("snippet", ["pep-index.rst", "pep-index.md"])
def test_index_snippet_filters_sorts_and_picks_columns(
    build_project: BuildProject, snippet: str
) -> None:
    html = _index_page(build_project, snippet)
    # :status: open, accepted, done drops the rejected PEP 4; :sort: -created.
    assert html_rows(html) == ["PEP 0002", "PEP 0005", "PEP 0001", "PEP 0003"]
    headings = re.findall(r'<th class="head pep-col-(\w+)"', html)
    assert headings == ["number", "title", "status", "authors", "created"]
    block = re.search(r'<div data-filters="([^"]*)" data-sort="([^"]*)"', html)
    assert block is not None and block.groups() == ("status,author", "-created")


@pytest.mark.parametrize("snippet", ["pep-index-grouped.rst", "pep-index-grouped.md"])
def test_grouped_index_snippet_has_a_table_per_status_group(
    build_project: BuildProject, snippet: str
) -> None:
    html = _index_page(build_project, snippet)
    groups = re.findall(r'<p class="pep-index-group-title rubric">(\w+)</p>', html)
    assert groups == ["Open", "Accepted", "Done", "Closed"]
    # No proposal has a category: that column is left out, type stays (PEP 5).
    headings = set(re.findall(r'<th class="head pep-col-(\w+)"', html))
    assert headings == {"number", "title", "type"}
    assert sorted(html_rows(html)) == ["PEP 0001", "PEP 0002", "PEP 0003", "PEP 0004", "PEP 0005"]


# -- pep-header, every option: docs/header-full-example.md (PEP 40 on pep-full) --------

#: The docs' proposals that PEP 40's header names, as small stand-ins: PEP 30 is
#: done, PEP 12 accepted, and RFC 7 depends on PEP 12, as in the docs.
_HEADER_FULL_NEIGHBOURS = {
    "pep-0012.rst": minimal_pep(12, "The pep-header directive", status="Accepted"),
    "pep-0030.rst": minimal_pep(30, "Status history", status="Implemented"),
    "rfc-0007.rst": (
        "RFC 0007: Saved searches\n========================\n\n.. pep-header::\n"
        "   :template: enhancement\n   :rfc: 7\n   :authors: Ana Lima\n"
        "   :status: accepted\n   :category: enhancement\n   :created: 2026-02-14\n"
        "   :depends-on: 12\n   :exempt: section\n"
    ),
}
_HEADER_FULL_HEADING = "PEP 0040: Every header option, live on the pep-full template"


def _header_full_project(
    build_project: BuildProject, name: str, source: str | None = None
) -> Build:
    """Build PEP 40 from *name* (or *source*, in its syntax) next to its neighbours."""
    source = (SNIPPETS / name).read_text() if source is None else source
    heading = _HEADER_FULL_HEADING
    page = (
        f"{heading}\n{'=' * len(heading)}\n\n{source}"
        if name.endswith(".rst")
        else f"# {heading}\n\n{source}"
    )
    docnames = ("pep-0040", "pep-0012", "pep-0030", "rfc-0007")
    return build_project(
        {
            f"pep-0040{Path(name).suffix}": page,
            **_HEADER_FULL_NEIGHBOURS,
            "index.rst": index_rst(*docnames),
        }
    )


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


@pytest.mark.parametrize("name", ["header-full.rst", "header-full.md"])
def test_header_full_snippet_renders_every_option(build_project: BuildProject, name: str) -> None:
    build = _header_full_project(build_project, name)
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
    build = _header_full_project(build_project, "header-full.rst", source.replace(old, new))
    assert {w.type for w in build.warnings} == {subtype}
    if messages is not None:
        assert [w.message for w in build.warnings] == messages


# -- references: every target spelling, an explicit title and :any: -------------------


@pytest.mark.parametrize("snippet", ["references.rst", "references.md"])
def test_references_snippet_links_every_spelling(build_project: BuildProject, snippet: str) -> None:
    source = (SNIPPETS / snippet).read_text()
    files = {"pep-0012.rst": minimal_pep(12, "Add a caching layer", status="Accepted")}
    if snippet.endswith(".rst"):
        files["index.rst"] = index_rst("pep-0012", body=source)
        page = "index"
    else:
        files["index.rst"] = index_rst("pep-0012", "links")
        files["links.md"] = f"# Links\n\n{source}"
        page = "links"
    build = build_project(files)
    assert build.warnings == []
    html = build.html(page)
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

_COLUMNS_PROPOSALS = {
    **INDEX_PROPOSALS,  # PEP 5 is pep-full, Standard; PEP 1-4 are on pep
    "pep-0006.rst": minimal_pep(
        6,
        "Release process",
        template="pep-full",
        status="Final",
        type="Process",
        version="1.2",
        risk=None,
        exempt="section",
    ),
    "pep-0007.rst": minimal_pep(
        7,
        "Glossary",
        template="pep-full",
        status="Draft",
        type="Informational",
        risk=None,
        exempt="section",
    ),
    # a Process type, but on the pep template: :template: leaves it out
    "pep-0008.rst": minimal_pep(8, "Team process", type="Process"),
}


@pytest.mark.parametrize("snippet", ["pep-index-columns.rst", "pep-index-columns.md"])
def test_index_columns_snippet_filters_by_template_and_type(
    build_project: BuildProject, snippet: str
) -> None:
    source = (SNIPPETS / snippet).read_text()
    docnames = tuple(name.rsplit(".", 1)[0] for name in _COLUMNS_PROPOSALS)
    if snippet.endswith(".rst"):
        page = {"index.rst": index_rst(*docnames, body=source)}
    else:
        page = {
            "index.rst": index_rst(*docnames, "listing"),
            "listing.md": f"# Listing\n\n{source}",
        }
    build = build_project({**_COLUMNS_PROPOSALS, **page})
    assert build.warnings == []
    html = build.html("index" if snippet.endswith(".rst") else "listing")
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
