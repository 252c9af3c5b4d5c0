"""Cross-field template rules (issue 21): ``pep_templates[...]['rules']``.

The worked example is the one in ``docs/templates.md`` -- Python's PEP 1
rules -- built here as the ``conf.py`` of real RST and MyST projects.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BuildProject, index_rst, minimal_pep, myst_pep

DOC = Path(__file__).parent.parent / "docs" / "templates.md"


def _docs_block(language: str, containing: str) -> str:
    blocks = re.findall(rf"^```{language}\n(.*?)^```", DOC.read_text(), re.DOTALL | re.MULTILINE)
    [block] = [block for block in blocks if containing in block]
    return block


#: The docs' Python template with PEP 1's two rules, as a conf.py.
PYTHON_CONF = _docs_block("python", '"rules"')


def _python(number: int, status: str, type_: str, **fields: str | None) -> str:
    return minimal_pep(number, template="python", type=type_, risk=None, status=status, **fields)


def _python_myst(number: int, status: str, type_: str, **fields: str | None) -> str:
    return myst_pep(number, template="python", type=type_, risk=None, status=status, **fields)


def test_the_docs_python_rules_warn_where_the_docs_say(build_project: BuildProject) -> None:
    files = {
        "index.rst": index_rst("pep-0001", "pep-0008", "pep-0009", "pep-0010", "pep-0011"),
        "pep-0001.rst": _python(1, "Accepted", "Standards Track", resolution="https://x.org/1"),
        "pep-0008.rst": _python(8, "Final", "Standards Track"),
        "pep-0009.rst": _python(9, "Active", "Standards Track"),
        "pep-0010.rst": _python(10, "Active", "Informational"),
        "pep-0011.rst": _python(11, "final", "process"),  # rule 0 is for Standards Track only
    }
    build = build_project(files, conf=PYTHON_CONF)
    shown = [
        f"{w.where}: WARNING: {w.message} [{w.type}]" for w in build.warnings if w.type != "pep.toc"
    ]
    assert shown == _docs_block("text", "rules[0]").splitlines()
    assert [(w.where, w.type) for w in build.warnings] == [
        ("pep-0008.rst:7", "pep.header"),
        ("pep-0009.rst:10", "pep.header"),
    ]

    # Fixed, or exempt: silent.
    files["pep-0008.rst"] = _python(8, "Final", "Standards Track", resolution="https://x.org/8")
    files["pep-0009.rst"] = _python(9, "Active", "Standards Track", exempt="header")
    assert build_project(files, conf=PYTHON_CONF).warnings == []


def test_the_python_rules_in_myst(build_project: BuildProject) -> None:
    files = {
        "index.md": "# Index\n\n```{toctree}\npep-0002\npep-0003\npep-0004\n```\n",
        "pep-0002.md": _python_myst(2, "Rejected", "Standards Track"),
        "pep-0003.md": _python_myst(3, "Active", "Process"),
        "pep-0004.md": _python_myst(4, "Active", "standards track"),
    }
    build = build_project(files, conf=PYTHON_CONF)
    assert [(w.where, w.type, w.message) for w in build.warnings] == [
        (
            "pep-0002.md:6",
            "pep.header",
            "PEP 0002: ':resolution:' is required when type is 'Standards Track' and status "
            "is 'Rejected' (rules[0] of template 'python')",
        ),
        (
            "pep-0004.md:9",
            "pep.header",
            "PEP 0004: type 'Standards Track' is not allowed when status is 'Active' "
            "(allowed: Informational, Process; rules[1] of template 'python')",
        ),
    ]
    files["pep-0002.md"] = _python_myst(2, "Rejected", "Standards Track", resolution="Rejected.")
    files["pep-0004.md"] = _python_myst(4, "Active", "Informational")
    assert build_project(files, conf=PYTHON_CONF).warnings == []


#: ``allow`` on the status and ``when`` on a status group, on the lean ``pep`` template.
_STATUS_RULES = """\
pep_templates = {"pep": {"rules": [
    {"when": {"risk": "High"}, "allow": {"status": ["Proposed", "Withdrawn"]}},
    {"when": {"status-group": "closed", "risk": ["medium", "high"]},
     "require": ["resolution", "reviewers"]},
]}}
"""


def test_allow_on_the_status_is_pep_status_and_groups_are_conditions(
    build_project: BuildProject,
) -> None:
    files = {
        "index.rst": index_rst("p1", "p2", "p3", "p4"),
        "p1.rst": minimal_pep(1, risk="High", status="Accepted"),
        "p2.rst": minimal_pep(2, risk="Medium", status="Rejected", reviewers="@ann"),
        "p3.rst": minimal_pep(3, risk="High", status="Withdrawn", resolution="https://x.org"),
        "p4.rst": minimal_pep(4, risk="Low", status="Rejected"),  # Low: no rule applies
    }
    build = build_project(files, conf=_STATUS_RULES)
    assert [(w.where, w.type, w.message) for w in build.warnings] == [
        (
            "p1.rst:7",
            "pep.status",
            "PEP 0001: status 'Accepted' is not allowed when risk is 'High' "
            "(allowed: Proposed, Withdrawn; rules[0] of template 'pep')",
        ),
        (
            "p2.rst:7",
            "pep.header",
            "PEP 0002: ':resolution:' is required when status group is 'closed' and risk is "
            "'Medium' (rules[1] of template 'pep')",
        ),
        (
            "p3.rst:7",
            "pep.header",
            "PEP 0003: ':reviewers:' is required when status group is 'closed' and risk is "
            "'High' (rules[1] of template 'pep')",
        ),
    ]
    files["p1.rst"] = minimal_pep(1, risk="High", status="Accepted", exempt="status")
    files["p2.rst"] = minimal_pep(2, risk="Medium", status="Rejected", exempt="header")
    files["p3.rst"] = minimal_pep(3, risk="High", status="Withdrawn", reviewers="@ann, @bob")
    files["p3.rst"] = files["p3.rst"].replace(
        "   :reviewers:", "   :resolution: Gone.\n   :reviewers:"
    )
    assert build_project(files, conf=_STATUS_RULES).warnings == []


# -- index_categories: PEP 0's categories for pep-index :group-by: index-category -----

#: (number, status, type) of a small corpus, and the docs' category each lands in.
_CORPUS = [
    (1, "Active", "Process", "Meta-PEPs"),
    (8, "Active", "Informational", "Other Informational PEPs"),
    (484, "Final", "Standards Track", "Finished PEPs"),
    (554, "Draft", "Standards Track", "Open PEPs"),
    (3333, "Final", "Informational", "Historical Meta-PEPs and Informational PEPs"),
    (689, "Provisional", "Standards Track", "Provisional PEPs"),
    (3150, "Rejected", "Standards Track", "Abandoned, Withdrawn, and Rejected PEPs"),
    (401, "April Fool!", "Process", "Abandoned, Withdrawn, and Rejected PEPs"),
]


def _categories_project(fmt: str) -> dict[str, str]:
    resolution = {"resolution": "https://x.org/r"}
    if fmt == "rst":
        files = {
            f"pep-{n:04d}.rst": _python(n, status, type_, **resolution)
            for n, status, type_, _category in _CORPUS
        }
        names = "\n".join(f"   pep-{n:04d}" for n, *_ in _CORPUS)
        files["index.rst"] = (
            "Index\n=====\n\n.. pep-index::\n   :group-by: index-category\n   :columns: number\n\n"
            f".. toctree::\n\n{names}\n"
        )
        return files
    files = {
        f"pep-{n:04d}.md": _python_myst(n, status, type_, **resolution)
        for n, status, type_, _category in _CORPUS
    }
    names = "\n".join(f"pep-{n:04d}" for n, *_ in _CORPUS)
    files["index.md"] = (
        "# Index\n\n```{pep-index}\n:group-by: index-category\n:columns: number\n```\n\n"
        f"```{{toctree}}\n{names}\n```\n"
    )
    return files


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_index_categories_group_the_index_in_the_templates_order(
    build_project: BuildProject, fmt: str
) -> None:
    build = build_project(_categories_project(fmt), conf=PYTHON_CONF)
    assert build.warnings == []
    groups = re.split(r'<h\d class="pep-index-group-title">', build.html())[1:]
    found = {
        group.split("<", 1)[0].replace("&amp;", "&"): re.findall(r"<span>PEP (\d{4})</span>", group)
        for group in groups
    }
    expected: dict[str, list[str]] = {}
    order = re.findall(r'"name": "([^"]+)"', PYTHON_CONF)  # as the docs list them
    for name in order:
        members = sorted(f"{n:04d}" for n, _s, _t, category in _CORPUS if category == name)
        if members:
            expected[name] = members
    assert list(found) == list(expected)  # docs order, empty categories left out
    assert found == expected


def test_a_proposal_in_no_category_comes_last_under_not_set(build_project: BuildProject) -> None:
    conf = (
        "pep_templates = {'pep': {'index_categories': ["
        "{'name': 'Risky', 'when': {'risk': 'High'}},"
        "{'name': 'Settled', 'when': {'status-group': ['done', 'closed']}}]}}\n"
    )
    files = {
        "index.rst": index_rst(
            "p1", "p2", "p3", body=".. pep-index::\n   :group-by: index-category"
        ),
        "p1.rst": minimal_pep(1, status="Implemented"),
        "p2.rst": minimal_pep(2, risk="High", status="Rejected"),  # the first category wins
        "p3.rst": minimal_pep(3),
    }
    text = build_project(files, conf=conf, buildername="text").read("index.txt")
    titles = re.findall(r"^-\[ (.+) \]-$", text, flags=re.MULTILINE)
    assert titles == ["Risky", "Settled", "Not set"]
    sections = re.split(r"^-\[ .+ \]-$", text, flags=re.MULTILINE)[1:]
    rows = [re.findall(r"^\| (PEP \d{4}) ", s, flags=re.MULTILINE) for s in sections]
    assert rows == [["PEP 0002"], ["PEP 0001"], ["PEP 0003"]]
