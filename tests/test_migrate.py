"""``sphinx-pep migrate``: existing proposals converted, then built (SPEC §10).

Each test writes a project as a user has it -- the seeds as they ship
(placeholders and all) or filled in, real RFC 2822 headers from python/peps
(``tests/migrate/pep-*.rst``: their headers verbatim, their first section
cut to one paragraph), hand-written variations -- runs the command in this
process, and asserts on the files it leaves, on what it prints, and on what
a real Sphinx build of the converted project says.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_CONF, Build, BuildProject

from sphinxext_pep.cli import main
from sphinxext_pep.cli.migrate_python_body import convert_python_markup
from sphinxext_pep.cli.migrate_template import BEGIN, END
from sphinxext_pep.core.fields import FIELD_BY_NAME

HERE = Path(__file__).parent
FIXTURES = HERE / "migrate"
SNIPPETS = HERE.parent / "docs" / "snippets"
SEEDS = HERE / "seeds"
GLOB_INDEX = "Proposals\n=========\n\n.. toctree::\n   :glob:\n\n   proposals/*\n"
#: Real PEPs whose headers name no obfuscated address (python/peps, CC0/public domain).
CLEAN_PEPS = ("pep-0001.rst", "pep-0008.rst", "pep-0484.rst", "pep-0572.rst")


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


Run = Callable[..., Ran]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """``sphinx-pep migrate ARGS`` in *cwd*, in this process."""
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str | Path, cwd: Path) -> Ran:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        status = main(["migrate", *map(str, args)])
        out, err = capsys.readouterr()
        return Ran(status, out, err)

    return run


def project(root: Path, files: dict[str, str | bytes], conf: str = BASE_CONF) -> Path:
    """A Sphinx project in *root*: ``conf.py``, an index globbing ``proposals/``, *files*."""
    (root / "proposals").mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(conf, encoding="utf-8")
    (root / "index.rst").write_text(GLOB_INDEX, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes(text.encode("utf-8"))
    return root


def build(build_project: BuildProject, root: Path) -> Build:
    """A real HTML build of the project as migrate left it (its conf.py as it is now)."""
    return build_project({"conf.py": (root / "conf.py").read_text(encoding="utf-8")}, srcdir=root)


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def snippet(name: str) -> str:
    return (SNIPPETS / name).read_text(encoding="utf-8")


def cited_pep(number: int) -> str:
    """A short RFC 2822 PEP that the fixtures' ``:pep:`` roles cite."""
    return (
        f"PEP: {number}\nTitle: Cited {number}\nAuthor: A <a@example.com>\nStatus: Active\n"
        "Type: Process\nCreated: 01-Jan-2001\n\n\nAbstract\n========\n\nCited.\n"
    )


def as_pep_ref(text: str) -> str:
    """*text* with python/peps' ``:pep:`` roles as this extension's (no literal holds one)."""
    return text.replace(":pep:`", ":pep:ref:`")


def fenced(table: str, directive: str, *options: str) -> str:
    """*table*'s rows in a MyST directive fence, as migrate writes them."""
    return "\n".join([f"```{{{directive}}}", *options, table.rstrip("\n"), "```"]) + "\n"


# -- the hand-converted snippets of docs/migrating.md ------------------------------------


@pytest.mark.parametrize(
    ("before", "args", "after"),
    [
        ("migrate-header-before.md", (), "migrate-header-after.md"),
        ("migrate-header-before.md", ("--format", "rst"), "migrate-header-after.rst"),
        ("migrate-pepfull-before.md", (), "migrate-pepfull-after.md"),
    ],
)
def test_a_converted_header_equals_the_guides_snippet(
    tmp_path: Path, run: Run, before: str, args: tuple[str, ...], after: str
) -> None:
    root = project(tmp_path, {"proposals/pep-0014.md": snippet(before)})
    ran = run("proposals", "--dry-run", *args, cwd=root)
    assert ran.returncode == 0, ran.stdout
    assert (root / "proposals/pep-0014.md").read_text(encoding="utf-8") == snippet(before)
    run("proposals", *args, cwd=root)
    written = root / "proposals" / f"pep-0014{Path(after).suffix}"
    assert written.read_text(encoding="utf-8") == snippet(after)
    if args:  # --format rst: the Markdown file is replaced by the reST one
        assert not (root / "proposals/pep-0014.md").exists()


@pytest.mark.parametrize("suffix", [".md", ".rst"])
def test_converted_tables_equal_the_guides_snippets(tmp_path: Path, run: Run, suffix: str) -> None:
    page = "\n".join(
        snippet(f"migrate-{name}-before.md") for name in ("header", "history", "risks")
    )
    root = project(tmp_path, {"proposals/pep-0014.md": page})
    run("proposals", *(("--format", "rst") if suffix == ".rst" else ()), cwd=root)
    converted = (root / f"proposals/pep-0014{suffix}").read_text(encoding="utf-8")
    assert converted == "\n".join(
        snippet(f"migrate-{name}-after{suffix}") for name in ("header", "history", "risks")
    )


def test_front_matter_gets_the_guides_header(tmp_path: Path, run: Run) -> None:
    after = snippet("migrate-enhancement-after.md")
    before = after.replace("\n```{pep-header}\n:template: enhancement\n```\n", "")
    root = project(tmp_path, {"proposals/rfc-0016.md": before})
    run("proposals", cwd=root)
    assert (root / "proposals/rfc-0016.md").read_text(encoding="utf-8") == after


# -- the seeds, raw and filled in --------------------------------------------------------

#: What the raw seeds' own guidance text deserves: its placeholders and empty
#: sections; seed 002's "High/Medium/Low" risk levels; the seeds' example links.
GUIDANCE = {"pep.placeholder", "pep.section", "pep.risk", "myst.xref_missing"}
RAW_SEEDS = {
    "seed000-raw.md": "pep-0100.md",
    "seed001-raw.md": "pep-0101.md",
    "seed002-raw.md": "rfc-0102.md",
}


def test_raw_seeds_convert_and_build_with_only_their_guidance_warnings(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    files = {f"proposals/{name}": fixture(seed) for seed, name in RAW_SEEDS.items()}
    root = project(tmp_path / "raw", files)
    ran = run("proposals", cwd=root)
    assert "3 converted, 0 already converted, 0 skipped" in ran.stdout
    # the check found the guidance text, so the run says there is work left
    assert ran.returncode == 1
    built = build(build_project, root)
    kinds = {w.type for w in built.warnings}
    assert kinds <= GUIDANCE, [w for w in built.warnings if w.type not in GUIDANCE]
    # the risk table's "High/Medium/Low" is the template's, whichever way it is reported
    risks = built.pep_warnings("risk")
    assert all("High/Medium/Low" in w.message for w in risks)
    assert {w.file for w in risks} <= {"proposals/rfc-0102.md"}
    rfc = (root / "proposals/rfc-0102.md").read_text(encoding="utf-8").splitlines()
    fence = rfc.index("```{pep-risk-table}") + 1  # 1-based, as warnings count lines
    assert any(
        w.file == "proposals/rfc-0102.md" and w.line is not None and fence <= w.line <= fence + 5
        for w in built.pep_warnings()
    ), "the wrapped risk table's placeholder rows are reported"
    # every header field reads: no pep.header, pep.status or pep.ref
    header = [w for w in built.warnings if w.type in {"pep.header", "pep.status", "pep.ref"}]
    assert header == []
    # seed 000's status row offered every status; the first was written
    assert ":status: Proposed\n" in (root / "proposals/pep-0100.md").read_text(encoding="utf-8")
    assert "wrote the first, 'Proposed'" in ran.stdout


def test_filled_seeds_convert_to_the_hand_converted_proposals_and_build_clean(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    names = {"seed000": "pep-0100.md", "seed001": "pep-0101.md", "seed002": "rfc-0102.md"}
    files = {f"proposals/{name}": fixture(f"{seed}-filled.md") for seed, name in names.items()}
    root = project(tmp_path, files)
    ran = run("proposals", cwd=root)
    assert ran.returncode == 0, ran.stdout
    for seed, name in names.items():
        expected = (SEEDS / f"{seed}-filled.md").read_text(encoding="utf-8")
        history = re.search(r"^\| Date \| From .*?(?=\n\n|\n\Z)", expected, re.M | re.S)
        risks = re.search(r"^\| Risk \| Probability .*?(?=\n\n|\n\Z)", expected, re.M | re.S)
        if history:  # the bare table goes into its directive
            expected = expected.replace(history[0] + "\n", fenced(history[0], "pep-status-history"))
        if risks:
            expected = expected.replace(
                risks[0] + "\n", fenced(risks[0], "pep-risk-table", ":matrix:")
            )
        assert (root / "proposals" / name).read_text(encoding="utf-8") == expected, seed
    built = build(build_project, root)
    assert built.warnings == []
    assert 'pep-status-done">Implemented</span>' in built.html("proposals/pep-0100")
    assert "pep-risk-matrix" in built.html("proposals/rfc-0102")


@pytest.mark.parametrize("seed", list(RAW_SEEDS))
def test_the_body_is_kept_byte_for_byte(tmp_path: Path, run: Run, seed: str) -> None:
    original = fixture(seed)
    root = project(tmp_path, {"proposals/page.md": original})
    run("proposals", cwd=root)
    converted = (root / "proposals/page.md").read_text(encoding="utf-8")
    # from the first section on, nothing changed but the wrapped risk table
    start = original.index("\n## ")
    body = original[start:]
    if "| Risk | Probability" in body:
        table = re.search(r"^\| Risk \|.*?(?=\n\n)", body, re.M | re.S)
        assert table is not None
        body = body.replace(table[0] + "\n", fenced(table[0], "pep-risk-table", ":matrix:"))
    assert converted.endswith(body)


# -- a second run, a dry run, line endings ------------------------------------------------


def test_a_second_run_changes_nothing(tmp_path: Path, run: Run) -> None:
    files = {f"proposals/{name}": fixture(seed) for seed, name in RAW_SEEDS.items()}
    files["proposals/pep-0008.rst"] = fixture("pep-0008.rst")
    root = project(tmp_path, files)
    run("proposals", "--write-template", cwd=root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "_build" not in p.parts}
    again = run("proposals", "--write-template", cwd=root)
    assert "0 converted, 4 already converted, 0 skipped" in again.stdout
    assert "pep_templates" not in again.stdout  # the template is there now
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "_build" not in p.parts}
    assert after == before


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path: Path, run: Run) -> None:
    root = project(tmp_path, {"proposals/pep-0014.md": snippet("migrate-header-before.md")})
    ran = run("proposals", "--dry-run", cwd=root)
    assert ran.returncode == 0
    lines = ran.stdout.splitlines()
    assert lines[:2] == ["--- a/proposals/pep-0014.md", "+++ b/proposals/pep-0014.md"]
    assert "-| **Depends On** | PEP 0009 |" in lines
    assert "+:depends-on: 9" in lines
    assert "would convert: proposals/pep-0014.md" in lines
    assert "1 to convert, 0 already converted, 0 skipped (dry run: nothing written)" in ran.stdout
    assert "sphinx-pep check" not in ran.stdout  # nothing converted, nothing to check
    assert (root / "proposals/pep-0014.md").read_text(encoding="utf-8") == snippet(
        "migrate-header-before.md"
    )
    assert sorted(p.name for p in (root / "proposals").iterdir()) == ["pep-0014.md"]


@pytest.mark.parametrize("name", ["seed000-filled.md", "pep-0008.rst"])
def test_crlf_stays_crlf(tmp_path: Path, run: Run, build_project: BuildProject, name: str) -> None:
    text = fixture(name).replace("\n", "\r\n")
    target = f"proposals/pep-0100{Path(name).suffix}"
    root = project(tmp_path, {target: text})
    run("proposals", "--write-template", cwd=root)
    data = (root / target).read_bytes()
    assert b"pep-header" in data
    assert data.count(b"\n") == data.count(b"\r\n")  # no bare LF written
    if name.endswith(".md"):  # the text between the header and the wrapped history
        body = text[text.index("## Problem") : text.index("## Status History")]
        assert body.encode("utf-8") in data
    else:
        assert data.endswith(as_pep_ref(text[text.index("\r\n\r\n") :]).encode("utf-8"))
    kinds = {w.type for w in build(build_project, root).warnings}
    assert not kinds & {"pep.header", "pep.status", "pep.history"}


# -- hand-written variations of the status history ---------------------------------------


def _history_page(rows: str, status: str = "Accepted") -> str:
    header = snippet("migrate-header-before.md").replace("| Accepted |", f"| {status} |", 1)
    sections = "".join(
        f"## {name}\n\nThe {name.lower()}.\n\n"
        for name in (
            "Problem Statement",
            "Proposed Solution",
            "Rationale",
            "Alternatives Considered",
            "Impact Assessment",
            "Out of Scope",
            "Acceptance Criteria",
        )
    )
    return f"{header}\n{sections}## Status History\n\n{rows}"


NEIGHBOURS = {"proposals/pep-0009.md": "pep-0009", "proposals/pep-0012.md": "pep-0012"}


def _neighbours() -> dict[str, str | bytes]:
    """PEP 9 and PEP 12, which the guide's PEP 0014 names, already converted."""
    page = "# PEP {n:04d}: Other\n\n```{{pep-header}}\n:pep: {n}\n:author: Jo <jo@example.com>\n"
    page += ":status: Implemented\n:risk: Low\n:created: 2026-01-01\n:exempt: section\n```\n"
    return {f"proposals/pep-{n:04d}.md": page.format(n=n) for n in (9, 12)}


@pytest.mark.parametrize("dash", ["\u2014", "-", "", "\u00e2\u20ac\u201d"])
def test_history_rows_go_in_unchanged_whatever_the_first_from_cell(
    tmp_path: Path, run: Run, build_project: BuildProject, dash: str
) -> None:
    rows = (
        "| Date | From | To | Notes |\n|------|------|----|-------|\n"
        f"| 2026-01-15 | {dash} | Proposed | Initial creation |\n"
        "| 2026-02-01 | Proposed | Accepted | Approved |\n"
    )
    root = project(tmp_path, {"proposals/pep-0014.md": _history_page(rows), **_neighbours()})
    run("proposals/pep-0014.md", cwd=root)
    converted = (root / "proposals/pep-0014.md").read_text(encoding="utf-8")
    assert converted.endswith(fenced(rows, "pep-status-history"))
    assert build(build_project, root).warnings == []


def test_extra_columns_and_missing_rows_stay_for_the_build_to_report(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    """The rows are the record: migrate wraps them as they are, the build judges them."""
    rows = (
        "| Date | From | To | Notes | Who |\n|---|---|---|---|---|\n"
        "| 2026-01-15 | — | Proposed | Initial creation | Jane |\n"
    )
    page = _history_page(rows)  # the header says Accepted: the Accepted row is missing
    root = project(tmp_path, {"proposals/pep-0014.md": page, **_neighbours()})
    run("proposals/pep-0014.md", cwd=root)
    converted = (root / "proposals/pep-0014.md").read_text(encoding="utf-8")
    assert converted.endswith(fenced(rows, "pep-status-history"))
    history = build(build_project, root).pep_warnings("history")
    assert history, "a history that ends before the header's status is reported"
    assert all(w.file == "proposals/pep-0014.md" for w in history)


# -- RFC 2822 headers (python/peps) ------------------------------------------------------


def test_real_pep_headers_convert_and_build(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    files = {f"proposals/{name}": fixture(name) for name in CLEAN_PEPS}
    # PEPs 8 and 484 cite PEPs 7 and 3107 (``:pep:`7```): now links inside the project.
    files |= {f"proposals/pep-{number:04d}.rst": cited_pep(number) for number in (7, 3107)}
    root = project(tmp_path, files)
    conf_before = (root / "conf.py").read_text(encoding="utf-8")
    ran = run("proposals", cwd=root)
    # no python template yet: printed, not written, and the run says so
    assert ran.returncode == 1
    assert '"python": {' in ran.stdout and '"extends": "pep-full"' in ran.stdout
    assert '"Standards Track"' in ran.stdout and '"Active": "done"' in ran.stdout
    assert (root / "conf.py").read_text(encoding="utf-8") == conf_before
    if "discussions" in FIELD_BY_NAME:  # PEP 8's Post-History has dates, no links
        assert "'Post-History' has dates without a link" in ran.stdout
    for name in CLEAN_PEPS:  # the body after the header, byte for byte but its :pep: roles
        original = fixture(name)
        assert (
            (root / "proposals" / name)
            .read_text(encoding="utf-8")
            .endswith(as_pep_ref(original[original.index("\n\n") :]))
        )
    (root / "conf.py").write_text(conf_before, encoding="utf-8")
    for name in CLEAN_PEPS:  # start again, and write the template this time
        (root / "proposals" / name).write_text(fixture(name), encoding="utf-8")
    ran = run("proposals", "--write-template", cwd=root)
    assert ran.returncode == 0, ran.stdout
    conf = (root / "conf.py").read_text(encoding="utf-8")
    assert conf.startswith(conf_before)
    assert conf.count(BEGIN) == 1 and conf.rstrip().endswith(END)
    built = build(build_project, root)
    assert built.warnings == []
    html = built.html("proposals/pep-0008")
    assert '<span class="pep-header-name">Style Guide for Python Code</span>' in html
    assert 'href="pep-0007.html"' in html and "peps.python.org" not in html
    assert 'pep-status-done">Active</span>' in html
    pep8 = (root / "proposals/pep-0008.rst").read_text(encoding="utf-8")
    assert pep8.startswith(
        "=====================================\n"
        "PEP 0008: Style Guide for Python Code\n"
        "=====================================\n\n"
        ".. pep-header::\n   :pep: 8\n   :template: python\n"
        "   :author: Guido van Rossum <guido@python.org>, Barry Warsaw <barry@python.org>, "
        "Alyssa Coghlan <ncoghlan@gmail.com>\n"
        "   :status: Active\n   :type: Process\n   :created: 05-Jul-2001\n"
    )


def test_python_fields_without_a_header_field_are_kept_in_a_comment(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    root = project(tmp_path, {"proposals/pep-0695.rst": fixture("pep-0695.rst")})
    ran = run("proposals", "--write-template", cwd=root)
    text = (root / "proposals/pep-0695.rst").read_text(encoding="utf-8")
    for key, field in (("Sponsor", "sponsor"), ("Python-Version", "target")):
        if field in FIELD_BY_NAME:  # a process field core/fields.py declares
            assert f"   :{field}: " in text
        else:
            assert re.search(rf"^   {key}: ", text, re.M), text
            assert f"{key!r} has no pep-header field" in ran.stdout
    if "discussions" in FIELD_BY_NAME:  # Post-History's linked dates, as DATE URL items
        assert (
            "   :discussions: 20-Jun-2022 https://mail.python.org/archives/list/typing-sig"
            "@python.org/thread/BB2BGYJY2YG5IWESKGTAPUQL3N27ZKVW/, 04-Dec-2022 "
            "https://discuss.python.org/t/pep-695-type-parameter-syntax/21646\n"
        ) in text
    if "resolution" in FIELD_BY_NAME:
        assert "   :resolution: https://discuss.python.org/t/pep-695-type-parameter" in text
    assert "   :depends-on:" not in text
    assert "   :discussion: https://mail.python.org/archives/list/typing-sig" in text
    # The author's "user at host" address (python/peps' convention) is read too.
    built = build(build_project, root)
    assert built.warnings == []
    assert "Eric Traut &lt;erictr at microsoft.com&gt;" in built.html("proposals/pep-0695")


def test_relations_and_superseded_by_map_to_ids(tmp_path: Path, run: Run) -> None:
    header = (
        "PEP: 3\nTitle: Old way\nAuthor: A <a@example.com>\nStatus: Superseded\n"
        "Type: Process\nCreated: 01-Jan-2001\nRequires: PEP 1, 0002\nReplaces: 0004\n"
        "Superseded-By: 5\nContent-Type: text/x-rst\n\n\nText\n====\n\nBody.\n"
    )
    root = project(tmp_path, {"proposals/pep-0003.rst": header})
    run("proposals", cwd=root)
    text = (root / "proposals/pep-0003.rst").read_text(encoding="utf-8")
    assert "   :depends-on: 1, 2\n   :supersedes: 4\n   :superseded-by: 5\n" in text
    assert "Content-Type" not in text
    assert text.endswith("\n\n\nText\n====\n\nBody.\n")


# -- python/peps' body markup: the :pep: role and banners (issue 20) ----------------------

#: Short excerpts of python/peps (CC0/public domain), as written there.
PEP_211_REJECTED = """\
.. rejected::

   The approach in the later :pep:`465` was eventually accepted
   in lieu of this PEP. The :pep:`Rejected Ideas
   <465#rejected-alternatives-to-adding-a-new-operator>`
   of that PEP explains the rationale in more detail.

"""
PEP_215_SUPERSEDED = ".. superseded:: 292\n\n"
PEP_566_CANONICAL = ".. canonical-pypa-spec:: :ref:`packaging:core-metadata`\n\n\n"
PEP_12_EXAMPLES = """\
To refer to PEPs or RFCs, always use the ``:pep:`` and ``:rfc:`` roles,
never hardcoded URLs.
For example:

.. code-block:: rst

    See :pep:`1` for more information on how to write a PEP,

you would write the following::

    .. canonical-doc:: :mod:`python:sqlite3`

See :pep:`1#abstract`, :pep:`the abstract <1#abstract>` and :PEP:`1`.

..
   Local Variables:
   :pep:`1` in a comment
"""


def python_pep(number: int, status: str, body: str, extra: str = "") -> str:
    return (
        f"PEP: {number}\nTitle: Example {number}\nAuthor: A <a at example.com>\n"
        f"Status: {status}\nType: Process\nCreated: 01-Jan-2001\n{extra}\n"
        f"{body}Abstract\n========\n\nText.\n"
    )


def test_pep_roles_become_pep_ref_and_literals_stay() -> None:
    converted = convert_python_markup(PEP_12_EXAMPLES)
    assert converted == PEP_12_EXAMPLES.replace(
        "See :pep:`1#abstract`, :pep:`the abstract <1#abstract>` and :PEP:`1`.",
        "See :pep:ref:`1#abstract`, :pep:ref:`the abstract <1#abstract>` and :pep:ref:`1`.",
    )
    assert convert_python_markup(converted) == converted


def test_a_list_items_literal_block_ends_where_its_text_goes_on() -> None:
    # PEP 622: the literal block under "- Use the ``or`` keyword::" is indented
    # under the item's text, which then goes on at that text's column.
    excerpt = (
        "- Use the ``or`` keyword::\n\n"
        "    case 401 or 403 or 404:\n"
        '        print("Some HTTP error")\n\n'
        "  This could work, and the readability is not too different from using\n"
        "  ``|``.  However:\n\n"
        "  6. ``|`` not just used for bitwise OR -- it's used for set unions,\n"
        "     dict merging (:pep:`584`) and is being considered as an\n"
        "     alternative to ``typing.Union`` (:pep:`604`).\n"
    )
    assert convert_python_markup(excerpt) == excerpt.replace(":pep:`", ":pep:ref:`")
    literal = "- Example::\n\n    see :pep:`8`\n\n  and :pep:`9`.\n"
    assert convert_python_markup(literal) == literal.replace(":pep:`9", ":pep:ref:`9")


def test_banners_become_notes_or_go_where_the_status_banner_says_it() -> None:
    text = PEP_211_REJECTED + PEP_215_SUPERSEDED + PEP_566_CANONICAL + ".. withdrawn::\n\nEnd.\n"
    converted = convert_python_markup(text)
    assert converted == (
        ".. note::\n\n"
        "   The approach in the later :pep:ref:`465` was eventually accepted\n"
        "   in lieu of this PEP. The :pep:ref:`Rejected Ideas\n"
        "   <465#rejected-alternatives-to-adding-a-new-operator>`\n"
        "   of that PEP explains the rationale in more detail.\n\n"
        ".. note:: This PEP is a historical document. The up-to-date, canonical spec is "
        "maintained on the `PyPA specs page <https://packaging.python.org/en/latest/"
        "specifications/>`__: :ref:`packaging:core-metadata`\n\n\n"
        "End.\n"
    )
    assert convert_python_markup(converted) == converted


def test_migrated_python_markup_builds_clean_and_a_second_run_changes_nothing(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    files = {
        "proposals/pep-0211.rst": python_pep(211, "Rejected", PEP_211_REJECTED),
        "proposals/pep-0215.rst": python_pep(
            215, "Superseded", PEP_215_SUPERSEDED, "Superseded-By: 292\n"
        ),
        "proposals/pep-0292.rst": python_pep(292, "Final", "", "Replaces: 215\n"),
        "proposals/pep-0465.rst": python_pep(
            465,
            "Final",
            "See :pep:`211`.\n\nRejected alternatives to adding a new operator\n"
            "==============================================\n\nSome.\n\n",
        ),
        "proposals/pep-0012.rst": python_pep(
            12, "Active", PEP_12_EXAMPLES.replace("1", "12") + "\n"
        ),
    }
    root = project(tmp_path, files)
    ran = run("proposals", "--write-template", cwd=root)
    assert ran.returncode == 0, ran.stdout
    converted = {name: (root / name).read_bytes() for name in files}
    assert b".. rejected::" not in converted["proposals/pep-0211.rst"]
    assert b"superseded::" not in converted["proposals/pep-0215.rst"]
    assert b"See :pep:ref:`211`." in converted["proposals/pep-0465.rst"]
    built = build(build_project, root)
    assert built.warnings == []
    html = built.html("proposals/pep-0211")
    assert 'class="admonition note"' in html and "was eventually accepted" in html
    assert 'href="pep-0465.html#rejected-alternatives-to-adding-a-new-operator"' in html
    again = run("proposals", cwd=root)
    assert "0 converted" in again.stdout
    assert {name: (root / name).read_bytes() for name in files} == converted


def test_pep_0_is_the_projects_index_page() -> None:
    """PEP 0 is python/peps' generated index: in the migrated project, its root document."""
    text = "See :pep:`0`, :pep:`the index <0>` and :pep:`0000`, not :pep:`10` or ``:pep:`0```.\n"
    assert convert_python_markup(text) == (
        "See :doc:`PEP 0 </index>`, :doc:`the index </index>` and :doc:`PEP 0 </index>`, "
        "not :pep:ref:`10` or ``:pep:`0```.\n"
    )
    assert convert_python_markup(text, "contents").count(":doc:`PEP 0 </contents>`") == 2
    # a PEP numbered 0-something is a PEP, and a converted text stays as it is
    assert convert_python_markup(":pep:`0#x` :pep:`08`") == ":pep:ref:`0#x` :pep:ref:`08`"
    converted = convert_python_markup(text)
    assert convert_python_markup(converted) == converted


def test_pep_0_and_early_discussion_build_clean(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    """PEP 42 links PEP 0; PEP 1 allows Post-History before Created (the number's date)."""
    early = "Post-History: `01-Dec-2000 <https://mail.python.org/t/1>`__\n"
    root = project(
        tmp_path,
        {"proposals/pep-0042.rst": python_pep(42, "Withdrawn", "See :pep:`0`.\n\n", early)},
    )
    ran = run("proposals", "--write-template", cwd=root)
    assert ran.returncode == 0, ran.stdout
    assert '"discussions_after_created": False,' in ran.stdout
    converted = (root / "proposals/pep-0042.rst").read_text(encoding="utf-8")
    assert "See :doc:`PEP 0 </index>`." in converted
    assert "   :discussions: 01-Dec-2000 https://mail.python.org/t/1\n" in converted
    built = build(build_project, root)
    assert built.warnings == []
    assert '<a class="reference internal" href="../index.html"' in built.html("proposals/pep-0042")


def test_a_peps_pages_without_a_header_are_converted_as_its_own(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    """PEP 639's appendices: ``:orphan:`` pages in ``pep-0639/``, in the PEP's markup."""
    pages = {
        f"proposals/pep-0639/{name}": fixture(f"pep-0639/{name}")
        for name in ("appendix-examples.rst", "appendix-license-survey.rst")
    }
    files = {
        "proposals/pep-0639.rst": python_pep(
            639, "Final", "See :ref:`the examples <639-examples>`.\n\n"
        ),
        **pages,
        # not pages of a Python PEP: no sibling PEP, or one of another form
        "proposals/pep-0700/notes.rst": ".. canonical-doc:: elsewhere\n\nNotes\n=====\n",
        "proposals/pep-0014.md": snippet("migrate-header-before.md"),
        "proposals/pep-0014/notes.rst": ":orphan:\n\nNotes\n=====\n\nSee :pep:`8`.\n",
    }
    root = project(tmp_path, files)
    ran = run("proposals", "--write-template", cwd=root)
    lines = ran.stdout.splitlines()
    examples = "proposals/pep-0639/appendix-examples.rst"
    assert f"converted: {examples}" in lines
    assert (
        lines[lines.index(f"converted: {examples}") + 1]
        == "  a page of proposals/pep-0639.rst (no header of its own): its markup converted"
    )
    assert (
        "already converted: proposals/pep-0639/appendix-license-survey.rst: "
        "a page of proposals/pep-0639.rst"
    ) in lines
    for other in ("proposals/pep-0700/notes.rst", "proposals/pep-0014/notes.rst"):
        assert f"skipped: {other}: not a proposal (no header found)" in lines
        assert (root / other).read_text(encoding="utf-8") == files[other]
    text = (root / examples).read_text(encoding="utf-8")
    assert text == pages[examples].replace(":pep:`639`", ":pep:ref:`639`").replace(
        ".. canonical-pypa-spec:: :ref:`639-examples`",
        ".. note:: This PEP is a historical document. The up-to-date, canonical spec is "
        "maintained on the `PyPA specs page <https://packaging.python.org/en/latest/"
        "specifications/>`__: :ref:`639-examples`",
    )
    for other in ("pep-0700/notes.rst", "pep-0014/notes.rst", "pep-0014.md"):
        (root / "proposals" / other).unlink()  # for the build: only PEP 639 and its pages
    built = build(build_project, root)
    assert built.warnings == []
    assert 'href="../pep-0639.html#pep-639"' in built.html("proposals/pep-0639/appendix-examples")
    # a second run finds the converted PEP, and changes nothing
    again = run("proposals", cwd=root)
    assert f"already converted: {examples}: a page of proposals/pep-0639.rst" in again.stdout
    assert (root / examples).read_text(encoding="utf-8") == text


def test_peps_template_is_left_out_not_converted(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    """PEP 12's ``pep-0012/pep-NNNN.rst``: a header of slots, which python/peps does not build."""
    template = (
        "PEP: <REQUIRED: pep number>\nTitle: <REQUIRED: pep title>\n"
        "Author: <REQUIRED: list of authors' names>\nStatus: <REQUIRED: Draft | Active>\n"
        "Type: <REQUIRED: Standards Track | Informational | Process>\n"
        "Created: <date created on, in dd-mmm-yyyy format>\n\n\n"
        "Abstract\n========\n\n[A short (~200 word) description.]\n"
    )
    files = {
        "proposals/pep-0012.rst": python_pep(12, "Active", ""),
        "proposals/pep-0012/pep-NNNN.rst": template,
    }
    root = project(tmp_path, files)
    ran = run("proposals", "--write-template", cwd=root)
    assert (
        "skipped: proposals/pep-0012/pep-NNNN.rst: a template (its PEP field is "
        "'<REQUIRED: pep number>'), not a proposal: leave it out of the build"
    ) in ran.stdout.splitlines()
    assert "0 with a problem" in ran.stdout
    assert (root / "proposals/pep-0012/pep-NNNN.rst").read_text(encoding="utf-8") == template
    line = (
        "exclude_patterns = [*globals().get('exclude_patterns', []), "
        "*['proposals/pep-0012/pep-NNNN.rst']]\n"
    )
    assert line in ran.stdout and "extensions +=" not in ran.stdout
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(line)
    assert build(build_project, root).warnings == []


def test_a_page_whose_pep_cannot_be_read_is_left_alone(tmp_path: Path, run: Run) -> None:
    """Hostile: the folder's PEP is binary, not UTF-8, or a folder itself: no traceback."""
    page = ":orphan:\n\n.. withdrawn::\n\nNotes\n=====\n\nSee :pep:`8`.\n"
    files: dict[str, str | bytes] = {
        "proposals/pep-0701.rst": b"PEP: 701\nTitle: Caf\xe9\n",
        "proposals/pep-0701/notes.rst": page,
        "proposals/pep-0702.rst": b"PEP: 702\x00\n",
        "proposals/pep-0702/notes.rst": page,
        "proposals/pep-0703.rst/notes.rst": page,
        "proposals/pep-0703/notes.rst": page,
    }
    root = project(tmp_path, files)
    ran = run("proposals", cwd=root)
    assert "Traceback" not in ran.stdout + ran.stderr
    for number in (701, 702, 703):
        notes = f"proposals/pep-{number:04d}/notes.rst"
        assert f"skipped: {notes}: not a proposal (no header found)" in ran.stdout
        assert (root / notes).read_text(encoding="utf-8") == page


def test_the_run_proposes_the_extlinks_and_intersphinx_the_peps_use(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    body = "See :pypi:`hatch`, :cpython-issue:`1234` and ``:cpython-pr:`1```.\n\n"
    root = project(tmp_path, {"proposals/pep-0001.rst": python_pep(1, "Active", body)})
    ran = run("proposals", "--write-template", cwd=root)
    # the check at the end finds the roles unknown, and the run says what defines them
    assert ran.returncode == 1
    assert 'ERROR: Unknown interpreted text role "pypi".' in ran.stdout
    proposed = (
        "extensions += ['sphinx.ext.extlinks']\n"
        "extlinks = {\n"
        "    'cpython-issue': ('https://github.com/python/cpython/issues/%s', "
        "'python/cpython#%s'),\n"
        "    'pypi': ('https://pypi.org/project/%s/', '%s'),\n"
        "}\n"
    )
    assert (
        "The converted PEPs need these lines of python/peps' conf.py; add them to conf.py:"
    ) in ran.stdout
    assert proposed in ran.stdout
    # pasted, the roles are known: no "Unknown interpreted text role"
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(proposed)
    built = build(build_project, root)
    assert built.warnings == []
    html = built.html("proposals/pep-0001")
    assert 'href="https://pypi.org/project/hatch/"' in html
    assert 'href="https://github.com/python/cpython/issues/1234"' in html

    body = (
        ".. canonical-doc:: :mod:`python:sqlite3`\n\n"
        "See :ref:`packaging:core-metadata`, :external+py3.14:func:`len` and "
        ":term:`a term <typing:special form>`; not :ref:`my-label` or :pep:`8`.\n\n"
    )
    (root / "proposals/pep-0002.rst").write_text(python_pep(2, "Active", body), encoding="utf-8")
    ran = run("proposals/pep-0002.rst", cwd=root)
    assert (
        "extensions += ['sphinx.ext.intersphinx']\n"
        "intersphinx_mapping = {\n"
        "    'packaging': ('https://packaging.python.org/en/latest', None),\n"
        "    'py3.14': ('https://docs.python.org/3.14', None),\n"
        "    'python': ('https://docs.python.org/3', None),\n"
        "    'typing': ('https://typing.python.org/en/latest', None),\n"
        "}\n"
    ) in ran.stdout
    # nothing of theirs used: nothing proposed
    (root / "proposals/pep-0003.rst").write_text(python_pep(3, "Active", ""), encoding="utf-8")
    assert "python/peps' conf.py" not in run("proposals/pep-0003.rst", cwd=root).stdout


# -- MADR ----------------------------------------------------------------------------------

MADR = """\
---
status: superseded by ADR-0007
date: 2024-03-02
deciders: Jane Doe <jane@example.com>, John Roe <john@example.com>
consulted: the platform team
---
# Use PostgreSQL for the event store

## Context and Problem Statement

We need a durable store for events.

## Decision Outcome

Chosen option: PostgreSQL, because the team runs it already.
"""


def test_madr_records_convert_and_build(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    accepted = MADR.replace("superseded by ADR-0007", "accepted").replace("PostgreSQL", "Kafka")
    root = project(
        tmp_path, {"proposals/0003-use-postgres.md": MADR, "proposals/0007-use-kafka.md": accepted}
    )
    ran = run("proposals", "--write-template", cwd=root)
    assert ran.returncode == 0, ran.stdout
    text = (root / "proposals/0003-use-postgres.md").read_text(encoding="utf-8")
    assert text == (
        "---\nconsulted: the platform team\n---\n"
        "# Use PostgreSQL for the event store\n\n"
        "```{pep-header}\n:adr: 3\n:template: adr\n:status: superseded\n:superseded-by: 7\n"
        ":created: 2024-03-02\n"
        ":author: Jane Doe <jane@example.com>, John Roe <john@example.com>\n```\n\n"
        "## Context and Problem Statement\n\nWe need a durable store for events.\n\n"
        "## Decision Outcome\n\nChosen option: PostgreSQL, because the team runs it already.\n"
    )
    assert '"label": "ADR"' in (root / "conf.py").read_text(encoding="utf-8")
    built = build(build_project, root)
    assert built.warnings == []
    assert '<span class="pep-header-id">ADR 0003</span>' in built.html(
        "proposals/0003-use-postgres"
    )


# -- bad input -------------------------------------------------------------------------------


def test_bad_files_are_one_line_each_and_the_others_convert(tmp_path: Path, run: Run) -> None:
    root = project(
        tmp_path,
        {
            "proposals/binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "proposals/latin1.md": "# PEP 0001: Caf\xe9\n".encode("latin-1"),
            "proposals/notes.md": "# Notes\n\nNothing to see.\n",
            "proposals/locked.md": snippet("migrate-header-before.md"),
            "proposals/pep-0015.md": snippet("migrate-pepfull-before.md"),
        },
    )
    locked = root / "proposals/locked.md"
    locked.chmod(0o444)
    try:
        named = [f"proposals/{n}" for n in ("binary.md", "latin1.md", "notes.md", "locked.md")]
        ran = run(*named, "proposals/pep-0015.md", "proposals/missing.md", cwd=root)
    finally:
        locked.chmod(0o644)
    assert ran.returncode == 1
    lines = ran.stdout.splitlines()
    assert "skipped: proposals/binary.md: a binary file (it holds NUL bytes), not text" in lines
    assert (
        "skipped: proposals/latin1.md: not UTF-8 text: byte 0xe9 at offset 15 cannot be "
        "decoded (re-save the file as UTF-8)"
    ) in lines
    assert any(
        line.startswith("skipped: proposals/notes.md: no proposal header found") for line in lines
    )
    assert "skipped: proposals/locked.md: read-only: not changed (make it writable)" in lines
    assert "skipped: proposals/missing.md: no such file" in lines
    assert "converted: proposals/pep-0015.md" in lines
    assert "Traceback" not in ran.stdout + ran.stderr
    assert locked.read_text(encoding="utf-8") == snippet("migrate-header-before.md")
    assert (root / "proposals/pep-0015.md").read_text(encoding="utf-8") == snippet(
        "migrate-pepfull-after.md"
    )
    assert sorted(p.name for p in (root / "proposals").iterdir() if p.name.startswith(".")) == []


def test_a_directorys_other_pages_are_no_problem(tmp_path: Path, run: Run) -> None:
    root = project(
        tmp_path,
        {
            "proposals/pep-0014.md": snippet("migrate-header-before.md"),
            "proposals/glossary.md": "# Glossary\n",
            **_neighbours(),
        },
    )
    ran = run("proposals", cwd=root)
    assert "skipped: proposals/glossary.md: not a proposal (no header found)" in ran.stdout
    assert "1 converted, 2 already converted, 1 skipped (0 with a problem, 1 not proposals)" in (
        ran.stdout
    )


def test_an_unknown_status_is_reported_with_the_template_that_fits(
    tmp_path: Path, run: Run
) -> None:
    page = snippet("migrate-header-before.md").replace("| Accepted |", "| In Review |", 1)
    root = project(tmp_path, {"proposals/pep-0014.md": page})
    ran = run("proposals", "--dry-run", cwd=root)
    assert ran.returncode == 1
    assert "  not in template 'pep': status 'In Review'" in ran.stdout
    assert '"pep": {\n        "statuses": {\n            "Proposed": "open",' in ran.stdout
    assert '"In Review": "open",' in ran.stdout
    assert "(the group of 'In Review' is a guess: check it)" in ran.stdout


def test_usage(tmp_path: Path, run: Run) -> None:
    ran = run("--help", cwd=tmp_path)
    assert ran.returncode == 0
    assert "RFC 2822 header" in ran.stdout and "--write-template" in ran.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    ran = run(empty, cwd=tmp_path)
    assert ran.returncode == 2
    assert ran.stderr.startswith("sphinx-pep migrate: error: no .md or .rst files in empty")
    assert os.listdir(empty) == []


def test_the_guides_example_run_is_what_the_command_prints(tmp_path: Path, run: Run) -> None:
    guide = (HERE.parent / "docs" / "migrating.md").read_text(encoding="utf-8")
    section = guide.split("## Convert with one command", 1)[1]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    root = project(
        tmp_path,
        {
            "proposals/pep-0014.md": snippet("migrate-header-before.md"),
            "proposals/pep-0015.md": snippet("migrate-pepfull-before.md"),
            "proposals/glossary.md": "# Glossary\n",
        },
    )
    ran = run("proposals", cwd=root)
    assert ran.stdout.splitlines()[: len(shown)] == shown


def test_an_rfc_2822_title_takes_a_style_the_body_does_not_use(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    """PEP 3153 overlines its own sections with '='; PEP 236 is 'Back to the __future__'."""
    body = "\n\n=========\nAbstract\n=========\n\nText.\n\nDetails\n-------\n\nMore.\n"
    pages = {
        "proposals/pep-3153.rst": "PEP: 3153\nTitle: Asynchronous IO support\n"
        "Author: A <a@example.com>\nStatus: Draft\nType: Process\nCreated: 29-May-2011\n" + body,
        "proposals/pep-0009.rst": "PEP: 9\nTitle: The *args and `x` foo_ thing\n"
        "Author: A <a@example.com>\nStatus: Draft\nType: Process\nCreated: 29-May-2011\n" + body,
    }
    root = project(tmp_path, pages)
    run("proposals", "--write-template", cwd=root)
    text = (root / "proposals/pep-3153.rst").read_text(encoding="utf-8")
    assert text.startswith("#" * 33 + "\nPEP 3153: Asynchronous IO support\n" + "#" * 33 + "\n")
    text = (root / "proposals/pep-0009.rst").read_text(encoding="utf-8")
    assert "\nPEP 0009: The \\*args and \\`x\\` foo\\_ thing\n" in text
    built = build(build_project, root)
    assert built.warnings == []
    html = built.html("proposals/pep-0009")
    assert '<span class="pep-header-name">The *args and `x` foo_ thing</span>' in html


def test_a_byte_order_mark_is_kept(tmp_path: Path, run: Run) -> None:
    page = "\ufeff" + snippet("migrate-header-before.md")
    root = project(tmp_path, {"proposals/pep-0014.md": page})
    run("proposals", cwd=root)
    data = (root / "proposals/pep-0014.md").read_bytes()
    assert data == ("\ufeff" + snippet("migrate-header-after.md")).encode("utf-8")


def test_a_row_without_a_header_field_is_kept_in_a_comment(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    page = snippet("migrate-header-before.md").replace(
        "| **Risk** |", "| **Steward** | Platform team |\n| **Risk** |", 1
    )
    root = project(tmp_path, {"proposals/pep-0014.md": page, **_neighbours()})
    ran = run("proposals/pep-0014.md", cwd=root)
    assert "note: 'Steward' has no pep-header field: kept as written in a comment" in ran.stdout
    text = (root / "proposals/pep-0014.md").read_text(encoding="utf-8")
    assert text.endswith(
        ":depends-on: 9\n```\n\n<!-- Fields sphinx-pep migrate could not put in the header, "
        "as written:\nSteward: Platform team\n-->\n"
    )
    assert [w for w in build(build_project, root).warnings if w.type != "pep.section"] == []


def test_formats_and_templates_on_request(tmp_path: Path, run: Run) -> None:
    root = project(
        tmp_path,
        {
            "proposals/pep-0008.rst": fixture("pep-0008.rst"),
            "proposals/pep-0014.md": snippet("migrate-header-before.md"),
        },
    )
    ran = run("proposals", "--format", "md", "--template", "pep-full", "--dry-run", cwd=root)
    assert (
        "skipped: proposals/pep-0008.rst: --format md: reStructuredText is not converted to "
        "Markdown (use --format keep)"
    ) in ran.stdout.splitlines()
    assert "+:template: pep-full" in ran.stdout.splitlines()
    assert "would convert: proposals/pep-0014.md" in ran.stdout
    assert ran.returncode == 1  # the .rst file was skipped


def test_filled_seeds_written_as_rst_build_clean(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    names = {"seed000": "pep-0100", "seed001": "pep-0101", "seed002": "rfc-0102"}
    files = {f"proposals/{n}.md": fixture(f"{seed}-filled.md") for seed, n in names.items()}
    root = project(tmp_path, files)
    ran = run("proposals", "--format", "rst", cwd=root)
    assert ran.returncode == 0, ran.stdout
    assert sorted(p.name for p in (root / "proposals").iterdir()) == [
        f"{n}.rst" for n in sorted(names.values())
    ]
    rfc = (root / "proposals/rfc-0102.rst").read_text(encoding="utf-8")
    assert rfc.startswith("Enhancement: Saved searches\n===========================\n\n")
    assert "\n.. pep-header::\n   :rfc: 102\n   :template: enhancement\n" in rfc
    built = build(build_project, root)
    assert built.warnings == []
    assert "pep-risk-matrix" in built.html("proposals/rfc-0102")


def test_a_dry_run_says_which_files_it_could_not_write(tmp_path: Path, run: Run) -> None:
    root = project(tmp_path, {"proposals/pep-0014.md": snippet("migrate-header-before.md")})
    (root / "proposals/pep-0014.rst").write_text("taken\n", encoding="utf-8")
    locked = root / "proposals/pep-0014.md"
    ran = run("proposals/pep-0014.md", "--format", "rst", "--dry-run", cwd=root)
    assert "skipped: proposals/pep-0014.md: proposals/pep-0014.rst exists already; not " in (
        ran.stdout
    )
    assert "would convert" not in ran.stdout and "---" not in ran.stdout
    locked.chmod(0o444)
    try:
        ran = run("proposals/pep-0014.md", "--dry-run", cwd=root)
    finally:
        locked.chmod(0o644)
    lines = ran.stdout.splitlines()
    assert lines[0] == "skipped: proposals/pep-0014.md: read-only: not changed (make it writable)"
    assert ran.returncode == 1


def test_write_template_appends_the_block_the_reference_shows(tmp_path: Path, run: Run) -> None:
    rows = "| Date | From | To | Notes |\n|---|---|---|---|\n| 2026-01-15 | — | In Review | New |\n"
    page = _history_page(rows, status="In Review")
    root = project(tmp_path, {"proposals/pep-0014.md": page, **_neighbours()})
    run("proposals", "--write-template", cwd=root)
    reference = (HERE.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    shown = reference.split("```python\n" + BEGIN, 1)[1].split("```", 1)[0]
    assert (root / "conf.py").read_text(encoding="utf-8") == f"{BASE_CONF}\n{BEGIN}{shown}"
    again = run("proposals", "--write-template", cwd=root)
    assert again.returncode == 0, again.stdout  # the status fits now; nothing appended
    assert (root / "conf.py").read_text(encoding="utf-8").count(BEGIN) == 1


def test_the_references_example_run_is_what_the_command_prints(tmp_path: Path, run: Run) -> None:
    reference = (HERE.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    section = reference.split("## `sphinx-pep migrate`", 1)[1]
    shown = section.split("```text\nconverted:", 1)[1].split("skipped:", 1)[0]
    page = (
        snippet("migrate-header-before.md")
        .replace("| Accepted |", "| In Review |", 1)
        .replace("| **Risk** |", "| **Steward** | Platform team |\n| **Risk** |", 1)
    )
    root = project(tmp_path, {"proposals/pep-0014.md": page})
    ran = run("proposals", cwd=root)
    assert ran.stdout.startswith(f"converted:{shown}")


def test_a_failed_write_leaves_the_file_as_it_was(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(
        tmp_path,
        {
            "proposals/pep-0014.md": snippet("migrate-header-before.md"),
            "proposals/pep-0015.md": snippet("migrate-pepfull-before.md").replace(
                "```\nPEP:", "```text\nPEP:", 1
            ),
        },
    )
    real_replace = os.replace

    def full_disk(source: str, target: str) -> None:
        if str(target).endswith("pep-0014.md"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr("sphinxext_pep.cli.migrate_template.os.replace", full_disk)
    ran = run("proposals", cwd=root)
    assert "skipped: proposals/pep-0014.md: cannot write it: No space left on device" in (
        ran.stdout.splitlines()
    )
    assert ran.returncode == 1
    assert (root / "proposals/pep-0014.md").read_text(encoding="utf-8") == snippet(
        "migrate-header-before.md"
    )
    # the other file converted (its header block in a ```text fence), no temporary file left
    assert (root / "proposals/pep-0015.md").read_text(encoding="utf-8") == snippet(
        "migrate-pepfull-after.md"
    )
    assert sorted(p.name for p in (root / "proposals").iterdir()) == ["pep-0014.md", "pep-0015.md"]


def test_a_reader_that_fails_on_one_file_stops_only_that_file(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinxext_pep.cli import migrate

    real = migrate.READERS[0]

    def broken(lines: Any, filetype: str, name: str) -> Any:
        if name == "pep-0014.md":
            raise ValueError("boom")
        return real(lines, filetype, name)

    monkeypatch.setattr(migrate, "READERS", (broken, *migrate.READERS[1:]))
    root = project(
        tmp_path,
        {
            "proposals/pep-0014.md": snippet("migrate-header-before.md"),
            "proposals/pep-0015.md": snippet("migrate-pepfull-before.md"),
        },
    )
    ran = run("proposals", cwd=root)
    assert ran.returncode == 1
    lines = ran.stdout.splitlines()
    assert "skipped: proposals/pep-0014.md: not converted: unexpected ValueError: boom" in lines
    assert "converted: proposals/pep-0015.md" in lines


def test_a_markdown_title_written_from_the_title_field_reads_back_as_written(
    tmp_path: Path, run: Run, build_project: BuildProject
) -> None:
    page = snippet("migrate-pepfull-before.md").replace(
        "Title: Cache warm-up", "Title: The *args and `x` [y] thing", 1
    )
    sections = "".join(
        f"\n## {name}\n\nThe {name.lower()}.\n"
        for name in ("Abstract", "Motivation", "Specification", "Implementation")
    )
    root = project(tmp_path, {"proposals/pep-0015.md": page + sections})
    run("proposals", cwd=root)
    text = (root / "proposals/pep-0015.md").read_text(encoding="utf-8")
    assert text.startswith("# PEP 0015: The \\*args and \\`x\\` \\[y\\] thing\n")
    built = build(build_project, root)
    assert built.warnings == []
    html = built.html("proposals/pep-0015")
    assert '<span class="pep-header-name">The *args and `x` [y] thing</span>' in html
