"""The ``sphinx-pep`` command (SPEC §10), run in-process through its entry point.

Every test calls :func:`sphinxext_pep.cli.main` on a temporary project (the
working directory and ``SOURCE_DATE_EPOCH`` set as a user would set them) and
asserts what a user sees: the exit status, stdout, the one-line errors on
stderr, the file written, and what Sphinx says about that file when it builds
it. A few tests start the real command in a subprocess: that the console
script and ``python -m sphinxext_pep`` start, and what a closed stdout pipe
does to a process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_CONF, index_rst, minimal_pep, myst_pep
from sphinx.cmd.build import build_main

from sphinxext_pep.cli import main

#: 2026-01-15, 12:00 UTC: the day every scaffold in these tests is "created".
EPOCH = "1768478400"
TODAY = "2026-01-15"

GLOB_INDEX = "Proposals\n=========\n\n.. toctree::\n   :glob:\n\n   proposals/*\n"
TEMPLATES = ("pep", "pep-full", "enhancement")
_BUILD_LINE_RE = re.compile(r"^(?P<where>[^\s]*?:\d*): (?:WARNING|ERROR): .*?\[(?P<type>[\w.]+)\]$")


@dataclass(frozen=True)
class Ran:
    """What a run of the command (or of sphinx-build) showed: status, stdout, stderr."""

    returncode: int
    stdout: str
    stderr: str


Run = Callable[..., Ran]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """``sphinx-pep ARGS`` run in *cwd*: ``main(ARGS)`` in this process."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str | Path, cwd: Path) -> Ran:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        status = main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        return Ran(status, out, err)

    return run


@pytest.fixture
def sphinx_build(capsys: pytest.CaptureFixture[str]) -> Run:
    """``sphinx-build -b html -E -q`` of a project, in this process."""

    def build(srcdir: Path, *options: str) -> Ran:
        capsys.readouterr()
        status = build_main(
            ["-b", "html", "-E", "-q", "--no-color", *options, str(srcdir), str(srcdir / "_build")]
        )
        out, err = capsys.readouterr()
        return Ran(status, out, err)

    return build


def run_process(
    *args: str | Path, cwd: Path, script: bool = False, closed_stdout: bool = False
) -> subprocess.CompletedProcess[str]:
    """The command in a process; *closed_stdout*: into a pipe nobody reads (``| true``)."""
    if script:
        found = shutil.which("sphinx-pep", path=str(Path(sys.executable).parent))
        if found is None:
            pytest.skip("the sphinx-pep console script is not installed")
        command = [found]
    else:
        command = [sys.executable, "-m", "sphinxext_pep"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"}
    stdout: int = subprocess.PIPE
    if closed_stdout:
        # The reader is gone before the command starts: its first write to
        # stdout fails with EPIPE, every time (no race with a `true` process).
        reader, stdout = os.pipe()
        os.close(reader)
    try:
        return subprocess.run(
            [*command, *map(str, args)],
            cwd=cwd,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
    finally:
        if closed_stdout:
            os.close(stdout)


def project(root: Path, files: dict[str, str] | None = None, conf: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    contents = {"conf.py": BASE_CONF + conf, "index.rst": GLOB_INDEX, **(files or {})}
    for name, text in contents.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    (root / "proposals").mkdir(exist_ok=True)
    return root


def assert_one_line_error(result: Ran | subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert text in result.stderr, result.stderr


def check_lines(result: Ran) -> list[str]:
    return result.stdout.splitlines()


# -- help and usage errors ---------------------------------------------------------------


def test_help_shows_commands_and_examples(tmp_path: Path, run: Run) -> None:
    top = run("--help", cwd=tmp_path)
    assert top.returncode == 0
    assert "new" in top.stdout and "check" in top.stdout
    assert 'sphinx-pep new "Add a caching layer" --dir docs/proposals' in top.stdout

    new = run("new", "--help", cwd=tmp_path)
    assert new.returncode == 0
    for option in ("--template", "--format", "--dir", "--author", "--number", "--confdir"):
        assert option in new.stdout
    assert "examples:" in new.stdout

    check = run("check", "--help", cwd=tmp_path)
    assert check.returncode == 0
    assert "SOURCEDIR" in check.stdout
    assert "exit status: 0 no pep.* warnings, 1 some, 2 the project cannot be read" in check.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "sphinx-pep: error: choose a command: new, check or migrate"),
        (("new",), "sphinx-pep new: error: the following arguments are required: title"),
        (("new", "X", "--format", "txt"), "argument -f/--format: invalid choice: 'txt'"),
        (
            ("new", "X", "--number", "-3"),
            "not a proposal number (a whole number >= 0 of at most 12 digits): '-3'",
        ),
        (("new", "X", "--number", "1000000000000"), "of at most 12 digits): '1000000000000'"),
        (("new", "  "), "sphinx-pep new: error: the title is empty"),
        (("frobnicate",), "argument COMMAND: invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_are_one_line(
    tmp_path: Path, args: tuple[str, ...], message: str, run: Run
) -> None:
    assert_one_line_error(run(*args, cwd=tmp_path), message)
    assert list(tmp_path.iterdir()) == []


def test_console_script_and_module_start(tmp_path: Path) -> None:
    """The two ways to start the command, as processes: the console script, ``-m``."""
    for script in (True, False):
        result = run_process("--version", cwd=tmp_path, script=script)
        assert result.returncode == 0
        assert re.fullmatch(r"sphinx-pep \d+\.\d+\.\d+\S*\n", result.stdout)


# -- new: one scaffold per template and format ----------------------------------------------


@pytest.mark.parametrize("template", TEMPLATES)
def test_scaffold_builds_with_only_guidance_warnings(
    tmp_path: Path, template: str, run: Run, sphinx_build: Run
) -> None:
    """RST and MyST scaffolds of one template: only pep.placeholder / pep.section, the same."""
    root = project(tmp_path / "docs")
    label = "rfc" if template == "enhancement" else "pep"
    written = []
    for fmt in ("rst", "md"):
        result = run(
            "new", f"Cache warm-up in {fmt}", "--template", template, "--format", fmt,
            "--dir", "proposals", cwd=root,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        written.append(result.stdout.strip())
    assert written == [f"proposals/{label}-0001.rst", f"proposals/{label}-0002.md"]

    # The build: -W would fail, and only because of the template's guidance text.
    build = sphinx_build(root)
    assert build.returncode == 0, build.stderr
    kinds = [m["type"] for m in map(_BUILD_LINE_RE.match, build.stderr.splitlines()) if m]
    assert len(kinds) == len(build.stderr.splitlines()), build.stderr
    assert set(kinds) == {"pep.placeholder", "pep.section"}
    assert sphinx_build(root, "-W").returncode != 0

    # check reports the same problems for both formats, each located in its file.
    check = run("check", cwd=root)
    assert check.returncode == 1
    by_file: dict[str, list[str]] = {}
    for line in check_lines(check):
        where, message = line.split(": ", 1)
        by_file.setdefault(where.split(":")[0], []).append(
            re.sub(r"\b(PEP|RFC) 000[12]\b", "ID", message).replace(" in md", " in rst")
        )
    assert sorted(by_file) == written
    rst, md = by_file.values()
    assert sorted(rst) == sorted(md)
    assert any("[pep.section]" in m for m in rst)
    assert any("[pep.placeholder]" in m for m in rst)


@pytest.mark.parametrize(
    ("template", "fmt", "start"),
    [
        (
            "pep",
            "rst",
            f"""\
            PEP 0001: Add a caching layer
            =============================

            .. pep-header::
               :pep: 1
               :template: pep
               :author: Jane Doe <jane@example.com>
               :status: Proposed
               :risk: Low / Medium / High
               :created: {TODAY}
               :updated: {TODAY}
            """,
        ),
        (
            "pep-full",
            "md",
            f"""\
            # PEP 0001: Add a caching layer

            ```{{pep-header}}
            :pep: 1
            :template: pep-full
            :author: Jane Doe <jane@example.com>
            :status: Draft
            :type: [Standard | Informational | Process]
            :created: {TODAY}
            :updated: {TODAY}
            :version: 0.1
            ```

            ## Abstract

            *[Write a concise summary of 200-300 words that covers:]*
            """,
        ),
        (
            "enhancement",
            "md",
            f"""\
            ---
            title: Add a caching layer
            category: enhancement
            created: {TODAY}
            updated: {TODAY}
            status: proposed
            authors: ["Jane Doe <jane@example.com>"]
            rfc: 1
            ---

            # Enhancement: Add a caching layer

            ```{{pep-header}}
            :template: enhancement
            ```

            ## Executive Summary

            [1-2 paragraph summary of the proposal.""",
        ),
        (
            "enhancement",
            "rst",
            f"""\
            Enhancement: Add a caching layer
            ================================

            .. pep-header::
               :rfc: 1
               :template: enhancement
               :authors: Jane Doe <jane@example.com>
               :status: proposed
               :category: enhancement
               :created: {TODAY}
               :updated: {TODAY}

            Executive Summary
            -----------------

            [1-2 paragraph summary of the proposal.""",
        ),
    ],
)
def test_scaffold_header(tmp_path: Path, template: str, fmt: str, start: str, run: Run) -> None:
    """The template's header: its number field, first status, today, the seed's layout."""
    root = project(tmp_path)
    result = run(
        "new", "Add a caching layer", "-t", template, "-f", fmt, "-d", "proposals",
        "--author", "Jane Doe <jane@example.com>", cwd=root,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (root / result.stdout.strip()).read_text(encoding="utf-8")
    assert text.startswith(textwrap.dedent(start))


def test_rst_scaffold_converts_the_seed_structure(tmp_path: Path, run: Run) -> None:
    """Seed 001 in RST: headings, nested lists, code blocks, tables, comments."""
    root = project(tmp_path)
    result = run("new", "Cache", "-t", "pep-full", "-f", "rst", "-d", "proposals", cwd=root)
    text = (root / result.stdout.strip()).read_text(encoding="utf-8")
    expected = [
        "Use Cases\n~~~~~~~~~\n",
        "1. **Use Case 1: [Scenario Name]**\n\n"
        "   - Current behavior: [Describe what happens today]\n",
        "New APIs\n^^^^^^^^\n\n.. code-block:: text\n\n   // Example API definition\n",
        ".. code-block:: python\n\n   # Example implementation\n",
        ".. list-table::\n   :header-rows: 1\n\n   * - Parameter\n     - Type\n",
        "   * - ``cache.enabled``\n     - boolean\n     - ``true``\n",
        "- `Link 1: Description <https://example.com>`__\n",
        "- [ ] Set up cache infrastructure\n",
        "..\n   Author Instructions (from the template; this comment is not rendered)\n",
    ]
    for snippet in expected:
        assert snippet in text


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_filled_in_scaffold_builds_clean(
    tmp_path: Path, fmt: str, run: Run, sphinx_build: Run
) -> None:
    """Replace the guidance (header placeholders and comments): -W -n passes."""
    root = project(tmp_path)
    result = run(
        "new", "Nightly digests", "-f", fmt, "-d", "proposals", "-a", "Jane <jane@example.com>",
        cwd=root,
    )  # fmt: skip
    path = root / result.stdout.strip()
    text = path.read_text(encoding="utf-8")
    # Seed 000's status history starts filled in: created today, first status.
    assert f"| {TODAY} | — | Proposed | Initial creation |\n" in text
    assert ("```{pep-status-history}\n" if fmt == "md" else ".. pep-status-history::\n") in text
    text = text.replace("Low / Medium / High", "Low")
    if fmt == "rst":
        text = re.sub(r"^\.\.\n(?:   .*\n|\n)*", "Written by the author.\n\n", text, flags=re.M)
    else:
        text = re.sub(r"<!--.*?-->", "Written by the author.", text, flags=re.S)
    path.write_text(text, encoding="utf-8")
    assert run("check", cwd=root).returncode == 0
    build = sphinx_build(root, "-W", "-n")
    assert (build.returncode, build.stderr) == (0, "")


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_enhancement_scaffold_writes_a_risk_table(
    tmp_path: Path, fmt: str, run: Run, sphinx_build: Run
) -> None:
    """Issue 15: seed 002's Risks and Mitigations is a pep-risk-table, checked and exported.

    Before, a plain table: its risks were neither checked nor in proposals.json.
    As written, only its guidance warns, as pep.placeholder (never pep.risk).
    """
    root = project(tmp_path, conf='pep_risk_levels = ["Rare", "Likely", "Certain"]\n')
    result = run(
        "new", "Saved searches", "-t", "enhancement", "-f", fmt, "-d", "proposals", cwd=root
    )
    path = root / result.stdout.strip()
    text = path.read_text(encoding="utf-8")
    assert ("```{pep-risk-table}\n" if fmt == "md" else ".. pep-risk-table::\n") in text
    row = "| [Risk 1] | Rare / Likely / Certain | Rare / Likely / Certain | [How to handle] |"
    assert row in text
    lines = text.splitlines()
    row_line = next(n for n, line in enumerate(lines, 1) if line.strip() == row)
    check = check_lines(run("check", cwd=root))
    risk_lines = [line for line in check if "[pep.risk]" in line or "Risk 1" in line]
    table_line = row_line - (4 if fmt == "rst" else 3)  # the directive's line
    assert risk_lines == [
        f"{path.relative_to(root)}:{table_line}: [pep.placeholder] RFC 0001: a table still "
        "holds 4 template placeholders (first '[Risk 1]'); fill in the table",
        f"{path.relative_to(root)}:{row_line}: [pep.placeholder] RFC 0001: risk '[Risk 1]': "
        "probability and impact still hold the template's placeholder "
        "'Rare / Likely / Certain'; choose one of Rare, Likely, Certain",
    ]

    # Written: the risks are checked and exported.
    text = text.replace(row, "| Cache drift | Likely | Certain | TTL plus versioning |")
    text = text.replace(
        "| [Risk 2] | Rare / Likely / Certain | Rare / Likely / Certain | [How to handle] |",
        "| Data loss | Rare | Certain | — |",
    )
    path.write_text(text, encoding="utf-8")
    build = sphinx_build(root)
    risk = [line for line in build.stderr.splitlines() if "risk" in line.casefold()]
    assert (
        len(risk) == 1 and "[pep.risk]" in risk[0] and "'Data loss' has Certain impact" in (risk[0])
    )
    exported = json.loads((root / "_build" / "proposals.json").read_text(encoding="utf-8"))
    risks = exported["proposals"][0]["risks"]
    assert [(r["risk"], r["probability"], r["impact"]) for r in risks] == [
        ("Cache drift", "Likely", "Certain"),
        ("Data loss", "Rare", "Certain"),
    ]


def test_scaffold_risk_placeholder_follows_pep_risk_levels(tmp_path: Path, run: Run) -> None:
    root = project(tmp_path / "docs", conf='pep_risk_levels = ["Minor", "Major"]\n')
    result = run("new", "Shard the queue", "-d", "proposals", cwd=root)
    assert result.returncode == 0, result.stderr
    text = (root / "proposals/pep-0001.rst").read_text(encoding="utf-8")
    assert "   :risk: Minor / Major\n" in text
    # The build flags it as the template's placeholder, as with the default scale.
    check = run("check", cwd=root)
    assert (
        "proposals/pep-0001.rst:9: [pep.placeholder] PEP 0001: field 'risk' still holds "
        "the template's placeholder 'Minor / Major'; replace it"
    ) in check_lines(check)


def test_custom_template_from_conf(tmp_path: Path, run: Run) -> None:
    conf = textwrap.dedent("""
        pep_templates = {
            "adr": {
                "label": "ADR",
                "statuses": {"Proposed": "open", "Accepted": "accepted"},
                "required_fields": ["number", "title", "author", "status", "type", "created"],
                "allowed_values": {"type": ["Technical", "Process"]},
                "required_sections": ["Context", "Decision"],
            },
        }
    """)
    root = project(tmp_path / "docs", conf=conf)
    # conf.py is found in the parent of --dir.
    result = run("new", "Use Postgres", "-t", "adr", "-d", "proposals", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "proposals/adr-0001.rst\n"
    text = (root / "proposals/adr-0001.rst").read_text(encoding="utf-8")
    assert text == textwrap.dedent(f"""\
        ADR 0001: Use Postgres
        ======================

        .. pep-header::
           :number: 1
           :template: adr
           :author: Author Name
           :status: Proposed
           :type: [Technical | Process]
           :created: {TODAY}
           :updated: {TODAY}

        Context
        -------

        [Write the context of this proposal.]

        Decision
        --------

        [Write the decision of this proposal.]
    """)
    check = run("check", cwd=root)
    assert check.returncode == 1
    assert check_lines(check) == [
        "proposals/adr-0001.rst:4: [pep.section] ADR 0001: required section 'Context' is empty: "
        "write its text (comments and template instructions do not count)",
        "proposals/adr-0001.rst:4: [pep.section] ADR 0001: required section 'Decision' is "
        "empty: write its text (comments and template instructions do not count)",
        "proposals/adr-0001.rst:7: [pep.placeholder] ADR 0001: field 'author' still holds the "
        "template's placeholder 'Author Name'; replace it",
        "proposals/adr-0001.rst:9: [pep.placeholder] ADR 0001: field 'type' still holds the "
        "template's placeholder '[Technical | Process]'; replace it",
        "proposals/adr-0001.rst:16: [pep.placeholder] ADR 0001: template instruction text left "
        "in: '[Write the context of this proposal.]'; replace it with the proposal's own text",
        "proposals/adr-0001.rst:21: [pep.placeholder] ADR 0001: template instruction text left "
        "in: '[Write the decision of this proposal.]'; replace it with the proposal's own text",
    ]

    # Elsewhere, without that conf.py: a clear error. With --confdir: found again.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert_one_line_error(
        run("new", "Use Postgres", "-t", "adr", cwd=elsewhere),
        "sphinx-pep new: error: unknown template 'adr' (known: pep, pep-full, enhancement; "
        "no conf.py found to read pep_templates from (use --confdir))",
    )
    with_confdir = run("new", "Use Postgres", "-t", "adr", "--confdir", root, cwd=elsewhere)
    assert with_confdir.stdout == "adr-0001.rst\n"
    # a relative --confdir too (Sphinx reads conf.py from inside its directory)
    relative = run("new", "Use Redis", "-t", "adr", "--confdir", "../" + root.name, cwd=elsewhere)
    assert relative.stdout == "adr-0002.rst\n", relative.stderr


def test_template_extending_a_builtin_keeps_its_skeleton(tmp_path: Path, run: Run) -> None:
    conf = 'pep_templates = {"lean": {"extends": "pep", "required_sections": ["Summary"]}}\n'
    root = project(tmp_path, conf=conf)
    result = run("new", "Lean one", "-t", "lean", "-d", "proposals", cwd=root)
    text = (root / result.stdout.strip()).read_text(encoding="utf-8")
    assert ".. pep-header::\n   :pep: 1\n   :template: lean\n" in text
    assert "Problem Statement\n-----------------\n" in text  # seed 000's sections
    assert text.endswith("Summary\n-------\n\n[Write the summary of this proposal.]\n")


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        (
            'pep_templates = {"adr": {"label": "ADR"}}\n',
            "sphinx-pep new: error: conf.py: pep_templates['adr']['statuses']: required for a "
            "new template (or set 'extends' to a built-in)",
        ),
        (
            "raise RuntimeError('no network')\n",
            "sphinx-pep new: error: conf.py:2: RuntimeError: no network (There is a "
            "programmable error in your configuration file)",
        ),
    ],
)
def test_broken_conf_py_is_one_line_error(
    tmp_path: Path, conf: str, message: str, run: Run
) -> None:
    root = project(tmp_path, conf=conf)
    assert_one_line_error(run("new", "X", "-d", "proposals", cwd=root), message)
    assert list((root / "proposals").iterdir()) == []


# -- new: numbers and files ---------------------------------------------------------------

EXISTING = {
    # Names that do not match the numbers: the headers count.
    "proposals/caching.rst": minimal_pep(12),
    "proposals/search.md": """\
        ---
        title: Saved searches
        rfc: 20
        ---

        # Enhancement: Saved searches

        ```{pep-header}
        :template: enhancement
        ```
        """,
    "proposals/offline.md": """\
        # PEP 0015: Offline

        :::{pep-header}
        :number: 15
        :::
        """,
    "proposals/pep-0010.rst": minimal_pep(3),
    "proposals/yaml-options.md": """\
        # PEP 0018: Options as YAML

        ```{pep-header}
        ---
        pep: 18
        ---
        ```
        """,
    "proposals/notes-0099.rst": "Notes\n=====\n\nNot a proposal.\n",
}


@pytest.mark.parametrize(
    ("args", "written", "number_line"),
    [
        ((), "proposals/pep-0019.rst", "   :pep: 19\n"),  # RFC 20 is another series
        (("-t", "enhancement", "-f", "md"), "proposals/rfc-0021.md", "rfc: 21\n"),
        (("--number", "4"), "proposals/pep-0004.rst", "   :pep: 4\n"),
    ],
)
def test_next_number_comes_from_headers(
    tmp_path: Path, args: tuple[str, ...], written: str, number_line: str, run: Run
) -> None:
    root = project(tmp_path, EXISTING)
    result = run("new", "Next one", "-d", "proposals", "-f", "rst", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{written}\n"
    assert number_line in (root / written).read_text(encoding="utf-8")


def test_first_proposal_is_number_one_in_a_new_directory(tmp_path: Path, run: Run) -> None:
    result = run("new", "First", "--dir", "docs/proposals", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "docs/proposals/pep-0001.rst\n"
    assert "PEP 0001: 'First' from template 'pep', status Proposed" in result.stderr
    # No conf.py anywhere: check needs a source directory the user has to name.
    assert result.stderr.endswith("then run: sphinx-pep check SOURCEDIR\n")


@pytest.mark.parametrize(
    ("cwd", "args", "command"),
    [
        # getting-started: `new --dir docs/proposals` run from the project root
        ("", ("--dir", "docs/proposals"), "sphinx-pep check docs"),
        ("docs", ("--dir", "proposals"), "sphinx-pep check"),
        ("docs/proposals", (), "sphinx-pep check .."),
    ],
)
def test_new_hints_the_check_command_for_the_source_dir(
    tmp_path: Path, cwd: str, args: tuple[str, ...], command: str, run: Run
) -> None:
    """The hint after ``new`` names the directory of conf.py, as seen from the cwd."""
    project(tmp_path / "docs")
    (tmp_path / "docs" / "proposals").mkdir(exist_ok=True)
    result = run("new", "Add a caching layer", *args, cwd=tmp_path / cwd)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "PEP 0001: 'Add a caching layer' from template 'pep', status Proposed; "
        f"replace the template's guidance text, then run: {command}\n"
    )
    # The hinted command reads the project (exit 1: the guidance text), not "no conf.py" (2).
    check = run(*command.split()[1:], cwd=tmp_path / cwd)
    assert check.returncode == 1, check.stderr
    assert "[pep.section] PEP 0001: required section" in check.stdout


def test_format_defaults_to_the_existing_proposals(tmp_path: Path, run: Run) -> None:
    root = project(
        tmp_path, {"proposals/pep-0001.md": "# PEP 0001: A\n", "proposals/pep-0002.md": ""}
    )
    result = run("new", "Third", "-d", "proposals", cwd=root)
    assert result.stdout == "proposals/pep-0003.md\n"


@pytest.mark.parametrize(
    ("template", "number", "message"),
    [
        ("pep", "12", "sphinx-pep new: error: number 12 is taken by proposals/caching.rst "
                      "in the PEP series; leave out --number to get the next free one"),
        ("enhancement", "20", "number 20 is taken by proposals/search.md in the RFC series"),
        ("pep", "3", "number 3 is taken by proposals/pep-0010.rst"),
        ("pep", "15", "number 15 is taken by proposals/offline.md"),
        ("pep", "18", "number 18 is taken by proposals/yaml-options.md"),
    ],
)  # fmt: skip
def test_number_taken(tmp_path: Path, template: str, number: str, message: str, run: Run) -> None:
    root = project(tmp_path, EXISTING)
    before = sorted((root / "proposals").iterdir())
    result = run("new", "Clash", "-t", template, "-d", "proposals", "-n", number, cwd=root)
    assert_one_line_error(result, message)
    assert sorted((root / "proposals").iterdir()) == before


def test_an_author_on_two_lines_is_refused(tmp_path: Path, run: Run) -> None:
    """A newline in --author would end the header's option block mid-value."""
    root = project(tmp_path)
    before = sorted((root / "proposals").iterdir())
    assert_one_line_error(
        run("new", "X", "-d", "proposals", "--author", "Jane\n:status: Accepted", cwd=root),
        "sphinx-pep new: error: --author 'Jane\\n:status: Accepted' must be one line "
        "without control characters ('Name <email>', 'Name' or '@handle')",
    )
    assert sorted((root / "proposals").iterdir()) == before  # nothing written


def test_no_next_number_past_twelve_digits(tmp_path: Path, run: Run) -> None:
    """``--number 999999999999`` is the last one; the next ``new`` says so, writes nothing."""
    root = project(tmp_path)
    last = run("new", "Last", "-d", "proposals", "-n", "999999999999", cwd=root)
    assert last.returncode == 0, last.stderr
    assert_one_line_error(
        run("new", "Next", "-d", "proposals", cwd=root),
        "sphinx-pep new: error: the PEP series has no free number after 999999999999: "
        "numbers have at most 12 digits; give one with --number",
    )
    assert sorted(p.name for p in (root / "proposals").iterdir()) == ["pep-999999999999.rst"]


def test_a_number_another_series_has_is_free(tmp_path: Path, run: Run) -> None:
    """RFC 20 exists; PEP 20 is another proposal (SPEC §2)."""
    root = project(tmp_path, EXISTING)
    result = run("new", "Twenty", "-d", "proposals", "-n", "20", "-f", "rst", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "proposals/pep-0020.rst\n"


@pytest.mark.parametrize("existing", ["pep-0030.rst", "pep-0030.md"])
def test_refuses_to_overwrite(tmp_path: Path, existing: str, run: Run) -> None:
    root = project(tmp_path, {f"proposals/{existing}": minimal_pep(3)})
    before = (root / "proposals" / existing).read_text(encoding="utf-8")
    assert_one_line_error(
        run("new", "Thirty", "-d", "proposals", "-n", "30", "-f", "rst", cwd=root),
        f"sphinx-pep new: error: proposals/{existing} already exists; not overwriting it",
    )
    assert (root / "proposals" / existing).read_text(encoding="utf-8") == before
    assert sorted(p.name for p in (root / "proposals").iterdir()) == [existing]


def test_next_number_is_free_in_its_series_across_the_whole_project(
    tmp_path: Path, run: Run
) -> None:
    """A number is unique within its series (SPEC §2) across the project, not only --dir."""
    root = project(
        tmp_path,
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n   :glob:\n\n   peps/*\n   rfcs/*\n",
            "peps/pep-0001.rst": minimal_pep(1),
            "rfcs/rfc-0002.md": EXISTING["proposals/search.md"].replace("rfc: 20", "rfc: 2"),
            # Not read by Sphinx (exclude_patterns): not in the way.
            "attic/pep-0009.rst": minimal_pep(9),
            # A guide showing example headers in code blocks: not proposals.
            "guide.md": (
                "# Guide\n\n```rst\n.. pep-header::\n   :pep: 700\n```\n\n"
                "````markdown\n```{pep-header}\n:pep: 500\n```\n````\n\n"
                "```{code-block} markdown\n```{pep-header}\n:pep: 600\n```\n"
            ),
        },
        conf='exclude_patterns = ["attic"]\n',
    )
    # PEP 2 is free: RFC 2 is another series (PEP 1 and RFC 1 can coexist).
    result = run("new", "Next one", "--dir", "peps", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "peps/pep-0002.rst\n"
    # From a subdirectory too: the project is the directory of conf.py.
    result = run("new", "Then", "-t", "enhancement", cwd=root / "rfcs")
    assert result.stdout == "rfc-0003.md\n", result.stderr
    check = run("check", cwd=root)
    assert check.returncode == 1  # the scaffolds' guidance text
    assert "[pep.duplicate]" not in check.stdout
    assert_one_line_error(
        run("new", "Clash", "-t", "enhancement", "--dir", "peps", "--number", "2", cwd=root),
        "sphinx-pep new: error: number 2 is taken by rfcs/rfc-0002.md in the RFC series; "
        "leave out --number to get the next free one",
    )
    assert sorted(p.name for p in (root / "peps").iterdir()) == ["pep-0001.rst", "pep-0002.rst"]


def test_dir_that_is_a_file(tmp_path: Path, run: Run) -> None:
    (tmp_path / "proposals").write_text("", encoding="utf-8")
    assert_one_line_error(
        run("new", "X", "-d", "proposals", cwd=tmp_path),
        "sphinx-pep new: error: proposals is not a directory",
    )


# -- check ------------------------------------------------------------------------------------


def test_check_clean_project(tmp_path: Path, run: Run) -> None:
    root = project(tmp_path, {"proposals/pep-0012.rst": minimal_pep(12)})
    result = run("check", root, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "sphinx-pep check: no pep warnings (2 documents read)\n"


PROBLEMS = {
    "index.rst": index_rst("proposals/pep-0012", "proposals/rfc-0020")
    + "See :pep:ref:`99` and :doc:`missing`.\n",
    "proposals/pep-0012.rst": minimal_pep(12, risk="Huge", depends_on="13"),
    "proposals/rfc-0020.md": """\
        # RFC 0020: Saved searches

        ```{pep-header}
        :rfc: 20
        :template: enhancement
        :authors: "@jane"
        :status: proposed
        :category: search
        :created: 2026-01-15
        ```

        ## Executive Summary

        Save a search.
        """,
}

PROBLEM_LINES = [
    "index.rst:10: [pep.ref] index: reference to PEP 0099: no proposal has this number",
    "proposals/pep-0012.rst:8: [pep.header] PEP 0012: unknown risk 'Huge' "
    "(expected one of Low, Medium, High)",
    "proposals/pep-0012.rst:10: [pep.ref] PEP 0012: ':depends-on:' names PEP 0013, "
    "which no proposal in this project has",
    *(
        f"proposals/rfc-0020.md:3: [pep.section] RFC 0020: required section '{name}' "
        "is missing (template 'enhancement')"
        for name in (
            "Alternatives Considered",
            "Impact Analysis",
            "Implementation Plan",
            "Motivation",
            "Proposed Solution",
            "Testing Plan",
        )
    ),
]


def test_check_prints_only_pep_warnings_sorted(tmp_path: Path, run: Run, sphinx_build: Run) -> None:
    root = project(tmp_path, PROBLEMS)
    result = run("check", cwd=root)
    assert result.returncode == 1
    # Sorted by file, then line (numerically), then subtype and message; the
    # unknown :doc: is a Sphinx warning, not ours: counted, not printed.
    lines = check_lines(result)
    assert lines == PROBLEM_LINES
    assert result.stderr == (
        f"sphinx-pep check: {len(lines)} pep warnings in 3 files (3 documents read); "
        "1 other Sphinx warning not shown (run sphinx-build to see them)\n"
    )
    # The same lines as a build reports (-W fails on exactly these).
    build = sphinx_build(root)
    located = [m for m in map(_BUILD_LINE_RE.match, build.stderr.splitlines()) if m]
    assert len([m for m in located if m["type"].startswith("pep.")]) == len(lines)


def test_check_sees_pep_warnings_when_conf_hides_warning_types(tmp_path: Path, run: Run) -> None:
    # Without the [pep.x] suffix in the warning stream the check used to pass
    # silently, exit 0, with every pep warning counted as "other".
    root = project(tmp_path, PROBLEMS, conf="show_warning_types = False\n")
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert check_lines(result) == PROBLEM_LINES


def test_check_honours_suppress_warnings_and_quiet(tmp_path: Path, run: Run) -> None:
    root = project(tmp_path, PROBLEMS, conf='suppress_warnings = ["pep.ref", "pep.section"]\n')
    result = run("check", ".", "--quiet", cwd=root)
    assert result.returncode == 1
    assert check_lines(result) == [PROBLEM_LINES[1]]
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (("check", "-q"), 1),  # the result is known: its status stands
        (("check",), 1),
        (("new", "Piped", "-d", "proposals"), 141),  # written, path not printed
    ],
)
def test_closed_stdout_pipe_is_not_an_error(
    tmp_path: Path, args: tuple[str, ...], status: int
) -> None:
    """``sphinx-pep check -q docs | true``: no "unexpected BrokenPipeError", exit 2."""
    root = project(tmp_path, PROBLEMS)
    result = run_process(*args, cwd=root, closed_stdout=True)
    assert (result.returncode, result.stderr) == (status, "")
    if args[0] == "new":  # PROBLEMS has PEP 12 (and RFC 20, another series)
        assert (root / "proposals" / "pep-0013.rst").is_file()


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        (
            'pep_templates = {"pep": {"statuses": {"Open": "ajar"}}}\n',
            "sphinx-pep check: error: conf.py:2: sphinxext-pep configuration error: "
            "pep_templates['pep']['statuses']['Open']: unknown status group 'ajar'",
        ),
        (
            "raise RuntimeError('no network')\n",
            "sphinx-pep check: error: Configuration error: conf.py:2: RuntimeError: no network",
        ),
        ("extensions.append('no_such_extension')\n", "no_such_extension"),
    ],
)
def test_check_broken_project_is_one_line_error(
    tmp_path: Path, conf: str, message: str, run: Run
) -> None:
    root = project(tmp_path, conf=conf)
    assert_one_line_error(run("check", cwd=root), message)


def test_check_without_conf_py(tmp_path: Path, run: Run) -> None:
    assert_one_line_error(
        run("check", "nowhere", cwd=tmp_path), "sphinx-pep check: error: no such directory"
    )
    assert_one_line_error(
        run("check", cwd=tmp_path), f"sphinx-pep check: error: no conf.py in {tmp_path.resolve()}"
    )


# -- the docs show real output --------------------------------------------------------------

DOC_SNIPPETS = Path(__file__).parent.parent / "docs" / "snippets"


def test_docs_show_what_the_command_writes(tmp_path: Path, run: Run) -> None:
    """docs/cli.md includes these files: they are exactly what the command writes and says."""
    root = project(tmp_path)
    new = run(
        "new", "Add a caching layer", "--dir", "proposals", "--number", "13",
        "--author", "Jane Doe <jane@example.com>", cwd=root,
    )  # fmt: skip
    assert new.stdout == "proposals/pep-0013.rst\n"
    check = run("check", cwd=root)
    rfc = run(
        "new", "Saved searches", "--template", "enhancement", "--format", "md",
        "--dir", "proposals", "--author", "@jane", "--number", "4", cwd=root,
    )  # fmt: skip
    assert rfc.stdout == "proposals/rfc-0004.md\n"
    for written, snippet in [
        ("pep-0013.rst", "cli-pep-0013.rst"),
        ("rfc-0004.md", "cli-rfc-0004.md"),
    ]:
        assert (root / "proposals" / written).read_text(encoding="utf-8") == (
            DOC_SNIPPETS / snippet
        ).read_text(encoding="utf-8")
    assert check.stdout == (DOC_SNIPPETS / "cli-check.txt").read_text(encoding="utf-8")
    assert check.stderr == "sphinx-pep check: 8 pep warnings in 1 file (2 documents read)\n"
    assert check.stderr.strip() in (DOC_SNIPPETS.parent / "cli.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_title_with_quotes_and_non_ascii(tmp_path: Path, fmt: str, run: Run) -> None:
    """Front matter quoting, smart quotes in the heading: only guidance warnings."""
    root = project(tmp_path)
    title = 'Use "fast" caches: Zoë’s <idea> & more'
    result = run("new", title, "-t", "enhancement", "-f", fmt, "-d", "proposals", cwd=root)
    assert result.returncode == 0, result.stderr
    text = (root / result.stdout.strip()).read_text(encoding="utf-8")
    if fmt == "md":
        assert 'title: "Use \\"fast\\" caches: Zoë’s <idea> & more"\n' in text
    else:
        assert f"Enhancement: {title}\n{'=' * len('Enhancement: ' + title)}\n" in text
    check = run("check", cwd=root)
    assert {line.split(" ")[1] for line in check_lines(check)} == {
        "[pep.placeholder]",
        "[pep.section]",
    }


MARKUP_TITLE = "*a* `b` _c_ |d| [e]_ <f> & {g} $h$ ~~i~~ #j \\ k"


def test_markup_in_a_title_reads_back_as_given(tmp_path: Path, run: Run, sphinx_build: Run) -> None:
    """Issue 15: RST and MyST markup in --title is escaped, for every template and format.

    Before, ``*a*`` became emphasis, ``|d|`` and ``[e]_`` untyped docutils
    errors, and the title in the index and ``proposals.json`` lost its marks.
    """
    root = project(tmp_path, conf='myst_enable_extensions = ["dollarmath", "substitution"]\n')
    for template in TEMPLATES:
        for fmt in ("rst", "md"):
            result = run(
                "new", MARKUP_TITLE, "-t", template, "-f", fmt, "-d", "proposals", cwd=root
            )
            assert result.returncode == 0, result.stderr
    build = sphinx_build(root)
    kinds = {m["type"] for m in map(_BUILD_LINE_RE.match, build.stderr.splitlines()) if m}
    assert len(build.stderr.splitlines()) == sum(
        1 for line in build.stderr.splitlines() if _BUILD_LINE_RE.match(line)
    ), build.stderr
    assert kinds == {"pep.placeholder", "pep.section"}
    exported = json.loads((root / "_build" / "proposals.json").read_text(encoding="utf-8"))
    titles = [proposal["title"] for proposal in exported["proposals"]]
    assert titles == [MARKUP_TITLE] * 6
    page = (root / "_build" / "proposals" / "pep-0001.html").read_text(encoding="utf-8")
    assert "<em>" not in page.split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_check_without_the_extension(tmp_path: Path, run: Run) -> None:
    (tmp_path / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    (tmp_path / "index.rst").write_text("Index\n=====\n", encoding="utf-8")
    assert_one_line_error(
        run("check", cwd=tmp_path),
        f"sphinx-pep check: error: sphinxext_pep is not in the extensions of "
        f"{tmp_path.resolve() / 'conf.py'}: there are no proposals to check",
    )


def test_pre_commit_hook_definition() -> None:
    """The shipped hook runs the installed command once per commit, without file names."""
    yaml = pytest.importorskip("yaml")
    root = Path(__file__).parent.parent
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "sphinx-pep-check"
    assert hook["entry"] == "sphinx-pep check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert set(hook["types_or"]) == {"rst", "markdown", "python"}
    # The entry is the console script the package declares.
    assert 'sphinx-pep = "sphinxext_pep.cli:main"' in (root / "pyproject.toml").read_text()


# -- check: log records, errors included ------------------------------------------------------


def test_check_counts_errors_and_config_warnings(tmp_path: Path, run: Run) -> None:
    """Errors are findings (exit 1); a pep.config warning from config-inited is seen too."""
    root = project(
        tmp_path,
        {
            "index.rst": GLOB_INDEX + "\n.. frobnicate::\n\n:doc:`nowhere`\n",
            "proposals/pep-0012.rst": minimal_pep(12, body=".. include:: missing.inc\n"),
        },
        conf='pep_number_width = "wide"\n',
    )
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert check_lines(result) == [
        "conf.py:2: [pep.config] pep_number_width must be an integer from 0 to 12, "
        "got 'wide'; using 4",
        'index.rst:9: [docutils] ERROR: Unknown directive type "frobnicate".',
        'proposals/pep-0012.rst:11: [docutils] ERROR: Problems with "include" directive '
        "path: InputError: [Errno 2] No such file or directory: 'proposals/missing.inc'.",
    ]
    assert result.stderr == (
        "sphinx-pep check: 1 pep warning and 2 errors in 3 files (2 documents read); "
        "1 other Sphinx warning not shown (run sphinx-build to see them)\n"
    )


def test_check_error_alone_fails_and_suppress_warnings_applies(tmp_path: Path, run: Run) -> None:
    files = {
        "index.rst": GLOB_INDEX + "\n.. frobnicate::\n",
        "proposals/pep-0012.rst": minimal_pep(12),
    }
    root = project(tmp_path / "a", files)
    result = run("check", "-q", cwd=root)
    assert (result.returncode, result.stderr) == (1, "")
    assert check_lines(result) == [
        'index.rst:9: [docutils] ERROR: Unknown directive type "frobnicate".'
    ]
    # Sphinx's own filters run first: a suppressed type is not a finding.
    root = project(tmp_path / "b", files, conf='suppress_warnings = ["docutils"]\n')
    result = run("check", cwd=root)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "sphinx-pep check: no pep warnings (2 documents read)\n"


def test_check_applies_exempt_and_locates_in_the_file(tmp_path: Path, run: Run) -> None:
    """A proposal's :exempt: filters as in a build; a (docname, line) becomes file:line."""
    root = project(
        tmp_path,
        {
            "proposals/pep-0012.rst": minimal_pep(12, risk="Huge", exempt="header"),
            "proposals/pep-0013.rst": minimal_pep(13, depends_on="99"),
        },
    )
    result = run("check", cwd=root)
    assert check_lines(result) == [
        "proposals/pep-0013.rst:10: [pep.ref] PEP 0013: ':depends-on:' names PEP 0099, "
        "which no proposal in this project has",
    ]


# -- new: the project as Sphinx finds it ------------------------------------------------------


@pytest.mark.parametrize("existing", [False, True])
def test_new_md_refused_without_a_markdown_parser(tmp_path: Path, run: Run, existing: bool) -> None:
    """Sphinx would never read the file: say what to add to conf.py, write nothing."""
    files = {"proposals/pep-0001.md": myst_pep(1)} if existing else {}
    root = project(tmp_path, files)
    (root / "conf.py").write_text('extensions = ["sphinxext_pep"]\n', encoding="utf-8")
    args = () if existing else ("--format", "md")  # the default follows the existing .md
    before = sorted((root / "proposals").iterdir())
    assert_one_line_error(
        run("new", "Offline mode", "-d", "proposals", *args, cwd=root),
        f"sphinx-pep new: error: Sphinx would not read pep-000{2 if existing else 1}.md: "
        'conf.py has no Markdown parser; add "myst_parser" to its extensions '
        "(or use --format rst)",
    )
    assert sorted((root / "proposals").iterdir()) == before
    assert run("new", "Offline mode", "-d", "proposals", "-f", "rst", cwd=root).returncode == 0


def test_new_rst_refused_where_source_suffix_has_no_rst(tmp_path: Path, run: Run) -> None:
    root = project(
        tmp_path, {"index.md": "# Index\n"}, conf='source_suffix = {".md": "markdown"}\n'
    )
    (root / "index.rst").unlink()
    assert_one_line_error(
        run("new", "Offline mode", "-d", "proposals", "-f", "rst", cwd=root),
        "sphinx-pep new: error: Sphinx would not read pep-0001.rst: the source_suffix of "
        "conf.py has no '.rst'; add it (or use --format md)",
    )
    # Without --format: the format the project reads.
    result = run("new", "Offline mode", "-d", "proposals", cwd=root)
    assert result.stdout == "proposals/pep-0001.md\n", result.stderr


def test_new_discovers_documents_as_sphinx_does(tmp_path: Path, run: Run) -> None:
    """source_suffix, include_patterns, exclude_patterns, templates_path decide, as in a build."""
    root = project(
        tmp_path,
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n   :glob:\n\n   */*\n",
            # read: a custom suffix
            "specs/caching.txt": minimal_pep(7),
            # not read: a suffix Sphinx does not know here, excluded, a template
            "specs/notes.rest": minimal_pep(40),
            "drafts/pep-0030.rst": minimal_pep(30),
            "_templates/proposal.rst": minimal_pep(50),
            # not included
            "outside/pep-0060.rst": minimal_pep(60),
        },
        conf=textwrap.dedent("""\
            source_suffix = {".rst": "restructuredtext", ".txt": "restructuredtext"}
            exclude_patterns = ["drafts/**"]
            templates_path = ["_templates"]
            include_patterns = ["index.rst", "proposals/**", "specs/**", "drafts/**",
                                "_templates/**"]
        """),
    )
    result = run("new", "Next", "-d", "proposals", cwd=root)
    assert result.stdout == "proposals/pep-0008.rst\n", result.stderr
    assert_one_line_error(
        run("new", "Clash", "-d", "proposals", "-n", "7", cwd=root),
        "number 7 is taken by specs/caching.txt",
    )
    for free in ("30", "40", "50", "60"):
        written = run("new", "Free", "-d", "proposals", "-n", free, cwd=root)
        assert written.stdout == f"proposals/pep-00{free}.rst\n", written.stderr


def test_new_reads_numbers_as_the_build_does(
    tmp_path: Path, build_project: Callable[..., Any]
) -> None:
    """Parity: for every file, the CLI's reading of its header is the build's proposal."""
    from sphinxext_pep.cli.headers import read_proposal
    from sphinxext_pep.cli.project import read_project, source_files
    from sphinxext_pep.domain import get_domain

    files = {
        **{name: textwrap.dedent(text).lstrip("\n") for name, text in EXISTING.items()},
        "index.rst": GLOB_INDEX,
        "proposals/nested.md": "# PEP 0031: Nested\n\n````{note}\n```{pep-header}\n"
        ":pep: 31\n```\n````\n",
        "proposals/eval.md": "# PEP 0032: Eval\n\n```{eval-rst}\n.. pep-header::\n"
        "   :pep: 32\n```\n",
        "proposals/front.rst": ":pep: 33\n:status: Proposed\n\nPEP 0033: Front\n===============\n\n"
        ".. pep-header::\n   :author: Jane\n",
        "proposals/continued.rst": "PEP 0034: Continued\n===================\n\n"
        ".. pep-header::\n   :pep: 34\n   :related: 1,\n      2\n",
        # docutils would reject these directives ("no content permitted"); the
        # header reads its own options (issue 15)
        "proposals/spaced.rst": "PEP 0035: Spaced\n================\n\n.. pep-header::\n\n"
        "   :pep: 35\n",
        "proposals/content.rst": "PEP 0036: Content\n=================\n\n.. pep-header::\n"
        "   :pep: 36\n\n   Text.\n",
        "proposals/guide.md": "# Guide\n\n```rst\n.. pep-header::\n   :pep: 700\n```\n\n"
        "~~~~markdown\n```{pep-header}\n:pep: 500\n```\n~~~~\n",
        "proposals/guide.rst": "Guide\n=====\n\n.. code-block:: rst\n\n   .. pep-header::\n"
        "      :pep: 600\n\n::\n\n   .. pep-header::\n      :pep: 601\n",
    }
    # With MyST's colon fences on, so that the build reads offline.md's header too
    # (new counts a ::: header whether or not they are on: a number too many
    # taken costs nothing).
    build = build_project(
        files, buildername="dummy", conf='myst_enable_extensions = ["colon_fence"]\n'
    )
    # Each field's own line is not compared: MyST 4 gives the build the
    # header's line for every option, MyST 5 the option's.
    built = {
        docname: (p.number, p.template, p.lineno, sorted(dict(p.field_lines)))
        for docname, p in get_domain(build.app.env).proposals.items()
    }
    proj = read_project(build.srcdir / "conf.py")
    read = {}
    for path, filetype in source_files(proj, build.srcdir):
        proposal = read_proposal(path, filetype, proj.settings)
        if proposal is not None:
            docname = path.relative_to(build.srcdir).with_suffix("").as_posix()
            read[docname] = (
                proposal.number,
                proposal.template,
                proposal.lineno,
                sorted(dict(proposal.field_lines)),
            )
    assert read == built
    assert {k: v[0] for k, v in read.items()} == {
        "proposals/caching": 12,
        "proposals/search": 20,
        "proposals/offline": 15,
        "proposals/pep-0010": 3,
        "proposals/yaml-options": 18,
        "proposals/nested": 31,
        "proposals/eval": 32,
        "proposals/front": 33,
        "proposals/continued": 34,
        # content below the options is reported, the options read; a blank line
        # first makes every line content: a header with no number
        "proposals/content": 36,
        "proposals/spaced": None,
    }


# -- the header finder, unit by unit ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "filetype", "expected"),
    [
        # RST: options, their lines, a value continued; the block ends at a blank line
        (
            "T\n=\n\n.. pep-header::\n   :PEP: 12\n   :related: 1,\n     2\n\nText\n",
            "restructuredtext",
            (4, {"pep": "12", "related": "1,\n2"}, {"pep": 5, "related": 6}),
        ),
        # RST: an argument makes no header; content is reported by the build,
        # which reads the options before it (none after a blank line first)
        (
            ".. pep-header::\n   :pep: 1\n\n   Text.\n",
            "restructuredtext",
            (1, {"pep": "1"}, {"pep": 2}),
        ),
        (".. pep-header:: 1\n   :pep: 1\n", "restructuredtext", None),
        (".. pep-header::\n\n   :pep: 1\n", "restructuredtext", (1, {}, {})),
        (".. pep-header::\n   pep 1\n", "restructuredtext", (1, {}, {})),
        ("Text\n\n.. pep-header::\nText\n", "restructuredtext", (3, {}, {})),
        # ... and the first one is the page's header, as in a build
        (
            ".. pep-header::\n   :pep: 1\n\n   Text.\n\n.. pep-header::\n   :pep: 2\n",
            "restructuredtext",
            (1, {"pep": "1"}, {"pep": 2}),
        ),
        # RST: indented headers are examples (literal blocks, code blocks)
        ("::\n\n   .. pep-header::\n      :pep: 1\n", "restructuredtext", None),
        # MyST: colon fence, YAML options block, the header's line is the fence's
        (
            "# T\n\n:::{pep-header}\n---\npep: '0012'\nstatus: Draft\n---\n:::\n",
            "markdown",
            (3, {"pep": "0012", "status": "Draft"}, {"pep": 5, "status": 6}),
        ),
        # MyST: quoted values as MyST reads them; options end at the first other line
        (
            '```{pep-header}\n:authors: "@jane"\n:Pep: 4\nbody\n:status: X\n```\n',
            "markdown",
            (1, {"authors": "@jane", "pep": "4"}, {"authors": 2, "pep": 3}),
        ),
        # MyST: a code block of any fence hides a header; so does {code-block}
        ("```text\n```{pep-header}\n:pep: 1\n```\n```\n", "markdown", None),
        ("```{code-block} md\n:::{pep-header}\n:pep: 1\n:::\n```\n", "markdown", None),
        ("````\n```{pep-header}\n:pep: 1\n```\n````\n", "markdown", None),
        # MyST: the first header only, inside a directive too
        (
            "::::{note}\n:::{pep-header}\n:pep: 1\n:::\n::::\n```{pep-header}\n:pep: 2\n```\n",
            "markdown",
            (2, {"pep": "1"}, {"pep": 3}),
        ),
        # an RST header in a Markdown file is not one, and the other way round
        (".. pep-header::\n   :pep: 1\n", "markdown", None),
        ("```{pep-header}\n:pep: 1\n```\n", "restructuredtext", None),
    ],
)
def test_find_header(text: str, filetype: str, expected: tuple[Any, ...] | None) -> None:
    from sphinxext_pep.cli.headers import find_header

    header = find_header(text, filetype)
    if expected is None:
        assert header is None
    else:
        assert header is not None
        assert (header.line, dict(header.options), dict(header.option_lines)) == expected


def test_find_header_front_matter() -> None:
    from sphinxext_pep.cli.headers import find_header, header_values

    myst = find_header(
        "---\ntitle: T\nrfc: 0012\nauthors: [A, '@b']\n---\n\n# T\n\n```{pep-header}\n"
        ":template: enhancement\n```\n",
        "markdown",
    )
    assert myst is not None
    assert dict(myst.front_matter) == {"title": "T", "rfc": "0012", "authors": "A, @b"}
    assert dict(myst.front_matter_lines) == {"title": 2, "rfc": 3, "authors": 4}
    values, lines = header_values(myst, {"pep", "rfc"})
    assert values == {"title": "T", "rfc": "0012", "authors": "A, @b", "template": "enhancement"}
    assert lines == {"title": 2, "rfc": 3, "authors": 4, "template": 10}
    # An option wins over any spelling of its field in the front matter.
    rst = find_header(
        ":number: 3\n:author: A\n\nT\n=\n\n.. pep-header::\n   :pep: 4\n   :authors: B\n",
        "restructuredtext",
    )
    assert rst is not None
    assert dict(rst.front_matter) == {"number": "3", "author": "A"}
    assert header_values(rst, {"pep"}) == (
        {"pep": "4", "authors": "B"},
        {"pep": 8, "authors": 9},
    )


def test_new_prints_nothing_of_sphinx_logging(tmp_path: Path, run: Run) -> None:
    """Sphinx warns while reading this conf.py and finding two files for one document."""
    root = project(
        tmp_path,
        {"proposals/pep-0001.rst": minimal_pep(1), "proposals/pep-0001.md": myst_pep(1)},
        conf="language = None\n",
    )
    result = run("new", "Quiet", "-d", "proposals", cwd=root)
    assert result.stdout == "proposals/pep-0002.rst\n"
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("PEP 0002: 'Quiet' from template 'pep'")


def test_check_leaves_sphinx_logging_as_it_found_it(tmp_path: Path, run: Run) -> None:
    """In-process: the collector is off Sphinx's handlers afterwards, even after a failure."""
    import logging

    from sphinx.util.logging import NAMESPACE

    from sphinxext_pep.cli.records import RecordCollector

    for conf in ("", 'pep_templates = {"pep": {"statuses": {"Open": "ajar"}}}\n'):
        root = project(tmp_path / str(len(conf)), {"proposals/pep-0012.rst": minimal_pep(12)}, conf)
        run("check", cwd=root)
        handlers = logging.getLogger(NAMESPACE).handlers
        assert not [f for h in handlers for f in h.filters if isinstance(f, RecordCollector)]
