"""The shipped static files: copied to every HTML build, never a config change."""

from __future__ import annotations

import pytest
from conftest import BuildProject, index_rst, minimal_pep, myst_pep
from sphinx.util.console import strip_escape_sequences


@pytest.mark.parametrize(
    ("name", "source"), [("pep-0001.rst", minimal_pep(1)), ("pep-0001.md", myst_pep(1))]
)
def test_rebuild_without_a_change_reads_nothing_and_reports_no_config_change(
    build_project: BuildProject, name: str, source: str
) -> None:
    # html_theme: sphinx.testing swaps alabaster for basic after reading conf.py,
    # which would be a configuration change of its own.
    build = build_project(
        {"index.rst": index_rst("pep-0001"), name: source}, conf="html_theme = 'basic'\n"
    )
    assert build.warnings == []
    assert (build.outdir / "_static" / "sphinxext-pep.css").is_file()

    again = build.rebuild()
    status = strip_escape_sequences(again.app.status.getvalue())
    assert "configuration has changed" not in status
    assert "0 added, 0 changed, 0 removed" in status
    assert "no targets are out of date." in status
    assert "targets for 0 source files that are out of date" in status
    assert again.warnings == []
    # The styles are still there, and still listed on the pages.
    assert (again.outdir / "_static" / "sphinxext-pep.css").is_file()
    assert "_static/sphinxext-pep.css" in again.html("pep-0001")
