"""``pep-people``: every person with their proposals by role, and who is waited on (issue 16).

Real builds in RST and MyST: the listing's text and links in HTML and text,
the "waiting on me" view, names escaped, option warnings located; ``-j 2`` and
incremental builds write what a fresh serial build does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import BASE_CONF, BuildProject, index_rst, minimal_pep, myst_pep, write_files
from sphinx.testing.util import SphinxTestApp
from test_build_consistency import assert_same_output, in_chunks, read_and_written

from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.people import ROLES, WAITING_ROLES, people
from sphinxext_pep.core.values import Author

PEOPLE_RST = "People\n======\n\n.. pep-people::\n"
WAITING_MD = "# Waiting\n\n```{pep-people}\n:waiting:\n```\n"

PROJECT = {
    "index.rst": index_rst("people", "waiting", "pep-0001", "pep-0002", "pep-0003", "pep-0004"),
    "people.rst": PEOPLE_RST,
    "waiting.md": WAITING_MD,
    "pep-0001.rst": minimal_pep(
        1, "Cache", author="Jane Doe <jane@example.com>", reviewers="Ann Lee, O'Brien & Søn"
    ),
    "pep-0002.rst": minimal_pep(
        2, "Quotas", status="Accepted", author="Ann Lee", reviewers="Jane Doe"
    ),
    "pep-0003.md": myst_pep(
        3, "Search", author="Zoë Quinn", delegate="ann  lee", sponsor="Jane Doe"
    ),
    "pep-0004.rst": minimal_pep(4, "Old", status="Withdrawn", author="Ann Lee", delegate="Ann Lee"),
}


def _entries(html: str, view: str) -> list[tuple[str, str, list[str]]]:
    """(anchor, name, item texts) of each person in the listing of *view*."""
    listing = re.search(rf'<dl class="(?:simple )?pep-people {view}[^"]*">(.*?)</dl>', html, re.S)
    assert listing, html
    found = []
    for anchor, name, body in re.findall(
        r'<dt id="([^"]+)">(.*?)</dt>\s*<dd>(.*?)</dd>', listing[1], re.S
    ):
        items = [
            " ".join(re.sub(r"<[^>]+>", " ", item).split())
            for item in re.findall(r"<li[^>]*>(.*?)</li>", body, re.S)
        ]
        found.append((anchor, name, items))
    return found


def test_everyone_is_listed_with_their_proposals_by_role(build_project: BuildProject) -> None:
    build = build_project(PROJECT)
    assert build.warning_text == ""
    page = build.html("people")
    assert _entries(page, "pep-people-roles-view") == [
        (
            "person-ann-lee",
            "Ann Lee",  # first written so (PEP 1); 'ann  lee' is the same person
            [
                "Author : PEP 0002 , PEP 0004",
                "Delegate : PEP 0003 , PEP 0004",
                "Reviewer : PEP 0001",
            ],
        ),
        (
            "person-jane-doe",
            "Jane Doe",
            ["Author : PEP 0001", "Sponsor : PEP 0003", "Reviewer : PEP 0002"],
        ),
        ("person-o-brien-son", "O'Brien &amp; Søn", ["Reviewer : PEP 0001"]),
        ("person-zoe-quinn", "Zoë Quinn", ["Author : PEP 0003"]),
    ]
    # Each proposal is a link, with the domain's tooltip.
    assert (
        '<a class="reference internal" href="pep-0003.html#pep-3" '
        'title="PEP 0003 – Search (Proposed)"><span>PEP 0003</span></a>'
    ) in page


def test_the_waiting_view_lists_open_proposals_by_delegate_and_reviewer(
    build_project: BuildProject,
) -> None:
    build = build_project(PROJECT)
    # PEP 2 is accepted and PEP 4 withdrawn: nobody waits on them; authors never wait.
    assert _entries(build.html("waiting"), "pep-people-waiting-view") == [
        (
            "person-ann-lee",
            "Ann Lee",
            ["PEP 0001 – Cache (Proposed; Reviewer)", "PEP 0003 – Search (Proposed; Delegate)"],
        ),
        ("person-o-brien-son", "O'Brien &amp; Søn", ["PEP 0001 – Cache (Proposed; Reviewer)"]),
    ]


def test_the_listing_in_text(build_project: BuildProject) -> None:
    build = build_project(PROJECT, buildername="text")
    assert build.warning_text == ""
    assert build.read("waiting.txt") == (
        "Waiting\n*******\n\n"
        "Ann Lee\n"
        "   * PEP 0001 – Cache (Proposed; Reviewer)\n\n"
        "   * PEP 0003 – Search (Proposed; Delegate)\n\n"
        "O'Brien & Søn\n"
        "   * PEP 0001 – Cache (Proposed; Reviewer)\n"
    )
    assert "Zoë Quinn\n   * **Author**: PEP 0003\n" in build.read("people.txt")


def test_nobody_and_nobody_waited_on(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("people", "waiting", "pep-0001"),
            "people.rst": PEOPLE_RST,
            "waiting.md": WAITING_MD,
            "pep-0001.rst": minimal_pep(1),
        },
        buildername="text",
    )
    assert "Jane Doe" in build.read("people.txt")
    assert build.read("waiting.txt") == "Waiting\n*******\n\n*No open proposal waits on anyone.*\n"


def test_a_bad_option_is_a_located_config_warning(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("people", "waiting", "pep-0001"),
            "people.rst": "People\n======\n\n.. pep-people::\n   :roles: author\n",
            "waiting.md": "# Waiting\n\n```{pep-people}\n:waiting: yes\n```\n",
            "pep-0001.rst": minimal_pep(1),
        }
    )
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        (
            "pep.config",
            "people.rst:4",
            "pep-people: unknown option :roles: (options: waiting); ignored",
        ),
        ("pep.config", "waiting.md:3", "pep-people: :waiting: takes no value; ignored"),
    ]


# -- -j 2 and incremental builds ------------------------------------------------------------


def test_parallel_and_incremental_builds_list_the_people_a_fresh_build_does(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    src = tmp_path / "src"
    files = {
        **PROJECT,
        "conf.py": BASE_CONF + 'html_theme = "basic"\n',
        "index.rst": index_rst("people", "waiting", *(f"pep-{n:04d}" for n in range(1, 8))),
        **{f"pep-{n:04d}.rst": minimal_pep(n, f"Proposal {n}") for n in (5, 6, 7)},
    }
    write_files(src, files)

    def build(out: str, **kwargs: object) -> SphinxTestApp:
        app = make_app(srcdir=src, builddir=tmp_path / out, **kwargs)
        try:
            app.build()
        finally:
            app.cleanup()
        return app

    build("incremental", freshenv=True)
    write_files(src, {"pep-0006.rst": minimal_pep(6, "Proposal 6", reviewers="Zed Ray")})
    again = build("incremental")
    read, written = read_and_written(again)
    assert read == {"pep-0006"}
    assert {"people", "waiting"} <= written
    waiting = (Path(again.outdir) / "waiting.html").read_text()
    assert "Zed Ray" in waiting and "PEP 0006" in waiting
    serial = build("serial", freshenv=True)
    parallel = build("parallel", freshenv=True, parallel=2)
    assert in_chunks(parallel, "reading sources") and in_chunks(parallel, "writing output")
    assert_same_output(Path(again.outdir), Path(serial.outdir))
    assert_same_output(Path(parallel.outdir), Path(serial.outdir))


# -- the grouping, without a build -------------------------------------------------------------


def _proposal(number: int, group: str, **people_fields: tuple[str, ...]) -> Proposal:
    return Proposal(
        docname=f"p{number}",
        lineno=1,
        number=number,
        template="pep",
        label="PEP",
        title=f"T{number}",
        status="S",
        status_group=group,
        people=tuple(
            (role, tuple(Author(name) for name in names)) for role, names in people_fields.items()
        ),
    )


def test_every_people_field_of_the_registry_is_a_role() -> None:
    assert ROLES[0] == "authors"
    assert {"sponsor", "delegate", "owners", "reviewers"} <= set(ROLES)
    assert WAITING_ROLES == ("delegate", "reviewers")


def test_people_are_grouped_case_insensitively_and_sorted() -> None:
    second = _proposal(2, "open", authors=("b  Person", "@azure"), reviewers=("A person",))
    first = _proposal(1, "done", authors=("a Person", "a person"), owners=("B person",))
    found = people([second, first])
    assert [person.name for person in found] == ["a Person", "@azure", "B person"]
    a, _azure, b = found
    assert [(role, [p.number for p in ps]) for role, ps in a.roles] == [
        ("authors", [1]),
        ("reviewers", [2]),
    ]
    assert a.waiting == (second,)
    assert [(role, [p.number for p in ps]) for role, ps in b.roles] == [
        ("authors", [2]),
        ("owners", [1]),
    ]
    assert b.waiting == ()  # an author is not waited on
