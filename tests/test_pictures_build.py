"""``pep-timeline`` and ``pep-stats`` in parallel and incremental builds (SPEC §9).

A ``-j 2`` build writes the same pictures as a serial one; after a status
change an incremental build rewrites the page holding them (it is a
listing) and writes what a fresh build writes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BuildProject
from picture_project import EPOCH, directive, project, proposal_file
from sphinx.testing.util import SphinxTestApp
from test_build_consistency import CONF, assert_same_output, in_chunks, read_and_written

PAGE = directive("pep-timeline", ".rst", sort="created") + "\n" + directive("pep-stats", ".rst")


@pytest.fixture
def fresh(make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> Callable[..., SphinxTestApp]:
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


def _files(suffix: str = ".rst") -> dict[str, str]:
    return {**project(suffix, PAGE if suffix == ".rst" else _myst_page()), "conf.py": CONF}


def _myst_page() -> str:
    return directive("pep-timeline", ".md", sort="created") + "\n" + directive("pep-stats", ".md")


def _lane(outdir: Path, number: int) -> str:
    html = (outdir / "index.html").read_text(encoding="utf-8")
    return html.split(f'data-proposal="pep-{number}"')[1].split("</g>")[0]


@pytest.mark.parametrize("suffix", [".rst", ".md"])
def test_parallel_build_draws_what_a_serial_one_does(
    build_project: BuildProject,
    fresh: Callable[..., SphinxTestApp],
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    serial = build_project(_files(suffix))
    assert serial.warning_text == ""
    assert serial.html().count("<svg ") == 6  # the timeline and five charts
    serial.app.cleanup()
    parallel = fresh(serial.srcdir, parallel=2)
    assert in_chunks(parallel, "reading sources") and in_chunks(parallel, "writing output")
    assert parallel.warning.getvalue() == ""
    assert_same_output(serial.outdir, Path(parallel.outdir))


def test_a_status_change_redraws_the_pictures_as_a_fresh_build(
    build_project: BuildProject,
    fresh: Callable[..., SphinxTestApp],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build = build_project(_files())
    assert 'data-status="Accepted"' not in _lane(build.outdir, 6)
    # PEP 6 is accepted on 2026-05-01: its lane gets a second bar, the counts move.
    name, text = proposal_file(6, ".rst")
    text = text.replace(":status: Proposed", ":status: Accepted").replace(
        "   | 2026-01-05 | \u2014 | Proposed | |",
        "   | 2026-01-05 | \u2014 | Proposed | |\n   | 2026-05-01 | Proposed | Accepted | |",
    )
    assert "2026-05-01" in text
    build.app.cleanup()
    (build.srcdir / name).write_text(text, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=build.srcdir, builddir=build.outdir.parent)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    read, written = read_and_written(app)
    assert read == {"pep-0006"}
    assert "index" in written
    lane = (
        (build.outdir / "index.html").read_text(encoding="utf-8").split('data-proposal="pep-6"')[1]
    )
    assert 'data-status="Accepted"' in lane.split("</g>")[0]
    again = fresh(build.srcdir)
    assert_same_output(build.outdir, Path(again.outdir))


#: builder -> the file holding the index page, and what it must show of the pictures.
BUILDER_OUTPUTS = {
    "dirhtml": ("index.html", "<svg "),
    "singlehtml": ("index.html", '<a href="#pep-1" '),  # one page: the anchors are local
    "epub": ("index.xhtml", "<svg "),
    "man": ("consistency.1", "Status timeline"),
    "texinfo": ("consistency.texi", "Status timeline"),
    "xml": ("index.xml", "Status timeline"),
    "gettext": ("index.pot", 'msgid "Index"'),
}


@pytest.mark.parametrize("buildername", list(BUILDER_OUTPUTS))
def test_every_builder_shows_the_pictures_without_a_warning(
    build_project: BuildProject, monkeypatch: pytest.MonkeyPatch, buildername: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build = build_project(_files(), buildername=buildername)
    assert build.warning_text == ""
    name, shown = BUILDER_OUTPUTS[buildername]
    out = build.read(name)
    assert shown in out
    if buildername == "epub":
        # The book's pages are XHTML: the drawings parse as XML there too.
        from picture_project import svgs

        assert len(svgs(out)) == 6
