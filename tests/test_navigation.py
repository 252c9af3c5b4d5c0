"""The theme's navigation on a proposals site (``pep_navigation``, docs/performance.md).

Real alabaster builds, whose default *Navigation* sidebar is Sphinx's global
toctree: with ``"collapsed"`` (the default) a proposal is listed on its own
page and the pages under it only, every other entry stays; ``"full"`` is
Sphinx's navigation. Parallel and incremental builds write what a fresh
serial build writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import BASE_CONF, PEP_SECTIONS, Build, BuildProject, minimal_pep
from sphinx.testing.util import SphinxTestApp
from test_build_consistency import assert_same_output, in_chunks

CONF = BASE_CONF + 'html_theme = "alabaster"\nproject = "Nav"\ncopyright = "2026"\n'
#: SphinxTestApp replaces alabaster by "basic" unless told otherwise.
ALABASTER = {"confoverrides": {"html_theme": "alabaster"}}

PROJECT: dict[str, str] = {
    "conf.py": CONF,
    "index.rst": (
        "Proposals\n=========\n\n.. pep-index::\n\n"
        ".. toctree::\n   :glob:\n   :caption: Proposals\n\n   proposals/*\n\n"
        ".. toctree::\n   :caption: Guides\n\n   notes\n"
    ),
    "notes.rst": "Writing notes\n=============\n\nHow to write one.\n",
    **{
        f"proposals/pep-{n:04d}.rst": minimal_pep(n, f"Proposal number {n}")
        for n in (1, 2, 4, 5, 6, 7)
    },
    "proposals/pep-0003.rst": minimal_pep(
        3,
        "Proposal number 3",
        body=".. toctree::\n\n   pep-0003/appendix\n",
    ),
    "proposals/pep-0003/appendix.rst": "The appendix of three\n=====================\n\nData.\n",
}


def navigation(build: Build, docname: str) -> str:
    """The sidebar's *Navigation* on *docname*'s page (alabaster's ``navigation.html``)."""
    html = build.html(docname)
    start = html.index("<h3>Navigation</h3>")
    return html[start : html.index('<div class="relations">', start)]


def listed(build: Build, docname: str) -> list[str]:
    """The link texts of the sidebar's navigation on *docname*'s page."""
    nav = navigation(build, docname)
    return [re.sub(r"<[^>]+>", "", text) for text in re.findall(r"<a [^>]*>(.*?)</a>", nav)]


class _Balance(HTMLParser):
    """Every element opened is closed, in order (void elements aside)."""

    VOID = frozenset({"br", "hr", "img", "input", "link", "meta"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.errors.append(tag)


def test_a_proposal_page_lists_itself_and_every_other_entry(build_project: BuildProject) -> None:
    build = build_project(PROJECT, **ALABASTER)
    assert build.warning_text == ""
    assert listed(build, "proposals/pep-0005") == [
        "PEP 0005: Proposal number 5",
        *PEP_SECTIONS,  # its own sections, as Sphinx shows the current page
        "Writing notes",
    ]
    nav = navigation(build, "proposals/pep-0005")
    assert '<p class="caption" role="heading"><span class="caption-text">Proposals</span>' in nav
    assert '<li class="toctree-l1 current"><a class="current reference internal" href="#">' in nav
    parser = _Balance()
    parser.feed(nav)
    assert parser.errors == [] and parser.open == []


def test_other_pages_list_no_proposal_and_the_pages_under_one_keep_it(
    build_project: BuildProject,
) -> None:
    build = build_project(PROJECT, **ALABASTER)
    # The index lists them itself; its sidebar keeps the other entries.
    assert listed(build, "index") == ["Writing notes"]
    assert listed(build, "notes") == ["Writing notes"]
    assert listed(build, "genindex") == ["Writing notes"]
    appendix = listed(build, "proposals/pep-0003/appendix")
    assert appendix[0] == "PEP 0003: Proposal number 3"
    assert "The appendix of three" in appendix
    assert not any(text.startswith(("PEP 0002", "PEP 0004")) for text in appendix)


def test_full_navigation_is_sphinx_own(build_project: BuildProject) -> None:
    build = build_project({**PROJECT, "conf.py": CONF + 'pep_navigation = "full"\n'}, **ALABASTER)
    numbers = [text[:8] for text in listed(build, "notes") if text.startswith("PEP")]
    assert numbers == [f"PEP {n:04d}" for n in range(1, 8)]
    assert len([t for t in listed(build, "index") if t.startswith("PEP")]) == 7


@pytest.mark.parametrize("value", ["'sidebar'", "True", "None"])
def test_a_bad_value_warns_and_collapses(build_project: BuildProject, value: str) -> None:
    build = build_project({**PROJECT, "conf.py": CONF + f"pep_navigation = {value}\n"}, **ALABASTER)
    [warning] = build.warnings
    assert warning.type == "pep.config"
    assert warning.where == "conf.py:5"
    assert warning.message == (
        f"pep_navigation must be 'collapsed' or 'full', got {value}; using 'collapsed'"
    )
    assert listed(build, "index") == ["Writing notes"]


def test_single_page_html_keeps_every_proposal(build_project: BuildProject) -> None:
    build = build_project(PROJECT, buildername="singlehtml", **ALABASTER)
    nav = build.html("index").split("<h3>Navigation</h3>", 1)[1]
    assert all(f"PEP {n:04d}" in nav for n in range(1, 8))


def test_parallel_and_incremental_builds_write_what_a_fresh_serial_one_does(
    build_project: BuildProject,
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
) -> None:
    serial = build_project(PROJECT, **ALABASTER)
    serial.app.cleanup()
    parallel = make_app(
        srcdir=serial.srcdir, builddir=tmp_path / "parallel", parallel=2, **ALABASTER
    )
    try:
        parallel.build()
    finally:
        parallel.cleanup()
    assert in_chunks(parallel, "writing output")
    assert_same_output(serial.outdir, Path(parallel.outdir))
    # A retitled proposal and a new one: no other proposal's page lists them.
    changes = {
        "proposals/pep-0002.rst": minimal_pep(2, "A new title for two"),
        "proposals/pep-0008.rst": minimal_pep(8, "Proposal number 8"),
    }
    rebuilt = serial.rebuild(changes, **ALABASTER)
    rebuilt.app.cleanup()
    fresh = make_app(srcdir=serial.srcdir, builddir=tmp_path / "fresh", freshenv=True, **ALABASTER)
    try:
        fresh.build()
    finally:
        fresh.cleanup()
    assert listed(rebuilt, "proposals/pep-0002")[0] == "PEP 0002: A new title for two"
    assert_same_output(rebuilt.outdir, Path(fresh.outdir))
