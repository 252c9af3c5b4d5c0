"""The example project is what issue 8 and the docs say it is.

``example-project/`` is built here as it is (its own ``conf.py``), and its
``proposals.json`` is read back: no warnings at all, at least 15 proposals
over the three templates in RST and MyST, every status of every built-in
template, a superseded chain ending in a Final proposal, and histories and
risk tables. The build itself checks dependencies (no cycle; a done proposal
depends only on done ones), histories against headers, and the content
checks, so "no warnings" covers them.
"""

from __future__ import annotations

import html
import json
from typing import Any

import pytest
from example_site import EXAMPLE, ExampleBuild, build_example

from sphinxext_pep.core.templates import BUILTIN_TEMPLATES

#: What the tests read: the build, and its proposals.json.
Example = tuple[ExampleBuild, dict[str, Any]]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Example:
    """The example project built once, as it is, for every test here."""
    build = build_example(tmp_path_factory.mktemp("example") / "html")
    return build, json.loads((build.outdir / "proposals.json").read_text())


def test_builds_without_any_warning(example: Example) -> None:
    build, _ = example
    assert build.warnings == ""


def test_fifteen_proposals_over_three_templates_and_both_syntaxes(
    example: Example,
) -> None:
    _, data = example
    proposals = data["proposals"]
    assert len(proposals) >= 15
    assert {p["template"] for p in proposals} == {"pep", "pep-full", "enhancement"}
    sources = {p["docname"]: p for p in proposals}
    suffixes = {next(EXAMPLE.glob(f"{docname}.*")).suffix for docname in sources}
    assert suffixes == {".rst", ".md"}


@pytest.mark.parametrize("template", sorted(BUILTIN_TEMPLATES))
def test_every_status_of_every_template_is_used(example: Example, template: str) -> None:
    _, data = example
    used = {p["status"] for p in data["proposals"] if p["template"] == template}
    assert used == {s.name for s in BUILTIN_TEMPLATES[template].statuses}


def test_a_superseded_chain_ending_in_final(
    example: Example,
) -> None:
    _, data = example
    by_id = {p["id"]: p for p in data["proposals"]}  # PEP 9 and RFC 9 are two
    chains = []
    for proposal in by_id.values():
        chain = [proposal]
        while chain[-1]["relation_ids"].get("superseded-by"):
            chain.append(by_id[chain[-1]["relation_ids"]["superseded-by"][0]])
        chains.append(chain)
    longest = max(chains, key=len)
    assert len(longest) >= 3
    assert [p["status"] for p in longest[:-1]] == ["Superseded"] * (len(longest) - 1)
    assert longest[-1]["status"] == "Final"
    # each superseded proposal went Final -> Superseded
    for proposal in longest[:-1]:
        last = proposal["history"][-1]
        assert (last["from_status"], last["to_status"]) == ("Final", "Superseded")


def test_every_proposal_has_a_history_and_some_have_risks(
    example: Example,
) -> None:
    _, data = example
    for proposal in data["proposals"]:
        assert proposal["history"], proposal["id"]
        assert proposal["history"][-1]["to_status"] == proposal["status"]
    assert sum(1 for p in data["proposals"] if p["risks"]) >= 5
    assert any(p["depends-on"] for p in data["proposals"] if p["status_group"] == "done")


def test_superseded_and_closed_proposals_open_with_their_banner(
    example: Example,
) -> None:
    build, data = example
    for proposal in data["proposals"]:
        page = (build.outdir / f"{proposal['docname']}.html").read_text(encoding="utf-8")
        has_banner = '<div class="pep-banner' in page
        superseded = bool(proposal["relation_ids"].get("superseded-by"))
        assert has_banner == (proposal["status_group"] in ("closed", "deferred") or superseded)
        if superseded:
            assert "This proposal has been superseded by" in page, proposal["id"]


def test_the_people_page_lists_everyone_and_who_is_waited_on(
    example: Example,
) -> None:
    build, data = example
    # Unescaped: Sphinx writes the "@" of a handle as "&#64;".
    page = html.unescape((build.outdir / "people.html").read_text(encoding="utf-8"))
    assert 'class="simple pep-people pep-people-roles-view"' in page
    assert 'class="simple pep-people pep-people-waiting-view"' in page
    names = {person["name"] for proposal in data["proposals"] for person in proposal["authors"]}
    for name in names:
        assert f">{name}</dt>" in page, name


# -- the day the example is judged on -----------------------------------------

#: 2031-01-01, 00:00 UTC: years after the example's review windows end (2027-06-30).
IN_2031 = {"SOURCE_DATE_EPOCH": "1924992000"}


def _output(build: ExampleBuild) -> dict[str, bytes]:
    """Every file the build wrote for a reader (not Sphinx's pickles and build hash)."""
    return {
        path.relative_to(build.outdir).as_posix(): path.read_bytes()
        for path in build.outdir.rglob("*")
        if path.is_file()
        and not {".doctrees", ".buildinfo"} & set(path.relative_to(build.outdir).parts)
    }


def test_built_in_2031_it_is_judged_on_its_pinned_day(
    example: Example, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """conf.py's pep_build_date: no pep.review when its open reviews' windows have
    long ended, and every page as on any other day (the timeline's today line too)."""
    later = build_example(tmp_path_factory.mktemp("example-2031") / "html", environ=IN_2031)
    assert later.warnings == ""
    assert "Today, 2026-12-01" in (later.outdir / "index.html").read_text(encoding="utf-8")
    build, _ = example
    # Sphinx before 8.1 writes SOURCE_DATE_EPOCH's year into the copyright
    # line (sphinx.config.correct_copyright_year): Sphinx's own date, not one
    # of the extension's, and not pep_build_date's to pin.
    footer = (b"&#169;2031, The Lumen team", b"&#169;2026, The Lumen team")
    pages = {name: content.replace(*footer) for name, content in _output(later).items()}
    assert pages == _output(build)


def test_on_the_real_calendar_of_2031_its_open_reviews_would_be_overdue(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """What the pin is for: without it (``-D pep_build_date=``), 2031's build fails -W."""
    unpinned = build_example(
        tmp_path_factory.mktemp("example-unpinned") / "html",
        overrides={"pep_build_date": ""},
        environ=IN_2031,
    )
    overdue = [
        (line.split(":")[0].removeprefix(f"{EXAMPLE}/"), line.rpartition(" ")[2])
        for line in unpinned.warnings.splitlines()
    ]
    assert overdue == [
        ("proposals/pep-0005.md", "[pep.review]"),
        ("proposals/pep-0014.md", "[pep.review]"),
        ("proposals/rfc-0021.md", "[pep.review]"),
    ]
    assert "Today, 2031-01-01" in (unpinned.outdir / "index.html").read_text(encoding="utf-8")
