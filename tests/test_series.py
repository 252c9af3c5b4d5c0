"""Proposal series (SPEC §2, §5): ``PEP 1`` and ``RFC 1`` in one project.

A proposal's key is its series (its template's label) and its number. Ids
with a label resolve in that series; a bare number resolves where only one
series has it, and is a located ``pep.ref`` warning where two do. Every output
(links, header lists and their derived reverse links, the index, objects.inv,
proposals.json, the feed) tells the two apart. Unknown proposals go through
Sphinx's own missing-reference machinery, so ``nitpick_ignore`` works.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ENHANCEMENT_SECTIONS, BuildProject, minimal_pep, myst_pep
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx.util.inventory import InventoryFile
from test_build_consistency import _rebuild, assert_same_output, fresh_build, in_chunks

__all__ = ["fresh_build"]  # a fixture, used by name

NITPICKY = {"nitpicky": True}
#: What HTML allows in an id that also works unescaped in a URL fragment and CSS.
_SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def rst_rfc(number: int, title: str, status: str = "proposed", **fields: str) -> str:
    """A valid RST proposal on the ``enhancement`` template (label RFC)."""
    body = fields.pop("body", "")
    values = {
        "template": "enhancement",
        "rfc": str(number),
        "title": title,
        "authors": "Ana Ruiz <ana@example.com>",
        "status": status,
        "category": "search",
        "created": "2026-02-01",
        "exempt": "section",
        **{k.replace("_", "-"): v for k, v in fields.items()},
    }
    options = "\n".join(f"   :{k}: {v}" for k, v in values.items())
    heading = f"RFC {number:04d}: {title}"
    sections = "\n".join(
        f"{name}\n{'-' * len(name)}\n\nThe {name.lower()}.\n" for name in ENHANCEMENT_SECTIONS
    )
    return f"{heading}\n{'=' * len(heading)}\n\n.. pep-header::\n{options}\n\n{body}\n\n{sections}"


def md_rfc(number: int, title: str, status: str = "proposed", **fields: str) -> str:
    """The MyST twin of :func:`rst_rfc`: fields in YAML front matter."""
    body = fields.pop("body", "")
    extra = "".join(f"{k.replace('_', '-')}: {v}\n" for k, v in fields.items())
    sections = "\n".join(f"## {name}\n\nThe {name.lower()}.\n" for name in ENHANCEMENT_SECTIONS)
    return (
        f"---\nrfc: {number}\ntitle: {title}\nauthors: Ana Ruiz <ana@example.com>\n"
        f"status: {status}\ncategory: search\ncreated: 2026-02-01\n{extra}---\n"
        f"# RFC {number:04d}: {title}\n\n```{{pep-header}}\n:template: enhancement\n"
        f":exempt: section\n```\n\n{body}\n\n{sections}"
    )


#: The role spellings of SPEC §5, each with the page it must link to.
SPELLINGS = {
    "RFC 1": "rfc-0001.html#rfc-1",
    "rfc-0001": "rfc-0001.html#rfc-1",
    "RFC0001": "rfc-0001.html#rfc-1",
    "rfc_1": "rfc-0001.html#rfc-1",
    "PEP 1": "pep-0001.html#pep-1",
    "pep-0001": "pep-0001.html#pep-1",
    "2": "pep-0002.html#pep-2",  # only the PEP series has 2
    "0003": "rfc-0003.html#rfc-3",  # only the RFC series has 3
}


def two_series(fmt: str) -> dict[str, str]:
    """PEP 1, PEP 2, RFC 1 and RFC 3 (RST or MyST), linked across series.

    PEP 2 depends on ``RFC 1, 3`` (labelled, and a bare number only RFC has)
    and is related to ``PEP 1``: RFC 1 and RFC 3 derive "Enables PEP 0002",
    PEP 1 derives "Related PEP 0002".
    """
    if fmt == "rst":
        refs = "\n".join(f"* :pep:ref:`{target}`" for target in SPELLINGS)
        index = (
            f"Proposals\n=========\n\n{refs}\n\n.. pep-index::\n   :columns: number, title\n\n"
            ".. toctree::\n\n   pep-0001\n   pep-0002\n   rfc-0001\n   rfc-0003\n   notes\n"
        )
        return {
            "index.rst": index,
            "notes.rst": "Notes\n=====\n\nSee :pep:ref:`RFC 1` and :any:`PEP 1 <pep-1>`.\n",
            "pep-0001.rst": minimal_pep(1, "Adopt proposals", status="Accepted"),
            "pep-0002.rst": minimal_pep(2, "Add a cache", depends_on="RFC 1, 3", related="PEP 1"),
            "rfc-0001.rst": rst_rfc(1, "Saved searches"),
            "rfc-0003.rst": rst_rfc(3, "Search history", body="Builds on :pep:ref:`PEP 1`."),
        }
    refs = "\n".join(f"* {{pep:ref}}`{target}`" for target in SPELLINGS)
    index = (
        f"# Proposals\n\n{refs}\n\n```{{pep-index}}\n:columns: number, title\n```\n\n"
        "```{toctree}\npep-0001\npep-0002\nrfc-0001\nrfc-0003\nnotes\n```\n"
    )
    return {
        "index.md": index,
        "notes.md": "# Notes\n\nSee {pep:ref}`RFC 1` and [the first PEP](#pep-1).\n",
        "pep-0001.md": myst_pep(1, "Adopt proposals", status="Accepted"),
        "pep-0002.md": myst_pep(2, "Add a cache", depends_on="RFC 1, 3", related="PEP 1"),
        "rfc-0001.md": md_rfc(1, "Saved searches"),
        "rfc-0003.md": md_rfc(3, "Search history", body="Builds on {pep:ref}`PEP 1`."),
    }


FEED_CONF = "html_baseurl = 'https://peps.example.org/'\n"


def _links(html: str) -> list[tuple[str, str]]:
    """(href, text) of every internal link to a proposal page."""
    return re.findall(r'<a class="reference internal" href="([^"]+)"[^>]*>(.*?)</a>', html)


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_two_series_build_clean_and_link_right(build_project: BuildProject, fmt: str) -> None:
    build = build_project(two_series(fmt), conf=FEED_CONF, confoverrides=NITPICKY)
    assert build.warning_text == ""

    # Every spelling links to the proposal of its series, with its tooltip.
    index = build.html()
    for target, href in SPELLINGS.items():
        assert f'href="{href}"' in index, target
    assert (
        'href="rfc-0001.html#rfc-1" title="RFC 0001 – Saved searches (proposed)">'
        '<span class="pep-ref">RFC 0001</span></a>'
    ) in index
    assert (
        'href="pep-0001.html#pep-1" title="PEP 0001 – Adopt proposals (Accepted)">'
        '<span class="pep-ref">PEP 0001</span></a>'
    ) in index

    # The index: one row each, the number and title cells linking to their own page.
    rows = re.findall(r"<tr data-status=(.*?)</tr>", index, re.S)
    cells = [re.findall(r'href="([^"]+)"[^>]*><span[^>]*>([^<]+)</span>', row) for row in rows]
    assert [row[0] for row in cells] == [
        ("pep-0001.html#pep-1", "PEP 0001"),
        ("rfc-0001.html#rfc-1", "RFC 0001"),
        ("pep-0002.html#pep-2", "PEP 0002"),
        ("rfc-0003.html#rfc-3", "RFC 0003"),
    ]
    assert cells[1][1] == ("rfc-0001.html#rfc-1", "Saved searches")

    # Header lists across series, and the reverse links they imply.
    pep2 = build.html("pep-0002")
    assert (
        'href="rfc-0001.html#rfc-1" title="RFC 0001 – Saved searches (proposed)">'
        '<span class="pep-ref">RFC 0001</span>'
    ) in pep2
    assert '<span class="pep-ref">RFC 0003</span>' in pep2
    assert '<span class="pep-ref">PEP 0001</span>' in pep2
    for page, relation in (
        ("rfc-0001", "Enables"),
        ("rfc-0003", "Enables"),
        ("pep-0001", "Related"),
    ):
        html = build.html(page)
        field = html[html.index(f">{relation}<") :]
        assert re.match(
            rf'>{relation}<.*?<span class="pep-derived">'
            r'<a class="reference internal" href="pep-0002.html#pep-2"',
            field,
            re.S,
        ), page
    # RFC 1 and PEP 1 are two proposals: neither page shows the other's reverse links.
    assert '>Enables<span class="colon">' not in build.html("pep-0001")

    # Anchors: one per proposal, valid ids.
    for page, anchor in (("pep-0001", "pep-1"), ("rfc-0001", "rfc-1"), ("rfc-0003", "rfc-3")):
        ids = re.findall(r'id="([^"]+)"', build.html(page))
        assert anchor in ids
        assert all(_SAFE_ID.match(i) for i in ids), ids


def test_two_series_outputs(build_project: BuildProject) -> None:
    build = build_project(two_series("rst"), conf=FEED_CONF, confoverrides=NITPICKY)
    assert build.warning_text == ""

    data = json.loads(build.read("proposals.json"))["proposals"]
    assert [(p["id"], p["url"]) for p in data] == [
        ("PEP 0001", "pep-0001.html"),
        ("RFC 0001", "rfc-0001.html"),
        ("PEP 0002", "pep-0002.html"),
        ("RFC 0003", "rfc-0003.html"),
    ]
    pep2 = data[2]
    assert pep2["depends-on"] == [1, 3]  # the numbers as written (schema 1)
    assert pep2["relation_ids"] == {
        "related": ["PEP 0001"],
        "depends-on": ["RFC 0001", "RFC 0003"],
        "enables": [],
        "supersedes": [],
        "superseded-by": [],
    }

    feed = build.read("proposals.atom")
    ids = re.findall(r"<id>([^<]+)</id>", feed)
    assert len(ids) == len(set(ids))
    assert "https://peps.example.org/proposals.atom#pep-1-new" in ids
    assert "https://peps.example.org/proposals.atom#rfc-1-new" in ids

    with open(build.outdir / "objects.inv", "rb") as stream:
        inventory = InventoryFile.load(stream, "https://x.org", posixpath.join)
    raw = (
        inventory.data["pep:proposal"] if hasattr(inventory, "data") else inventory["pep:proposal"]
    )
    entries = {
        name: (item.uri, item.display_name) if hasattr(item, "uri") else (item[2], item[3])
        for name, item in raw.items()
    }
    # Each proposal by its key; a bare number only where one series has it.
    assert entries == {
        "pep-1": ("https://x.org/pep-0001.html#pep-1", "PEP 0001 – Adopt proposals"),
        "rfc-1": ("https://x.org/rfc-0001.html#rfc-1", "RFC 0001 – Saved searches"),
        "pep-2": ("https://x.org/pep-0002.html#pep-2", "PEP 0002 – Add a cache"),
        "2": ("https://x.org/pep-0002.html#pep-2", "PEP 0002 – Add a cache"),
        "rfc-3": ("https://x.org/rfc-0003.html#rfc-3", "RFC 0003 – Search history"),
        "3": ("https://x.org/rfc-0003.html#rfc-3", "RFC 0003 – Search history"),
    }

    # The domain index lists both, each linking to its own page.
    proposals_page = build.read("pep-proposals.html")
    assert 'href="pep-0001.html#pep-1"' in proposals_page
    assert 'href="rfc-0001.html#rfc-1"' in proposals_page


def test_parallel_two_series_build_equals_serial(
    build_project: BuildProject, fresh_build: Callable[..., SphinxTestApp]
) -> None:
    files = {**two_series("rst"), "pep-0004.rst": minimal_pep(4, "Fourth", depends_on="PEP 2")}
    files["index.rst"] = files["index.rst"].replace("   notes\n", "   notes\n   pep-0004\n")
    serial = build_project(files, conf=FEED_CONF)
    assert serial.warning_text == ""
    serial.app.cleanup()
    parallel = fresh_build(serial.srcdir, parallel=2)
    assert in_chunks(parallel, "reading sources") and in_chunks(parallel, "writing output")
    assert parallel.warning.getvalue() == ""
    assert_same_output(serial.outdir, Path(parallel.outdir))


def test_a_second_series_taking_a_number_rewrites_what_it_changes(
    build_project: BuildProject, fresh_build: Callable[..., SphinxTestApp]
) -> None:
    # PEP 3 relates to "2" and a page links "2": while only PEP 2 has it, both
    # link PEP 2 and PEP 2 shows the derived "Related PEP 0003". Adding RFC 2
    # makes "2" ambiguous: the links go, PEP 2's derived link goes too (its
    # page is rewritten though nothing on it was edited), as a fresh build has.
    files = {
        "index.rst": (
            "Index\n=====\n\nSee :pep:ref:`2`.\n\n.. toctree::\n\n"
            "   pep-0002\n   pep-0003\n   rfc-0002\n"
        ),
        "pep-0002.rst": minimal_pep(2, "Two"),
        "pep-0003.rst": minimal_pep(3, "Three", related="2"),
        "rfc-0002.rst": rst_rfc(5, "Five"),
    }
    build = build_project(files)
    assert build.warning_text == ""
    assert 'href="pep-0003.html#pep-3"' in build.html("pep-0002")
    app = _rebuild(build, {"rfc-0002.rst": rst_rfc(2, "Two again")})
    message = "PEP 0002 or RFC 0002? '2' is in two series; write the label"
    warnings = strip_escape_sequences(app.warning.getvalue())
    assert f"index.rst:4: WARNING: index: reference to {message} [pep.ref]" in warnings
    assert f"pep-0003.rst:10: WARNING: PEP 0003: in ':related:', {message} [pep.ref]" in warnings
    assert 'href="pep-0003.html#pep-3"' not in build.html("pep-0002")
    assert '<span class="pep-ref-missing">2</span>' in build.html()
    assert_same_output(build.outdir, Path(fresh_build(build.srcdir).outdir))


# -- warnings -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_a_bare_number_two_series_have_is_ambiguous(build_project: BuildProject, fmt: str) -> None:
    files = two_series(fmt)
    if fmt == "rst":
        files["notes.rst"] = "Notes\n=====\n\nSee :pep:ref:`1` and :pep:ref:`the first <0001>`.\n"
        files["pep-0002.rst"] = minimal_pep(2, "Add a cache", related="1, RFC 3")
        notes, header = "notes.rst:4", "pep-0002.rst:10"
    else:
        files["notes.md"] = "# Notes\n\nSee {pep:ref}`1` and {pep:ref}`the first <0001>`.\n"
        files["pep-0002.md"] = myst_pep(2, "Add a cache", related="1, RFC 3")
        notes, header = "notes.md:3", "pep-0002.md:9"
    build = build_project(files, confoverrides=NITPICKY)
    message = "PEP 0001 or RFC 0001? '1' is in two series; write the label"
    # The project-wide check of header lists runs before pages are written.
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        ("pep.ref", header, f"PEP 0002: in ':related:', {message}"),
        ("pep.ref", notes, f"notes: reference to {message}"),
        ("pep.ref", notes, f"notes: reference to {message}"),
    ]
    notes = build.html("notes")
    # Nothing is linked: neither proposal is a better guess than the other.
    assert '<span class="pep-ref-missing">1</span>' in notes
    assert ">the first</span>" in notes
    assert "pep-0001.html#" not in notes and "rfc-0001.html#" not in notes
    # The header list shows it unlinked; its other item links, and implies nothing for 1.
    pep2 = build.html("pep-0002")
    assert '<span class="pep-ref-missing">1</span>' in pep2
    assert 'href="rfc-0003.html#rfc-3"' in pep2
    assert '>Related<span class="colon">' not in build.html("pep-0001")


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_an_unknown_label_is_pep_ref(build_project: BuildProject, fmt: str) -> None:
    # ``ADR 13`` used to link PEP 0013 silently.
    files = {
        "pep-0013.rst": minimal_pep(13, "Thirteen", depends_on="ADR 13"),
        f"index.{fmt}": (
            "Index\n=====\n\n.. toctree::\n\n   pep-0013\n\nSee :pep:ref:`ADR 13`.\n"
            if fmt == "rst"
            else "# Index\n\n```{toctree}\npep-0013\n```\n\nSee {pep:ref}`ADR 13`.\n"
        ),
    }
    build = build_project(files, confoverrides=NITPICKY)
    series = "no proposal series has the label 'ADR' (labels: PEP, RFC)"
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        ("pep.ref", "pep-0013.rst:10", f"PEP 0013: ':depends-on:' names ADR 0013, but {series}"),
        (
            "pep.ref",
            f"index.{fmt}:{8 if fmt == 'rst' else 7}",
            f"index: reference to ADR 0013: {series}",
        ),
    ]
    assert "pep-0013.html#pep-13" not in build.html()
    assert '<span class="pep-ref-missing">ADR 0013</span>' in build.html()
    assert '<span class="pep-ref-missing">ADR 0013</span>' in build.html("pep-0013")


def test_duplicate_is_per_series(build_project: BuildProject) -> None:
    files = two_series("rst")
    files["pep-0001b.rst"] = minimal_pep(1, "Adopt proposals again")
    files["index.rst"] = files["index.rst"].replace("   notes\n", "   notes\n   pep-0001b\n")
    build = build_project(files)
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        (
            "pep.duplicate",
            "pep-0001b.rst:4",
            "PEP 0001: number 1 is used twice: by pep-0001b.rst:4 and by pep-0001.rst:4",
        )
    ]


def test_cycles_and_done_checks_follow_keys_across_series(build_project: BuildProject) -> None:
    files = {
        "index.rst": "Index\n=====\n\n.. toctree::\n\n   pep-0001\n   rfc-0001\n",
        "pep-0001.rst": minimal_pep(1, "One", status="Implemented", depends_on="RFC 1"),
        "rfc-0001.rst": rst_rfc(1, "Uno", depends_on="PEP 1"),
    }
    build = build_project(files)
    assert sorted((w.where, w.message) for w in build.pep_warnings("dependency")) == [
        ("pep-0001.rst:10", "PEP 0001 is Implemented but depends on RFC 0001, which is proposed"),
        ("pep-0001.rst:10", "PEP 0001: dependency cycle: PEP 0001 → RFC 0001 → PEP 0001"),
    ]
    assert build.pep_warnings("ref") == []


# -- a label with a space ----------------------------------------------------------

DESIGN_CONF = """
pep_templates = {
    "design": {
        "label": "Design Doc",
        "number_field": "doc",
        "required_fields": ["doc", "title", "status", "created"],
        "statuses": {"Draft": "open", "Adopted": "done"},
        "first_status": "Draft",
        "required_sections": [],
    },
}
pep_default_template = "design"
"""


def design_doc(number: int, title: str, **fields: str) -> str:
    options = "".join(f"   :{k.replace('_', '-')}: {v}\n" for k, v in fields.items())
    heading = f"Design Doc {number:04d}: {title}"
    return (
        f"{heading}\n{'=' * len(heading)}\n\n.. pep-header::\n   :doc: {number}\n"
        f"   :status: Draft\n   :created: 2026-03-01\n{options}\nText.\n"
    )


@pytest.mark.parametrize("buildername", ["html", "text"])
def test_a_label_with_a_space(build_project: BuildProject, buildername: str) -> None:
    files = {
        "index.rst": (
            "Index\n=====\n\n.. toctree::\n\n   design-doc-0003\n   design-doc-0004\n\n"
            "* :pep:ref:`Design Doc 3`\n* :pep:ref:`design-doc-3`\n* :pep:ref:`3`\n"
            "* :ref:`design-doc-3`\n"
        ),
        "design-doc-0003.rst": design_doc(3, "Storage layout"),
        "design-doc-0004.rst": design_doc(4, "Replication", depends_on="Design Doc 3"),
    }
    build = build_project(files, conf=DESIGN_CONF, buildername=buildername, confoverrides=NITPICKY)
    assert build.warning_text == ""
    if buildername == "text":
        text = build.read("design-doc-0003.txt")
        # The plain header names the series in full, and the number.
        assert re.search(r"\| Design Doc\s+\| 0003\s+\|", text), text
        assert "Doc 0003" not in text.replace("Design Doc 0003", "")
        return
    html = build.html()
    assert html.count('href="design-doc-0003.html#design-doc-3"') == 4
    assert html.count('<span class="pep-ref">Design Doc 0003</span>') == 3
    page = build.html("design-doc-0003")
    assert 'id="design-doc-3"' in page
    assert '<span class="pep-header-id">Design Doc 0003</span>' in page
    # Derived from design doc 4's depends-on.
    assert 'href="design-doc-0004.html#design-doc-4"' in page
    with open(build.outdir / "objects.inv", "rb") as stream:
        inventory = InventoryFile.load(stream, "", posixpath.join)
    raw = (
        inventory.data["pep:proposal"] if hasattr(inventory, "data") else inventory["pep:proposal"]
    )
    assert {"3", "design-doc-3", "4", "design-doc-4"} == set(raw)


# -- Sphinx's missing-reference machinery ------------------------------------------------

MISSING = {
    "index.rst": (
        "Index\n=====\n\n.. toctree::\n\n   pep-0001\n\n* :pep:ref:`99`\n* :pep:ref:`PEP 98`\n"
    ),
    "pep-0001.rst": minimal_pep(1),
}


@pytest.mark.parametrize("nitpicky", [True, False])
@pytest.mark.parametrize(
    "ignore",
    [
        {"nitpick_ignore": [("pep:ref", "99"), ("pep:ref", "PEP 98")]},
        {"nitpick_ignore": [("pep:ref", "99"), ("pep:ref", "pep-98")]},
        {"nitpick_ignore_regex": [("pep:.*", r"(pep-)?9\d")]},
    ],
)
def test_nitpick_ignore_silences_a_pep_ref(
    build_project: BuildProject, nitpicky: bool, ignore: dict[str, list[tuple[str, str]]]
) -> None:
    build = build_project(MISSING, confoverrides={"nitpicky": nitpicky, **ignore})
    assert build.warning_text == ""
    # Still readable where it stands.
    assert '<span class="pep-ref-missing">PEP 0099</span>' in build.html()
    assert '<span class="pep-ref-missing">PEP 0098</span>' in build.html()


@pytest.mark.parametrize("nitpicky", [True, False])
def test_unknown_proposal_warns_once_without_nitpick_ignore(
    build_project: BuildProject, nitpicky: bool
) -> None:
    build = build_project(
        MISSING,
        confoverrides={"nitpicky": nitpicky, "nitpick_ignore": [("pep:ref", "98")]},
    )
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        ("pep.ref", "index.rst:8", "index: reference to PEP 0099: no proposal has this number"),
        ("pep.ref", "index.rst:9", "index: reference to PEP 0098: no proposal has this number"),
    ]


def test_intersphinx_resolves_labelled_ids_across_series(build_project: BuildProject) -> None:
    other = build_project(two_series("rst"))
    inventory = other.outdir / "objects.inv"
    links = [
        ":external+design:pep:ref:`RFC 1`",
        ":external+design:pep:ref:`rfc-0001`",
        ":pep:ref:`design:RFC 1`",
        ":pep:ref:`RFC 1`",  # this project has none: intersphinx finds it
        ":pep:ref:`design:PEP 1`",
        ":external+design:pep:ref:`3`",
    ]
    build = build_project(
        {
            "index.rst": "Index\n=====\n\n" + "\n".join(f"* {link}" for link in links) + "\n",
        },
        conf=(
            "extensions.append('sphinx.ext.intersphinx')\n"
            f"intersphinx_mapping = {{'design': ('https://d.example.org/', {str(inventory)!r})}}\n"
        ),
        confoverrides=NITPICKY,
    )
    assert build.warnings == []
    html = build.html()
    assert html.count('href="https://d.example.org/rfc-0001.html#rfc-1"') == 4
    assert html.count('href="https://d.example.org/pep-0001.html#pep-1"') == 1
    assert html.count('href="https://d.example.org/rfc-0003.html#rfc-3"') == 1
