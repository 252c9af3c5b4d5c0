"""The proposal-process fields of issue 16: people and roles, discussions,
tracking, resolution, review windows, status-dependent required fields."""

from __future__ import annotations

import json

import pytest
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


# -- discussions, tracking, resolution, review, target, shipped ----------------------

PROCESS_FIELDS = {
    "discussion": "peps@lists.example.org",
    "discussions": "2026-01-20 https://forum.example.org/t/12, 2026-01-16 https://lists.example.org/m/1",
    "tracking": (
        "https://github.com/lumen/core/issues/123, https://github.com/lumen/core/pull/130,"
        " https://gitlab.com/lumen/web/-/merge_requests/7,"
        " https://github.com/lumen/core/commit/abc1234def5678, https://ci.example.org/runs/9/"
    ),
    "resolution": "https://forum.example.org/t/12/40",
    "review": "2026-02-01 to 2026-02-15",
    "target": "2.0",
    "shipped": "2.1",
    "status": "Implemented",
}


def test_process_fields_render_export_and_index(build_project: BuildProject) -> None:
    index = ".. pep-index::\n   :columns: number, target, shipped, review, tracking\n"
    build = build_project(
        {
            "index.rst": index_rst("pep-0012", body=index),
            "pep-0012.rst": minimal_pep(12, "Cache", **PROCESS_FIELDS),
        },
        conf="pep_json_path = 'proposals.json'\n",
    )
    assert build.pep_warnings() == []
    header = build.html("pep-0012").split('<div class="pep-header')[1].split("</dl>")[0]
    # an e-mail address is a mailto link, shown as the address
    assert 'href="mailto:peps&#37;&#52;&#48;lists&#46;example&#46;org">peps<span>&#64;' in header
    # dated links: a list, oldest first
    dated = header.split('<ul class="pep-dated-links')[1].split("</ul>")[0]
    assert dated.index("2026-01-16") < dated.index("2026-01-20")
    assert '2026-01-20 — <a class="reference external" href="https://forum.example.org/t/12">' in (
        dated
    )
    for short in ("lumen/core#123", "lumen/core#130", "lumen/web#7", "lumen/core&#64;abc1234"):
        assert f">{short}</a>" in header
    assert 'href="https://ci.example.org/runs/9/">ci.example.org/runs/9</a>' in header
    assert ">https://forum.example.org/t/12/40</a>" in header
    assert "<p>2026-02-01 – 2026-02-15</p>" in header
    assert "<p>2.0</p>" in header and "<p>2.1</p>" in header

    data = json.loads(build.read("proposals.json"))
    assert data["schema_version"] == 2
    [entry] = data["proposals"]
    assert entry["discussion"] == "mailto:peps@lists.example.org"
    assert entry["discussions"] == [
        {"date": "2026-01-16", "url": "https://lists.example.org/m/1"},
        {"date": "2026-01-20", "url": "https://forum.example.org/t/12"},
    ]
    assert entry["tracking"][0] == {
        "url": "https://github.com/lumen/core/issues/123",
        "text": "lumen/core#123",
    }
    assert len(entry["tracking"]) == 5
    assert entry["review"] == {"start": "2026-02-01", "end": "2026-02-15"}
    assert (entry["target"], entry["shipped"]) == ("2.0", "2.1")
    assert entry["resolution"] == "https://forum.example.org/t/12/40"

    page = build.html()
    assert [c for c in ("target", "shipped", "review", "tracking") if f"pep-col-{c}" in page] == [
        "target",
        "shipped",
        "review",
        "tracking",
    ]
    assert 'data-sort-review="2026-02-01 – 2026-02-15"' in page
    assert 'data-target="2.0"' in page


def test_process_fields_in_the_plain_table_of_text_and_latex(build_project: BuildProject) -> None:
    files = {
        "index.rst": index_rst("pep-0012"),
        "pep-0012.rst": minimal_pep(12, "Cache", **PROCESS_FIELDS),
    }
    text = build_project(files, buildername="text").read("pep-0012.txt")
    for cell in ("| Discussions", "2026-01-16 — https://lists.example.org/m/1", "| Tracking"):
        assert cell in text
    assert "lumen/core#123" in text and "| Review" in text and "2026-02-01 – 2026-02-15" in text
    latex_build = build_project(files, buildername="latex")
    assert latex_build.pep_warnings() == []
    latex = next(latex_build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "lumen/core\\#123" in latex and "Discussions" in latex


def test_myst_front_matter_lists_and_mappings(build_project: BuildProject) -> None:
    front = (
        "---\n"
        # quoted: MyST cannot store a mapping with date keys as page metadata
        "discussions:\n  '2026-01-16': https://lists.example.org/m/1\n"
        "  '2026-01-20': https://forum.example.org/t/12\n"
        "review: {start: 2026-02-01, end: 2026-02-15}\n"
        "tracking:\n  - https://github.com/lumen/core/issues/123\n"
        "---\n\n"
    )
    other = "---\nreview: [2026-03-01, 2026-03-15]\ndiscussions: ['2026-03-02 https://x.example.org/a']\n---\n\n"
    build = build_project(
        {
            "index.md": "# Index\n\n```{toctree}\npep-0003\npep-0004\npep-0005\n```\n",
            # accepted: the reviews are over, as they should be
            "pep-0003.md": front + myst_pep(3, "Mapping", status="Accepted"),
            "pep-0004.md": other + myst_pep(4, "Lists", status="Accepted"),
            "pep-0005.md": myst_pep(
                5, "Options", review="2026-04-01..2026-04-10", status="Accepted"
            ),
        },
        conf="pep_json_path = 'proposals.json'\n",
    )
    assert build.warnings == []
    data = {p["number"]: p for p in json.loads(build.read("proposals.json"))["proposals"]}
    assert [d["date"] for d in data[3]["discussions"]] == ["2026-01-16", "2026-01-20"]
    assert data[3]["review"] == {"start": "2026-02-01", "end": "2026-02-15"}
    assert data[3]["tracking"] == [
        {"url": "https://github.com/lumen/core/issues/123", "text": "lumen/core#123"}
    ]
    assert data[4]["review"] == {"start": "2026-03-01", "end": "2026-03-15"}
    assert data[4]["discussions"] == [{"date": "2026-03-02", "url": "https://x.example.org/a"}]
    assert data[5]["review"] == {"start": "2026-04-01", "end": "2026-04-10"}


def test_unsafe_and_unreadable_links_are_located_and_never_links(
    build_project: BuildProject,
) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0012"),
            "pep-0012.rst": minimal_pep(
                12,
                "Cache",
                discussion="javascript:alert(1)",
                discussions="2026-01-16 data:text/html;base64,xx, soon https://x.example.org",
                tracking="https://github.com/a/b/issues/1, vbscript:msgbox",
                resolution="javascript:alert(2)",
                review="2026-03-15 to 2026-03-01",
            ),
        }
    )
    found = [(w.type, w.line, w.message) for w in build.pep_warnings()]
    scheme = "which is not allowed (only http, https and mailto)"
    assert found == [
        (
            "pep.header",
            10,
            f"PEP 0012: discussion 'javascript:alert(1)' has the scheme 'javascript:', {scheme}",
        ),
        (
            "pep.header",
            13,
            f"PEP 0012: resolution 'javascript:alert(2)' has the scheme 'javascript:', {scheme}",
        ),
        (
            "pep.header",
            11,
            "PEP 0012: discussions: 'data:text/html;base64,xx' has the scheme 'data:', " + scheme,
        ),
        (
            "pep.date",
            11,
            "PEP 0012: discussions: cannot read 'soon https://x.example.org': "
            "write 'YYYY-MM-DD URL' (a date, a space, a link)",
        ),
        (
            "pep.header",
            12,
            f"PEP 0012: tracking: 'vbscript:msgbox' has the scheme 'vbscript:', {scheme}",
        ),
        ("pep.date", 14, "PEP 0012: review ends (2026-03-01) before it starts (2026-03-15)"),
    ]
    html = build.html("pep-0012")
    assert "javascript:" not in html and "vbscript:" not in html and "data:text" not in html
    assert ">a/b#1</a>" in html


# -- status-dependent required fields (required_by_status) ---------------------------

#: 2026-03-10 00:00 UTC: the build date of the date checks below.
BUILD_DAY = "1773100800"


def _full(number: int, status: str, **fields: str | None) -> str:
    return minimal_pep(
        number, template="pep-full", type="Standard", risk=None, status=status, **fields
    )


def test_pep_full_requires_a_resolution_and_a_shipped_release(build_project: BuildProject) -> None:
    files = {
        "index.rst": index_rst("pep-0001", "pep-0002", "pep-0003", "pep-0004"),
        "pep-0001.rst": _full(1, "Accepted"),
        "pep-0002.rst": _full(2, "Rejected"),
        "pep-0003.rst": _full(3, "Final"),
        "pep-0004.rst": _full(4, "Withdrawn"),  # withdrawn: no decision to record
    }
    conf = "suppress_warnings = ['pep.section']\n"
    build = build_project(files, conf=conf)
    found = [(w.where, w.type, w.message) for w in build.pep_warnings()]
    rule = "(required_by_status of template 'pep-full')"
    assert found == [
        (
            "pep-0001.rst:7",
            "pep.header",
            f"PEP 0001: status 'Accepted' requires ':resolution:' {rule}",
        ),
        (
            "pep-0002.rst:7",
            "pep.header",
            f"PEP 0002: status 'Rejected' requires ':resolution:' {rule}",
        ),
        ("pep-0003.rst:7", "pep.header", f"PEP 0003: status 'Final' requires ':shipped:' {rule}"),
    ]
    files["pep-0001.rst"] = _full(1, "Accepted", resolution="Accepted by the steering council")
    files["pep-0002.rst"] = _full(2, "Rejected", exempt="header, section")
    files["pep-0003.rst"] = _full(3, "Final", shipped="2.0")
    assert build_project(files, conf=conf).pep_warnings() == []


def test_required_by_status_takes_statuses_and_groups(build_project: BuildProject) -> None:
    conf = (
        "pep_templates = {'pep': {'required_by_status': {"
        "'open': ['reviewers', 'review'], 'implementing': ['target', 'tracking']}}}\n"
    )
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002", "pep-0003"),
            "pep-0001.rst": minimal_pep(1, reviewers="@ann"),
            "pep-0002.rst": minimal_pep(2, status="Implementing", target="2.0"),
            "pep-0003.rst": minimal_pep(3, status="Accepted"),  # no rule for Accepted
        },
        conf=conf,
    )
    found = [(w.where, w.message) for w in build.pep_warnings()]
    assert found == [
        (
            "pep-0001.rst:7",
            "PEP 0001: status 'Proposed' requires ':review:' "
            "(required_by_status of template 'pep')",
        ),
        (
            "pep-0002.rst:7",
            "PEP 0002: status 'Implementing' requires ':tracking:' "
            "(required_by_status of template 'pep')",
        ),
    ]


def test_required_by_status_may_ask_for_an_implied_relation(build_project: BuildProject) -> None:
    conf = "pep_templates = {'pep': {'required_by_status': {'Withdrawn': ['superseded-by']}}}\n"
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002"),
            "pep-0001.rst": minimal_pep(1, status="Withdrawn"),
            "pep-0002.rst": minimal_pep(2, supersedes="1"),  # says so for 1
        },
        conf=conf,
    )
    assert build.pep_warnings() == []


# -- review windows and the consistency of the new fields ---------------------------


def test_an_ended_review_of_an_open_proposal_is_pep_review(
    build_project: BuildProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY)  # 2026-03-10
    files = {
        "index.rst": index_rst("pep-0001", "pep-0002", "pep-0003"),
        "pep-0001.rst": minimal_pep(1, review="2026-02-01 to 2026-03-09"),
        "pep-0002.rst": minimal_pep(2, review="2026-02-01..2026-03-10"),  # ends today
        "pep-0003.rst": minimal_pep(3, review="2026-02-01 to 2026-02-15", status="Accepted"),
    }
    build = build_project(files)
    [warning] = build.pep_warnings()
    assert (warning.type, warning.where) == ("pep.review", "pep-0001.rst:10")
    assert warning.message == (
        "PEP 0001: the review window 2026-02-01 – 2026-03-09 ended on 2026-03-09, but the "
        "status is still 'Proposed'; record the decision (a new status) or extend the window"
    )
    files["pep-0001.rst"] = minimal_pep(1, review="2026-02-01 to 2026-03-09", exempt="review")
    assert build_project(files).pep_warnings() == []


def test_the_dates_of_discussions_and_review_lie_between_created_and_the_build(
    build_project: BuildProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY)  # 2026-03-10; created 2026-01-15
    build = build_project(
        {
            "index.rst": index_rst("pep-0001"),
            "pep-0001.rst": minimal_pep(
                1,
                discussions="2026-01-02 https://a.example.org/1, 2026-04-01 https://a.example.org/2",
                review="2026-01-10 to 2026-04-10",
            ),
        }
    )
    found = [(w.where, w.type, w.message) for w in build.pep_warnings()]
    assert found == [
        (
            "pep-0001.rst:10",
            "pep.date",
            "PEP 0001: discussion of 2026-01-02 (https://a.example.org/1) is before the "
            "created date 2026-01-15",
        ),
        (
            "pep-0001.rst:10",
            "pep.date",
            "PEP 0001: discussion of 2026-04-01 (https://a.example.org/2) is after the "
            "build date 2026-03-10",
        ),
        (
            "pep-0001.rst:11",
            "pep.date",
            "PEP 0001: review window 2026-01-10 – 2026-04-10 starts before the created date "
            "2026-01-15",
        ),
    ]


@pytest.mark.parametrize("md", [False, True])
def test_a_template_may_allow_discussion_before_created(
    build_project: BuildProject, monkeypatch: pytest.MonkeyPatch, md: bool
) -> None:
    """Issue 20: in Python's process the discussion often precedes the number (PEP 1)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY)  # 2026-03-10; created 2026-01-15
    discussions = "2026-01-02 https://a.example.org/1, 2026-04-01 https://a.example.org/2"
    conf = "pep_templates = {'pep': {'discussions_after_created': False}}\n"
    name = "pep-0001.md" if md else "pep-0001.rst"
    index = "# Index\n\n```{toctree}\npep-0001\n```\n" if md else index_rst("pep-0001")
    files = {
        "index.md" if md else "index.rst": index,
        name: (myst_pep if md else minimal_pep)(1, discussions=discussions),
    }
    build = build_project(files, conf=conf)
    # Only the before-created check is off: a discussion after the build date still warns.
    assert [w.message for w in build.pep_warnings()] == [
        "PEP 0001: discussion of 2026-04-01 (https://a.example.org/2) is after the "
        "build date 2026-03-10"
    ]
    assert build.pep_warnings()[0].where.startswith(f"{name}:")


def test_shipped_only_on_a_done_status(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002"),
            "pep-0001.rst": minimal_pep(1, shipped="2.0"),
            "pep-0002.rst": minimal_pep(2, shipped="2.0", status="Implemented"),
        }
    )
    [warning] = build.pep_warnings()
    assert (warning.type, warning.where) == ("pep.status", "pep-0001.rst:10")
    assert warning.message == (
        "PEP 0001: ':shipped: 2.0' on a proposal whose status 'Proposed' is not a done one; "
        "remove it or record the new status"
    )


def test_a_delegate_who_is_an_author_is_a_note_not_a_warning(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0001"),
            "pep-0001.rst": minimal_pep(1, delegate="jane doe"),
        }
    )
    assert build.warnings == []
    status = build.app.status.getvalue()
    assert (
        "pep-0001.rst:10: PEP 0001: the delegate jane doe is also an author: who decides "
        "is usually someone else"
    ) in status


def test_a_static_index_by_target_in_the_text_builder(build_project: BuildProject) -> None:
    body = ".. pep-index::\n   :target: 2.0\n   :columns: number, title, target, reviewers\n"
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002", "pep-0003", body=body),
            "pep-0001.rst": minimal_pep(1, "First", target="2.0", reviewers="Bo Li"),
            "pep-0002.rst": minimal_pep(2, "Second", target="2.1"),
            "pep-0003.rst": minimal_pep(3, "Third", target="2.0"),
        },
        buildername="text",
    )
    assert build.warnings == []
    text = build.read("index.txt").split("+--", 1)[1]  # the table, after the toctree
    assert "| PEP 0001" in text and "| PEP 0003" in text and "PEP 0002" not in text
    assert "Target" in text and "Reviewers" in text and "Bo Li" in text


def test_templates_can_require_the_new_fields_and_list_their_values(
    build_project: BuildProject,
) -> None:
    conf = (
        "pep_templates = {'pep': {'required_fields': "
        "['pep', 'title', 'author', 'status', 'risk', 'created', 'owners'], "
        "'allowed_values': {'risk': ['Low', 'Medium', 'High'], 'target': ['2.0', '2.1']}}}\n"
    )
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002"),
            "pep-0001.rst": minimal_pep(1, owners="@core", target="2.0"),
            "pep-0002.rst": minimal_pep(2, target="3.0"),
        },
        conf=conf,
    )
    found = [(w.where, w.message) for w in build.pep_warnings()]
    assert found == [
        ("pep-0002.rst:10", "PEP 0002: unknown target '3.0' (expected one of 2.0, 2.1)"),
        ("pep-0002.rst:4", "PEP 0002: missing required field ':owners:'"),
    ]
