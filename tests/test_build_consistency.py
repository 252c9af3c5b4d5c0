"""Builds at scale are right (SPEC §9): parallel = serial, incremental = fresh, every builder.

Real builds of a project with more than five proposals (Sphinx reads and writes
in parallel only above five documents), in RST and MyST, linked to each other
by roles and header lists, so that titles, statuses and relations of one
proposal show on other pages.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    BASE_CONF,
    ENHANCEMENT_SECTIONS,
    Build,
    BuildProject,
    assert_pep_warnings_located,
    minimal_pep,
    write_files,
)
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

CONF = BASE_CONF + (
    'project = "Consistency"\nauthor = "Tests"\ncopyright = "2026, Tests"\n'
    'version = release = "1.0"\nmyst_enable_extensions = ["tasklist"]\n'
    # The theme SphinxTestApp picks from Sphinx 8.1 on. Sphinx 8.0's default,
    # alabaster, lists every title in a sidebar that Sphinx itself never
    # rewrites when one changes (docs/performance.md).
    'html_theme = "basic"\n'
)


def myst_rfc(number: int, title: str, status: str = "proposed", body: str = "") -> str:
    """A MyST proposal on the ``enhancement`` template, fields in front matter."""
    sections = "\n".join(
        f"## {name}\n\nThe {name.lower()} of this enhancement.\n"
        for name in (*ENHANCEMENT_SECTIONS, "Risks and Mitigations", "Open Questions", "References")
    )
    return (
        f"---\nrfc: {number}\ntitle: {title}\nauthors: Ana Ruiz <ana@example.com>\n"
        f"status: {status}\ncategory: search\ncreated: 2026-02-01\n"
        "reviewers: [Bo Li, '@kim']\n---\n"
        f"# Enhancement: {title}\n\n```{{pep-header}}\n:template: enhancement\n```\n\n"
        f"{body}\n\n{sections}"
    )


#: Seven proposals and two plain pages. 3 is linked from most pages; 4 is a
#: dependency of 5 (a derived "Enables" on 4's page); 20 is MyST.
PROJECT: dict[str, str] = {
    "conf.py": CONF,
    "index.rst": (
        "Proposals\n=========\n\nSee :pep:ref:`3` and :pep:ref:`the search RFC <RFC 20>`.\n\n"
        ".. toctree::\n   :glob:\n\n   proposals/*\n   notes\n   overview\n"
    ),
    "notes.rst": (
        "Notes\n=====\n\nThe cache (:pep:ref:`3`) builds on :any:`PEP 1 <1>`.\n\n"
        # the proposal-process fields: person and target filters, their columns
        ".. pep-index::\n   :columns: number, reviewers, review, target, shipped, tracking\n"
        "   :filters: status, person, target\n"
    ),
    "overview.md": "# Overview\n\nNothing about proposals here.\n",
    "proposals/pep-0001.rst": minimal_pep(
        1,
        "Adopt proposals",
        status="Implemented",
        enables="3",
        target="1.0",
        shipped="1.0",
        tracking="https://github.com/org/repo/issues/1, https://github.com/org/repo/pull/2",
    ),
    "proposals/pep-0002.rst": minimal_pep(
        2,
        "Split the ingestion pipeline",
        status="Accepted",
        related="3",
        review="2026-02-02 to 2026-02-16",
        resolution="https://forum.example.org/t/2/9",
    ),
    "proposals/pep-0003.rst": minimal_pep(
        3, "Add a caching layer", status="Accepted", depends_on="1", body="Uses :pep:ref:`2`."
    ),
    "proposals/pep-0004.rst": minimal_pep(
        4,
        "Tenant quotas",
        status="Proposed",
        owners="@platform",
        discussions="2026-01-20 https://forum.example.org/t/4",
    ),
    "proposals/pep-0005.rst": minimal_pep(
        5, "Quota dashboards", status="Proposed", body="Extends :pep:ref:`3`."
    ),
    "proposals/pep-0006.rst": minimal_pep(6, "Retire CSV export", status="Withdrawn"),
    "proposals/rfc-0020.md": myst_rfc(20, "Saved searches", body="Needs {pep:ref}`3`."),
}


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every file a builder wrote, by path relative to the output directory."""
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
    }


def _search_index(data: bytes) -> Any:
    """``searchindex.js`` less the words no document contains any more.

    Sphinx's incremental search index keeps a removed word with an empty
    document list (``"layer":[]``) where a fresh build has no entry; both find
    the same pages. Everything else in it must match.
    """
    text = data.decode("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for key in ("terms", "titleterms"):
        index[key] = {word: docs for word, docs in index[key].items() if docs != []}
    return index


def assert_same_output(left: Path, right: Path, *, removed: tuple[str, ...] = ()) -> None:
    """*left* (incremental) and *right* (fresh) hold the same files, byte for byte.

    Sphinx never deletes the output of a removed document: those files, named
    in *removed*, are the only ones allowed to be left over.
    """
    a, b = output_files(left), output_files(right)
    leftover = (
        {name for name in a if name not in b and name.startswith(removed)} if removed else set()
    )
    for name in leftover:
        del a[name]
    for files in (a, b):
        if "searchindex.js" in files:
            files["searchindex.js"] = _search_index(files["searchindex.js"])
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert differing == [], f"outputs differ in {differing}"


def read_and_written(app: SphinxTestApp) -> tuple[set[str], set[str]]:
    """The documents a build read and wrote, from its status output."""
    status = strip_escape_sequences(app.status.getvalue())
    read = set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", status))
    written = set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status))
    return read, written


def in_chunks(app: SphinxTestApp, phase: str) -> bool:
    """Whether *phase* ran in parallel chunks (Sphinx logs each chunk as a range)."""
    status = strip_escape_sequences(app.status.getvalue())
    return re.search(rf"{phase}\.\.\. \[\s*\d+%\] \S+ \.\. \S+", status) is not None


@pytest.fixture
def fresh_build(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> Callable[..., SphinxTestApp]:
    """Build a source directory from scratch into its own build directory."""
    counter = iter(range(100))

    def build(srcdir: Path, **kwargs: Any) -> SphinxTestApp:
        app = make_app(
            srcdir=srcdir, builddir=tmp_path / f"fresh{next(counter)}", freshenv=True, **kwargs
        )
        try:
            app.build()
        finally:
            app.cleanup()
        return app

    return build


# -- parallel == serial ----------------------------------------------------------------


def test_parallel_build_writes_the_same_files_as_a_serial_one(
    build_project: BuildProject, fresh_build: Callable[..., SphinxTestApp]
) -> None:
    serial = build_project(PROJECT)
    assert serial.warning_text == ""
    serial.app.cleanup()  # one live application at a time (else "already registered")
    parallel = fresh_build(serial.srcdir, parallel=2)
    # Sphinx falls back to serial silently; make sure both phases ran in chunks
    # (a worker per chunk: "reading sources... [ 50%] index .. proposals/pep-0002").
    assert in_chunks(parallel, "reading sources") and in_chunks(parallel, "writing output")
    assert parallel.warning.getvalue() == ""
    assert_same_output(serial.outdir, Path(parallel.outdir))
    # Cross-document data survived the merge: a derived reverse link and a tooltip.
    html = serial.html("proposals/pep-0003")
    assert 'title="PEP 0001 – Adopt proposals (Implemented)"' in html
    assert 'title="PEP 0005 – Quota dashboards (Proposed)"' not in html
    assert 'title="PEP 0003 – Add a caching layer (Accepted)"' in serial.html("notes")


def test_parallel_build_reports_the_same_warnings(build_project: BuildProject) -> None:
    broken = {
        **PROJECT,
        "proposals/pep-0004.rst": minimal_pep(4, "Tenant quotas", depends_on="99"),
        "proposals/pep-0006.rst": minimal_pep(6, "Retire CSV export", status="Finished"),
        "proposals/pep-0007.rst": minimal_pep(7, "Duplicate of three", pep="3"),
    }
    serial = build_project(broken)
    serial.app.cleanup()
    parallel = build_project(broken, parallel=2)
    assert in_chunks(parallel.app, "reading sources")
    expected = [
        ("pep.duplicate", "proposals/pep-0007.rst:4"),
        ("pep.ref", "proposals/pep-0004.rst:10"),
        ("pep.status", "proposals/pep-0006.rst:7"),
        # its heading says PEP 0007 over ':pep: 3'
        ("pep.title", "proposals/pep-0007.rst:2"),
    ]
    for build in (serial, parallel):
        assert sorted((w.type, w.where) for w in build.pep_warnings()) == expected


def test_duplicate_numbers_give_serial_and_parallel_builds_one_winner(
    build_project: BuildProject, fresh_build: Callable[..., SphinxTestApp]
) -> None:
    """Issue 15: the lowest docname owns a duplicate number, whatever the merge order.

    Before, ``objects.inv`` (``std:label``) and ``:ref:`pep-3``` named the
    first duplicate read in a serial build, the last merged in a parallel one.
    """
    duplicates = {
        **PROJECT,
        "notes.rst": PROJECT["notes.rst"] + "\nSee :ref:`pep-3` and :ref:`pep-5`.\n",
        "proposals/pep-0007.rst": minimal_pep(7, "Second three", pep="3"),
        "proposals/pep-0008.rst": minimal_pep(8, "Third three", pep="3"),
        "proposals/pep-0009.rst": minimal_pep(9, "Second five", pep="5"),
    }
    serial = build_project(duplicates, conf=CONF.removeprefix(BASE_CONF))
    serial.app.cleanup()
    parallel = fresh_build(serial.srcdir, parallel=2)
    assert in_chunks(parallel, "reading sources") and in_chunks(parallel, "writing output")
    assert_same_output(serial.outdir, Path(parallel.outdir))
    notes = serial.html("notes")
    assert 'href="proposals/pep-0003.html#pep-3"><span class="std std-ref">PEP 0003 –' in notes
    assert 'href="proposals/pep-0005.html#pep-5"' in notes


# -- incremental == fresh --------------------------------------------------------------


def _rebuild(build: Build, changes: Mapping[str, str]) -> SphinxTestApp:
    build.app.cleanup()  # one live application at a time (else "already registered")
    write_files(build.srcdir, changes)
    app = SphinxTestApp("html", srcdir=build.srcdir, builddir=build.outdir.parent)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


EDITS: dict[str, tuple[dict[str, str], set[str], list[tuple[str, str]]]] = {
    # edit -> (changed files, pages that must be rewritten, (page, text it must show))
    "title": (
        {
            "proposals/pep-0003.rst": minimal_pep(
                3,
                "Cache query results",
                status="Accepted",
                depends_on="1",
                body="Uses :pep:ref:`2`.",
            )
        },
        {
            "index",
            "notes",
            "proposals/pep-0001",
            "proposals/pep-0002",
            "proposals/pep-0003",
            "proposals/pep-0005",
            "proposals/rfc-0020",
        },
        [
            (page, 'title="PEP 0003 – Cache query results (Accepted)"')
            for page in ("index", "notes", "proposals/pep-0005", "proposals/rfc-0020")
        ],
    ),
    "status": (
        {
            "proposals/pep-0002.rst": minimal_pep(
                2, "Split the ingestion pipeline", status="Rejected", related="3"
            )
        },
        {"proposals/pep-0002", "proposals/pep-0003"},
        [
            (
                "proposals/pep-0003",
                'title="PEP 0002 – Split the ingestion pipeline (Rejected)"',
            )
        ],
    ),
    "dependency": (
        {
            "proposals/pep-0005.rst": minimal_pep(
                5,
                "Quota dashboards",
                status="Proposed",
                depends_on="4",
                body="Extends :pep:ref:`3`.",
            )
        },
        {"proposals/pep-0004", "proposals/pep-0005"},
        [
            (
                "proposals/pep-0004",
                '<span class="pep-derived"><a class="reference internal" '
                'href="pep-0005.html#pep-5" title="PEP 0005 – Quota dashboards (Proposed)">',
            )
        ],
    ),
    "process fields": (
        {
            "proposals/pep-0006.rst": minimal_pep(
                6,
                "Retire CSV export",
                status="Withdrawn",
                reviewers="Bo Li",
                target="2.1",
            )
        },
        {"notes", "proposals/pep-0006"},
        [("notes", 'data-target="2.1"'), ("proposals/pep-0006", "Reviewer<span")],
    ),
    "myst status": (
        {
            "proposals/rfc-0020.md": myst_rfc(
                20, "Saved searches", "accepted", "Needs {pep:ref}`3`."
            )
        },
        {"index", "proposals/rfc-0020"},
        [("index", 'title="RFC 0020 – Saved searches (accepted)"')],
    ),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_incremental_build_after_an_edit_equals_a_fresh_build(
    build_project: BuildProject, fresh_build: Callable[..., SphinxTestApp], edit: str
) -> None:
    changes, must_rewrite, shown = EDITS[edit]
    build = build_project(PROJECT)
    assert build.warning_text == ""
    for page, text in shown:
        assert text not in build.html(page)
    app = _rebuild(build, changes)
    assert app.warning.getvalue() == ""
    read, written = read_and_written(app)
    edited = {name.rsplit(".", 1)[0] for name in changes}
    # Only the edited document is read again ...
    assert read == edited
    # ... and every page that shows it is written again, but not unrelated ones.
    assert must_rewrite <= written
    assert "overview" not in written
    for page, text in shown:
        assert text in build.html(page), page
    fresh = fresh_build(build.srcdir)
    assert_same_output(build.outdir, Path(fresh.outdir))


def test_removing_a_dependency_removes_the_derived_link(
    build_project: BuildProject, fresh_build: Callable[..., SphinxTestApp]
) -> None:
    build = build_project(PROJECT)
    link = 'href="pep-0003.html#pep-3" title="PEP 0003 – Add a caching layer (Accepted)"'
    assert link in build.html("proposals/pep-0001")
    _rebuild(
        build,
        {
            "proposals/pep-0001.rst": minimal_pep(1, "Adopt proposals", status="Implemented"),
            "proposals/pep-0003.rst": minimal_pep(
                3, "Add a caching layer", status="Accepted", body="Uses :pep:ref:`2`."
            ),
        },
    )
    assert link not in build.html("proposals/pep-0001")
    assert_same_output(build.outdir, Path(fresh_build(build.srcdir).outdir))


def test_adding_a_proposal_resolves_links_to_it_and_updates_its_neighbours(
    build_project: BuildProject, fresh_build: Callable[..., SphinxTestApp]
) -> None:
    files = {**PROJECT, "notes.rst": PROJECT["notes.rst"] + "\nLater: :pep:ref:`7`.\n"}
    build = build_project(files)
    assert [(w.type, w.message) for w in build.pep_warnings()] == [
        ("pep.ref", "notes: reference to PEP 0007: no proposal has this number")
    ]
    app = _rebuild(build, {"proposals/pep-0007.rst": minimal_pep(7, "Shard the job queue")})
    assert app.warning.getvalue() == ""
    assert 'title="PEP 0007 – Shard the job queue (Proposed)"' in build.html("notes")
    # pep-0006's "next" link now points at the new proposal.
    assert 'rel="next" title="PEP 0007: Shard the job queue"' in build.html("proposals/pep-0006")
    assert_same_output(build.outdir, Path(fresh_build(build.srcdir).outdir))


def test_deleting_a_proposal_updates_the_pages_that_linked_to_it(
    build_project: BuildProject, fresh_build: Callable[..., SphinxTestApp]
) -> None:
    build = build_project(PROJECT)
    (build.srcdir / "proposals/pep-0002.rst").unlink()
    app = _rebuild(build, {})
    # pep-0003 still names 2 in its text: now a located pep.ref warning.
    message = "PEP 0003: reference to PEP 0002: no proposal has this number"
    assert f"pep-0003.rst:12: WARNING: {message}" in (app.warning.getvalue())
    html = build.html("proposals/pep-0003")
    assert 'href="pep-0002.html' not in html
    assert '<span class="pep-ref-missing">PEP 0002</span>' in html
    fresh = fresh_build(build.srcdir)
    assert_same_output(
        build.outdir,
        Path(fresh.outdir),
        removed=("proposals/pep-0002.html", "_sources/proposals/pep-0002.rst"),
    )


# -- every builder ---------------------------------------------------------------------

BUILDERS = {
    # builder -> a file it writes that holds the proposals' text
    "html": "proposals/pep-0003.html",
    "dirhtml": "proposals/pep-0003/index.html",
    "singlehtml": "index.html",
    "latex": "consistency.tex",
    "epub": "proposals/pep-0003.xhtml",
    "text": "proposals/pep-0003.txt",
    "man": "consistency.1",
    "texinfo": "consistency.texi",
    "xml": "proposals/pep-0003.xml",
    "gettext": "proposals.pot",  # gettext_compact: one catalogue per directory
}


@pytest.fixture(scope="module")
def built_with(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Build]:
    """``built_with(buildername)``: :data:`PROJECT` built fresh by that builder, once per module."""
    builds: dict[str, Build] = {}

    def build(buildername: str) -> Build:
        if buildername not in builds:
            srcdir = tmp_path_factory.mktemp(f"builder-{buildername}")
            write_files(srcdir, PROJECT)
            app = SphinxTestApp(buildername, srcdir=srcdir, freshenv=True)
            try:
                app.build()
            finally:
                app.cleanup()  # one live app at a time; the output stays readable
            builds[buildername] = Build(app, srcdir)
            assert_pep_warnings_located(builds[buildername])
        return builds[buildername]

    return build


@pytest.mark.parametrize("buildername", list(BUILDERS))
def test_every_builder_runs_without_a_warning(
    built_with: Callable[[str], Build], buildername: str
) -> None:
    build = built_with(buildername)
    assert build.warning_text == ""
    text = build.read(BUILDERS[buildername])
    assert "Add a caching layer" in text
    if buildername not in ("gettext", "xml"):
        # The header was rendered (HTML block or field table) and the role resolved.
        assert "PEP 0003" in text and "PEP 0001" in text


def test_epub_book_carries_the_stylesheets(built_with: Callable[[str], Build]) -> None:
    # The book is zipped before build-finished: the CSS must be in the zip,
    # not only copied into the output directory afterwards.
    build = built_with("epub")
    (book,) = build.outdir.glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        names = set(archive.namelist())
    page = build.read("proposals/pep-0003.xhtml")
    for css in ("sphinxext-pep.css", "sphinxext-pep-risk.css"):
        assert f"_static/{css}" in page
        assert f"_static/{css}" in names
