"""Headings and captions of the generated tables in the built HTML (issue 18).

A grouped ``pep-index`` names each table by its group's title, a heading one
level below the enclosing section inside the table's ``<caption>``; an
ungrouped index is named "Proposals" (visually hidden); each ``pep-stats``
part has a real heading and its table a caption. Other builders keep the
rubric, and nothing is numbered under ``numfig``. Browser checks of what a
screen reader gets from this are in ``test_index_a11y_browser.py``.
"""

from __future__ import annotations

import re

import pytest
from conftest import BuildProject
from picture_project import directive, project

SUFFIXES = [".rst", ".md"]


def _sub_heading(suffix: str, title: str) -> str:
    return f"{title}\n{'-' * len(title)}\n\n" if suffix == ".rst" else f"## {title}\n\n"


def _page(suffix: str) -> str:
    """A grouped index under the page title, then an ungrouped one and stats a level down."""
    return (
        directive("pep-index", suffix, **{"group-by": "status"})
        + "\n"
        + _sub_heading(suffix, "Everything")
        + directive("pep-index", suffix, filters="none")
        + "\n"
        + directive("pep-stats", suffix)
    )


def captions(html: str) -> list[str]:
    return re.findall(r"<caption\b[^>]*>(.*?)</caption>", html, flags=re.S)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_group_titles_are_headings_in_the_tables_captions(
    build_project: BuildProject, suffix: str
) -> None:
    build = build_project(project(suffix, _page(suffix)))
    assert build.warnings == []
    html = build.html()
    grouped, _rest = html.split("<h2>Everything", 1)
    titles = re.findall(
        r'<caption class="pep-caption"><h2 class="pep-index-group-title">(\w+)</h2></caption>',
        grouped,
    )
    assert titles == ["Open", "Accepted", "Done", "Closed", "Deferred"]
    # One caption per table, each the table's first child; no rubric is left.
    assert grouped.count("<table") == len(titles)
    assert len(re.findall(r"<table\b[^>]*>\s*<caption", grouped)) == len(titles)
    assert 'class="pep-index-group-title rubric"' not in html


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_an_ungrouped_index_and_stats_tables_have_captions(
    build_project: BuildProject, suffix: str
) -> None:
    html = build_project(project(suffix, _page(suffix))).html()
    _grouped, rest = html.split("<h2>Everything", 1)
    found = captions(rest)
    assert found[0] == "Proposals"
    assert '<caption class="pep-caption pep-visually-hidden">Proposals</caption>' in rest
    # pep-stats: each part's title an h3 (under "Everything", an h2), its
    # table captioned with the same words.
    headings = re.findall(r'<h3 class="pep-stats-heading">([^<]+)</h3>', rest)
    assert headings[:2] == ["Proposals by status group", "Proposals by status"]
    assert found[1:] == headings
    assert "p.rubric" not in rest and 'class="rubric' not in rest
    # Every table of the page has a caption.
    assert html.count("<table") == len(captions(html))


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_timeline_table_is_captioned(build_project: BuildProject, suffix: str) -> None:
    html = build_project(project(suffix, directive("pep-timeline", suffix))).html()
    (caption,) = captions(html)
    assert '<span class="caption-text">Status timeline</span>' in caption


def test_a_deeper_section_gives_deeper_headings(build_project: BuildProject) -> None:
    page = "A\n-\n\nB\n~\n\nC\n^\n\nD\n'\n\nE\n`\n\n" + directive(
        "pep-index", ".rst", **{"group-by": "status"}
    )
    html = build_project(project(".rst", page)).html()
    # The index is in a section at depth 6 (an h6): its groups stay h6, the last level.
    assert re.findall(r'<(h\d) class="pep-index-group-title">Open', html) == ["h6"]
    shallow = build_project(project(".rst", _page(".rst"))).html()
    assert re.findall(r'<(h\d) class="pep-index-group-title">Open', shallow) == ["h2"]


def test_captions_are_not_numbered_with_numfig(build_project: BuildProject) -> None:
    build = build_project(project(".rst", _page(".rst")), conf="numfig = True\n")
    assert build.warnings == []
    html = build.html()
    numbered = [c for c in captions(html) if "caption-number" in c]
    assert numbered == []


@pytest.mark.parametrize("buildername", ["text", "latex", "man", "texinfo"])
def test_other_builders_keep_the_rubric_without_warnings(
    build_project: BuildProject, buildername: str
) -> None:
    files = project(".rst", _page(".rst"))
    files["conf.py"] = (
        'extensions = ["sphinxext_pep", "myst_parser"]\n'
        "latex_documents = [('index', 'demo.tex', 'Demo', 'A', 'manual')]\n"
    )
    build = build_project(files, buildername=buildername)
    assert build.warnings == []
    if buildername == "text":
        text = build.read("index.txt")
        assert re.findall(r"^-\[ (\w+) \]-$", text, flags=re.M)[:2] == ["Open", "Accepted"]
        assert "-[ Proposals by status group ]-" in text
    if buildername == "latex":
        tex = build.read("demo.tex")
        # Group titles as unnumbered headings; no table caption ("Table 1: Open").
        assert "\\subsubsection*{Open}" in tex
        assert "\\subsubsection*{Proposals by status group}" in tex
        assert "\\sphinxcaption" not in tex
