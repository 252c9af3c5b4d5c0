"""Translations: the extension's labels follow ``language``; user text reaches gettext.

Every build here is a real project in RST and MyST with a header, a status
history, a risk table with a heat map, two ``pep-index`` tables and the
domain index. The expected labels are read from the shipped ``.po`` catalogs
(compiled here, in memory, with their own plural rules), so the tests check
that each label reaches the page translated, whatever the wording; a few
German words are asserted literally as a check on the catalogs themselves.
"""

from __future__ import annotations

import gettext
import html
import importlib.util
import io
import json
import re
import shutil
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from conftest import BuildProject, index_rst, minimal_pep, myst_pep
from sphinx.util.console import strip_escape_sequences

import sphinxext_pep
from sphinxext_pep.locale import CATALOG, LOCALE_DIR

LANGUAGES = ("de", "fr", "es", "ja", "zh_CN")
ROOT = Path(__file__).resolve().parent.parent


@cache
def update_catalogs() -> ModuleType:
    """``scripts/update_catalogs.py``, imported (it is a script, not a module)."""
    path = ROOT / "scripts" / "update_catalogs.py"
    spec = importlib.util.spec_from_file_location("update_catalogs", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_catalogs"] = module
    spec.loader.exec_module(module)
    return module


@cache
def translations(language: str) -> gettext.GNUTranslations:
    """The language's ``.po``, compiled in memory: what a correct ``.mo`` holds."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{CATALOG}.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale=language)
    out = io.BytesIO()
    write_mo(out, catalog)
    out.seek(0)
    return gettext.GNUTranslations(out)


def english() -> gettext.NullTranslations:
    return gettext.NullTranslations()


def translator(language: str) -> gettext.NullTranslations:
    return english() if language == "en" else translations(language)


# -- the catalogs --------------------------------------------------------------


def test_the_template_holds_every_message_in_the_code() -> None:
    """The committed ``.pot`` is what ``update_catalogs.py`` extracts today."""
    script = update_catalogs()
    extracted = {message.id for message in script.extract() if message.id}
    with script.TEMPLATE.open("rb") as file:
        committed = {message.id for message in read_po(file) if message.id}
    assert committed == extracted, "run: python scripts/update_catalogs.py"
    # the labels of the issue, among them
    assert {"Author", "Risk", "Number", "Proposal Index", "Probability", "Impact"} <= committed
    assert ("Showing {shown} of {total} proposal", "Showing {shown} of {total} proposals") in (
        committed
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    script = update_catalogs()
    assert script.untranslated(language) == []
    with script.po_path(language).open("rb") as file:
        catalog = read_po(file, locale=language)
    with script.TEMPLATE.open("rb") as file:
        template = read_po(file)
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        assert found is not None and not found.fuzzy, message.id
        strings = (found.string,) if isinstance(found.string, str) else found.string
        assert len(strings) == (catalog.num_plurals if message.pluralizable else 1)
        assert all(s.strip() for s in strings), message.id
        # the placeholders the code fills in are all there, none invented
        wanted = set(re.findall(r"\{\w+\}", "".join(message.id)))
        for text in strings:
            assert set(re.findall(r"\{\w+\}", text)) <= wanted, (message.id, text)
            if "{shown}" in wanted or "{label}" in wanted or "{band}" in wanted:
                assert wanted <= set(re.findall(r"\{\w+\}", text)), (message.id, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_files_are_compiled_from_the_po_files(language: str) -> None:
    script = update_catalogs()
    po = script.po_path(language).read_bytes()
    assert script.mo_path(language).read_bytes() == script.mo_bytes(po, language), (
        "run: python scripts/update_catalogs.py"
    )


def test_the_script_finds_nothing_stale(capsys: pytest.CaptureFixture[str]) -> None:
    assert update_catalogs().main(["--check"]) == 0
    assert capsys.readouterr().out == ""


def test_the_german_catalog_says_it_in_german() -> None:
    de = translations("de")
    assert de.gettext("Author") == "Autor"
    assert de.gettext("Risk") == "Risiko"
    assert de.gettext("Proposal Index") == "Vorschlagsverzeichnis"
    assert (
        de.ngettext(
            "Showing {shown} of {total} proposal", "Showing {shown} of {total} proposals", 9
        )
        == "{shown} von {total} Vorschlägen angezeigt"
    )


def test_the_package_ships_the_catalogs() -> None:
    """The ``.mo`` files are inside the package, where ``setup_locale`` points."""
    package = Path(sphinxext_pep.__file__).parent
    for language in LANGUAGES:
        assert (package / "locale" / language / "LC_MESSAGES" / f"{CATALOG}.mo").is_file()


# -- a project in each language ----------------------------------------------------

HISTORY_RST = """\
.. pep-status-history::

   | Date       | From     | To       | Notes                          |
   |------------|----------|----------|--------------------------------|
   | 2026-01-15 | —        | Proposed | Initial draft by the authors   |
   | 2026-02-01 | Proposed | Accepted | Approved by the **steering** council |
"""
RISKS_RST = """\
.. pep-risk-table::
   :matrix:

   | Risk             | Probability | Impact | Mitigation                    |
   |------------------|-------------|--------|-------------------------------|
   | Cache stampede   | Medium      | High   | Jittered expiry on every key  |
   | Stale reads      | Low         | Medium | Version stamps on each entry  |
"""
HISTORY_MD = """\
```{pep-status-history}
| Date       | From     | To       | Notes                      |
|------------|----------|----------|----------------------------|
| 2026-03-01 | —        | Proposed | First *public* draft       |
```
"""
RISKS_MD = """\
```{pep-risk-table}
:matrix:
| Risk          | Probability | Impact | Mitigation                  |
|---------------|-------------|--------|-----------------------------|
| Disk pressure | High        | Low    | Evict the oldest entries    |
```
"""
INDEX_BODY = """\
.. pep-index::
   :columns: number, title, status, type, category, risk, authors, created, updated,
      template, version
   :filters: status, type, risk, author

Grouped
-------

.. pep-index::
   :group-by: status
   :filters: none

See :ref:`pep-proposals`.
"""


def project(conf: str = "") -> dict[str, str]:
    return {
        "index.rst": index_rst("pep-0001", "pep-0002", body=INDEX_BODY),
        "pep-0001.rst": minimal_pep(
            1,
            "Cache the parser",
            author="Jane Doe <jane@example.com>, John Roe",
            status="Accepted",
            type="Standards Track",
            category="Core",
            version="1.2",
            updated="2026-02-01",
            discussion="https://example.com/t/1",
            depends_on="2",
            related_specs="RFC 9110",
            body=HISTORY_RST + "\n" + RISKS_RST,
        ),
        "pep-0002.md": myst_pep(
            2, "Stream the output", risk="Medium", body=HISTORY_MD + "\n" + RISKS_MD
        ),
    }


def conf_for(language: str) -> str:
    return f"language = {language!r}\n"


def cell_texts(page: str, tag: str) -> list[str]:
    """The text of every *tag* element of a page, tags stripped, whitespace folded.

    A field name's colon (the theme's ``<span class="colon">``) is left out.
    """
    cells = re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", page, flags=re.S)
    texts = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", cell)).split()) for cell in cells]
    return [text.removesuffix(":") if tag == "dt" else text for text in texts]


def data_messages(page: str) -> list[dict[str, str]]:
    return [json.loads(html.unescape(raw)) for raw in re.findall(r'data-messages="([^"]*)"', page)]


@pytest.mark.parametrize("language", [*LANGUAGES, "en"])
def test_html_labels_are_in_the_project_language(
    build_project: BuildProject, language: str
) -> None:
    t = translator(language)
    build = build_project(project(), conf=conf_for(language))
    assert build.pep_warnings() == [], build.warning_text

    proposal = build.html("pep-0001")
    names = cell_texts(proposal, "dt")
    for label in ("Authors", "Type", "Category", "Risk", "Created", "Updated", "Version"):
        assert t.gettext(label) in names, (label, names)
    for label in ("Related specs", "Discussion", "Depends on"):
        assert t.gettext(label) in names, (label, names)
    assert t.gettext("Enables") in cell_texts(build.html("pep-0002"), "dt")
    assert t.gettext("Author") in cell_texts(build.html("pep-0002"), "dt")
    headings = cell_texts(proposal, "th")
    for label in ("Date", "From", "To", "Notes", "Risk", "Probability", "Impact", "Mitigation"):
        assert t.gettext(label) in headings, (label, headings)
    # the heat map: axes, caption, cell titles and the legend
    assert f"{t.gettext('Probability')} \u2192" in headings
    assert f"{t.gettext('Impact')} \u2192" in headings
    caption = t.ngettext(
        "Risk heat map: {count} risk by probability and impact",
        "Risk heat map: {count} risks by probability and impact",
        2,
    ).format(count=2)
    assert f"<caption>{html.escape(caption)}</caption>" in proposal
    tip = t.ngettext(
        "Probability {probability}, impact {impact}: {count} risk (severity {band})",
        "Probability {probability}, impact {impact}: {count} risks (severity {band})",
        1,
    ).format(probability="Medium", impact="High", count=1, band=t.gettext("high"))
    assert f'title="{html.escape(tip)}"' in proposal
    assert html.escape(t.gettext("Severity (probability \u00d7 impact):")) in proposal

    index = build.html("index")
    columns = cell_texts(index, "th")
    for label in (
        "Number",
        "Title",
        "Status",
        "Type",
        "Category",
        "Risk",
        "Authors",
        "Created",
        "Updated",
        "Template",
        "Version",
    ):
        assert t.gettext(label) in columns, (label, columns)
    group_titles = [text for level in "23456" for text in cell_texts(index, f"h{level}")]
    assert t.gettext("Open") in group_titles and t.gettext("Accepted") in group_titles

    # the script's strings, in the page
    (messages,) = data_messages(index)[:1]
    assert messages["clear"] == t.gettext("Clear filters")
    assert messages["filter-person"] == t.gettext("Person")
    assert messages["search"] == t.gettext("Filter by number, title or author")
    assert messages["empty"] == t.gettext("No proposal matches.")
    assert messages["sort-hint"] == t.gettext(
        "Sorts the table by this column (press again to reverse)"
    )
    assert messages["skip"] == t.gettext("Skip to the results")
    # a long filter group's "more" list
    assert messages["more"] == t.gettext("{count} more")
    assert messages["find"] == t.gettext("Find in the list")
    showing = t.ngettext(
        "Showing {shown} of {total} proposal", "Showing {shown} of {total} proposals", 2
    )
    assert messages["showing"] == showing.replace("{total}", "2")
    assert "{shown}" in messages["showing"]

    # the domain index: its name and its group headings
    domain_index = build.html("pep-proposals")
    assert f"<h1>{html.escape(t.gettext('Proposal Index'))}</h1>" in domain_index
    assert html.escape(t.gettext("Accepted")) in domain_index
    assert f">{html.escape(t.gettext('Proposal Index'))}</span></a>" in index  # the :ref:

    if language == "en":
        assert "Authors" in names and "Probability" in headings
        assert messages["showing"] == "Showing {shown} of 2 proposals"
    else:
        assert "Authors" not in names and "Probability" not in headings


def test_german_html_literally(build_project: BuildProject) -> None:
    """The catalog's German, as a German reader sees it."""
    build = build_project(project(), conf=conf_for("de"))
    names = cell_texts(build.html("pep-0002"), "dt")
    assert "Autor" in names and "Risiko" in names and "Erstellt" in names
    headings = cell_texts(build.html("pep-0001"), "th")
    assert {"Datum", "Anmerkungen", "Wahrscheinlichkeit", "Auswirkung", "Gegenmaßnahme"} <= set(
        headings
    )
    index = build.html("index")
    assert {"Nummer", "Titel", "Autoren", "Erstellt"} <= set(cell_texts(index, "th"))
    messages = data_messages(index)[0]
    assert messages["showing"] == "{shown} von 2 Vorschlägen angezeigt"
    assert messages["clear"] == "Filter zurücksetzen"
    assert "<h1>Vorschlagsverzeichnis</h1>" in build.html("pep-proposals")


def text_cells(text: str) -> set[str]:
    """Every cell of the text builder's tables, stripped."""
    return {
        cell.strip()
        for line in text.splitlines()
        if line.startswith("|")
        for cell in line.split("|")
    }


@pytest.mark.parametrize("language", [*LANGUAGES, "en"])
def test_text_labels_are_in_the_project_language(
    build_project: BuildProject, language: str
) -> None:
    t = translator(language)
    build = build_project(project(), conf=conf_for(language), buildername="text")
    assert build.pep_warnings() == [], build.warning_text
    cells = text_cells(build.read("pep-0001.txt"))
    # the plain header table (wide label column) and the history table
    for label in ("Title", "Status", "Authors", "Type", "Created", "Discussion", "Depends on"):
        assert t.gettext(label) in cells, (label, sorted(cells))
    for label in ("Date", "From", "To", "Notes"):
        assert t.gettext(label) in cells, (label, sorted(cells))
    index_cells = text_cells(build.read("index.txt"))
    for label in ("Number", "Title", "Status", "Authors"):
        assert t.gettext(label) in index_cells, (label, sorted(index_cells))
    text = build.read("index.txt")
    assert t.gettext("Open") in text and t.gettext("Accepted") in text
    if language != "en":
        assert "Authors" not in cells and "Number" not in index_cells


# -- the project's own text ------------------------------------------------------


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_history_notes_and_risk_rows_reach_gettext_with_their_lines(
    build_project: BuildProject,
) -> None:
    files = project()
    build = build_project(files, buildername="gettext")
    found: dict[str, list[tuple[str, int]]] = {}
    for name in ("pep-0001", "pep-0002"):
        with (build.outdir / f"{name}.pot").open("rb") as file:
            for message in read_po(file):
                found[message.id] = [
                    (Path(path).name, int(line)) for path, line in message.locations
                ]

    rst, md = files["pep-0001.rst"], files["pep-0002.md"]
    expected = {
        # history notes, as written (the markup too: the translation is parsed again)
        "Initial draft by the authors": ("pep-0001.rst", line_of(rst, "Initial draft")),
        "Approved by the **steering** council": ("pep-0001.rst", line_of(rst, "Approved by")),
        "First *public* draft": ("pep-0002.md", line_of(md, "First *public*")),
        # risk rows: the risk and its mitigation
        "Cache stampede": ("pep-0001.rst", line_of(rst, "Cache stampede")),
        "Jittered expiry on every key": ("pep-0001.rst", line_of(rst, "Jittered")),
        "Version stamps on each entry": ("pep-0001.rst", line_of(rst, "Version stamps")),
        "Disk pressure": ("pep-0002.md", line_of(md, "Disk pressure")),
        "Evict the oldest entries": ("pep-0002.md", line_of(md, "Evict")),
    }
    for message, location in expected.items():
        assert found.get(message) == [location], (message, found.get(message))
    # the extension's own labels are not the project's to translate
    assert "Probability" not in found and "Authors" not in found and "Notes" not in found
    # the .pot a translator gets says where: "#: <path>/pep-0001.rst:<line>"
    pot = build.read("pep-0001.pot")
    assert re.search(rf"^#: \S*pep-0001\.rst:{expected['Cache stampede'][1]}$", pot, re.M)


def test_a_translated_catalog_replaces_notes_and_risk_text(build_project: BuildProject) -> None:
    def po(entries: dict[str, str]) -> str:
        body = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in entries.items())
        return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body

    files = {
        **project(),
        "locale/de/LC_MESSAGES/pep-0001.po": po(
            {
                "Approved by the **steering** council": "Vom **Lenkungsausschuss** angenommen",
                "Cache stampede": "Cache-Ansturm",
                "Jittered expiry on every key": "Gestreuter Ablauf jedes Schlüssels",
            }
        ),
        "locale/de/LC_MESSAGES/pep-0002.po": po(
            {
                "First *public* draft": "Erster *öffentlicher* Entwurf",
                "Evict the oldest entries": "Die ältesten Einträge verdrängen",
            }
        ),
    }
    build = build_project(files, conf='language = "de"\nlocale_dirs = ["locale"]\n')
    assert build.pep_warnings() == [], build.warning_text
    first = build.html("pep-0001")
    assert "Vom <strong>Lenkungsausschuss</strong> angenommen" in first
    assert "Approved by" not in first
    assert "<td><p>Cache-Ansturm</p></td>" in first
    assert "Gestreuter Ablauf jedes Schlüssels" in first and "Jittered" not in first
    # the heat map names the risk as the table does
    assert re.search(r'<li><a href="#[^"]+">Cache-Ansturm</a></li>', first)
    assert "Initial draft by the authors" in first  # no translation: as written
    second = build.html("pep-0002")
    assert "Erster <em>öffentlicher</em> Entwurf" in second
    assert "Die ältesten Einträge verdrängen" in second and "Evict" not in second
    # the data keeps the text as written
    exported = json.loads(build.read("proposals.json"))
    notes = [row["notes"] for p in exported["proposals"] for row in p.get("history", [])]
    assert "Approved by the steering council" in notes or any("Approved" in n for n in notes)


# -- other builders, parallel builds ----------------------------------------------


def test_latex_labels_are_in_the_project_language(build_project: BuildProject) -> None:
    de = translations("de")
    build = build_project(project(), conf=conf_for("de"), buildername="latex")
    assert build.pep_warnings() == [], build.warning_text
    (tex,) = build.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    for label in ("Authors", "Discussion", "Number", "Probability", "Notes", "Proposal Index"):
        assert de.gettext(label) in text, label
    assert "Proposal Index" not in text and "Probability" not in text


def test_a_parallel_build_translates_as_a_serial_one(
    build_project: BuildProject, make_app: Any, tmp_path: Path
) -> None:
    """``-j 2`` (reading and writing in worker processes) gives the same pages."""
    files = {
        **project(),
        "locale/de/LC_MESSAGES/pep-0001.po": 'msgid "Cache stampede"\nmsgstr "Cache-Ansturm"\n',
        # Sphinx reads in parallel only above five documents.
        **{f"page{n}.rst": f"Page {n}\n======\n\nText.\n" for n in range(4)},
    }
    files["index.rst"] = index_rst(
        "pep-0001", "pep-0002", *(f"page{n}" for n in range(4)), body=INDEX_BODY
    )
    conf = 'language = "de"\nlocale_dirs = ["locale"]\n'
    serial = build_project(files, conf=conf)
    assert serial.pep_warnings() == []
    serial.app.cleanup()
    parallel = make_app(
        "html", srcdir=serial.srcdir, builddir=tmp_path / "parallel", freshenv=True, parallel=2
    )
    try:
        parallel.build()
    finally:
        parallel.cleanup()
    # Sphinx falls back to serial silently: both phases ran in chunks of documents.
    status = strip_escape_sequences(parallel.status.getvalue())
    for phase in ("reading sources", "writing output"):
        assert re.search(rf"{phase}\.\.\. \[\s*\d+%\] \S+ \.\. \S+", status), status
    pages = sorted(path.relative_to(serial.outdir) for path in serial.outdir.rglob("*.html"))
    assert pages
    for page in pages:
        left = (serial.outdir / page).read_text(encoding="utf-8")
        right = (Path(parallel.outdir) / page).read_text(encoding="utf-8")
        assert left == right, page
    assert "<td><p>Cache-Ansturm</p></td>" in serial.html("pep-0001")
    assert "Vorschlagsverzeichnis" in serial.html("pep-proposals")


def test_every_history_note_and_risk_row_of_the_example_project_reaches_gettext(
    tmp_path: Path,
) -> None:
    """The example project (RST and MyST, many histories and risk tables), as it is."""
    from sphinx.testing.util import SphinxTestApp

    from sphinxext_pep.domain import get_domain

    srcdir = tmp_path / "example-project"
    shutil.copytree(ROOT / "example-project", srcdir, ignore=shutil.ignore_patterns("_build"))
    app = SphinxTestApp("gettext", srcdir=srcdir, builddir=tmp_path / "_build", freshenv=True)
    try:
        app.build()
        assert strip_escape_sequences(app.warning.getvalue()) == ""
        outdir = Path(app.outdir)
        at: dict[tuple[Path, int], set[str]] = {}
        for pot in outdir.rglob("*.pot"):
            with pot.open("rb") as file:
                for message in read_po(file):
                    for path, line in message.locations:
                        key = ((outdir / path).resolve(), int(line))
                        at.setdefault(key, set()).add(message.id)
        domain = get_domain(app.env)
        histories = {d: p.history for d, p in domain.proposals.items() if p.history}
        risks = {d: p.risks for d, p in domain.proposals.items() if p.risks}
        assert len(histories) >= 10 and len(risks) >= 5  # the test sees real data
        for docname, entries in histories.items():
            source = Path(app.env.doc2path(docname)).resolve()
            for entry in entries:
                if entry.notes:
                    assert entry.notes in at.get((source, entry.lineno), set()), (docname, entry)
        for docname, rows in risks.items():
            source = Path(app.env.doc2path(docname)).resolve()
            for row in rows:
                found = at.get((source, row.lineno), set())
                assert len(found) == 1 + bool(row.mitigation), (docname, row, found)
    finally:
        app.cleanup()
