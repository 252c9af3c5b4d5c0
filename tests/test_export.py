"""``proposals.json`` and the ``proposals.atom`` feed (SPEC §9)."""

from __future__ import annotations

import json
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import BuildProject, index_rst, minimal_pep
from defusedxml import ElementTree

ATOM = "{http://www.w3.org/2005/Atom}"

HISTORY = """\
.. pep-status-history::

   | Date       | From     | To       | Notes            |
   |------------|----------|----------|------------------|
   | 2026-01-15 | —        | Proposed | Initial creation |
   | 2026-02-01 | Proposed | Accepted | Approved & <b>merged</b> |
"""

RISKS = """\
.. pep-risk-table::

   | Risk        | Probability | Impact | Mitigation          |
   |-------------|-------------|--------|---------------------|
   | Cache drift | Medium      | High   | TTL plus versioning |
"""

PROPOSALS = {
    "pep-0012.rst": minimal_pep(
        12,
        "Add a <script>alert(1)</script> layer",
        status="Accepted",
        risk="Medium",
        author="Jane Doe <jane@example.com>, John Roe",
        updated="2026-02-01",
        related="3",
        depends_on="3",
        discussion="https://example.org/t/12",
        body=HISTORY + "\n" + RISKS,
    ),
    "pep-0003.rst": minimal_pep(3, "Older thing", created="2025-12-01"),
    "rfc-0020.md": textwrap.dedent(
        """\
        ---
        rfc: 20
        title: Saved searches
        authors: [Ana]
        status: proposed
        category: ui
        created: 2026-03-05
        related-specs: [509, spec-12]
        ---
        # Enhancement: Saved searches

        ```{pep-header}
        :template: enhancement
        :exempt: section
        ```
        """
    ),
}
DOCNAMES = ("pep-0003", "pep-0012", "rfc-0020")
BASEURL = "https://peps.example.org/docs"


def project(**extra: str | None) -> dict[str, Any]:
    files: dict[str, Any] = {
        **PROPOSALS,
        "index.rst": index_rst(*DOCNAMES, body=".. pep-index::\n"),
    }
    files.update(extra)
    return files


def load(build: Any, name: str = "proposals.json") -> dict[str, Any]:
    result: dict[str, Any] = json.loads(build.read(name))
    return result


# -- proposals.json -------------------------------------------------------------


def test_json_holds_every_field_history_and_risks(build_project: BuildProject) -> None:
    build = build_project(project())
    assert build.warnings == []
    data = load(build)
    assert data["schema_version"] == 2
    assert [p["id"] for p in data["proposals"]] == ["PEP 0003", "PEP 0012", "RFC 0020"]
    # a free-text list, from a YAML list here
    assert data["proposals"][2]["related-specs"] == ["509", "spec-12"]
    pep = data["proposals"][1]
    assert pep == {
        "number": 12,
        "id": "PEP 0012",
        "label": "PEP",
        "template": "pep",
        "docname": "pep-0012",
        "url": "pep-0012.html",
        "title": "Add a <script>alert(1)</script> layer",
        "status": "Accepted",
        "status_group": "accepted",
        "authors": [
            {"name": "Jane Doe", "email": "jane@example.com"},
            {"name": "John Roe", "email": None},
        ],
        "created": "2026-01-15",
        "updated": "2026-02-01",
        "exempt": [],
        "type": None,
        "category": None,
        "risk": "Medium",
        "version": None,
        "related-specs": [],
        "discussion": "https://example.org/t/12",
        # the proposal-process fields (schema 2), unset here
        "sponsor": [],
        "delegate": [],
        "owners": [],
        "reviewers": [],
        "review": None,
        "target": None,
        "shipped": None,
        "discussions": [],
        "resolution": None,
        "tracking": [],
        "related": [3],
        "depends-on": [3],
        "enables": [],
        "supersedes": [],
        "superseded-by": [],
        "relation_ids": {
            "related": ["PEP 0003"],
            "depends-on": ["PEP 0003"],
            "enables": [],
            "supersedes": [],
            "superseded-by": [],
        },
        "history": [
            {
                "date": "2026-01-15",
                "from_status": None,
                "to_status": "Proposed",
                "notes": "Initial creation",
            },
            {
                "date": "2026-02-01",
                "from_status": "Proposed",
                "to_status": "Accepted",
                "notes": "Approved & <b>merged</b>",
            },
        ],
        "risks": [
            {
                "risk": "Cache drift",
                "probability": "Medium",
                "impact": "High",
                "mitigation": "TTL plus versioning",
            }
        ],
    }
    rfc = data["proposals"][2]
    assert (rfc["label"], rfc["template"], rfc["category"], rfc["status_group"]) == (
        "RFC",
        "enhancement",
        "ui",
        "open",
    )
    assert rfc["authors"] == [{"name": "Ana", "email": None}]
    assert rfc["exempt"] == ["section"]


def test_json_is_escaped_and_sorted(build_project: BuildProject) -> None:
    text = build_project(project()).read("proposals.json")
    # Safe to inline in a <script> element: no raw < > & anywhere.
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in text
    data = json.loads(text)
    assert data["proposals"][1]["title"] == "Add a <script>alert(1)</script> layer"
    assert list(data) == ["proposals", "schema_version"]
    assert all(list(p) == sorted(p) for p in data["proposals"])


@pytest.mark.parametrize(
    ("buildername", "url"),
    [
        ("html", "pep-0012.html"),
        ("dirhtml", "pep-0012/"),
        ("singlehtml", "index.html#document-pep-0012"),
    ],
)
def test_json_url_per_builder(build_project: BuildProject, buildername: str, url: str) -> None:
    build = build_project(project(), buildername=buildername)
    assert load(build)["proposals"][1]["url"] == url


def test_json_path_and_off_switch(build_project: BuildProject) -> None:
    build = build_project(project(), conf="pep_json_path = 'data/peps.json'\n")
    assert build.warnings == []
    assert load(build, "data/peps.json")["proposals"][0]["number"] == 3
    assert not (build.outdir / "proposals.json").exists()
    off = build_project(project(), conf="pep_json_path = None\n")
    assert off.warnings == []
    assert not (off.outdir / "proposals.json").exists()


def test_json_path_outside_the_output_is_refused(build_project: BuildProject) -> None:
    build = build_project(project(), conf="pep_json_path = '../escape.json'\n")
    assert [(w.type, w.where) for w in build.warnings] == [("pep.config", "conf.py:2")]
    assert "outside the output directory" in build.warnings[0].message
    assert not (build.outdir.parent / "escape.json").exists()


def test_no_json_for_other_builders(build_project: BuildProject) -> None:
    build = build_project(project(), buildername="text", conf=f"html_baseurl = '{BASEURL}'\n")
    assert not (build.outdir / "proposals.json").exists()
    assert not (build.outdir / "proposals.atom").exists()


# -- the Atom feed --------------------------------------------------------------


def test_no_feed_without_html_baseurl(build_project: BuildProject) -> None:
    build = build_project(project())
    assert not (build.outdir / "proposals.atom").exists()
    assert "application/atom+xml" not in build.html()


def test_feed_is_valid_atom(build_project: BuildProject) -> None:
    build = build_project(project(), conf=f"project = 'Lumen'\nhtml_baseurl = '{BASEURL}'\n")
    assert build.warnings == []
    feed = ElementTree.fromstring(build.read("proposals.atom").encode())
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == f"{BASEURL}/proposals.atom"
    assert feed.findtext(f"{ATOM}title") == "New proposals and status changes \u2013 Lumen"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Lumen"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": f"{BASEURL}/proposals.atom", "alternate": f"{BASEURL}/"}
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
        assert entry.find(f"{ATOM}link").get("href").startswith(f"{BASEURL}/")
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries)
    # Newest first: the RFC (created 03-05), 12 accepted (02-01), 12 created
    # (01-15, its first history row is the same event), 3 created (2025-12-01).
    summary = [(e.findtext(f"{ATOM}updated"), e.findtext(f"{ATOM}title")) for e in entries]
    assert summary == [
        ("2026-03-05T00:00:00Z", "RFC 0020: Saved searches (new proposal)"),
        (
            "2026-02-01T00:00:00Z",
            "PEP 0012: Add a <script>alert(1)</script> layer (Proposed \u2192 Accepted)",
        ),
        (
            "2026-01-15T00:00:00Z",
            "PEP 0012: Add a <script>alert(1)</script> layer (new proposal)",
        ),
        ("2025-12-01T00:00:00Z", "PEP 0003: Older thing (new proposal)"),
    ]
    # The feed's date is its newest entry's, not the clock's.
    assert feed.findtext(f"{ATOM}updated") == "2026-03-05T00:00:00Z"
    change = entries[1]
    assert change.find(f"{ATOM}link").get("href") == f"{BASEURL}/pep-0012.html"
    assert [a.findtext(f"{ATOM}name") for a in change.findall(f"{ATOM}author")] == [
        "Jane Doe",
        "John Roe",
    ]
    assert change.findtext(f"{ATOM}summary") == (
        "PEP 0012: Proposed \u2192 Accepted. Approved & <b>merged</b>"
    )
    raw = build.read("proposals.atom")
    assert "<script>" not in raw and "&lt;script&gt;" in raw


def test_feed_is_advertised_on_index_pages(build_project: BuildProject) -> None:
    build = build_project(project(), conf=f"project = 'A&B'\nhtml_baseurl = '{BASEURL}/'\n")
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="New proposals and status changes \u2013 A&amp;B" '
        'href="proposals.atom" />'
    ) in build.html()
    assert "application/atom+xml" not in build.html("pep-0012")


def test_feed_keeps_the_newest_fifty_in_number_order_per_day(
    build_project: BuildProject,
) -> None:
    # 55 proposals created on one day, one older; and PEP 60 without a created
    # date (a pep.header warning), whose entry takes its first history date.
    files: dict[str, Any] = {
        f"pep-{n:04d}.rst": minimal_pep(n, f"Same day {n}", created="2026-02-01")
        for n in range(1, 56)
    }
    files["pep-0060.rst"] = minimal_pep(
        60,
        "No created date",
        created=None,
        body=".. pep-status-history::\n\n   | 2026-03-01 | \u2014 | Proposed | Filed |\n",
    )
    files["index.rst"] = index_rst(*(name.removesuffix(".rst") for name in files))
    build = build_project(files, conf=f"html_baseurl = '{BASEURL}'\n")
    assert [(w.where, w.type) for w in build.warnings] == [("pep-0060.rst:4", "pep.header")]
    feed = ElementTree.fromstring(build.read("proposals.atom").encode())
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert len(titles) == 50  # MAX_ENTRIES
    assert titles[0] == "PEP 0060: No created date (new proposal)"
    assert feed.findall(f"{ATOM}entry")[0].findtext(f"{ATOM}updated") == "2026-03-01T00:00:00Z"
    # then the same-day proposals by number, cut after the 49th
    assert titles[1:] == [f"PEP {n:04d}: Same day {n} (new proposal)" for n in range(1, 50)]


def test_empty_feed_is_still_valid(build_project: BuildProject) -> None:
    build = build_project(
        {"index.rst": "Nothing\n=======\n\nNo proposals yet.\n"},
        conf=f"html_baseurl = '{BASEURL}'\n",
    )
    feed = ElementTree.fromstring(build.read("proposals.atom").encode())
    assert feed.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
    assert feed.findall(f"{ATOM}entry") == []
    assert load(build) == {"schema_version": 2, "proposals": []}


# -- builds ---------------------------------------------------------------------


def test_serial_and_parallel_builds_write_the_same_bytes(build_project: BuildProject) -> None:
    # Enough documents for -j 2 to split the reading between processes.
    extra = {f"pep-{n:04d}.rst": minimal_pep(n, f"Filler {n}") for n in range(40, 52)}
    names = (*DOCNAMES, *(name.removesuffix(".rst") for name in extra))
    files = {**project(**extra), "index.rst": index_rst(*names, body=".. pep-index::\n")}
    conf = f"html_baseurl = '{BASEURL}'\n"
    serial = build_project(files, conf=conf)
    parallel = build_project(files, conf=conf, parallel=2)
    assert serial.warnings == parallel.warnings == []
    for name in ("proposals.json", "proposals.atom"):
        assert serial.read(name) == parallel.read(name), name
    assert len(load(parallel)["proposals"]) == 15
    assert load(parallel)["proposals"][1]["history"][1]["to_status"] == "Accepted"
    assert '<script defer="defer" src="_static/pep-index.js' in parallel.html()
    index = serial.html().split('<div class="body"', 1)[1]
    assert index == parallel.html().split('<div class="body"', 1)[1]


def test_unchanged_exports_are_not_rewritten(build_project: BuildProject) -> None:
    # Deploy tools and caches key on mtimes: an edit that changes no proposal
    # leaves proposals.json and the feed untouched; a status change does not.
    conf = f"html_baseurl = '{BASEURL}'\n"
    build = build_project(project(), conf=conf)
    names = ("proposals.json", "proposals.atom")

    def stamps() -> list[int]:
        return [(build.outdir / name).stat().st_mtime_ns for name in names]

    before = stamps()
    time.sleep(0.05)
    build.rebuild({"index.rst": index_rst(*DOCNAMES, body="Intro.\n\n.. pep-index::\n")})
    assert stamps() == before
    build.rebuild(
        {"pep-0003.rst": minimal_pep(3, "Older thing", created="2025-12-01", status="Deferred")}
    )
    # both show the status (the feed in the new-proposal entry's summary)
    assert all(a != b for a, b in zip(stamps(), before, strict=True))


def test_incremental_build_updates_json_feed_and_index(build_project: BuildProject) -> None:
    conf = f"html_baseurl = '{BASEURL}'\n"
    build = build_project(project(), conf=conf)
    assert load(build)["proposals"][0]["status"] == "Proposed"
    history = """\
.. pep-status-history::

   | Date       | From     | To       | Notes   |
   |------------|----------|----------|---------|
   | 2025-12-01 | —        | Proposed | Created |
   | 2026-04-01 | Proposed | Rejected | No      |
"""
    edited = minimal_pep(3, "Older thing", created="2025-12-01", status="Rejected", body=history)
    again = build.rebuild({"pep-0003.rst": edited})
    assert again.warnings == []
    pep3 = load(again)["proposals"][0]
    assert (pep3["status"], pep3["history"][-1]["date"]) == ("Rejected", "2026-04-01")
    feed = ElementTree.fromstring(again.read("proposals.atom").encode())
    assert feed.findtext(f"{ATOM}updated") == "2026-04-01T00:00:00Z"
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}title") == (
        "PEP 0003: Older thing (Proposed \u2192 Rejected)"
    )
    assert 'data-status="rejected"' in again.html()
    # The same output as a fresh build of the edited sources.
    fresh = build_project({**project(), "pep-0003.rst": edited}, conf=conf)
    for name in ("proposals.json", "proposals.atom"):
        assert again.read(name) == fresh.read(name), name
    assert (
        again.html().split('<div class="body"', 1)[1]
        == fresh.html().split('<div class="body"', 1)[1]
    )


# -- the text of proposals.json, and its cache ------------------------------------


def test_json_text_is_put_together_as_one_dump_would_write_it(
    build_project: BuildProject,
) -> None:
    # The document is written entry by entry (each entry's text cached); the
    # bytes must be json.dumps' own, escaping and all, with 0, 1 and many entries.
    from sphinxext_pep.export_json import SCHEMA_VERSION, document_text, entry_text

    text = build_project(project()).read("proposals.json")
    data = load_text(text)
    entries = data["proposals"]
    hostile = {**entries[0], "title": 'Quote " back\\slash\n<b>&amp;</b>\u2028 \ud83d\ude00'}
    for chosen in ([], entries[:1], entries, [hostile, *entries]):
        document = {"schema_version": SCHEMA_VERSION, "proposals": chosen}
        expected = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False)
        expected = expected.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        assert document_text([entry_text(entry) for entry in chosen]) == expected + "\n"
    assert text == document_text([entry_text(entry) for entry in entries])


def load_text(text: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(text)
    return result


def _count_encodings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many entries each build encodes (not taken from the cache)."""
    from sphinxext_pep import export_json

    counts: list[int] = [0]
    original = export_json.entry_text

    def counting(entry: dict[str, Any]) -> str:
        counts[-1] += 1
        return original(entry)

    monkeypatch.setattr(export_json, "entry_text", counting)
    return counts


def test_json_reuses_the_text_of_unchanged_proposals(
    build_project: BuildProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = _count_encodings(monkeypatch)
    build = build_project(project())
    assert counts == [3]
    # A body edit changes no entry: nothing is encoded, the file is the same.
    counts.append(0)
    edited_body = minimal_pep(3, "Older thing", created="2025-12-01", body="A new sentence.\n")
    again = build.rebuild({"pep-0003.rst": edited_body})
    assert counts[-1] == 0
    assert again.read("proposals.json") == build.read("proposals.json")
    # A status change re-encodes that proposal only, and writes what a fresh build does.
    counts.append(0)
    edited = minimal_pep(3, "Older thing", created="2025-12-01", status="Deferred")
    third = again.rebuild({"pep-0003.rst": edited})
    assert counts[-1] == 1
    assert load(third)["proposals"][0]["status"] == "Deferred"
    fresh = build_project({**project(), "pep-0003.rst": edited})
    assert third.read("proposals.json") == fresh.read("proposals.json")


@pytest.mark.parametrize("cache", ["not json {", '{"format": 1, "entries": []}', "[]", ""])
def test_json_ignores_a_cache_it_cannot_read(
    build_project: BuildProject, monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    from sphinxext_pep.export_json import EntryCache

    counts = _count_encodings(monkeypatch)
    build = build_project(project())
    expected = build.read("proposals.json")
    (Path(build.app.doctreedir) / EntryCache.FILENAME).write_text(cache, encoding="utf-8")
    counts.append(0)
    (build.outdir / "proposals.json").unlink()
    again = build.rebuild({"pep-0003.rst": minimal_pep(3, "Older thing", created="2025-12-01")})
    assert again.warnings == []
    assert counts[-1] == 3  # every entry encoded again
    assert again.read("proposals.json") == expected
