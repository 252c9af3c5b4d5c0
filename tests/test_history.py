"""``pep-status-history`` and ``pep-lifecycle`` (SPEC §3 lifecycle, §6)."""

from __future__ import annotations

import textwrap
from collections.abc import Set
from pathlib import Path
from typing import Any

import pytest
from conftest import EPUB_READY_CONF, BuildProject, index_rst, minimal_pep, myst_pep

from sphinxext_pep.core.model import HistoryEntry
from sphinxext_pep.domain import PepDomain, get_domain

DOCS = Path(__file__).parent.parent / "docs"

#: Seed 000's Status History table, filled in, as an author pastes it (with the
#: seed's mis-decoded em dash left in).
SEED_TABLE = """\
| Date | From | To | Notes |
|------|------|----|-------|
| 2026-01-15 | \u00e2\u20ac\u201d | Proposed | Initial creation |
| 2026-02-01 | Proposed | Accepted | Approved |
| 2026-03-01 | Accepted | Implemented | Shipped |
"""


def rst_history(rows: str, **options: str) -> str:
    opts = "".join(f"   :{k}: {v}\n" for k, v in options.items())
    body = textwrap.indent(textwrap.dedent(rows).strip("\n"), "   ")
    return f".. pep-status-history::\n{opts}\n{body}\n"


def myst_history(rows: str) -> str:
    return f"```{{pep-status-history}}\n{textwrap.dedent(rows).strip(chr(10))}\n```\n"


def proposal(fmt: str, number: int, status: str, rows: str) -> tuple[str, str]:
    """``(filename, text)`` of a valid proposal holding *rows* as its history."""
    if fmt == "rst":
        return f"pep-{number:04d}.rst", minimal_pep(number, status=status, body=rst_history(rows))
    return f"pep-{number:04d}.md", myst_pep(number, status=status, body=myst_history(rows))


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line of *text* containing *needle*."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


def build_one(build_project: BuildProject, fmt: str, status: str, rows: str, **kw: object):
    name, text = proposal(fmt, 12, status, rows)
    build = build_project({"index.rst": index_rst(Path(name).stem), name: text}, **kw)
    return build, name, text


# -- a valid history ------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_seed_000_table_pasted_as_is_builds_clean(build_project: BuildProject, fmt: str) -> None:
    build, _name, text = build_one(
        build_project, fmt, "Implemented", SEED_TABLE, confoverrides={"nitpicky": True}
    )
    assert build.warnings == []
    entries = history_of(build, "pep-0012")
    assert entries == (
        HistoryEntry("2026-01-15", None, "Proposed", "Initial creation", line_of(text, "Initial")),
        HistoryEntry("2026-02-01", "Proposed", "Accepted", "Approved", line_of(text, "Approved")),
        HistoryEntry("2026-03-01", "Accepted", "Implemented", "Shipped", line_of(text, "Shipped")),
    )
    html = build.html("pep-0012")
    table = html.split('<table class="pep-status-history')[1].split("</table>")[0]
    # the header row is the table's own, the |---| row is gone, the dash is a dash
    assert table.count('<th class="head"') == 4 and "---" not in table
    assert "<td><p>2026-01-15</p></td>\n<td><p>\u2014</p></td>" in table
    assert (
        '<span class="sd-sphinx-override sd-badge sd-bg-success sd-bg-text-success '
        'pep-status pep-status-done">Implemented</span>'
    ) in table
    assert table.count("pep-status-accepted") == 2
    assert "<td><p>Shipped</p></td>" in table


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_two_changes_on_one_day_are_in_order(build_project: BuildProject, fmt: str) -> None:
    # Proposed and accepted in the same meeting: a date may repeat, only not go back.
    same_day = SEED_TABLE.replace("2026-02-01", "2026-01-15")
    build, _name, _text = build_one(build_project, fmt, "Implemented", same_day)
    assert build.warnings == []


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_pipes_dashes_spelling_and_date_forms_are_read(
    build_project: BuildProject, fmt: str
) -> None:
    rows = """\
        2026-01-15 | - | proposed | no outer pipes, no header
        | 01-02-2026 | PROPOSED | accepted
        | 15-Feb-2026 | Accepted | implementing | a \\| pipe, *markup* |
    """
    build, _name, _text = build_one(build_project, fmt, "Implementing", rows)
    assert build.warnings == []
    entries = history_of(build, "pep-0012")
    assert [(e.date, e.from_status, e.to_status) for e in entries] == [
        ("2026-01-15", None, "Proposed"),
        ("2026-02-01", "Proposed", "Accepted"),
        ("2026-02-15", "Accepted", "Implementing"),
    ]
    assert entries[2].notes == "a | pipe, *markup*"
    assert entries[1].notes == ""
    # the notes are inline markup in the page's own language
    assert "<td><p>a | pipe, <em>markup</em></p></td>" in build.html("pep-0012")


@pytest.mark.parametrize("first_from", ["", "\u2014", "\u2013", "-", "\u00e2\u20ac\u201d"])
def test_every_spelling_of_no_first_status(build_project: BuildProject, first_from: str) -> None:
    rows = f"| 2026-01-15 | {first_from} | Proposed | Created |\n"
    build, _name, _text = build_one(build_project, "rst", "Proposed", rows)
    assert build.pep_warnings() == []
    assert history_of(build, "pep-0012")[0].from_status is None


# -- every check, at the offending row -----------------------------------------

START = "| 2026-01-15 | \u2014 | Proposed | Created |\n"

CHECKS = [
    pytest.param(
        "Proposed",
        "| 15/01/2026 | \u2014 | Proposed | Created |\n",
        "15/01/2026",
        "PEP 0012: status history date '15/01/2026' is not a date",
        id="bad-date",
    ),
    pytest.param(
        "Accepted",
        START + "| 2026-01-10 | Proposed | Accepted | Approved |\n",
        "2026-01-10",
        "PEP 0012: status history goes back in time: 2026-01-10 comes after 2026-01-15",
        id="dates-backwards",
    ),
    pytest.param(
        "Implemented",
        START
        + "| 2026-02-01 | Proposed | Accepted | Approved |\n"
        + "| 2026-03-01 | Implementing | Implemented | Done |\n",
        "2026-03-01",
        "PEP 0012: status history row changes from 'Implementing', but the row before "
        "ended at 'Accepted'",
        id="from-is-not-previous-to",
    ),
    pytest.param(
        "Accepted",
        START + "| 2026-02-01 |  | Accepted | Approved |\n",
        "2026-02-01",
        "PEP 0012: status history row has no From status; it should be 'Proposed'",
        id="later-row-without-from",
    ),
    pytest.param(
        "Proposed",
        "| 2026-01-15 | Proposed | Proposed | Created |\n",
        "Proposed | Proposed",
        "PEP 0012: the first status history row changes from 'Proposed'",
        id="first-row-with-from",
    ),
    pytest.param(
        "Proposed",
        "| 2026-01-15 | \u2014 | Drafted | Created |\n",
        "Drafted",
        "PEP 0012: unknown status 'Drafted' in the status history (the 'pep' template has "
        "Proposed, Accepted, Implementing, Implemented, Rejected, Withdrawn, Deferred)",
        id="unknown-status",
    ),
    pytest.param(
        "Accepted",
        START
        + "| 2026-02-01 | Proposed | Rejected | No |\n"
        + "| 2026-03-01 | Rejected | Accepted | Yes after all |\n",
        "Yes after all",
        "PEP 0012: the 'pep' lifecycle does not allow 'Rejected' -> 'Accepted' "
        "('Rejected' is final)",
        id="closed-is-terminal",
    ),
    pytest.param(
        "Withdrawn",
        START
        + "| 2026-02-01 | Proposed | Implemented | Shipped |\n"
        + "| 2026-03-01 | Implemented | Withdrawn | Pulled |\n",
        "Pulled",
        "PEP 0012: the 'pep' lifecycle does not allow 'Implemented' -> 'Withdrawn'",
        id="done-to-closed-only-in-pep-full",
    ),
    pytest.param(
        "Accepted",
        START
        + "| 2026-02-01 | Proposed | Implementing | Started |\n"
        + "| 2026-03-01 | Implementing | Accepted | Back |\n",
        "Back",
        "PEP 0012: the 'pep' lifecycle does not allow 'Implementing' -> 'Accepted' "
        "(from 'Implementing' it may move to Implemented, Rejected, Withdrawn, Deferred)",
        id="accepted-moves-only-forward",
    ),
    pytest.param(
        "Accepted",
        START,
        "Created",
        "PEP 0012: the status history ends at 'Proposed' but the header's status is 'Accepted'",
        id="last-to-is-not-header-status",
    ),
    pytest.param(
        "Proposed",
        START + "| 2026-02-01 | Proposed | Accepted |  Approved | by the board |\n",
        "by the board",
        "PEP 0012: a status history row has 5 cells",
        id="wrong-number-of-cells",
    ),
]


@pytest.mark.parametrize("fmt", ["rst", "md"])
@pytest.mark.parametrize(("status", "rows", "needle", "message"), CHECKS)
def test_each_check_is_located_at_its_row(
    build_project: BuildProject, fmt: str, status: str, rows: str, needle: str, message: str
) -> None:
    build, name, text = build_one(build_project, fmt, status, rows)
    warnings = build.pep_warnings()
    assert len(warnings) == 1, build.warning_text
    (warning,) = warnings
    assert warning.type == "pep.history"
    assert warning.where == f"{name}:{line_of(text, needle)}"
    assert warning.message.startswith(message), warning.message


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_history_outside_a_proposal(build_project: BuildProject, fmt: str) -> None:
    if fmt == "rst":
        name, text = "notes.rst", "Notes\n=====\n\n" + rst_history(START)
    else:
        name, text = "notes.md", "# Notes\n\n" + myst_history(START)
    build = build_project({"index.rst": index_rst("notes"), name: text})
    (warning,) = build.pep_warnings()
    assert warning.type == "pep.history"
    assert warning.where == f"{name}:{line_of(text, 'pep-status-history')}"
    assert warning.message.startswith("pep-status-history: a status history outside a proposal")
    assert "notes" not in get_domain(build.app.env).proposals
    assert "pep-status-history" in build.html("notes")  # still shown


def test_empty_and_second_history(build_project: BuildProject) -> None:
    body = rst_history(START) + "\n" + rst_history("| Date | From | To | Notes |\n|--|--|--|--|\n")
    text = minimal_pep(12, body=body)
    build = build_project({"index.rst": index_rst("pep-0012"), "pep-0012.rst": text})
    lines = [i for i, line in enumerate(text.splitlines(), 1) if "pep-status-history" in line]
    assert [(w.type, w.where, w.message.split(";")[0]) for w in build.pep_warnings()] == [
        ("pep.history", f"pep-0012.rst:{lines[1]}", "PEP 0012: the status history has no rows"),
        (
            "pep.history",
            f"pep-0012.rst:{lines[1]}",
            "PEP 0012: a second status history in one document",
        ),
    ]
    assert len(history_of(build, "pep-0012")) == 1


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_warning_in_an_included_file_names_that_file(build_project: BuildProject, fmt: str) -> None:
    rows = START + "| 2026-01-01 | Proposed | Accepted | Too early |\n"
    if fmt == "rst":
        included = "history.inc"
        history = rst_history(rows)
        name, text = (
            "pep-0012.rst",
            minimal_pep(12, status="Accepted", body=f".. include:: {included}\n"),
        )
    else:
        included = "parts/history.md"
        history = "Some text first.\n\n" + myst_history(rows)
        name, text = (
            "pep-0012.md",
            myst_pep(12, status="Accepted", body=f"```{{include}} {included}\n```\n"),
        )
    build = build_project(
        {"index.rst": index_rst("pep-0012"), name: text, included: history},
        conf="exclude_patterns = ['history.inc', 'parts']\n",
    )
    (warning,) = build.pep_warnings()
    assert warning.where == f"{included}:{line_of(history, 'Too early')}"


def test_exempt_silences_history_for_that_proposal(build_project: BuildProject) -> None:
    text = minimal_pep(12, status="Accepted", exempt="history", body=rst_history(START))
    build = build_project({"index.rst": index_rst("pep-0012"), "pep-0012.rst": text})
    assert build.pep_warnings() == []


# -- the lifecycle comes from the template -------------------------------------


def test_pep_full_final_may_be_superseded(build_project: BuildProject) -> None:
    rows = """\
        | 01-03-2025 | — | Draft | |
        | 05-03-2025 | Draft | Accepted | |
        | 10-04-2025 | Accepted | Final | |
        | 20-01-2026 | Final | Superseded | by PEP 6 |
    """
    text = (
        "PEP 0004: Old API\n=================\n\n.. pep-header::\n   :pep: 4\n"
        "   :template: pep-full\n   :author: Tom\n   :status: Superseded\n   :type: Standard\n"
        "   :created: 01-03-2025\n   :superseded-by: 6\n\n"
        + rst_history(rows)
        + "".join(f"\n{s}\n{'-' * len(s)}\n\nText.\n" for s in ("Abstract", "Motivation"))
        + "".join(f"\n{s}\n{'-' * len(s)}\n\nText.\n" for s in ("Specification", "Implementation"))
    )
    build = build_project(
        {
            "index.rst": index_rst("pep-0004", "pep-0006"),
            "pep-0004.rst": text,
            "pep-0006.rst": minimal_pep(6, supersedes="4"),
        },
        conf="suppress_warnings = ['pep.section']\n",
    )
    assert build.pep_warnings() == []
    entries = history_of(build, "pep-0004")
    assert entries[-1] == HistoryEntry(
        "2026-01-20", "Final", "Superseded", "by PEP 6", line_of(text, "by PEP 6")
    )


def test_explicit_transitions_of_a_custom_template(build_project: BuildProject) -> None:
    conf = """\
        pep_templates = {
            "pep": {"transitions": {"proposed": ["accepted"], "accepted": ["implemented"]}},
        }
    """
    rows = START + "| 2026-02-01 | Proposed | Rejected | No |\n"
    build, name, text = build_one(build_project, "rst", "Rejected", rows, conf=conf)
    (warning,) = build.pep_warnings()
    assert warning.where == f"{name}:{line_of(text, '| No |')}"
    assert warning.message == (
        "PEP 0012: the 'pep' lifecycle does not allow 'Proposed' -> 'Rejected' "
        "(from 'Proposed' it may move to Accepted)"
    )


# -- other builders and parallel builds ------------------------------------------


def test_text_builder_gets_a_plain_table(build_project: BuildProject) -> None:
    build, _name, _text = build_one(
        build_project, "md", "Implemented", SEED_TABLE, buildername="text"
    )
    assert build.warnings == []
    out = build.read("pep-0012.txt")
    assert "| Date " in out and "| From " in out and "| Notes " in out
    row = next(line for line in out.splitlines() if "2026-03-01" in line)
    assert [cell.strip() for cell in row.strip("|").split("|")] == [
        "2026-03-01",
        "Accepted",
        "Implemented",
        "Shipped",
    ]
    assert "\u2014" in next(line for line in out.splitlines() if "Initial creation" in line)


@pytest.mark.parametrize("buildername", ["latex", "man", "texinfo", "epub", "xml", "gettext"])
def test_other_builders_run(build_project: BuildProject, buildername: str) -> None:
    build, _name, _text = build_one(
        build_project,
        "rst",
        "Implemented",
        SEED_TABLE,
        buildername=buildername,
        conf=EPUB_READY_CONF,
    )
    assert build.warnings == []


def test_parallel_build_stores_the_same_histories(
    build_project: BuildProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    merged: list[str] = []
    original = PepDomain.merge_domaindata

    def spy(self: PepDomain, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        merged.extend(d for d, p in otherdata["proposals"].items() if d in docnames and p.history)
        original(self, docnames, otherdata)

    files: dict[str, str] = {}
    for number in range(1, 9):
        fmt = "md" if number % 2 else "rst"
        name, text = proposal(fmt, number, "Implemented", SEED_TABLE)
        files[name] = text
    files["index.rst"] = index_rst(*(Path(n).stem for n in sorted(files)))
    serial = build_project(files)
    monkeypatch.setattr(PepDomain, "merge_domaindata", spy)
    parallel = build_project(files, parallel=2)
    # the histories really were read in worker processes and merged back
    assert sorted(merged) == [f"pep-{n:04d}" for n in range(1, 9)]
    assert serial.warnings == parallel.warnings == []
    histories = all_histories(serial)
    assert len(histories) == 8
    assert all_histories(parallel) == histories
    for number in range(1, 9):
        assert serial.html(f"pep-{number:04d}") == parallel.html(f"pep-{number:04d}")


def test_incremental_rebuild_updates_the_stored_history(build_project: BuildProject) -> None:
    build, name, _text = build_one(build_project, "rst", "Proposed", START)
    assert len(history_of(build, "pep-0012")) == 1
    _name, new_text = proposal(
        "rst", 12, "Accepted", START + "| 2026-02-01 | Proposed | Accepted | Approved |\n"
    )
    rebuilt = build.rebuild({name: new_text})
    assert rebuilt.pep_warnings() == []
    entries = history_of(rebuilt, "pep-0012")
    assert [e.to_status for e in entries] == ["Proposed", "Accepted"]


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_a_first_change_followed_by_a_separator_row_is_a_change(
    build_project: BuildProject, fmt: str
) -> None:
    """No header row: the first row, a date, is read even though ``|---|`` follows it."""
    table = "| 2026-01-15 | — | Proposed | Initial creation |\n|---|---|---|---|\n"
    build, _name, _text = build_one(build_project, fmt, "Proposed", table)
    assert build.pep_warnings() == []
    assert [e.to_status for e in history_of(build, "pep-0012")] == ["Proposed"]


def history_of(build: Any, docname: str) -> tuple[HistoryEntry, ...]:
    """The status history kept on the document's proposal record."""
    return get_domain(build.app.env).proposals[docname].history


def all_histories(build: Any) -> dict[str, tuple[HistoryEntry, ...]]:
    proposals = get_domain(build.app.env).proposals
    return {docname: p.history for docname, p in proposals.items() if p.history}


# -- pep-lifecycle ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_lifecycle_table_comes_from_the_template(build_project: BuildProject, fmt: str) -> None:
    if fmt == "rst":
        page = "Lifecycle\n=========\n\n.. pep-lifecycle::\n   :template: pep-full\n"
    else:
        page = "# Lifecycle\n\n```{pep-lifecycle}\n:template: pep-full\n```\n"
    build = build_project({"index.rst": index_rst("life"), f"life.{fmt}": page})
    assert build.warnings == []
    html = build.html("life")
    table = html.split('<table class="pep-lifecycle pep-template-pep-full')[1].split("</table>")[0]
    rows = table.split("<tr")[2:]
    assert len(rows) == 8

    def row(status: str) -> str:
        return next(r for r in rows if f">{status}</span>" in r.split("</td>")[0])

    final = row("Final")
    # done -> closed only through pep-full's extra transition
    assert final.count("pep-status ") == 2 and ">Superseded</span>" in final
    rejected = row("Rejected")
    assert "<em>final</em>" in rejected
    draft = row("Draft")
    assert "(first)" in draft and draft.count("pep-status ") == 8  # itself + every other


def test_lifecycle_default_template_and_unknown_template(build_project: BuildProject) -> None:
    page = "Lifecycle\n=========\n\n.. pep-lifecycle::\n\n.. pep-lifecycle::\n   :template: nope\n"
    build = build_project({"index.rst": index_rst("life"), "life.rst": page})
    (warning,) = build.pep_warnings()
    assert warning.type == "pep.history"
    assert warning.where == f"life.rst:{line_of(page, ':template: nope') - 1}"
    assert warning.message.startswith("pep-lifecycle: unknown template 'nope'")
    assert '<table class="pep-lifecycle pep-template-pep ' in build.html("life")


# -- the docs show what the code does ----------------------------------------------


@pytest.mark.parametrize("name", ["status-history.rst", "status-history.md"])
def test_docs_snippet_builds_clean(build_project: BuildProject, name: str) -> None:
    source = (DOCS / "snippets" / name).read_text()
    suffix = Path(name).suffix
    if suffix == ".rst":
        page = minimal_pep(20, status="Implemented", body=source)
    else:
        page = myst_pep(20, status="Implemented", body=source)
    build = build_project({"index.rst": index_rst("pep-0020"), f"pep-0020{suffix}": page})
    assert build.warnings == []
    assert len(history_of(build, "pep-0020")) == 3


def _documented_block(language: str, containing: str) -> str:
    page = (DOCS / "status-history.md").read_text()
    blocks = page.split(f"```{language}\n")[1:]
    return next(b.split("```")[0] for b in blocks if containing in b)


@pytest.mark.parametrize("name", ["status-history-broken.rst", "status-history-broken.md"])
def test_docs_broken_example_gives_the_documented_warnings(
    build_project: BuildProject, name: str
) -> None:
    source = (DOCS / "snippets" / name).read_text()
    suffix = Path(name).suffix
    build = build_project({"index.rst": index_rst("pep-0031"), f"pep-0031{suffix}": source})
    documented = _documented_block("text", "[pep.history]").strip().splitlines()
    got = [f"{w.where}: WARNING: {w.message} [{w.type}]" for w in build.warnings]
    if suffix == ".rst":
        assert got == documented
    else:
        # the same warnings, each at the same row of the MyST file
        rst = (DOCS / "snippets" / "status-history-broken.rst").read_text().splitlines()
        shift = {
            i: line_of(source, rst[i - 1].strip())
            for i in range(1, len(rst) + 1)
            if "| 2026" in rst[i - 1]
        }
        expected = []
        for line in documented:
            where, rest = line.split(": ", 1)
            lineno = int(where.rsplit(":", 1)[1])
            expected.append(f"pep-0031.md:{shift[lineno]}: {rest}")
        assert got == expected


def test_docs_lifecycle_configuration_example(build_project: BuildProject) -> None:
    conf = _documented_block("python", "extra_transitions")
    page = "Lifecycle\n=========\n\n.. pep-lifecycle::\n   :template: enhancement\n"
    rows = START + (
        "| 2026-02-01 | Proposed | Implemented | Shipped |\n"
        "| 2026-03-01 | Implemented | Withdrawn | Pulled |\n"
    )
    name, text = proposal("rst", 12, "Withdrawn", rows)
    build = build_project(
        {"index.rst": index_rst("life", "pep-0012"), "life.rst": page, name: text}, conf=conf
    )
    # pep: Implemented -> Withdrawn is now allowed
    assert build.warnings == []
    # enhancement: the explicit map replaces the group rule
    table = build.html("life").split('<table class="pep-lifecycle')[1]
    proposed = table.split("<tbody>")[1].split("</tr>")[0]
    assert proposed.count("pep-status ") == 4  # itself, accepted, rejected, withdrawn
    assert ">deferred</span>" not in proposed
