"""``pep-index :group-by:`` any value field, and static filters on any of them (SPEC §9)."""

from __future__ import annotations

import re

import pytest
from conftest import BuildProject, index_rst, minimal_pep, myst_pep


def _full(number: int, type_: str | None, category: str | None, fmt: str) -> str:
    make = minimal_pep if fmt == "rst" else myst_pep
    fields = {"template": "pep-full", "status": "Draft", "risk": None, "exempt": "section"}
    if type_:
        fields["type"] = type_
    if category:
        fields["category"] = category
    return make(number, f"Proposal {number}", **fields)


def _project(fmt: str, options: str) -> dict[str, str]:
    files = {
        f"pep-0001.{fmt}": _full(1, "Standard", "Core", fmt),
        f"pep-0002.{fmt}": _full(2, "Process", None, fmt),
        f"pep-0003.{fmt}": _full(3, "standard", "packaging", fmt),
        f"pep-0004.{fmt}": _full(4, "Informational", "Core", fmt),
        f"pep-0005.{fmt}": (minimal_pep if fmt == "rst" else myst_pep)(5, "Lean one", risk="High"),
    }
    docs = [name.rsplit(".", 1)[0] for name in files]
    if fmt == "rst":
        lines = "".join(f"   {line}\n" for line in options.splitlines())
        files["index.rst"] = index_rst(*docs, body=f".. pep-index::\n{lines}")
    else:
        toctree = "\n".join(docs)
        files["index.md"] = (
            f"# Index\n\n```{{toctree}}\n{toctree}\n```\n\n```{{pep-index}}\n{options}\n```\n"
        )
    return files


def _groups(text: str) -> list[tuple[str, list[str]]]:
    """(heading, proposal ids) of each group of a text-builder index."""
    parts = re.split(r"^-\[ (.+) \]-$", text, flags=re.MULTILINE)[1:]
    return [
        (heading, re.findall(r"^\| (PEP \d{4}) ", body, flags=re.MULTILINE))
        for heading, body in zip(parts[::2], parts[1::2], strict=True)
    ]


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_group_by_type(build_project: BuildProject, fmt: str) -> None:
    build = build_project(_project(fmt, ":group-by: type"), buildername="text")
    assert build.warnings == []
    # Values merged case-insensitively (first spelling met), alphabetically, unset last.
    assert _groups(build.read("index.txt")) == [
        ("Informational", ["PEP 0004"]),
        ("Process", ["PEP 0002"]),
        ("Standard", ["PEP 0001", "PEP 0003"]),
        ("Not set", ["PEP 0005"]),
    ]
    html = build_project(_project(fmt, ":group-by: type")).html()
    titles = re.findall(r'<h\d class="pep-index-group-title">([^<]+)</h\d>', html)
    assert titles == ["Informational", "Process", "Standard", "Not set"]
    # One enhanceable block per group, so the script hides a group that filters empty.
    assert html.count('<div class="pep-index-group docutils container">') == 4


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            ":group-by: category",
            [
                ("Core", ["PEP 0001", "PEP 0004"]),
                ("packaging", ["PEP 0003"]),
                ("Not set", ["PEP 0002", "PEP 0005"]),
            ],
        ),
        # Templates in configuration order (pep first), levels from the lowest.
        (
            ":group-by: template",
            [("pep", ["PEP 0005"]), ("pep-full", ["PEP 0001", "PEP 0002", "PEP 0003", "PEP 0004"])],
        ),
        (":group-by: risk\n:template: pep", [("High", ["PEP 0005"])]),
    ],
)
def test_group_by_other_fields(
    build_project: BuildProject, options: str, expected: list[tuple[str, list[str]]]
) -> None:
    build = build_project(_project("rst", options), buildername="text")
    assert build.warnings == []
    assert _groups(build.read("index.txt")) == expected


@pytest.mark.parametrize("fmt", ["rst", "md"])
@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (":category: core", ["PEP 0001", "PEP 0004"]),
        (":type: Standard, process", ["PEP 0001", "PEP 0002", "PEP 0003"]),
        # Several filters narrow each other down.
        (":type: standard\n:category: Core", ["PEP 0001"]),
        (":risk: high", ["PEP 0005"]),
        (":category: core\n:status: draft\n:template: pep-full", ["PEP 0001", "PEP 0004"]),
    ],
)
def test_static_filters_on_any_field(
    build_project: BuildProject, fmt: str, options: str, expected: list[str]
) -> None:
    build = build_project(_project(fmt, options), buildername="text")
    assert build.warnings == []
    assert re.findall(r"^\| (PEP \d{4}) ", build.read("index.txt"), flags=re.MULTILINE) == expected


def test_grouped_and_filtered_html_rows(build_project: BuildProject) -> None:
    build = build_project(_project("rst", ":group-by: category\n:type: standard"))
    html = build.html()
    groups = re.split(r'<h\d class="pep-index-group-title">', html)[1:]
    rows = [re.findall(r"<tr data-status=.*?<span>(PEP \d{4})</span>", g) for g in groups]
    assert [g.split("<", 1)[0] for g in groups] == ["Core", "packaging"]
    assert rows == [["PEP 0001"], ["PEP 0003"]]
