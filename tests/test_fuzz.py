"""Hostile input never breaks a build (SPEC §8): hypothesis-generated headers and tables.

Each example writes one proposal (RST, MyST with directive options, or MyST
with front matter) with random and hostile header values, status history rows
and risk rows, next to a valid proposal it may link to, and builds it to HTML
from scratch in the same project directory. The rule every outcome must obey:

- the build finishes: no exception, no traceback;
- every warning is located (``file:line`` in the project) and is either a
  ``pep.*`` warning whose message starts with a proposal id (``PEP 0012``,
  ``PEP ????`` while the number is unreadable), or a parser warning about
  markup syntax: ``myst.*`` from MyST's YAML and options, or an untyped
  docutils message located inside a history/risk table (when those cells are
  parsed as inline markup, ``*broken`` is the author's markup error). Never a
  parser warning at an RST header: header values are never parsed as markup;
- no HTML page contains a raw ``<script>`` from the input (values are escaped),
  except inside a MyST history/risk table, whose cells are Markdown: inline
  HTML there is the author's markup, as anywhere else in a Markdown page.

- ``proposals.json`` parses as JSON, ``proposals.atom`` as XML, and every page
  is still HTML (no output replaced by another).

The history and risk directives are fuzzed when the extension registers them.
YAML front matter is fuzzed on its own (aliases, nesting, odd types, escapes
of characters no output can hold), and so are config values of wrong types.
Proposal ids and authors are fuzzed at the parsers (every spelling the role
and header accept reads back its number; junk, Unicode digits and signs are
never read as another number; authors round-trip, any author text is read or
refused at its line) and in builds (ids in the header, its lists and the
role, authors with commas, quotes, angle brackets and line breaks).
``PEP_FUZZ_EXAMPLES`` sets the number of examples (default 40, a third per
format, about 15 s in all).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_CONF, minimal_pep
from defusedxml import ElementTree as SafeET
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx.util.docutils import docutils_namespace, is_directive_registered

from sphinxext_pep.core.header import read_header
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.core.settings import CONFIG_DEFAULTS, read_settings
from sphinxext_pep.core.template_schema import SettingsError
from sphinxext_pep.core.values import (
    MAX_NUMBER,
    Author,
    ProposalId,
    join_list,
    parse_author,
    parse_number,
    parse_proposal_id,
    quote_item,
    split_list,
)


def _registered(*names: str) -> dict[str, bool]:
    """Which of the directives *names* the installed extension registers."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, docutils_namespace():
        root = Path(tmp)
        (root / "conf.py").write_text(BASE_CONF)
        (root / "index.rst").write_text("x\n=\n")
        Sphinx(root, root, root / "out", root / "dt", "html", status=None, warning=None)
        return {name: is_directive_registered(name) for name in names}


REGISTERED = _registered("pep-status-history", "pep-risk-table")
SCRIPT = "<script>alert(1)</script>"

#: Values chosen to hurt: markup of both parsers, HTML, numbers out of range,
#: placeholders, separators, unicode direction marks and astral characters.
HOSTILE = [
    "",
    " ",
    SCRIPT,
    "*emphasis",
    "**strong**",
    "`literal",
    ":pep:ref:`12`",
    "{pep:ref}`12`",
    ":no-such-role:`x`",
    "{no-such-role}`x`",
    "__init__ and `a <b>`__",
    "[link](https://example.org) <https://example.org>",
    ".. raw:: html",
    "| a | b |",
    "|",
    "---",
    "[...]",
    "NNNN",
    "YYYY-MM-DD",
    "Author Name",
    "2026-02-30",
    "31-Feb-2026",
    "99-99-9999",
    "0",
    "-1",
    "1e9",
    "9" * 60,
    "PEP 0012",
    "pep-0001",
    "1, 1, 1",
    ",,,",
    "Proposed / Accepted",
    "\u2014",
    "\u202eevil",
    "\U0001f4a5 caf\u00e9 \u6f22\u5b57",
    "&amp; &lt;b&gt;",
    "\"quoted\" 'single'",
    "{{ jinja }} ${shell} %s",
    "null",
    "~",
    "@handle",
    "Jane <not an email",
    "x" * 300,
]

# One line of text: no control characters, no unicode line or paragraph
# separators (they would end the option line and change the markup itself).
_LINE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30
)
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    _LINE_TEXT,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
FIELDS = [
    "pep",
    "number",
    "title",
    "author",
    "status",
    "risk",
    "type",
    "created",
    "updated",
    "related",
    "depends-on",
    "enables",
    "supersedes",
    "superseded-by",
    "discussion",
    "template",
    "exempt",
    "version",
    "no-such-field",
]
HEADERS = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=10)
ROWS = st.lists(st.lists(VALUES, min_size=0, max_size=5), max_size=4)
FORMATS = ("rst", "myst-options", "myst-front-matter")

VALID_FIELDS = {
    "pep": "12",
    "author": "Jane Doe <jane@example.com>",
    "status": "Proposed",
    "risk": "Low",
    "created": "2026-01-15",
}


def _clean(value: str) -> str:
    """Cell text: a pipe would split the cell (that case is fuzzed by row length)."""
    return value.replace("|", "/")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_clean(c) for c in row) + " |" for row in rows]
    return lines


def _blocks(history: list[list[str]], risks: list[list[str]], fence: bool) -> str:
    """The history and risk tables, as RST directives or MyST fences."""
    parts = []
    for name, header, rows in (
        ("pep-status-history", ["Date", "From", "To", "Notes"], history),
        ("pep-risk-table", ["Risk", "Probability", "Impact", "Mitigation"], risks),
    ):
        if not REGISTERED[name]:
            continue
        lines = _table(header, rows)
        if fence:
            parts.append(f"```{{{name}}}\n" + "\n".join(lines) + "\n```\n")
        else:
            parts.append(f".. {name}::\n\n" + "\n".join(f"   {line}" for line in lines) + "\n")
    return "\n".join(parts)


SECTIONS_MD = "\n".join(
    f"## {name}\n\nThe {name.lower()} of this proposal.\n"
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


def proposal_source(
    fmt: str, fields: dict[str, str], history: list[list[str]], risks: list[list[str]]
) -> tuple[str, str]:
    """(file name, text) of the fuzzed proposal."""
    if fmt == "rst":
        body = "Status History\n--------------\n\n" + _blocks(history, risks, fence=False)
        text = minimal_pep(12, "Fuzzed proposal", **{k: None for k in VALID_FIELDS if k != "pep"})
        options = "".join(f"   :{k}: {v}\n" for k, v in fields.items())
        text = text.replace(".. pep-header::\n   :pep: 12\n", f".. pep-header::\n{options}", 1)
        return "pep-0012.rst", text + "\n" + body
    tables = "## Status History\n\n" + _blocks(history, risks, fence=True)
    if fmt == "myst-options":
        options = "".join(f":{k}: {v}\n" for k, v in fields.items())
        header = f"```{{pep-header}}\n{options}```\n"
        front = ""
    else:
        header = "```{pep-header}\n```\n"
        front = (
            "---\n"
            + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items())
            + "---\n"
        )
    return "pep-0012.md", f"{front}# PEP 0012: Fuzzed proposal\n\n{header}\n{SECTIONS_MD}\n{tables}"


_LINE_RE = re.compile(
    r"^(?P<path>.*?):(?P<line>\d+): (?P<level>WARNING|ERROR|CRITICAL): (?P<rest>.*)$"
)
_TYPE_RE = re.compile(r" \[(?P<type>[\w.-]+)\]$")
_MYST_TABLES_RE = re.compile(
    r'<table class="(?:pep-status-history|pep-risk-table)\b.*?</table>', re.DOTALL
)
_ID_RE = re.compile(r"^(?:PEP|RFC) (?:\d+|\?+)(?!\w)")
#: The feed is written only with a base URL: set, so that it is checked too.
FEED_CONF = "html_baseurl = 'https://example.org/'\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "conf.py").write_text(BASE_CONF + FEED_CONF, encoding="utf-8")
    (root / "index.rst").write_text(
        "Fuzz\n====\n\n.. toctree::\n   :glob:\n\n   pep-*\n", encoding="utf-8"
    )
    (root / "pep-0001.rst").write_text(minimal_pep(1, "A valid neighbour"), encoding="utf-8")
    return root


def build(root: Path) -> tuple[SphinxTestApp, str]:
    shutil.rmtree(root / "_build", ignore_errors=True)
    app = SphinxTestApp("html", srcdir=root, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, strip_escape_sequences(app.warning.getvalue())


def table_lines(text: str) -> set[int]:
    """Source lines (1-based) inside the history/risk tables of *text*."""
    lines: set[int] = set()
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("| ", "|---")) or (inside and line.startswith("   |")):
            lines.add(number)
        inside = (
            "pep-status-history" in line
            or "pep-risk-table" in line
            or (inside and bool(line.strip()))
        )
    return lines


def check_outcome(root: Path, name: str, text: str, warnings: str) -> None:
    assert "Traceback" not in warnings and "Exception" not in warnings, warnings
    in_tables = table_lines(text)
    for raw in warnings.splitlines():
        if not re.search(r"\b(WARNING|ERROR|CRITICAL):", raw):
            continue  # the continuation of a multi-line parser message
        match = _LINE_RE.match(raw)
        assert match, f"unlocated warning: {raw}"
        path = Path(match["path"])
        assert path.is_relative_to(root), raw
        lineno = int(match["line"])
        typed = _TYPE_RE.search(match["rest"])
        kind = typed["type"] if typed else None
        message = match["rest"][: typed.start()] if typed else match["rest"]
        if kind and kind.startswith("pep."):
            assert _ID_RE.match(message), f"pep warning without a proposal id: {raw}"
            # A parser message's text never leaks into ours (it is reported on its own).
            assert not re.search(r"\((?:INFO|WARNING|ERROR|SEVERE)/\d\)", message), raw
        elif kind and kind.startswith("myst."):
            assert name.endswith(".md"), raw
        elif name.endswith(".md") and "from bibliographic field" in message:
            # docutils' DocInfo transform on MyST's front matter (an empty
            # ``authors: ""``): plain MyST says the same; ours follows it.
            assert path.name == name, raw
        else:
            # A docutils message (untyped before Sphinx 9): markup the author
            # broke in a table cell.
            assert kind in (None, "docutils"), f"unexpected warning type: {raw}"
            assert path.name == name and lineno in in_tables, (
                f"parser warning outside tables: {raw}"
            )
    for page in (root / "_build" / "html").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if name.endswith(".md"):
            # MyST parses table cells as Markdown, where inline HTML is the
            # author's own markup, as in any paragraph of the page.
            html = _MYST_TABLES_RE.sub("", html)
        assert SCRIPT not in html, f"unescaped <script> in {page}"
    check_outputs(root / "_build" / "html")


def check_outputs(outdir: Path) -> None:
    """The JSON parses, the feed is well-formed XML, every page is still a page."""
    for page in outdir.rglob("*.html"):
        assert page.read_text(encoding="utf-8").lstrip().startswith("<!DOCTYPE html>"), page
    data = outdir / "proposals.json"
    if data.exists():
        json.loads(data.read_text(encoding="utf-8"))
    feed = outdir / "proposals.atom"
    if feed.exists():
        SafeET.fromstring(feed.read_bytes())


def build_and_check(
    root: Path,
    fmt: str,
    fields: dict[str, str],
    history: list[list[str]],
    risks: list[list[str]],
) -> None:
    """Write the fuzzed proposal in *fmt* (replacing the last one), build, check the rule."""
    for old in ("pep-0012.rst", "pep-0012.md"):
        (root / old).unlink(missing_ok=True)
    name, text = proposal_source(fmt, fields, history, risks)
    (root / name).write_text(text, encoding="utf-8")
    _app, warnings = build(root)
    check_outcome(root, name, text, warnings)


#: PEP_FUZZ_EXAMPLES in all, shared by the three formats (rounded up).
_EXAMPLES_PER_FORMAT = -(-int(os.environ.get("PEP_FUZZ_EXAMPLES", "40")) // 3)


# One test per format, so that pytest-xdist runs them side by side; each
# format gets its third of the examples, where one test drew the format at
# random before.
@pytest.mark.parametrize("fmt", FORMATS)
@settings(
    # A few hundred on demand: PEP_FUZZ_EXAMPLES=500 pytest tests/test_fuzz.py
    max_examples=_EXAMPLES_PER_FORMAT,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(fields=HEADERS, history=ROWS, risks=ROWS)
def test_hostile_proposals_build_with_located_warnings_only(
    project: Path,
    fmt: str,
    fields: dict[str, str],
    history: list[list[str]],
    risks: list[list[str]],
) -> None:
    build_and_check(project, fmt, fields, history, risks)


#: The examples the fuzz test always ran first (hypothesis @example), now each a test.
KNOWN_HOSTILE = [
    pytest.param(
        "rst", {"pep": "12", "title": SCRIPT, "author": SCRIPT}, [], [], id="rst-script-title"
    ),
    pytest.param(
        "myst-front-matter",
        {"pep": "9" * 60, "status": SCRIPT, "depends-on": "1, 12, 99999999999999999999"},
        [["2026-01-01", "\u2014", "Proposed", SCRIPT], ["", "", ""]],
        [["*broken", "Huge", "High", ""], [SCRIPT, "Low", "Low", "x", "extra"]],
        id="front-matter-huge-number",
    ),
    pytest.param("myst-options", {}, [[]], [[]], id="myst-empty-rows"),
    pytest.param(
        "myst-options",
        {**VALID_FIELDS, "title": "{no-such-role}`x` *open"},
        [],
        [],
        id="myst-markup-title",
    ),
    pytest.param(
        "rst",
        {**VALID_FIELDS, "title": ":no-such-role:`x` __init__ `a <b>`__"},
        [],
        [],
        id="rst-markup-title",
    ),
    pytest.param(
        "rst",
        {"pep": "9" * 60, "status": "*bad", "no-such-field": "`x"},
        [["2026-01-01", "\u2014", "Proposed", "*broken"]],
        [["*broken", "Huge", "High", "`x"], [SCRIPT, "Low", "Low", "x", "extra"]],
        id="rst-broken-cells",
    ),
    pytest.param(
        "rst",
        {**VALID_FIELDS, "title": "Fuzzed proposal"},
        [["2026-01-15", "\u2014", "Proposed", "Initial creation"]],
        [["Cache drift", "Medium", "High", "TTL"]],
        id="rst-valid",
    ),
]


@pytest.mark.parametrize(("fmt", "fields", "history", "risks"), KNOWN_HOSTILE)
def test_known_hostile_proposals_build_with_located_warnings_only(
    project: Path,
    fmt: str,
    fields: dict[str, str],
    history: list[list[str]],
    risks: list[list[str]],
) -> None:
    build_and_check(project, fmt, fields, history, risks)


@pytest.mark.parametrize(
    ("history", "risks"),
    [
        pytest.param([["2026-01-15", "\u2014", "Proposed", "see 0_"]], [], id="history"),
        pytest.param([], [["", "", "", "0_"]], id="risks"),
    ],
)
def test_parser_message_in_an_rst_table_cell_is_located_at_its_row(
    project: Path, history: list[list[str]], risks: list[list[str]]
) -> None:
    """Found by the fuzz test: a cell's reference to an unknown target (``0_``).

    docutils' "Unknown target name" must be located at the cell's row, not at
    the directive's line (the row-located table nodes of the collector).
    """
    build_and_check(project, "rst", {}, history, risks)


# -- YAML front matter -----------------------------------------------------------

#: YAML values that hurt: odd types, tags, block scalars, escapes of characters
#: no output can hold, a recursive alias.
YAML_VALUES = [
    "plain text",
    '"\\u0001 control \\u001f"',
    '"a \\ud800 b"',
    '"\\uFFFE \\uFFFF"',
    "'it''s single-quoted'",
    "0012",
    "-1",
    "1e9",
    "null",
    "~",
    "true",
    "2026-01-15",
    "2026-02-30",
    "[]",
    "{}",
    '""',
    "[a, [b, [c, [d]]]]",
    "{a: 1}",
    "[{n: john}, [jane, x]]",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.getcwd []",
    "|\n  a block\n  of text",
    ">-\n  folded\n  text",
    "&r [*r]",
    "[Jane Doe <jane@example.com>, '\\u0002']",
]
FRONT_FIELDS = ["pep", "title", "author", "authors", "status", "risk", "created", "related"]


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """YAML front matter: valid fields, some replaced by hostile values or aliases."""
    fields = {**VALID_FIELDS, "pep": '"12"'}
    lines: list[str] = []
    for name in draw(st.lists(st.sampled_from(FRONT_FIELDS), max_size=4, unique=True)):
        fields[name] = draw(st.sampled_from(YAML_VALUES))
    if draw(st.booleans()):  # nested aliases: fan ** depth items once expanded
        depth, fan = draw(st.integers(1, 6)), draw(st.integers(1, 9))
        lines.append('x0: &x0 ["Jane Doe"]')
        lines += [f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * fan)}]" for i in range(1, depth + 1)]
        fields[draw(st.sampled_from(FRONT_FIELDS))] = f"*x{depth}"
    lines += [f"{name}: {value}" for name, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


_MYST_FILE_ONLY_RE = re.compile(r"^\S+\.md: WARNING: .* \[myst\.topmatter\]$")


def _timeout(signum: int, frame: Any) -> None:
    raise TimeoutError("the build took more than 60 s")


@settings(
    max_examples=int(os.environ.get("PEP_FUZZ_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(front=front_matter())
@example(front='---\npep: "12"\ntitle: "a \\ud800 b \\u0001"\nauthor: &r [*r]\n---\n')
@example(front='---\npep: plain text\nauthor: Jane Doe <jane@example.com>\nauthors: ""\n---\n')
@example(
    front="---\n"
    + 'x0: &x0 ["x"]\n'
    + "".join(f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]\n" for i in range(1, 9))
    + 'author: *x8\npep: "12"\n---\n'
)
def test_hostile_yaml_front_matter_builds_with_located_warnings_only(
    project: Path, front: str
) -> None:
    for old in ("pep-0012.rst", "pep-0012.md"):
        (project / old).unlink(missing_ok=True)
    text = f"{front}# PEP 0012: Fuzzed proposal\n\n```{{pep-header}}\n```\n\n{SECTIONS_MD}"
    (project / "pep-0012.md").write_text(text, encoding="utf-8")
    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(60)  # bounded time: an alias bomb must not hang the build
    try:
        _app, warnings = build(project)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    # MyST's own front matter warnings name the file only ("could not be
    # serialized", "too large to render"): its business, not ours.
    warnings = "\n".join(
        line for line in warnings.splitlines() if not _MYST_FILE_ONLY_RE.match(line)
    )
    check_outcome(project, "pep-0012.md", text, warnings)


# -- configuration values of wrong types ------------------------------------------

CONFIG_KEYS = [
    "pep_templates",
    "pep_default_template",
    "pep_number_width",
    "pep_ref_format",
    "pep_risk_levels",
    "pep_json_path",
    "pep_header_graph",
    "pep_build_date",
]
_CONFIG_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=10),
    st.sampled_from(
        ["pep", "pep-full", "Proposed", "Low", "{number:d}", "{title!r}", "p.html", "..", "."]
    ),
    st.sampled_from(["extends", "statuses", "required_sections", "label"]),
)
CONFIG_VALUES = st.recursive(
    _CONFIG_LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(max_size=6), st.integers(0, 3)), inner, max_size=3),
    ),
    max_leaves=6,
)


def _conf_value(key: str, value: Any) -> Any:
    """``pep_templates`` gets a template dict of the value, to reach its keys too."""
    if key == "pep_templates" and isinstance(value, dict):
        return {"mine": {"extends": "pep", **{str(k): v for k, v in value.items()}}}
    return value


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(CONFIG_KEYS), value=CONFIG_VALUES)
def test_config_values_of_any_type_are_read_or_refused(key: str, value: Any) -> None:
    """The pure reader: settings and problems, or one SettingsError; never another error."""
    values = {**CONFIG_DEFAULTS, key: _conf_value(key, value)}
    try:
        _settings, problems = read_settings(values)
    except SettingsError as error:
        assert str(error).startswith("pep_"), error
    else:
        assert all(problem.key.startswith("pep_") for problem in problems)


@settings(
    max_examples=int(os.environ.get("PEP_FUZZ_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(key=st.sampled_from(CONFIG_KEYS), value=CONFIG_VALUES)
@example(key="pep_default_template", value=["pep"])
@example(key="pep_ref_format", value="{number:>100000000}")
@example(key="pep_json_path", value=".")
@example(key="pep_risk_levels", value=("0", "00"))
@example(key="pep_risk_levels", value=("0", "0\r0"))  # a CR in a level name: refused
@example(key="pep_build_date", value="9999-12-31")  # the last day a date can be
def test_config_values_of_wrong_types_build_or_stop_cleanly(
    tmp_path_factory: pytest.TempPathFactory, key: str, value: Any
) -> None:
    root = tmp_path_factory.mktemp("fuzz-config")
    conf = f"{BASE_CONF}{FEED_CONF}{key} = {_conf_value(key, value)!r}\n"
    (root / "conf.py").write_text(conf, encoding="utf-8")
    (root / "index.rst").write_text(
        "Fuzz\n====\n\nSee :pep:ref:`1`.\n\n.. toctree::\n\n   pep-0001\n", encoding="utf-8"
    )
    (root / "pep-0001.rst").write_text(minimal_pep(1), encoding="utf-8")
    warning = io.StringIO()
    # The namespace undoes what an app stopped in its constructor registered.
    with docutils_namespace():
        try:
            app = SphinxTestApp("html", srcdir=root, freshenv=True, warning=warning)
        except SystemExit as stop:  # a template set the build cannot go on with
            assert stop.code == 2
            [line] = strip_escape_sequences(warning.getvalue()).splitlines()
            assert re.match(r"^\S*conf\.py:\d+: ERROR: sphinxext-pep configuration error: ", line)
            assert line.endswith("[pep.config]"), line
            return
        try:
            app.build()
        finally:
            app.cleanup()
    text = strip_escape_sequences(warning.getvalue())
    assert "Traceback" not in text, text
    _settings, ignored = read_settings({**CONFIG_DEFAULTS, key: _conf_value(key, value)})
    config_lines = [line for line in text.splitlines() if re.match(r"^\S*conf\.py:\d+: ", line)]
    # A value the reader ignores is one pep.config warning at its conf.py line.
    assert len(config_lines) == len(ignored), text
    for line in config_lines:
        assert re.match(r"^\S*conf\.py:\d+: WARNING: pep_\w+ .*\[pep\.config\]$", line), line
    # A value it takes (pep_risk_levels = ('0', '00')) may make the page's own
    # header wrong: a located pep.* warning, like any other.
    for line in text.splitlines():
        assert re.match(r"^\S+:\d+: WARNING: .*\[pep\.\w+\]$", line), line
    check_outputs(root / "_build" / "html")


# -- proposal ids and authors (issue 15) ---------------------------------------------------


_SETTINGS, _ = read_settings(CONFIG_DEFAULTS)
_ASCII_DIGITS = frozenset("0123456789")

#: Every spelling of an id the role and the header lists accept (SPEC §5):
#: a label (any case, inner spaces or dashes) or none, one separator or none,
#: zero padding.
_LABELS = st.sampled_from(["PEP", "pep", "Pep", "RFC", "rfc", "Design Doc", "design-doc"])
_SPELLED_IDS = st.builds(
    lambda label, separator, padding, number: (
        f"{label or ''}{separator if label else ''}{number:0{padding}d}",
        ProposalId(label, number),
    ),
    st.one_of(st.none(), _LABELS),
    st.sampled_from(["", " ", "-", "_", "  "]),
    st.integers(0, 12),
    st.integers(0, MAX_NUMBER),
)
#: Junk that looks like an id: Unicode digits (fullwidth, Arabic-Indic,
#: superscripts), signs, separators no id has, letters, white space.
_ID_JUNK = st.text(
    alphabet=st.one_of(
        st.sampled_from("0123456789+-\u2212:#<>.,/_ \t\u00a0PEPRFCpeprfc"),
        st.characters(categories=["Nd", "No"]),
    ),
    max_size=16,
)


def _mangled(text: str) -> st.SearchStrategy[str]:
    """*text* with one character replaced by, or one inserted from, the junk alphabet."""
    return st.tuples(st.integers(0, len(text)), st.booleans(), _ID_JUNK.filter(bool)).map(
        lambda spot: text[: spot[0]] + spot[2][0] + text[spot[0] + (1 if spot[1] else 0) :]
    )


@settings(max_examples=500, deadline=None)
@given(spelled=_SPELLED_IDS)
def test_every_spelling_of_an_id_reads_back_its_number(spelled: tuple[str, ProposalId]) -> None:
    text, expected = spelled
    assert parse_proposal_id(text) == expected
    assert parse_proposal_id(expected.target) is not None  # the canonical spelling too
    assert parse_proposal_id(expected.target).number == expected.number  # type: ignore[union-attr]
    digits = text[len(expected.label or "") :].lstrip(" -_")
    assert parse_number(digits) == expected.number  # the header's number field


@settings(max_examples=1000, deadline=None)
@given(text=st.one_of(_ID_JUNK, _SPELLED_IDS.map(lambda s: s[0]).flatmap(_mangled)))
def test_an_id_is_read_only_from_ascii_digits(text: str) -> None:
    """Junk is no id, never another number: what is read is written in ASCII digits.

    (A superscript is no digit to the parser: ``²PEP 1`` has the label ``²PEP``,
    which no series has, a located pep.ref where it is used.)
    """
    pid = parse_proposal_id(text)
    if pid is not None:
        decimal = [char for char in text if unicodedata.category(char) == "Nd"]
        assert set(decimal) <= _ASCII_DIGITS, text
        written = re.search(r"[0-9]+(?=\s*$)", text)
        assert written is not None and int(written.group()) == pid.number, text
        # no sign before the number: a dash there only separates a label (pep-12)
        sign = re.search(r"(?P<before>.)?(?P<sign>[+\u2212-])\s*[0-9]+\s*$", text, re.DOTALL)
        if sign is not None:
            assert sign["sign"] == "-" and re.match(r"[^\W\d_]", sign["before"] or ""), text
    number = parse_number(text)
    if number is not None:
        assert text.strip().isascii() and text.strip().isdigit()


#: Names as the author means them: no angle brackets, no leading quote, one
#: space between words (a line break in a name is read as a space).
_NAMES = (
    st.text(alphabet=st.sampled_from("abcJDé ,.\"@-'_"), min_size=1, max_size=20)
    .map(lambda name: " ".join(name.split()))
    .filter(lambda name: name and not name.startswith('"'))
)
_EMAILS = st.from_regex(r"\A[a-z0-9._-]{1,8}@[a-z0-9-]{1,8}\.[a-z]{2,4}\Z")
_AUTHORS = st.lists(st.builds(Author, _NAMES, st.one_of(st.none(), _EMAILS)), max_size=5)


def _written(author: Author) -> str:
    """An author as an e-mail header writes one: a name holding a comma or quote is quoted."""
    if author.email is None:
        return author.name
    name = quote_item(author.name)
    return f"{name} <{author.email}>"


@settings(max_examples=500, deadline=None)
@given(authors=_AUTHORS, as_yaml=st.booleans())
def test_authors_read_back_as_written(authors: list[Author], as_yaml: bool) -> None:
    """Round trip: each author list, written as a header or as YAML list items, reads back."""
    accepted = [a for a in authors if parse_author(_written(a)) is not None]
    if as_yaml:  # front matter: each item its own author, commas and all
        text = join_list(_written(a) for a in accepted)
    else:
        text = ", ".join(
            quote_item(_written(a)) if a.email is None else _written(a) for a in accepted
        )
    assert [parse_author(item) for item in split_list(text)] == accepted
    for author in accepted:
        assert author.name and "<" not in author.name and "\n" not in author.name


#: Author text a user may type or paste: commas, quotes, angle brackets, @,
#: line breaks, backslashes.
_AUTHOR_TEXT = st.text(
    alphabet=st.sampled_from([*'JaneDo ,"<>@.\\\n\t', "\u00e9", "\u202e"]), max_size=40
)


@settings(max_examples=1000, deadline=None)
@given(text=_AUTHOR_TEXT)
def test_any_author_text_is_read_or_refused_at_its_line(text: str) -> None:
    """The reader: authors or located pep.header problems, never an exception or an empty name."""
    values = {**VALID_FIELDS, "author": text}
    lines = {name: index + 5 for index, name in enumerate(values)}
    reading = read_header(
        values,
        lines,
        docname="pep-0012",
        header=Location("pep-0012", 4),
        heading="PEP 0012: Fuzzed",
        settings=_SETTINGS,
    )
    authors = reading.proposal.authors
    for problem in reading.problems:
        assert problem.subtype in (Subtype.HEADER, Subtype.PLACEHOLDER), problem
        if problem.message.startswith("missing required field"):  # nothing written
            assert not text.strip() and problem.location == Location("pep-0012", 4), problem
        else:
            assert problem.location == Location("pep-0012", lines["author"]), problem
    if not authors:  # nothing read: said, at the author line
        assert reading.problems, text
    for author in authors:
        assert author.name.strip() and not set(author.name) & set("<>\n"), author
        # what is accepted reads back the same when written out again
        assert parse_author(_written(author)) == author, author


_ROLE_ID_TEXT = st.one_of(_SPELLED_IDS.map(lambda s: s[0]), _ID_JUNK.filter(lambda t: t.strip()))
_NOT_AN_ID_RE = re.compile(
    r"^(?:'.*' is not a proposal id \(write 12, 0012, PEP 12 or pep-0012\)"
    # an id whose label no series has is named as written (``Design Doc 0000``)
    r"|[^\W\d_][^\d:#<>]* [0-9]+: no proposal series has the label .*)$"
)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(
    # A third of the header fuzz's share: the parsers are fuzzed on their own
    # above, by the thousand; this checks what the build makes of them.
    max_examples=max(3, _EXAMPLES_PER_FORMAT // 3),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    number=st.one_of(_ROLE_ID_TEXT, st.integers(0, 99).map(str)),
    related=st.lists(_ROLE_ID_TEXT, max_size=3),
    author=_AUTHOR_TEXT,
    refs=st.lists(_ROLE_ID_TEXT.map(lambda t: t.replace("`", "").strip()).filter(bool), max_size=3),
)
@example(
    number="１２", related=["PEP -1", "٢"], author='"Doe, Jane" <jane@example.com>, , ', refs=["-1"]
)
@example(number="12", related=[], author=", , ,", refs=["PEP\u00a012"])
def test_hostile_ids_and_authors_build_with_located_warnings_only(
    project: Path, fmt: str, number: str, related: list[str], author: str, refs: list[str]
) -> None:
    """Ids in the header and in the role, and authors, as a user may write them: located pep.*."""
    fields = {**VALID_FIELDS, "pep": number, "author": author}
    if related:
        fields["related"] = ", ".join(related)
    if fmt == "rst":  # a line break in an RST option value is a continuation line
        fields = {k: v.replace("\n", "\n      ") for k, v in fields.items()}
    for old in ("pep-0012.rst", "pep-0012.md"):
        (project / old).unlink(missing_ok=True)
    name, text = proposal_source(fmt, fields, [], [])
    role = ":pep:ref:`{}`" if fmt == "rst" else "{{pep:ref}}`{}`"
    see = "See " + ", ".join(role.format(ref) for ref in refs) + ".\n\n" if refs else ""
    marker = "Problem Statement\n-----------------\n" if fmt == "rst" else "## Problem Statement\n"
    text = text.replace(marker, marker + "\n" + see, 1)
    (project / name).write_text(text, encoding="utf-8")
    _app, warnings = build(project)
    # A role's id that is no id, or whose label is no series, has no proposal
    # to name first: checked here, the rest as always.
    kept = []
    for raw in warnings.splitlines():
        match = _LINE_RE.match(raw)
        typed = match and _TYPE_RE.search(match["rest"])
        if typed and typed["type"] == "pep.ref":
            message = match["rest"][: typed.start()]  # type: ignore[index]
            if _NOT_AN_ID_RE.match(message):
                assert Path(match["path"]).name == name, raw  # type: ignore[index]
                continue
        kept.append(raw)
    check_outcome(project, name, text, "\n".join(kept))
