"""Configuration (SPEC §2): ``pep_templates``, ``pep_default_template`` and friends."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
import sphinx.locale
from conftest import BASE_CONF, BuildProject, index_rst, minimal_pep
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx.util.docutils import docutils_namespace

from sphinxext_pep.core.fields import HEADER_OPTIONS, REQUIRABLE_BY_STATUS_GROUP, TEXT_FIELDS

DOCS = Path(__file__).parent.parent / "docs"

ADR = """\
    pep_templates = {
        "adr": {
            "label": "ADR",
            "number_field": "adr",
            "required_fields": ["adr", "title", "status"],
            "statuses": {"Proposed": "open", "Adopted": "done", "Dropped": "closed"},
            "required_sections": ["Context", "Decision"],
            "title_words": ["Decision"],
        },
        "pep": {"allowed_values": {"risk": ["Low", "High"]}},
    }
"""


def test_a_fourth_template_needs_no_code(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("adr-0003"),
            "adr-0003.rst": """\
                Decision: Use Postgres
                ======================

                .. pep-header::
                   :template: adr
                   :adr: 3
                   :status: adopted
                   :deciders: Ops team

                Context
                -------

                We need a database.

                Decision
                --------

                Postgres.
                """,
        },
        conf=ADR,
    )
    # "deciders" is not a header option of any kind: the header cannot hold it, so
    # it is reported as unknown (and a template requiring it stops the build).
    assert [w.message for w in build.pep_warnings()] == ["ADR 0003: unknown field ':deciders:'"]
    html = build.html("adr-0003")
    assert '<span class="pep-header-id">ADR 0003</span>' in html
    assert '<span class="pep-header-name">Use Postgres</span>' in html
    assert "pep-status-done" in html and ">Adopted</span>" in html


def test_overriding_part_of_a_builtin(build_project: BuildProject) -> None:
    build = build_project(
        {"index.rst": index_rst("p"), "p.rst": minimal_pep(1, risk="Medium")}, conf=ADR
    )
    assert [(w.type, w.where, w.message) for w in build.pep_warnings()] == [
        ("pep.header", "p.rst:8", "PEP 0001: unknown risk 'Medium' (expected one of Low, High)")
    ]


def test_default_template(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("r"),
            "r.rst": "RFC 2: Thing\n============\n\n.. pep-header::\n   :rfc: 2\n",
        },
        conf="pep_default_template = 'enhancement'\nsuppress_warnings = ['pep.section']\n",
    )
    # the enhancement template's required fields; the title comes from the heading
    assert [(w.type, w.where, w.message) for w in build.pep_warnings()] == [
        ("pep.header", "r.rst:4", f"RFC 0002: missing required field ':{field}:'")
        for field in ("authors", "status", "category", "created")
    ]
    assert '<span class="pep-header-name">Thing</span>' in build.html("r")


def _write_project(root: Path, conf: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(BASE_CONF + textwrap.dedent(conf))
    (root / "index.rst").write_text("Index\n=====\n")


def _sphinx_build(tmp_path: Path, conf: str) -> subprocess.CompletedProcess[str]:
    _write_project(tmp_path, conf)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "--no-color",
            "-b",
            "html",
            str(tmp_path),
            str(tmp_path / "_b"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@dataclass(frozen=True)
class Stopped:
    """How an in-process build that refused its configuration ended."""

    code: object  #: the ``SystemExit`` code: ``sphinx-build``'s exit status
    stderr: str  #: the warning stream: what ``sphinx-build -q`` prints on stderr


def _stopped_build(root: Path, conf: str) -> Stopped:
    """Start a Sphinx application on *conf* in-process; it must stop at config-inited.

    ``sphinx-build`` turns a ``SystemExit`` into its exit status and prints no
    traceback; any other exception would be a crash report. So the build must
    end in ``SystemExit`` and nothing else: ``pytest.raises`` lets every other
    exception through and fails the test. (One test below runs the real
    ``sphinx-build`` to prove the user sees exactly the warning stream.)
    """
    _write_project(root, conf)
    warning = StringIO()
    saved_path = sys.path.copy()
    # SphinxTestApp cleans up after an Exception, not after SystemExit: restore
    # docutils' registries ourselves, or the next app sees ours.
    with docutils_namespace(), pytest.raises(SystemExit) as stopped:
        try:
            SphinxTestApp("html", srcdir=root, status=StringIO(), warning=warning)
        finally:
            sys.path[:] = saved_path
            sphinx.locale.translators.clear()
    return Stopped(stopped.value.code, strip_escape_sequences(warning.getvalue()))


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        (
            "pep_templates = {'adr': {'label': 'ADR', 'statuses': ['Proposed']}}",
            "pep_templates['adr']['statuses']: expected a non-empty mapping of status name",
        ),
        (
            "pep_templates = {'adr': {'label': 'ADR', 'statuses': {'Proposed': 'pending'}}}",
            "pep_templates['adr']['statuses']['Proposed']: unknown status group 'pending'",
        ),
        (
            "pep_templates = {'pep': {'colour': 'red'}}",
            "pep_templates['pep']['colour']: unknown key",
        ),
        (
            "pep_templates = {'adr': {'statuses': {'Proposed': 'open'}}}",
            "pep_templates['adr']['label']: required for a new template",
        ),
        (
            "pep_templates = {'pep': {'first_status': 'Draft'}}",
            "pep_templates['pep']['first_status']: 'Draft' is not one of the template's statuses",
        ),
        (
            "pep_templates = {'pep': {'abstract_max_words': 'many'}}",
            "pep_templates['pep']['abstract_max_words']: expected a positive integer",
        ),
        (
            "pep_templates = {'pep': {'discussions_after_created': 'no'}}",
            "pep_templates['pep']['discussions_after_created']: expected True or False, got 'no'",
        ),
        ("pep_default_template = 'adr'", "pep_default_template: no template 'adr'"),
    ],
)
def test_bad_templates_stop_the_build_with_one_clear_message(
    tmp_path: Path, conf: str, message: str
) -> None:
    result = _stopped_build(tmp_path, "\n" + conf + "\n")
    assert result.code == 2
    # one located line: conf.py, the line of the assignment, the key, the subtype
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"{tmp_path / 'conf.py'}:3: ERROR: sphinxext-pep configuration error: ")
    assert message in line
    assert line.endswith("[pep.config]")
    assert "Traceback" not in result.stderr


def test_sphinx_build_prints_the_one_clear_message_and_no_traceback(tmp_path: Path) -> None:
    """The real command: what the in-process tests read is what a user sees."""
    conf = "\npep_templates = {'pep': {'colour': 'red'}}\n"
    result = _sphinx_build(tmp_path / "cli", conf)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr == _stopped_build(tmp_path / "app", conf).stderr.replace(
        str(tmp_path / "app"), str(tmp_path / "cli")
    )
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(
        f"{tmp_path / 'cli' / 'conf.py'}:3: ERROR: sphinxext-pep configuration error: "
        "pep_templates['pep']['colour']: unknown key"
    )
    assert line.endswith("[pep.config]")


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        ("pep_number_width = -2", "pep_number_width must be an integer from 0 to 12, got -2"),
        ("pep_ref_format = '{label} {nmber}'", "pep_ref_format '{label} {nmber}' is not a format"),
        ("pep_risk_levels = []", "pep_risk_levels must be a non-empty list of level names"),
        # wrong types: ours alone, not also Sphinx's untyped type warning
        ("pep_number_width = 'x'", "pep_number_width must be an integer from 0 to 12, got 'x'"),
        ("pep_risk_levels = 'High'", "pep_risk_levels must be a non-empty list of level names"),
        ("pep_json_path = 5", "pep_json_path must be a relative path or None, got 5"),
        ("pep_header_title = 'yes'", "pep_header_title must be True, False or 'auto', got 'yes'"),
    ],
)
def test_ignorable_bad_values_warn_and_fall_back(
    build_project: BuildProject, conf: str, message: str
) -> None:
    build = build_project({"index.rst": "Index\n=====\n"}, conf=conf + "\n")
    [warning] = build.warnings
    assert warning.where == "conf.py:2"
    assert warning.message.startswith(message)


def test_valid_config_gives_no_config_warning(build_project: BuildProject) -> None:
    build = build_project(
        {"index.rst": "Index\n=====\n"},
        conf="pep_number_width = 3\npep_ref_format = '{title}'\npep_risk_levels = ['a', 'b']\n",
    )
    assert build.warnings == []


def test_template_status_names_match_case_insensitively(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("a"),
            "a.rst": """\
                ADR 1: Old
                ==========

                .. pep-header::
                   :template: adr
                   :number: 1
                   :status: REPLACED
                """,
        },
        conf="""\
            pep_templates = {
                "adr": {
                    "label": "ADR",
                    "statuses": {"Proposed": "open", "Replaced": "closed"},
                    "status_requires": {"replaced": ["superseded-by"]},
                    "transitions": {"proposed": ["replaced"]},
                },
            }
            """,
    )
    assert [(w.type, w.where, w.message) for w in build.pep_warnings()] == [
        (
            "pep.status",
            "a.rst:7",
            "ADR 0001: status 'Replaced' needs ':superseded-by:' naming the proposal that "
            "replaces it",
        )
    ]


def test_status_requiring_a_text_field(build_project: BuildProject) -> None:
    # Not a proposal list: the message asks for the field, not for a proposal.
    build = build_project(
        {"index.rst": index_rst("pep-0001"), "pep-0001.rst": minimal_pep(1, status="Implemented")},
        conf="pep_templates = {'pep': {'status_requires': {'Implemented': ['version']}}}\n",
    )
    assert [(w.type, w.where, w.message) for w in build.pep_warnings()] == [
        ("pep.status", "pep-0001.rst:7", "PEP 0001: status 'Implemented' needs ':version:' set")
    ]
    fixed = build_project(
        {
            "index.rst": index_rst("pep-0001"),
            "pep-0001.rst": minimal_pep(1, status="Implemented", version="2.1"),
        },
        conf="pep_templates = {'pep': {'status_requires': {'Implemented': ['version']}}}\n",
    )
    assert fixed.pep_warnings() == []


def test_transitions_naming_an_unknown_status_stop_the_build(tmp_path: Path) -> None:
    result = _stopped_build(
        tmp_path,
        "\npep_templates = {'pep': {'transitions': {'Proposed': ['Shipped']}}}\n",
    )
    assert result.code == 2
    assert "pep_templates['pep']['transitions']: 'Shipped' is not one of the template's" in (
        result.stderr
    )


# -- field names, statuses and values a template names must be usable (SPEC §2, §3) ------

_ADR = "'label': 'ADR', 'statuses': {'Proposed': 'open', 'Adopted': 'done'}"
#: Every pep-header option, in the registry's order (the list the message names).
_FIELDS = ", ".join(HEADER_OPTIONS)
_VALUE_LIST_FIELDS = ", ".join(TEXT_FIELDS)


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        pytest.param(
            "pep_templates = {'adr': {'extends': 'pep', 'label': 'ADR', 'number_field': 'adr', "
            "'required_fields': ['adr', 'title', 'status', 'deciders']}}",
            "pep_templates['adr']['required_fields']: 'deciders' is not a pep-header field "
            f"(the fields are adr, {_FIELDS})",
            id="required-field-not-a-header-field",
        ),
        pytest.param(
            # the built-in still requires :pep:, which its new number field replaces
            "pep_templates = {'pep': {'number_field': 'id'}}",
            "pep_templates['pep']['required_fields']: 'pep' is not a pep-header field "
            f"(the fields are id, {_FIELDS})",
            id="required-field-of-the-old-number-field",
        ),
        pytest.param(
            "pep_templates = {'pep': {'status_requires': {'Rejected': ['nonfield']}}}",
            "pep_templates['pep']['status_requires']['Rejected']: 'nonfield' cannot be "
            "required by a status (fields that can: related, depends-on, enables, supersedes, "
            f"superseded-by, {_VALUE_LIST_FIELDS})",
            id="status-requires-unknown-field",
        ),
        pytest.param(
            "pep_templates = {'pep': {'required_by_status': {'Shipped': ['target']}}}",
            "pep_templates['pep']['required_by_status']: 'Shipped' is neither one of the "
            "template's statuses (Proposed, Accepted, Implementing, Implemented, Rejected, "
            "Withdrawn, Deferred) nor a status group (open, accepted, done, closed, deferred)",
            id="required-by-status-of-an-unknown-status",
        ),
        pytest.param(
            "pep_templates = {'pep': {'required_by_status': {'done': ['colour']}}}",
            "pep_templates['pep']['required_by_status']['done']: 'colour' cannot be required "
            f"by a status (fields that can: {', '.join(REQUIRABLE_BY_STATUS_GROUP)})",
            id="required-by-status-unknown-field",
        ),
        pytest.param(
            f"pep_templates = {{'adr': {{{_ADR}, 'number_field': 'status'}}}}",
            "pep_templates['adr']['number_field']: 'status' is already a pep-header field; "
            "the number field needs a name of its own (or 'number')",
            id="number-field-is-a-common-field",
        ),
        pytest.param(
            f"pep_templates = {{'adr': {{{_ADR}, 'number_field': 'adr id'}}}}",
            "pep_templates['adr']['number_field']: 'adr id' is not a field name "
            "(one word of letters, digits, '-' and '_')",
            id="number-field-not-a-name",
        ),
        pytest.param(
            "pep_templates = {'adr': {'label': 'ADR', 'statuses': {'A': 'open', 'a': 'closed'}}}",
            "pep_templates['adr']['statuses']: 'A' and 'a' are the same status "
            "(statuses match case-insensitively)",
            id="statuses-differ-only-in-case",
        ),
        pytest.param(
            "pep_templates = {'pep': {'transitions': {'Proposed': ['Accepted'], "
            "'proposed': ['Rejected']}}}",
            "pep_templates['pep']['transitions']: 'Proposed' and 'proposed' are the same status "
            "(statuses match case-insensitively)",
            id="transitions-from-one-status-twice",
        ),
        pytest.param(
            "pep_templates = {'pep': {'extra_transitions': {'Implemented': ['Shipped']}}}",
            "pep_templates['pep']['extra_transitions']: 'Shipped' is not one of the template's "
            "statuses (Proposed, Accepted, Implementing, Implemented, Rejected, Withdrawn, "
            "Deferred)",
            id="extra-transitions-to-an-unknown-status",
        ),
        pytest.param(
            "pep_templates = {'pep': {'status_requires': {'Replaced': ['superseded-by']}}}",
            "pep_templates['pep']['status_requires']: 'Replaced' is not one of the template's "
            "statuses (Proposed, Accepted, Implementing, Implemented, Rejected, Withdrawn, "
            "Deferred)",
            id="status-requires-of-an-unknown-status",
        ),
        pytest.param(
            "pep_templates = {'pep': {'allowed_values': {'status': ['Open', 'Shut']}}}",
            "pep_templates['pep']['allowed_values']: 'status' cannot have a list of allowed "
            f"values (fields that can: {_VALUE_LIST_FIELDS})",
            id="allowed-values-of-a-field-without-values",
        ),
        pytest.param(
            "pep_templates = {'pep': {'allowed_values': {'risk': []}}}",
            "pep_templates['pep']['allowed_values']['risk']: expected a non-empty list of "
            "values (an empty one allows no value)",
            id="allowed-values-empty",
        ),
        pytest.param(
            "pep_templates = {'pep': {'allowed_values': {'risk': ['Low', 'High', 'low']}}}",
            "pep_templates['pep']['allowed_values']['risk']: 'Low' and 'low' are the same "
            "value (values match case-insensitively)",
            id="allowed-values-differ-only-in-case",
        ),
        pytest.param(
            "pep_templates = {'pep': {'allowed_values': {'Risk': ['Low'], 'risk': ['High']}}}",
            "pep_templates['pep']['allowed_values']: 'Risk' and 'risk' are the same field "
            "(field names match case-insensitively)",
            id="allowed-values-field-twice",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': {'when': {}}}}",
            "pep_templates['pep']['rules']: expected a list of rules, got {'when': {}}",
            id="rules-not-a-list",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': [{'when': {'risk': 'High'}, 'needs': ['type']}]}}",
            "pep_templates['pep']['rules'][0]['needs']: unknown key "
            "(known keys: when, require, allow)",
            id="rules-unknown-key",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': [{'when': {'risk': 'High'}}]}}",
            "pep_templates['pep']['rules'][0]: a rule needs 'require' or 'allow': what it asks for",
            id="rules-asking-nothing",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': [{'require': ['type']}]}}",
            "pep_templates['pep']['rules'][0]: a rule needs 'when': the field values it applies to",
            id="rules-without-when",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': [{'when': {'status': 'Shipped'}, "
            "'require': ['type']}]}}",
            "pep_templates['pep']['rules'][0]['when']['status']: 'Shipped' is not one of the "
            "template's statuses (Proposed, Accepted, Implementing, Implemented, Rejected, "
            "Withdrawn, Deferred)",
            id="rules-unknown-status",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': [{'when': {'risk': 'Huge'}, 'require': ['type']}]}}",
            "pep_templates['pep']['rules'][0]['when']['risk']: 'Huge' is not one of the "
            "allowed values of 'risk' (Low, Medium, High)",
            id="rules-value-not-allowed",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': [{'when': {'status-group': 'finished'}, "
            "'require': ['type']}]}}",
            "pep_templates['pep']['rules'][0]['when']['status-group']: 'finished' is not a "
            "status group (open, accepted, done, closed, deferred)",
            id="rules-unknown-group",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': [{'when': {'author': 'Ann'}, "
            "'require': ['type']}]}}",
            "pep_templates['pep']['rules'][0]['when']: 'author' is not a field a rule can name "
            f"here (status, status-group, {_VALUE_LIST_FIELDS})",
            id="rules-condition-on-a-field-without-a-value",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': [{'when': {'risk': 'Low'}, "
            "'require': ['colour']}]}}",
            "pep_templates['pep']['rules'][0]['require']: 'colour' cannot be required by a rule "
            f"(fields that can: {', '.join(REQUIRABLE_BY_STATUS_GROUP)})",
            id="rules-require-unknown-field",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': [{'when': {'risk': 'Low'}, "
            "'allow': {'status': []}}]}}",
            "pep_templates['pep']['rules'][0]['allow']['status']: expected a value or a "
            "non-empty list of values, got []",
            id="rules-allow-nothing",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': [{'when': {}, 'require': ['type']}]}}",
            "pep_templates['pep']['rules'][0]['when']: expected a non-empty dict of "
            "field -> values",
            id="rules-for-every-proposal",
        ),
        pytest.param(
            "pep_templates = {'pep': {'rules': [{'when': {'Risk': 'Low', 'risk': 'High'}, "
            "'require': ['type']}]}}",
            "pep_templates['pep']['rules'][0]['when']: 'Risk' and 'risk' are the same field "
            "(field names match case-insensitively)",
            id="rules-field-twice",
        ),
        pytest.param(
            "pep_templates = {'pep': {'index_categories': [{'name': 'Open', 'when': "
            "{'status-group': 'open'}}, {'name': 'open', 'when': {'risk': 'Low'}}]}}",
            "pep_templates['pep']['index_categories'][1]['name']: 'Open' and 'open' are the "
            "same category",
            id="index-categories-named-twice",
        ),
        pytest.param(
            "pep_templates = {'pep': {'index_categories': [{'name': 'Done', 'when': "
            "{'status': 'Finished'}}]}}",
            "pep_templates['pep']['index_categories'][0]['when']['status']: 'Finished' is not "
            "one of the template's statuses (Proposed, Accepted, Implementing, Implemented, "
            "Rejected, Withdrawn, Deferred)",
            id="index-categories-unknown-status",
        ),
        pytest.param(
            "pep_templates = {'pep': {'index_categories': [{'name': 'Done'}]}}",
            "pep_templates['pep']['index_categories'][0]: expected a dict with 'name' and "
            "'when', got {'name': 'Done'}",
            id="index-categories-without-when",
        ),
    ],
)
def test_template_fields_a_proposal_cannot_satisfy_stop_the_build(
    tmp_path: Path, conf: str, message: str
) -> None:
    result = _stopped_build(tmp_path, "\n" + conf + "\n")
    assert result.code == 2
    assert result.stderr.strip() == (
        f"{tmp_path / 'conf.py'}:3: ERROR: sphinxext-pep configuration error: "
        f"{message} [pep.config]"
    )


def test_builtin_templates_pass_the_template_rules(build_project: BuildProject) -> None:
    # Naming a built-in with no changes runs it through every rule above.
    build = build_project(
        {"index.rst": index_rst("p"), "p.rst": minimal_pep(1)},
        conf="pep_templates = {'pep': {}, 'pep-full': {}, 'enhancement': {}}\n",
    )
    assert build.warnings == []


def _docs_template_examples() -> list[object]:
    examples = []
    for page in sorted(DOCS.glob("*.md")):
        blocks = re.findall(r"^```python\n(.*?)^```", page.read_text(), re.DOTALL | re.MULTILINE)
        examples += [
            pytest.param(block, id=f"{page.name}-{number}")
            for number, block in enumerate(blocks)
            if "pep_templates" in block
        ]
    return examples


@pytest.mark.parametrize("conf", _docs_template_examples())
def test_docs_template_examples_are_valid(build_project: BuildProject, conf: str) -> None:
    build = build_project({"index.rst": "Index\n=====\n"}, conf=conf)
    assert build.warnings == []


def test_template_field_names_are_read_in_lower_case(build_project: BuildProject) -> None:
    # docutils lower-cases option names, so :adr: is the field 'ADR' names.
    build = build_project(
        {
            "index.rst": index_rst("a"),
            "a.rst": """\
                ADR 1: Use Postgres
                ===================

                .. pep-header::
                   :template: adr
                   :adr: 1
                   :status: Proposed
                   :risk: low
                """,
        },
        conf=f"""\
            pep_templates = {{
                "adr": {{
                    {_ADR},
                    "number_field": "ADR",
                    "required_fields": ["ADR", "Title", "Risk"],
                    "allowed_values": {{"Risk": ["Low", "High"]}},
                }},
            }}
            """,
    )
    assert build.warnings == []
    assert '<span class="pep-header-id">ADR 0001</span>' in build.html("a")
