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


def _rule_nesting_errors(css: str) -> list[str]:
    """Rules opened inside a style rule: what a merge that cut a rule in two leaves.

    Such a file still loads (the browser drops the inner "declarations"), so
    nothing else notices that the rules after the cut no longer apply.
    """
    import re

    text = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    errors, stack, start = [], [], 0
    for at, char in enumerate(text):
        if char == "{":
            prelude = text[start:at].strip()
            if stack and not stack[-1].startswith("@"):
                errors.append(f"{prelude!r} opened inside {stack[-1]!r}")
            stack.append(prelude)
            start = at + 1
        elif char == "}":
            if not stack:
                errors.append(f"a '}}' closes nothing at offset {at}")
            else:
                stack.pop()
            start = at + 1
        elif char == ";" and stack and not stack[-1].startswith("@"):
            start = at + 1
    if stack:
        errors.append(f"{stack[-1]!r} is never closed")
    return errors


def test_every_stylesheet_closes_each_rule_before_the_next() -> None:
    from pathlib import Path

    static = Path(__file__).parent.parent / "sphinxext_pep" / "static"
    sheets = sorted(static.glob("*.css"))
    assert sheets
    for sheet in sheets:
        assert _rule_nesting_errors(sheet.read_text(encoding="utf-8")) == [], sheet.name
    # The check itself: a rule cut by a comment and the next rule is caught.
    assert _rule_nesting_errors(".a {\n/* x */\n.b {\n  color: red;\n}\n")
