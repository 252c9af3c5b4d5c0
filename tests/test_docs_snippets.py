"""The snippet files the docs show are built here, so the docs cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BuildProject, index_rst
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
