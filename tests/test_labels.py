"""The proposals' ``std`` labels (``:ref:`pep-12```) and the author's labels named alike.

Real builds, RST and MyST: a proposal owns its label; an author's label of
that name is kept and warned about (``pep.duplicate``) at its own line, in a
fresh build and when only its document is read again; a label written just
above the header names the proposal itself and is fine.
"""

from __future__ import annotations

import pytest
from conftest import BuildProject, index_rst, minimal_pep, myst_pep

NOTE_RST = "Notes\n=====\n\nIntro.\n\n.. _pep-12:\n\nMy own note on the cache.\n"
NOTE_MD = "# Notes\n\nIntro.\n\n(pep-12)=\n## About the cache\n\nText.\n"


def _project(md: bool, note: bool = True) -> dict[str, str]:
    files = {
        "index.rst": index_rst("pep-0012", "notes", body="See :ref:`the cache <pep-12>`."),
        f"pep-0012.{'md' if md else 'rst'}": (myst_pep if md else minimal_pep)(12, "Cache"),
    }
    files["notes.md" if md else "notes.rst"] = (
        (NOTE_MD if md else NOTE_RST) if note else ("# Notes\n" if md else "Notes\n=====\n")
    )
    return files


@pytest.mark.parametrize("md", [False, True])
def test_the_proposal_owns_its_label(build_project: BuildProject, md: bool) -> None:
    build = build_project(_project(md, note=False))
    assert build.warnings == []
    assert 'href="pep-0012.html#pep-12"' in build.html("index")


@pytest.mark.parametrize("md", [False, True])
def test_an_authors_label_of_that_name_warns_again_when_its_page_is_reread(
    build_project: BuildProject, md: bool
) -> None:
    build = build_project(_project(md))
    where = "notes.md:5" if md else "notes.rst:6"
    assert [(w.type, w.where) for w in build.warnings] == [("pep.duplicate", where)]
    assert 'href="notes.html#pep-12"' in build.html("index")  # the author's label is kept
    # Only the note is read again: the same warning, and no untyped "duplicate label".
    note = "notes.md" if md else "notes.rst"
    again = build.rebuild({note: (NOTE_MD if md else NOTE_RST) + "\nMore.\n"})
    assert [(w.type, w.where) for w in again.warnings] == [("pep.duplicate", where)]
    # Renamed: the proposal has its label back.
    fixed = again.rebuild({note: (NOTE_MD if md else NOTE_RST).replace("pep-12", "cache-note")})
    assert fixed.warnings == []
    assert 'href="pep-0012.html#pep-12"' in fixed.html("index")


@pytest.mark.parametrize("md", [False, True])
def test_a_label_just_above_the_header_names_the_proposal(
    build_project: BuildProject, md: bool
) -> None:
    name = f"pep-0012.{'md' if md else 'rst'}"
    files = _project(md, note=False)
    if md:
        files[name] = files[name].replace("```{pep-header}", "(pep-12)=\n```{pep-header}", 1)
    else:
        files[name] = files[name].replace(".. pep-header::", ".. _pep-12:\n\n.. pep-header::", 1)
    build = build_project(files)
    assert build.warnings == []
    assert 'href="pep-0012.html#pep-12"' in build.html("index")
    again = build.rebuild({"index.rst": files["index.rst"] + "\n:ref:`pep-12`\n"})
    assert again.warnings == []
    assert 'href="pep-0012.html#pep-12"><span class="std std-ref">PEP 0012 – Cache' in (
        again.html("index")
    )
