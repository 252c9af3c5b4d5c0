"""The snippet files the docs show are built here, so the docs cannot drift."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BuildProject

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
