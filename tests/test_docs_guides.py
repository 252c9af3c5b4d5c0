"""The getting-started and migration guides' snippets build as the guides say.

``docs/getting-started.md`` shows a complete first proposal and
``docs/migrating.md`` shows hand-written seed tables next to the directives
that replace them; each "after" snippet is built here as a real proposal,
with ``-W``-clean output, so the guides cannot drift from the extension.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ENHANCEMENT_SECTIONS, BuildProject, index_rst
from snippet_projects import CASES, DOCS, SUFFIXES, SnippetPair, migrated_pep, sections, snippet

SnippetPairs = Callable[[str], SnippetPair]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_first_proposal_builds_clean(snippet_pair: SnippetPairs, suffix: str) -> None:
    build = snippet_pair("first-proposal")[suffix]
    assert build.warnings == []
    html = build.html("proposals/pep-0001")
    assert '<span class="pep-header-id">PEP 0001</span>' in html
    assert '<span class="pep-header-name">Add a caching layer</span>' in html
    assert 'pep-status-open">Proposed</span>' in html


def _with_neighbours(name: str, page: str) -> dict[str, str]:
    """The converted PEP 0014 with the PEP 9 and PEP 12 it refers to."""
    return {**CASES["migrate-after"].files(Path(name).suffix), name: page}


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_migrated_pep_builds_clean(snippet_pair: SnippetPairs, suffix: str) -> None:
    build = snippet_pair("migrate-after")[suffix]
    assert build.warnings == []
    html = build.html("pep-0014")
    assert '<span class="pep-header-name">Saved dashboards</span>' in html
    assert "pep-risk-matrix" in html
    assert "Approved in the design review" in html
    # the header's depends-on gives PEP 9 a derived Enables link, as the guide says
    assert 'href="pep-0014.html#pep-14"' in build.html("pep-0009")


@pytest.mark.parametrize(
    ("suffix", "relation", "rewritten"),
    [
        (".md", "### Relation to PEP 0012\n", "{pep:ref}`0012` and {pep:ref}`0009`"),
        (".rst", f"Relation to PEP 0012\n{'~' * 20}\n", ":pep:ref:`0012` and :pep:ref:`0009`"),
    ],
)
def test_migration_one_liner_leaves_headings_alone(
    build_project: BuildProject, tmp_path: Path, suffix: str, relation: str, rewritten: str
) -> None:
    """The guide's command for "PEP NNNN" mentions, run as written, on a converted proposal."""
    if shutil.which("perl") is None:
        pytest.skip("perl is not installed")
    (command,) = [
        line.removeprefix("$ ")
        for line in (DOCS / "migrating.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("$ perl ") and line.endswith(f"docs/proposals/*{suffix}")
    ]
    page = migrated_pep(suffix, {"Rationale": f"\n{relation}\nBuilds on PEP 0012 and PEP 0009.\n"})
    source = tmp_path / "convert" / "docs" / "proposals" / f"pep-0014{suffix}"
    source.parent.mkdir(parents=True)
    source.write_text(page, encoding="utf-8")
    subprocess.run(command, shell=True, cwd=tmp_path / "convert", check=True)
    converted = source.read_text(encoding="utf-8")
    assert converted.splitlines()[0] == page.splitlines()[0]  # PEP 0014: Saved dashboards
    assert relation in converted
    assert f"Builds on {rewritten}." in converted
    assert converted.replace(f"Builds on {rewritten}.", "") == page.replace(
        "Builds on PEP 0012 and PEP 0009.", ""
    )
    build = build_project(_with_neighbours(f"pep-0014{suffix}", converted))
    assert build.warnings == []
    html = build.html("pep-0014")
    assert '<span class="pep-header-name">Saved dashboards</span>' in html
    assert 'href="pep-0012.html#pep-12"' in html


def test_migrated_tables_are_pasted_unchanged() -> None:
    """The guide says the seeds' tables go into the directives as they are."""
    for kind in ("history", "risks"):
        before = [line for line in snippet(f"migrate-{kind}-before.md").splitlines() if "|" in line]
        for suffix in (".md", ".rst"):
            after = [line.strip() for line in snippet(f"migrate-{kind}-after{suffix}").splitlines()]
            assert before == [line for line in after if line.startswith("|")]


def test_migrated_pep_full_builds_clean(build_project: BuildProject) -> None:
    page = (
        snippet("migrate-pepfull-after.md")
        + "\n"
        + sections(["Abstract", "Motivation", "Specification", "Implementation"], ".md", {})
    )
    build = build_project({"pep-0015.md": page, "index.rst": index_rst("pep-0015")})
    assert build.warnings == []
    html = build.html("pep-0015")
    assert "<p>2026-02-03</p>" in html  # 03-02-2026 (DD-MM-YYYY), shown as ISO
    assert 'pep-status-open">Discussion</span>' in html


def test_migrated_enhancement_builds_clean(build_project: BuildProject) -> None:
    page = (
        snippet("migrate-enhancement-after.md") + "\n" + sections(ENHANCEMENT_SECTIONS, ".md", {})
    )
    build = build_project({"rfc-0016.md": page, "index.rst": index_rst("rfc-0016")})
    assert build.warnings == []
    html = build.html("rfc-0016")
    assert '<span class="pep-header-id">RFC 0016</span>' in html
    assert '<span class="pep-header-name">Saved searches</span>' in html
