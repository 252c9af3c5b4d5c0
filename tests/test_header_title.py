"""``pep_header_title``: the header block's title left out where the heading shows it."""

from __future__ import annotations

import re

import pytest
from conftest import BuildProject, index_rst, minimal_pep, myst_pep

#: PEP 1's heading holds its title; PEP 2's heading is another text.
PAGES = {
    "rst": {
        "pep-0001.rst": minimal_pep(1, "Add a cache"),
        "pep-0002.rst": minimal_pep(2, "Something else", title="Shard the queue"),
    },
    "md": {
        "pep-0001.md": myst_pep(1, "Add a cache"),
        "pep-0002.md": myst_pep(2, "Something else", title="Shard the queue"),
    },
}


def _title_line(html: str) -> str:
    match = re.search(r'<p class="pep-header-title">(.*?)</p>', html, re.DOTALL)
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize("fmt", ["rst", "md"])
@pytest.mark.parametrize(
    ("setting", "shown"),
    [("True", (True, True)), ("False", (False, False)), ("'auto'", (False, True))],
)
def test_header_title_follows_the_setting(
    build_project: BuildProject, fmt: str, setting: str, shown: tuple[bool, bool]
) -> None:
    files = {**PAGES[fmt], "index.rst": index_rst("pep-0001", "pep-0002")}
    build = build_project(
        files, conf=f"pep_header_title = {setting}\nsuppress_warnings = ['pep.header']\n"
    )
    assert build.pep_warnings() == []
    for number, title, show in ((1, "Add a cache", shown[0]), (2, "Shard the queue", shown[1])):
        line = _title_line(build.html(f"pep-{number:04d}"))
        assert f'<span class="pep-header-id">PEP {number:04d}</span>' in line
        assert (f'<span class="pep-header-name">{title}</span>' in line) is show
        assert "pep-badge" in line or "sd-badge" in line  # the status badge stays


def test_plain_builders_leave_out_the_title_row(build_project: BuildProject) -> None:
    files = {**PAGES["rst"], "index.rst": index_rst("pep-0001", "pep-0002")}
    build = build_project(
        files,
        conf="pep_header_title = 'auto'\nsuppress_warnings = ['pep.header']\n",
        buildername="text",
    )
    rows = re.compile(r"^\| (\w+) +\|", re.MULTILINE)
    assert rows.findall(build.read("pep-0001.txt")) == [
        "PEP",
        "Status",
        "Author",
        "Risk",
        "Created",
    ]
    assert rows.findall(build.read("pep-0002.txt"))[:3] == ["PEP", "Title", "Status"]
