"""The proposal-process fields of issue 16: people and roles, discussions,
tracking, resolution, review windows, status-dependent required fields."""

from __future__ import annotations

import json

from conftest import BuildProject, index_rst, minimal_pep, myst_pep

# -- people and roles -------------------------------------------------------------


def test_people_fields_render_in_html_and_text(build_project: BuildProject) -> None:
    people = {
        "sponsor": "Guido Sponsor <guido@example.com>",
        "delegate": "@delegate",
        "owners": "Team Owner, Other Owner",
        "reviewers": "Rita Reviewer <rita@example.com>, @rob",
    }
    build = build_project(
        {"index.rst": index_rst("pep-0012"), "pep-0012.rst": minimal_pep(12, "Cache", **people)}
    )
    assert build.pep_warnings() == []
    html = build.html("pep-0012")
    header = html.split('<div class="pep-header')[1].split("</dl>")[0]
    assert "Sponsor<span" in header and "Delegate<span" in header  # one: singular label
    assert "Owners<span" in header and "Reviewers<span" in header
    assert 'href="mailto:guido&#37;&#52;&#48;example&#46;com">Guido Sponsor</a>' in header
    assert "&#64;delegate" in header and "Team Owner, Other Owner" in header
    assert "Rita Reviewer</a>, &#64;rob" in header
    # the registry order: authors, then sponsor, delegate, owners, reviewers
    order = [
        header.index(label) for label in ("Author", "Sponsor", "Delegate", "Owners", "Reviewers")
    ]
    assert order == sorted(order)

    text = build_project(
        {"index.rst": index_rst("pep-0012"), "pep-0012.rst": minimal_pep(12, "Cache", **people)},
        buildername="text",
    ).read("pep-0012.txt")
    for cell in ("| Sponsor", "| Delegate", "| Owners", "| Reviewers", "Rita Reviewer", "@rob"):
        assert cell in text


def test_people_fields_in_myst_options_and_front_matter(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.md": "# Index\n\n```{toctree}\npep-0003\npep-0004\n```\n",
            "pep-0003.md": myst_pep(3, "Options", reviewer="Ann, Bob", owner="@team"),
            "pep-0004.md": "---\nreviewers: [Cat, Dan <dan@example.com>]\nsponsor: Eve\n---\n\n"
            + myst_pep(4, "Front matter"),
        },
        conf="pep_json_path = 'proposals.json'\n",
    )
    assert build.pep_warnings() == []
    data = {p["number"]: p for p in json.loads(build.read("proposals.json"))["proposals"]}
    assert data[3]["reviewers"] == [
        {"name": "Ann", "email": None},
        {"name": "Bob", "email": None},
    ]
    assert data[3]["owners"] == [{"name": "@team", "email": None}]
    assert data[4]["reviewers"] == [
        {"name": "Cat", "email": None},
        {"name": "Dan", "email": "dan@example.com"},
    ]
    assert data[4]["sponsor"] == [{"name": "Eve", "email": None}]
    assert data[4]["delegate"] == []


def test_a_malformed_person_is_a_located_header_warning(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0012"),
            "pep-0012.rst": minimal_pep(12, "Cache", reviewers="Ann <not an address"),
        }
    )
    [warning] = build.pep_warnings("header")
    assert warning.where == "pep-0012.rst:10"
    assert "cannot read reviewer 'Ann <not an address'" in warning.message
