"""``pep-header`` (SPEC §4): rendering in RST and MyST, and every header check."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest
from conftest import (
    ENHANCEMENT_SECTIONS,
    BuildProject,
    index_rst,
    minimal_pep,
    myst_pep,
)

from sphinxext_pep.domain import get_domain

# -- rendering -----------------------------------------------------------------


def test_rst_header_renders_id_title_badge_authors_dates_and_links(
    build_project: BuildProject,
) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0009", "pep-0012", "pep-0015"),
            "pep-0009.rst": minimal_pep(9, "Base layer", status="Implemented"),
            "pep-0015.rst": minimal_pep(15, "Later work"),
            "pep-0012.rst": minimal_pep(
                12,
                "Add a caching layer",
                title="Add a caching layer",
                author="Jane Doe <jane@example.com>, John Roe, @jroe",
                status="accepted",
                risk="medium",
                created="15-Jan-2026",
                updated="02-03-2026",
                related_specs="509",
                depends_on="PEP 0009",
                enables="pep-0015",
                discussion="https://forum.example.com/t/12",
            ),
        }
    )
    assert build.pep_warnings() == []
    html = build.html("pep-0012")
    assert '<div class="pep-header pep-template-pep docutils container" id="pep-12">' in html
    assert '<span class="pep-header-id">PEP 0012</span>' in html
    assert '<span class="pep-header-name">Add a caching layer</span>' in html
    # status shown in the template's spelling, badge coloured by its group
    assert "sd-badge sd-bg-primary sd-bg-text-primary pep-status pep-status-accepted" in html
    assert ">Accepted</span>" in html
    assert "pep-level pep-level-warning" in html and ">Medium</span>" in html
    assert (
        'href="mailto:jane&#37;&#52;&#48;example&#46;com">Jane Doe</a>, John Roe, &#64;jroe' in html
    )
    assert "<p>2026-01-15</p>" in html and "<p>2026-03-02</p>" in html
    assert "<p>509</p>" in html
    assert 'href="https://forum.example.com/t/12"' in html
    assert (
        '<a class="reference internal" href="pep-0009.html#pep-9" '
        'title="PEP 0009 – Base layer (Implemented)"><span class="pep-ref">PEP 0009</span></a>'
    ) in html
    assert 'href="pep-0015.html#pep-15" title="PEP 0015 – Later work (Proposed)"' in html


def test_reverse_links_are_derived_and_marked(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002", "pep-0003"),
            "pep-0001.rst": minimal_pep(1, "Foundation"),
            "pep-0002.rst": minimal_pep(2, "Builds on one", depends_on="1", related="3"),
            "pep-0003.rst": minimal_pep(3, "Replacement", template="pep-full"),
        }
    )
    html = build.html("pep-0001")
    # 2 depends on 1, so 1 shows 2 under "Enables", although 1 does not say so
    enables = html.split("Enables<span")[1].split("</dd>")[0]
    assert '<span class="pep-derived"><a class="reference internal" href="pep-0002.html#pep-2"' in (
        enables
    )
    # related is symmetric
    assert 'href="pep-0002.html#pep-2"' in build.html("pep-0003").split("Related<span")[1]


def test_myst_header_with_options_and_front_matter_fallback(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.md": "# Index\n\n```{toctree}\nrfc-0004\n```\n",
            "rfc-0004.md": """\
                ---
                title: Better search
                category: enhancement
                created: 2026-02-01
                status: proposed
                authors: [Ana Lima <ana@example.com>, "@kenji"]
                rfc: 4
                ---

                # Enhancement: Better search

                ```{pep-header}
                :template: enhancement
                :updated: 2026-02-03
                ```

                Text.
                """,
        },
        conf="pep_default_template = 'pep-full'\n",
    )
    assert [w for w in build.pep_warnings() if w.type != "pep.section"] == []
    html = build.html("rfc-0004")
    assert '<span class="pep-header-id">RFC 0004</span>' in html
    assert '<span class="pep-header-name">Better search</span>' in html
    assert "pep-status-open" in html and ">proposed</span>" in html
    assert 'href="mailto:ana&#37;&#52;&#48;example&#46;com">Ana Lima</a>, &#64;kenji' in html
    assert "<p>2026-02-03</p>" in html
    # the front matter is metadata, not page content
    assert "Better search</p>" not in html.split('<div class="pep-header')[0]


def test_myst_header_with_yaml_options_block(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.md": "# Index\n\n```{toctree}\npep-0003\n```\n",
            "pep-0003.md": """\
                # PEP 0003: Yaml options

                ```{pep-header}
                ---
                pep: 3
                author: Jane Doe
                status: Rejected
                risk: High
                created: 2026-01-02
                ---
                ```
                """,
        },
        conf="suppress_warnings = ['pep.section']\n",
    )
    assert build.pep_warnings() == []
    html = build.html("pep-0003")
    assert '<span class="pep-header-name">Yaml options</span>' in html
    assert "pep-status-closed" in html


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("PEP 0012: Add a caching layer", "Add a caching layer"),
        ("PEP 12 – Add a caching layer", "Add a caching layer"),
        ("Add a caching layer", "Add a caching layer"),
    ],
)
def test_title_defaults_to_heading_less_the_id(
    build_project: BuildProject, heading: str, expected: str
) -> None:
    text = minimal_pep(12).replace("PEP 0012: A proposal\n====================", "")
    text = f"{heading}\n{'=' * len(heading)}\n" + text.lstrip()
    build = build_project({"index.rst": index_rst("pep-0012"), "pep-0012.rst": text})
    assert build.pep_warnings() == []
    assert f'<span class="pep-header-name">{expected}</span>' in build.html("pep-0012")


def test_enhancement_heading_word_is_stripped(build_project: BuildProject) -> None:
    from sphinxext_pep.core.header import derive_title
    from sphinxext_pep.core.templates import BUILTIN_TEMPLATES

    enhancement = BUILTIN_TEMPLATES["enhancement"]
    assert derive_title("Enhancement: Saved searches", enhancement) == "Saved searches"
    assert derive_title("RFC 20 – Saved searches", enhancement) == "Saved searches"
    assert derive_title("Saved searches: a plan", enhancement) == "Saved searches: a plan"


def test_non_html_builders_get_a_plain_field_table(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0012", "pep-0009"),
            "pep-0009.rst": minimal_pep(9, "Base"),
            "pep-0012.rst": minimal_pep(12, "Cache", depends_on="9", risk="High"),
        },
        buildername="text",
    )
    assert build.pep_warnings() == []
    text = build.read("pep-0012.txt")
    for row in ("| PEP", "| 0012", "| Title", "| Cache", "| Status", "| Proposed", "| Risk"):
        assert row in text
    assert "| Depends on" in text and "PEP 0009" in text
    assert "sd-badge" not in text


# -- checks ----------------------------------------------------------------------


def _one(build, subtype: str):  # type: ignore[no-untyped-def]
    found = build.pep_warnings(subtype)
    assert len(found) == 1, build.warning_text
    return found[0]


def test_valid_project_builds_without_any_warning(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002", body=":pep:ref:`1`, :pep:ref:`2`"),
            "pep-0001.rst": minimal_pep(1, "One", status="Implemented", enables="2"),
            "pep-0002.rst": minimal_pep(2, "Two", depends_on="1", related="1"),
        }
    )
    assert build.warning_text == ""


def test_missing_required_field(build_project: BuildProject) -> None:
    build = build_project(
        {"index.rst": index_rst("pep-0007"), "pep-0007.rst": minimal_pep(7, risk=None)}
    )
    warning = _one(build, "header")
    assert warning.where == "pep-0007.rst:4"
    assert warning.message == "PEP 0007: missing required field ':risk:'"


def test_unknown_status_is_located_at_the_status_line(build_project: BuildProject) -> None:
    build = build_project(
        {"index.rst": index_rst("pep-0007"), "pep-0007.rst": minimal_pep(7, status="Shipped")}
    )
    warning = _one(build, "status")
    assert warning.where == "pep-0007.rst:7"
    assert warning.message.startswith("PEP 0007: unknown status 'Shipped' for template 'pep'")
    assert "Proposed, Accepted, Implementing" in warning.message


@pytest.mark.parametrize(
    ("field", "value", "line", "message"),
    [
        ("risk", "Huge", 8, "PEP 0007: unknown risk 'Huge' (expected one of Low, Medium, High)"),
        ("bogus", "1", 10, "PEP 0007: unknown field ':bogus:'"),
        ("discussion", "the forum", 10, "PEP 0007: discussion 'the forum' is not a URL"),
        ("exempt", "everything", 10, "PEP 0007: cannot exempt 'everything'"),
    ],
)
def test_bad_field_values(
    build_project: BuildProject, field: str, value: str, line: int, message: str
) -> None:
    build = build_project(
        {"index.rst": index_rst("pep-0007"), "pep-0007.rst": minimal_pep(7, **{field: value})}
    )
    warning = _one(build, "header")
    assert warning.where == f"pep-0007.rst:{line}"
    assert warning.message.startswith(message)


def test_unknown_type_in_pep_full(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0007"),
            "pep-0007.rst": minimal_pep(
                7, template="pep-full", status="Draft", type="Feature", risk=None
            ),
        },
        conf="suppress_warnings = ['pep.section']\n",
    )
    assert [(w.type, w.where, w.message) for w in build.pep_warnings()] == [
        (
            "pep.header",
            "pep-0007.rst:10",
            "PEP 0007: unknown type 'Feature' (expected one of Standard, Informational, Process)",
        )
    ]


@pytest.mark.parametrize("number", ["twelve", "-3", "1.5", "12a"])
def test_bad_number_is_a_header_warning_not_a_docutils_error(
    build_project: BuildProject, number: str
) -> None:
    build = build_project(
        {"index.rst": index_rst("pep-x"), "pep-x.rst": minimal_pep(1, pep=number)}
    )
    assert [w.type for w in build.warnings] == ["pep.header"]
    warning = build.warnings[0]
    assert warning.where == "pep-x.rst:5"
    assert warning.message == (
        f"PEP ????: bad number '{number}': a proposal number is a whole number >= 0 "
        "of at most 12 digits"
    )


def test_duplicate_number_names_both_locations(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("a", "b"),
            "a.rst": minimal_pep(5, "First"),
            "b.rst": minimal_pep(5, "Second"),
        }
    )
    warning = _one(build, "duplicate")
    assert warning.where == "b.rst:4"
    assert warning.message == "PEP 0005: number 5 is used twice: by b.rst:4 and by a.rst:4"


def test_second_header_in_one_document(build_project: BuildProject) -> None:
    text = minimal_pep(5) + "\n.. pep-header::\n   :pep: 6\n"
    build = build_project({"index.rst": index_rst("pep-0005"), "pep-0005.rst": text})
    assert text.splitlines()[52] == ".. pep-header::"
    warning = _one(build, "header")
    assert warning.message == (
        "PEP 0005: a second pep-header in one document; "
        "a document holds one proposal (the first, at line 4, is used)"
    )
    assert warning.where == "pep-0005.rst:53"
    assert "PEP 0006" not in build.html("pep-0005")


def test_dates(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002"),
            "pep-0001.rst": minimal_pep(1, created="2026-13-01"),
            "pep-0002.rst": minimal_pep(2, created="2026-03-01", updated="01-Feb-2026"),
        }
    )
    unreadable, backwards = build.pep_warnings("date")
    assert unreadable.where == "pep-0001.rst:9"
    assert unreadable.message == (
        "PEP 0001: cannot read created date '2026-13-01': "
        "write YYYY-MM-DD, DD-MM-YYYY or DD-Mon-YYYY"
    )
    assert backwards.where == "pep-0002.rst:10"
    assert backwards.message == (
        "PEP 0002: updated date 2026-02-01 is before the created date 2026-03-01"
    )


def test_title_mismatch(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0001"),
            "pep-0001.rst": minimal_pep(1, "Add a cache", title="Remove the cache"),
        }
    )
    warning = _one(build, "header")
    assert warning.where == "pep-0001.rst:10"
    assert warning.message == (
        "PEP 0001: title 'Remove the cache' does not match the document title "
        "'PEP 0001: Add a cache'"
    )


@pytest.mark.parametrize(
    ("field", "value", "line", "proposal"),
    [
        # a placeholder number leaves the proposal without one
        ("pep", "NNNN", 5, "PEP ????"),
        ("pep", "XXXX", 5, "PEP ????"),
        ("created", "YYYY-MM-DD", 9, "PEP 0001"),
        ("author", "Author Name", 6, "PEP 0001"),
        ("author", "[...]", 6, "PEP 0001"),
        ("related", "(Optional) List any related PEPs", 10, "PEP 0001"),
        ("related", "[...]", 10, "PEP 0001"),
        ("risk", "Low / Medium / High", 8, "PEP 0001"),
        ("title", "[Enhancement Title]", 10, "PEP 0001"),
    ],
)
def test_header_placeholders(
    build_project: BuildProject, field: str, value: str, line: int, proposal: str
) -> None:
    build = build_project({"index.rst": index_rst("p"), "p.rst": minimal_pep(1, **{field: value})})
    assert [(w.type, w.where, w.message) for w in build.pep_warnings()] == [
        (
            "pep.placeholder",
            f"p.rst:{line}",
            f"{proposal}: field '{field}' still holds the template's placeholder '{value}'; "
            "replace it",
        )
    ]


def test_unknown_proposal_in_header_lists(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0001"),
            "pep-0001.rst": minimal_pep(1, related="2, banana", depends_on="PEP 0099"),
        }
    )
    unknown_related, not_an_id, unknown_dependency = sorted(
        build.pep_warnings("ref"), key=lambda w: (w.line, w.message)
    )
    assert not_an_id.where == "pep-0001.rst:10"
    assert not_an_id.message.startswith("PEP 0001: 'banana' in ':related:' is not a proposal id")
    assert unknown_related.where == "pep-0001.rst:10"
    assert unknown_related.message == (
        "PEP 0001: ':related:' names PEP 0002, which no proposal in this project has"
    )
    assert unknown_dependency.where == "pep-0001.rst:11"
    assert unknown_dependency.message == (
        "PEP 0001: ':depends-on:' names PEP 0099, which no proposal in this project has"
    )
    assert '<span class="pep-ref-missing">PEP 0099</span>' in build.html("pep-0001")


@pytest.mark.parametrize("field", ["enables", "supersedes", "superseded-by"])
def test_unknown_proposal_in_other_header_lists(build_project: BuildProject, field: str) -> None:
    # the list is on line 10, and not the header's last line: the warning is at the option
    fields = {field: "3, PEP 0099", "discussion": "https://forum.example.com/t/1"}
    if field == "superseded-by":  # a replaced proposal is closed (else pep.status)
        fields["status"] = "Withdrawn"
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0003"),
            "pep-0001.rst": minimal_pep(1, **fields),
            "pep-0003.rst": minimal_pep(3, "Three"),
        }
    )
    assert [(w.type, w.where, w.message) for w in build.pep_warnings()] == [
        (
            "pep.ref",
            "pep-0001.rst:10",
            f"PEP 0001: ':{field}:' names PEP 0099, which no proposal in this project has",
        )
    ]


def test_dependency_cycle_is_printed(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("p1", "p2", "p3"),
            "p1.rst": minimal_pep(1, depends_on="2"),
            "p2.rst": minimal_pep(2, depends_on="3"),
            "p3.rst": minimal_pep(3, depends_on="1"),
        }
    )
    warning = _one(build, "dependency")
    assert warning.where == "p1.rst:10"
    assert warning.message == (
        "PEP 0001: dependency cycle: PEP 0001 → PEP 0002 → PEP 0003 → PEP 0001"
    )


def test_a_cycle_of_enables_alone(build_project: BuildProject) -> None:
    # 1 enables 2 and 2 enables 1: each depends on the other, through the
    # mirrored relation; located at the 'enables' line that closes it.
    build = build_project(
        {
            "index.rst": index_rst("p1", "p2"),
            "p1.rst": minimal_pep(1, enables="2"),
            "p2.rst": minimal_pep(2, enables="1"),
        }
    )
    warning = _one(build, "dependency")
    assert (warning.where, warning.message) == (
        "p1.rst:10",
        "PEP 0001: dependency cycle: PEP 0001 → PEP 0002 → PEP 0001",
    )


def test_a_proposal_depending_on_itself(build_project: BuildProject) -> None:
    build = build_project({"index.rst": index_rst("p1"), "p1.rst": minimal_pep(1, depends_on="1")})
    warning = _one(build, "dependency")
    assert (warning.where, warning.message) == (
        "p1.rst:10",
        "PEP 0001: dependency cycle: PEP 0001 → PEP 0001",
    )
    # and its own page does not list itself again as a derived "Enables"
    assert "pep-derived" not in build.html("p1")


@pytest.mark.parametrize("status", ["Rejected", "Withdrawn", "Deferred", "Proposed"])
def test_done_proposal_depending_on_one_not_done(build_project: BuildProject, status: str) -> None:
    build = build_project(
        {
            "index.rst": index_rst("p1", "p2"),
            "p1.rst": minimal_pep(1, status=status),
            "p2.rst": minimal_pep(2, status="Implemented", depends_on="1"),
        }
    )
    warning = _one(build, "dependency")
    assert (warning.where, warning.message) == (
        "p2.rst:10",
        f"PEP 0002 is Implemented but depends on PEP 0001, which is {status}",
    )


def test_duplicate_exempted_by_one_proposal_only(build_project: BuildProject) -> None:
    # :exempt: silences a subtype for that proposal alone (SPEC §7).
    build = build_project(
        {
            "index.rst": index_rst("p1", "p2", "p3"),
            "p1.rst": minimal_pep(5, exempt="duplicate"),
            "p2.rst": minimal_pep(5),
            "p3.rst": minimal_pep(5, exempt="duplicate"),
        }
    )
    assert [(w.where, w.type) for w in build.pep_warnings()] == [("p2.rst:4", "pep.duplicate")]


def test_done_proposal_depending_on_unfinished_one(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("p1", "p2"),
            "p1.rst": minimal_pep(1, status="Accepted", enables="2"),
            "p2.rst": minimal_pep(2, status="Implemented"),
        }
    )
    warning = _one(build, "dependency")
    # the dependency is derived from 1's "enables", so it is located at 2's header
    assert warning.where == "p2.rst:4"
    assert warning.message == ("PEP 0002 is Implemented but depends on PEP 0001, which is Accepted")


def test_superseded_needs_superseded_by(build_project: BuildProject) -> None:
    files = {
        "index.rst": index_rst("p1", "p2"),
        "p1.rst": minimal_pep(
            1, template="pep-full", type="Process", risk=None, status="Superseded"
        ),
        "p2.rst": minimal_pep(
            2, template="pep-full", type="Process", risk=None, status="Final", shipped="1.0"
        ),
    }
    conf = "suppress_warnings = ['pep.section']\n"
    build = build_project(files, conf=conf)
    warning = _one(build, "status")
    assert warning.where == "p1.rst:7"
    assert warning.message == (
        "PEP 0001: status 'Superseded' needs ':superseded-by:' naming the proposal that replaces it"
    )
    # the successor saying "supersedes: 1" is enough
    files["p2.rst"] = minimal_pep(
        2,
        template="pep-full",
        type="Process",
        risk=None,
        status="Final",
        supersedes="1",
        shipped="1.0",
    )
    assert build_project(files, conf=conf).pep_warnings() == []


def test_exempt_silences_only_that_proposal(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("p1", "p2"),
            "p1.rst": minimal_pep(1, created="someday", exempt="date"),
            "p2.rst": minimal_pep(2, created="someday"),
        }
    )
    assert [(w.type, w.where, w.message) for w in build.pep_warnings()] == [
        (
            "pep.date",
            "p2.rst:9",
            "PEP 0002: cannot read created date 'someday': "
            "write YYYY-MM-DD, DD-MM-YYYY or DD-Mon-YYYY",
        )
    ]


def test_suppress_warnings_silences_a_subtype(build_project: BuildProject) -> None:
    build = build_project(
        {"index.rst": index_rst("p1"), "p1.rst": minimal_pep(1, created="someday")},
        conf="suppress_warnings = ['pep.date']\n",
    )
    assert build.warnings == []


def test_myst_warnings_are_located(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.md": "# Index\n\n```{toctree}\npep-0003\n```\n",
            "pep-0003.md": """\
                # PEP 0003: Located

                ```{pep-header}
                :pep: 3
                :author: Jane Doe
                :status: Sideways
                :risk: Low
                :created: 2026-01-02
                ```
                """,
        },
        conf="suppress_warnings = ['pep.section']\n",
    )
    warning = _one(build, "status")
    assert warning.where == "pep-0003.md:6"
    assert warning.message == (
        "PEP 0003: unknown status 'Sideways' for template 'pep' (expected one of "
        "Proposed, Accepted, Implementing, Implemented, Rejected, Withdrawn, Deferred)"
    )


# -- checks in MyST ----------------------------------------------------------------


def front_matter_rfc(number: int, **fields: str | None) -> str:
    """An ``enhancement`` proposal as seed 002 writes it: YAML front matter, bare header.

    Front matter lines are ``key: value`` as given (YAML), from line 2 on; with
    the six default fields the ``pep-header`` fence is on line 11, and on line
    ``5 + number of fields`` in general.
    """
    values: dict[str, str | None] = {
        "rfc": str(number),
        "title": "Saved searches",
        "authors": "Ana Lima <ana@example.com>",
        "status": "proposed",
        "category": "ui",
        "created": "2026-02-01",
    }
    values.update({k.replace("_", "-"): v for k, v in fields.items()})
    front = "\n".join(f"{k}: {v}" for k, v in values.items() if v is not None)
    sections = "\n".join(f"## {name}\n\nThe {name.lower()}.\n" for name in ENHANCEMENT_SECTIONS)
    return (
        f"---\n{front}\n---\n# Enhancement: Saved searches\n\n"
        f"```{{pep-header}}\n:template: enhancement\n```\n\n{sections}"
    )


def myst_index(*docnames: str) -> str:
    entries = "\n".join(docnames)
    return f"# Index\n\n```{{toctree}}\n{entries}\n```\n"


def _pep_warnings(build) -> list[tuple[str | None, str, str]]:  # type: ignore[no-untyped-def]
    return [(w.type, w.where, w.message) for w in build.pep_warnings()]


def test_myst_missing_required_field(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.md": myst_index("pep-0007", "rfc-0004"),
            "pep-0007.md": myst_pep(7, risk=None),
            "rfc-0004.md": front_matter_rfc(4, category=None),
        }
    )
    assert _pep_warnings(build) == [
        ("pep.header", "pep-0007.md:3", "PEP 0007: missing required field ':risk:'"),
        # five front matter fields: the fence is on line 10
        ("pep.header", "rfc-0004.md:10", "RFC 0004: missing required field ':category:'"),
    ]


def test_front_matter_values_are_read_as_typed(build_project: BuildProject) -> None:
    # YAML would read 0012 as the octal 10 and 2026-13-01 as a broken date
    # (dropping the whole block); the header reads what the author typed.
    build = build_project(
        {
            "index.md": myst_index("rfc-0010", "rfc-0012"),
            "rfc-0010.md": front_matter_rfc(10),
            "rfc-0012.md": front_matter_rfc(
                12, rfc="0012", depends_on="[0010]", created="2026-13-01"
            ),
        }
    )
    assert _pep_warnings(build) == [
        (
            "pep.date",
            "rfc-0012.md:7",
            "RFC 0012: cannot read created date '2026-13-01': "
            "write YYYY-MM-DD, DD-MM-YYYY or DD-Mon-YYYY",
        ),
    ]
    # MyST still reports the unquoted impossible date itself.
    assert [(w.where, w.type) for w in build.warnings if w.type != "pep.date"] == [
        ("rfc-0012.md:1", "myst.topmatter")
    ]
    html = build.html("rfc-0012")
    assert '<span class="pep-header-id">RFC 0012</span>' in html
    assert 'href="rfc-0010.html#rfc-10"' in html


def test_option_names_are_case_insensitive_in_both_syntaxes(build_project: BuildProject) -> None:
    # docutils lowercases RST option names; MyST does not, and must agree.
    md = myst_pep(1, depends_on="99").replace(":pep:", ":PEP:").replace(":status:", ":Status:")
    rst = minimal_pep(2, depends_on="98").replace(":depends-on:", ":Depends-On:")
    build = build_project(
        {"index.md": myst_index("pep-0001", "pep-0002"), "pep-0001.md": md, "pep-0002.rst": rst}
    )
    assert _pep_warnings(build) == [
        (
            "pep.ref",
            "pep-0001.md:9",
            "PEP 0001: ':depends-on:' names PEP 0099, which no proposal in this project has",
        ),
        (
            "pep.ref",
            "pep-0002.rst:10",
            "PEP 0002: ':depends-on:' names PEP 0098, which no proposal in this project has",
        ),
    ]


def test_a_header_in_an_included_file_is_located_there(build_project: BuildProject) -> None:
    # Everything from the header down, moved into a file the document includes:
    # each warning names that file and its own line, as docutils' do.
    proposal = minimal_pep(1, created="2026-13-01", related="99").replace(
        "The out of scope of this proposal.", "*[Describe what is out of scope.]*"
    )
    heading, _, rest = proposal.partition("\n\n")
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002"),
            "pep-0001.rst": f"{heading}\n\nIntro.\n\n.. include:: part.txt\n",
            "part.txt": rest,
            "pep-0002.rst": minimal_pep(1),
        }
    )
    assert _pep_warnings(build) == [
        (
            "pep.date",
            "part.txt:6",
            "PEP 0001: cannot read created date '2026-13-01': "
            "write YYYY-MM-DD, DD-MM-YYYY or DD-Mon-YYYY",
        ),
        (
            "pep.section",
            "part.txt:1",
            "PEP 0001: required section 'Out of Scope' is empty: write its text "
            "(comments and template instructions do not count)",
        ),
        (
            "pep.placeholder",
            "part.txt:39",
            "PEP 0001: template instruction text left in: '[Describe what is out of scope.]'; "
            "replace it with the proposal's own text",
        ),
        (
            "pep.duplicate",
            "pep-0002.rst:4",
            "PEP 0001: number 1 is used twice: by pep-0002.rst:4 and by "
            "pep-0001.rst (its header in part.txt:1)",
        ),
        (
            "pep.ref",
            "part.txt:7",
            "PEP 0001: ':related:' names PEP 0099, which no proposal in this project has",
        ),
    ]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "pep-0001.rst",
            minimal_pep(
                1, 'Use ``asyncio`` in *core* -- "now"', title='Use ``asyncio`` in *core* -- "now"'
            ),
        ),
        (
            "pep-0001.md",
            myst_pep(
                1, 'Use `asyncio` in *core* -- "now"', title='Use `asyncio` in *core* -- "now"'
            ),
        ),
    ],
)
def test_title_with_markup_matches_its_heading_and_renders_it(
    build_project: BuildProject, name: str, text: str
) -> None:
    build = build_project({"index.rst": index_rst("pep-0001"), name: text})
    assert build.pep_warnings() == []
    html = build.html("pep-0001")
    assert (
        '<span class="pep-header-name">Use <code class="docutils literal notranslate">'
        '<span class="pre">asyncio</span></code> in <em>core</em> – “now”</span>'
    ) in html
    proposal = get_domain(build.app.env).get_proposal(1)
    assert proposal is not None and proposal.title == "Use asyncio in core – “now”"


def test_title_that_does_not_parse_stays_text(build_project: BuildProject) -> None:
    # An unclosed emphasis would be a docutils error in a heading; in the
    # header's title it is only text, and the check still compares it.
    build = build_project(
        {
            "index.rst": index_rst("pep-0001"),
            "pep-0001.rst": minimal_pep(1, "Keep *args", title="Keep *args"),
        }
    )
    assert [w for w in build.warnings if w.file == "pep-0001.rst" and w.line == 5] == []
    assert '<span class="pep-header-name">Keep *args</span>' in build.html("pep-0001")


@pytest.mark.parametrize(
    "title",
    ["Rename old_api_", "A _`cache layer`", "Cite [RFC9110]_ now", "See `the docs`__"],
)
def test_title_markup_that_points_into_the_page_stays_text(
    build_project: BuildProject, title: str
) -> None:
    # References, targets and citations need the page around them: in the
    # header's title they are text, and they add nothing to the page (the
    # body's own `cache layer`_ target still resolves, no dangling reference).
    body = "See `cache layer`_.\n\n.. _cache layer: https://example.org/cache\n"
    build = build_project(
        {
            "index.rst": index_rst("pep-0001"),
            "pep-0001.rst": minimal_pep(1, "Keep", title=title, body=body),
        }
    )
    assert [(w.where, w.type) for w in build.warnings] == [("pep-0001.rst:10", "pep.header")]
    html = build.html("pep-0001")
    assert f'<span class="pep-header-name">{escape(title, quote=False)}</span>' in html
    assert 'href="https://example.org/cache"' in html


def test_title_with_a_proposal_reference_links_it(build_project: BuildProject) -> None:
    title = "Amend :pep:ref:`2`"
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002"),
            "pep-0001.rst": minimal_pep(1, title, title=title),
            "pep-0002.rst": minimal_pep(2),
        }
    )
    assert build.pep_warnings() == []
    assert (
        '<span class="pep-header-name">Amend <a class="reference internal" '
        'href="pep-0002.html#pep-2"'
    ) in build.html("pep-0001")
    # as text (tooltips, the index, proposals.json): the id, not the bare target
    proposal = get_domain(build.app.env).get_proposal(1)
    assert proposal is not None and proposal.title == "Amend PEP 0002"


def test_title_with_an_unknown_role_adds_no_parser_error(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0001"),
            "pep-0001.rst": minimal_pep(1, "Keep", title=":no-such-role:`x`"),
        }
    )
    # Only our own finding; not also docutils' 'Unknown interpreted text role'.
    assert [(w.where, w.type) for w in build.warnings] == [("pep-0001.rst:10", "pep.header")]
    assert '<span class="pep-header-name">:no-such-role:`x`</span>' in build.html("pep-0001")


@pytest.mark.parametrize(
    ("heading", "message"),
    [
        (
            "PEP NNNN: Add a cache",
            "PEP 0001: the document title 'PEP NNNN: Add a cache' still holds the template's "
            "placeholder 'NNNN'; write the proposal's number",
        ),
        (
            "PEP 0001: Title of the Enhancement",
            "PEP 0001: the document title 'PEP 0001: Title of the Enhancement' still holds "
            "the template's placeholder 'Title of the Enhancement'; write the proposal's title",
        ),
    ],
)
def test_placeholder_left_in_the_heading(
    build_project: BuildProject, heading: str, message: str
) -> None:
    text = minimal_pep(1).replace(
        "PEP 0001: A proposal\n====================", f"{heading}\n{'=' * len(heading)}"
    )
    build = build_project({"index.rst": index_rst("pep-0001"), "pep-0001.rst": text})
    # docutils puts an RST title on its underline's line
    assert _pep_warnings(build) == [("pep.placeholder", "pep-0001.rst:2", message)]


def test_a_field_given_under_two_names(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0001"),
            "pep-0001.rst": minimal_pep(1, authors="Ana").replace(
                ":pep: 1\n", ":pep: 1\n   :number: 2\n"
            ),
        }
    )
    assert _pep_warnings(build) == [
        (
            "pep.header",
            "pep-0001.rst:6",
            "PEP 0001: both ':pep:' and ':number:' are given; ':pep:' is used, remove ':number:'",
        ),
        (
            "pep.header",
            "pep-0001.rst:7",
            "PEP 0001: both ':authors:' and ':author:' are given; ':authors:' is used, "
            "remove ':author:'",
        ),
    ]


def test_a_placeholder_number_is_reported_once(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0001"),
            "pep-0001.rst": minimal_pep(1).replace(":pep: 1\n", ":number: NNNN\n"),
        }
    )
    assert _pep_warnings(build) == [
        (
            "pep.placeholder",
            "pep-0001.rst:5",
            "PEP ????: field 'number' still holds the template's placeholder 'NNNN'; replace it",
        )
    ]


def test_seed_002_front_matter_without_a_template_is_pointed_to_it(
    build_project: BuildProject,
) -> None:
    # The default template is 'pep'; seed 002's rfc: says which one was meant.
    text = front_matter_rfc(3).replace(":template: enhancement\n", "")
    build = build_project({"index.md": myst_index("rfc-0003"), "rfc-0003.md": text})
    [unknown, *_] = build.pep_warnings("header")
    assert (unknown.where, unknown.message) == (
        "rfc-0003.md:2",
        "PEP ????: unknown field ':rfc:'; template 'pep' numbers proposals with ':pep:' "
        "(or ':number:'); for template 'enhancement', add ':template: enhancement'",
    )


def test_myst_option_given_twice_in_two_cases(build_project: BuildProject) -> None:
    md = myst_pep(1).replace(":status: Proposed\n", ":Status: Proposed\n:status: Accepted\n")
    build = build_project({"index.md": myst_index("pep-0001"), "pep-0001.md": md})
    assert _pep_warnings(build) == [
        (
            "pep.header",
            "pep-0001.md:7",
            "PEP 0001: ':status:' is given twice (option names ignore case); the last is used",
        )
    ]
    assert ">Accepted<" in build.html("pep-0001")


def test_myst_dates(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.md": myst_index("pep-0001", "pep-0002", "rfc-0003", "rfc-0004"),
            "pep-0001.md": myst_pep(1, created="2026-13-01"),
            "pep-0002.md": myst_pep(2, created="2026-03-01", updated="01-Feb-2026"),
            # quoted: unquoted, YAML reads 2026-13-01 as a date, fails, and MyST drops
            # the whole front matter (myst.topmatter) before the header sees it
            "rfc-0003.md": front_matter_rfc(3, created='"2026-13-01"'),
            "rfc-0004.md": front_matter_rfc(4, updated="2026-01-20"),
        }
    )
    # Values from the front matter are located at their own line of it (rfc is on
    # line 2, created on 7, a seventh key on 8), where the author fixes them.
    assert _pep_warnings(build) == [
        (
            "pep.date",
            "pep-0001.md:8",
            "PEP 0001: cannot read created date '2026-13-01': "
            "write YYYY-MM-DD, DD-MM-YYYY or DD-Mon-YYYY",
        ),
        (
            "pep.date",
            "pep-0002.md:9",
            "PEP 0002: updated date 2026-02-01 is before the created date 2026-03-01",
        ),
        (
            "pep.date",
            "rfc-0003.md:7",
            "RFC 0003: cannot read created date '2026-13-01': "
            "write YYYY-MM-DD, DD-MM-YYYY or DD-Mon-YYYY",
        ),
        (
            "pep.date",
            "rfc-0004.md:8",
            "RFC 0004: updated date 2026-01-20 is before the created date 2026-02-01",
        ),
    ]


@pytest.mark.parametrize(
    ("first", "md", "proposal", "where"),
    [
        (minimal_pep(5, "First"), myst_pep(5), "PEP 0005", "b.md:3"),
        # numbers are unique per series (RFC 5 and PEP 5 may coexist); the number
        # comes from the front matter, and is located at the fence (line 11)
        (
            minimal_pep(5, "First", template="enhancement", pep=None, rfc="5"),
            front_matter_rfc(5),
            "RFC 0005",
            "b.md:11",
        ),
    ],
    ids=["options", "front-matter"],
)
def test_myst_duplicate_number_across_rst_and_md(
    build_project: BuildProject, first: str, md: str, proposal: str, where: str
) -> None:
    build = build_project({"index.rst": index_rst("a", "b"), "a.rst": first, "b.md": md})
    duplicates = [w for w in _pep_warnings(build) if w[0] == "pep.duplicate"]
    assert duplicates == [
        (
            "pep.duplicate",
            where,
            f"{proposal}: number 5 is used twice: by {where} and by a.rst:4",
        )
    ]


def test_myst_unknown_proposal_in_depends_on(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.md": myst_index("pep-0001", "pep-0002", "rfc-0003"),
            "pep-0001.md": myst_pep(1, depends_on="2, PEP 0099", discussion="https://x.org/t/1"),
            "pep-0002.md": myst_pep(2),
            # a YAML list: one known id, one unknown
            "rfc-0003.md": front_matter_rfc(3, depends_on="[2, 42]"),
        }
    )
    assert _pep_warnings(build) == [
        (
            "pep.ref",
            "pep-0001.md:9",
            "PEP 0001: ':depends-on:' names PEP 0099, which no proposal in this project has",
        ),
        # from the front matter: located at its depends-on line (line 8)
        (
            "pep.ref",
            "rfc-0003.md:8",
            "RFC 0003: ':depends-on:' names RFC 0042, which no proposal in this project has",
        ),
    ]
    assert '<span class="pep-ref-missing">PEP 0099</span>' in build.html("pep-0001")
    # named as the warning names it: with the listing proposal's label
    assert '<span class="pep-ref-missing">RFC 0042</span>' in build.html("rfc-0003")


def test_myst_dependency_cycle(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.md": myst_index("pep-0001", "pep-0002", "rfc-0003", "rfc-0004"),
            "pep-0001.md": myst_pep(1, depends_on="2"),
            "pep-0002.md": myst_pep(2, depends_on="1"),
            "rfc-0003.md": front_matter_rfc(3, depends_on="[4]"),
            "rfc-0004.md": front_matter_rfc(4, depends_on="3"),
        }
    )
    assert _pep_warnings(build) == [
        (
            "pep.dependency",
            "pep-0001.md:9",
            "PEP 0001: dependency cycle: PEP 0001 → PEP 0002 → PEP 0001",
        ),
        # from the front matter: located at its depends-on line (line 8)
        (
            "pep.dependency",
            "rfc-0003.md:8",
            "RFC 0003: dependency cycle: RFC 0003 → RFC 0004 → RFC 0003",
        ),
    ]


def test_myst_front_matter_placeholder_number(build_project: BuildProject) -> None:
    build = build_project(
        {"index.md": myst_index("rfc-new"), "rfc-new.md": front_matter_rfc(1, rfc="XXXX")}
    )
    # located at the front matter's "rfc: XXXX" line, not at the fence (line 11)
    assert _pep_warnings(build) == [
        (
            "pep.placeholder",
            "rfc-new.md:2",
            "RFC ????: field 'rfc' still holds the template's placeholder 'XXXX'; replace it",
        )
    ]


def test_myst_dates_in_every_format_build_clean(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.md": myst_index("pep-0001", "pep-0002", "rfc-0003", "rfc-0004"),
            "pep-0001.md": myst_pep(1, created="15-01-2026", updated="15-Jan-2026"),
            "pep-0002.md": myst_pep(2, created="02-Mar-2026", updated="02-03-2026"),
            "rfc-0003.md": front_matter_rfc(3, created="15-01-2026", updated="15-01-2026"),
            "rfc-0004.md": front_matter_rfc(4, created="02-Mar-2026", updated="02-Mar-2026"),
        }
    )
    assert build.warnings == []
    # created and updated, both shown as YYYY-MM-DD
    assert build.html("pep-0001").count("<p>2026-01-15</p>") == 2
    assert build.html("pep-0002").count("<p>2026-03-02</p>") == 2
    assert build.html("rfc-0003").count("<p>2026-01-15</p>") == 2
    assert build.html("rfc-0004").count("<p>2026-03-02</p>") == 2


# -- hostile headers (issue 15): what docutils would refuse, authors, headings ------------


SEED_TABLE = "| Field | Value |\n|---|---|\n| **PEP** | NNNN |\n| **Status** | Draft |\n"


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_header_content_is_reported_and_the_options_still_read(
    build_project: BuildProject, fmt: str
) -> None:
    """The seed's table under the options: before, docutils refused the whole header."""
    if fmt == "rst":
        table = "".join(f"   {line}\n" for line in SEED_TABLE.splitlines())
        text = minimal_pep(1).replace(":created: 2026-01-15\n", f":created: 2026-01-15\n\n{table}")
        line = 11  # the table's first row
    else:
        text = myst_pep(1).replace(
            ":created: 2026-01-15\n", f":created: 2026-01-15\n\n{SEED_TABLE}"
        )
        line = 10
    build = build_project({"index.rst": index_rst("pep-0001"), f"pep-0001.{fmt}": text})
    assert _pep_warnings(build) == [
        (
            "pep.header",
            f"pep-0001.{fmt}:{line}",
            # the first row that is a field and no placeholder, as an option
            "PEP 0001: pep-header takes its fields as options, not as content: write "
            "`:status: Draft` (one ':field: value' line per field, directly under the "
            "directive, no blank line between them); the content is not read",
        )
    ]
    assert [w for w in build.warnings if not (w.type or "").startswith("pep.")] == []
    proposal = get_domain(build.app.env).proposals["pep-0001"]
    assert (proposal.number, proposal.status) == (1, "Proposed")
    assert "<table" not in build.html("pep-0001").split('id="pep-1"', 1)[1].split("</div>")[0]


def test_header_content_counts_in_sphinx_pep_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: docutils' error was no pep.* warning, and check said 'no pep warnings'."""
    from sphinxext_pep.cli.main import main

    table = "".join(f"   {line}\n" for line in SEED_TABLE.splitlines())
    (tmp_path / "conf.py").write_text('extensions = ["sphinxext_pep"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text(index_rst("pep-0001"), encoding="utf-8")
    text = minimal_pep(1).replace(":created: 2026-01-15\n", f":created: 2026-01-15\n\n{table}")
    (tmp_path / "pep-0001.rst").write_text(text, encoding="utf-8")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    status = main(["check"])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.startswith("pep-0001.rst:11: [pep.header] PEP 0001: pep-header takes its fields")
    assert "1 pep warning in 1 file" in err


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_option_after_a_blank_line_is_named(build_project: BuildProject, fmt: str) -> None:
    make = minimal_pep if fmt == "rst" else myst_pep
    text = make(1).replace(":risk: Low\n", ":risk: Low\n\n", 1)
    build = build_project({"index.rst": index_rst("pep-0001"), f"pep-0001.{fmt}": text})
    # the missing :created: is not said as well: the content warning says why
    [(subtype, where, message)] = _pep_warnings(build)
    assert (subtype, where) == ("pep.header", f"pep-0001.{fmt}:{10 if fmt == 'rst' else 9}")
    assert message == (
        "PEP 0001: ':created:' is read as content, not as an option: the options of "
        "pep-header end at the first blank line; remove the blank line above it"
    )


def test_rst_option_in_two_cases_is_read_not_refused(build_project: BuildProject) -> None:
    text = minimal_pep(1, status="Accepted").replace(
        "   :status: Accepted\n", "   :status: Accepted\n   :Status: Proposed\n"
    )
    build = build_project({"index.rst": index_rst("pep-0001"), "pep-0001.rst": text})
    assert _pep_warnings(build) == [
        (
            "pep.header",
            "pep-0001.rst:8",
            "PEP 0001: ':status:' is given twice (option names ignore case); the last is used",
        )
    ]
    assert get_domain(build.app.env).proposals["pep-0001"].status == "Proposed"


def test_quoted_author_name_holds_a_comma(build_project: BuildProject) -> None:
    front = (
        '---\npep: "2"\nauthors: ["Roe, John <john@example.com>", "@kenji"]\n'
        "status: Proposed\nrisk: Low\ncreated: 2026-01-15\n---\n"
    )
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002"),
            "pep-0001.rst": minimal_pep(1, author='"Doe, Jane" <jane@example.com>, John Roe'),
            "pep-0002.md": front
            + "# PEP 0002: A proposal\n\n```{pep-header}\n```\n\n"
            + myst_pep(2).split("```\n\n", 1)[1],
        }
    )
    assert _pep_warnings(build) == []
    proposals = get_domain(build.app.env).proposals
    assert [(a.name, a.email) for a in proposals["pep-0001"].authors] == [
        ("Doe, Jane", "jane@example.com"),
        ("John Roe", None),
    ]
    assert [(a.name, a.email) for a in proposals["pep-0002"].authors] == [
        ("Roe, John", "john@example.com"),
        ("@kenji", None),
    ]


def test_obfuscated_address_is_shown_as_text_without_mailto(build_project: BuildProject) -> None:
    # As the Python PEPs write them (``user at host``): an author, not a warning.
    files = {
        "index.rst": index_rst("pep-0001", "pep-0002"),
        "pep-0001.rst": minimal_pep(
            1, author="Vinay Sajip <vinay_sajip at red-dove.com>, Jane Doe <jane@example.com>"
        ),
        "pep-0002.md": myst_pep(2, author="Christian R. Reis <kiko at async.com.br>"),
    }
    build = build_project(files)
    assert _pep_warnings(build) == []
    rst, myst = build.html("pep-0001"), build.html("pep-0002")
    assert escape("Vinay Sajip <vinay_sajip at red-dove.com>") in rst
    # Jane's real address keeps its (Sphinx-encoded) link; Vinay's gets none.
    assert rst.count('href="mailto:') == 1 and 'href="mailto:jane&#37;' in rst
    assert escape("Christian R. Reis <kiko at async.com.br>") in myst and "mailto:" not in myst
    data = {p["docname"]: p for p in json.loads(build.read("proposals.json"))["proposals"]}
    assert data["pep-0001"]["authors"] == [
        {"name": "Vinay Sajip", "email": None, "address": "vinay_sajip at red-dove.com"},
        {"name": "Jane Doe", "email": "jane@example.com"},
    ]
    text = build_project(files, buildername="text").read("pep-0001.txt")
    assert "Vinay Sajip <vinay_sajip at red-dove.com>, Jane Doe" in text


def test_rst_leading_field_list_reads_name_email_and_locates_fields(
    build_project: BuildProject,
) -> None:
    top = (
        ":pep: 1\n:status: Proposed\n:author: Jane Doe <jane@example.com>, Bad <x\n"
        ":risk: Low\n:created: 2026-01-15\n\n"
    )
    no_options = dict.fromkeys(("pep", "author", "status", "risk", "created"))
    text = top + minimal_pep(1, **no_options)
    build = build_project({"index.rst": index_rst("pep-0001"), "pep-0001.rst": text})
    assert _pep_warnings(build) == [
        (
            "pep.header",
            "pep-0001.rst:3",  # the field's own line, not the pep-header's
            "PEP 0001: cannot read author 'Bad <x': write 'Name <email>', 'Name' or "
            "'@handle' (quote a name holding a comma: \"Doe, Jane\" <jane@example.com>)",
        )
    ]
    [author] = get_domain(build.app.env).proposals["pep-0001"].authors
    assert (author.name, author.email) == ("Jane Doe", "jane@example.com")


def test_heading_of_only_an_id_or_another_id_warns_pep_title(build_project: BuildProject) -> None:
    only_id = minimal_pep(1).replace(
        "PEP 0001: A proposal\n====================", "PEP 0001:\n========="
    )
    other = minimal_pep(13).replace("PEP 0013: A proposal", "PEP 0012: A proposal")
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0013"),
            "pep-0001.rst": only_id,
            "pep-0013.rst": other,
        }
    )
    assert _pep_warnings(build) == [
        (
            "pep.title",
            "pep-0001.rst:2",
            "PEP 0001: the document title 'PEP 0001:' has nothing after the proposal id, so "
            "the proposal has no title: write it after the id ('PEP 0001: Add a cache') or "
            "give ':title:'",
        ),
        (
            "pep.title",
            "pep-0013.rst:2",
            "PEP 0013: the document title 'PEP 0012: A proposal' names PEP 0012, but the "
            "header's number is 13 (PEP 0013): correct the one that is wrong",
        ),
    ]
    assert get_domain(build.app.env).proposals["pep-0001"].title == ""


def test_valid_headings_and_headers_give_no_title_or_content_warning(
    build_project: BuildProject,
) -> None:
    """The other side of each check above: what is right stays silent."""
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002"),
            "pep-0001.rst": minimal_pep(1, author='"Doe, Jane" <jane@example.com>'),
            "pep-0002.md": myst_pep(2, title="A proposal"),
        }
    )
    assert build.warnings == []


@pytest.mark.parametrize(
    ("heading", "number", "rest"),
    [
        ("PEP 0012: Add a cache", 12, "Add a cache"),
        ("PEP 0012:", 12, ""),
        ("PEP 0012", 12, ""),
        ("PEP 12 – x – y", 12, "x – y"),
        ("PEP NNNN: Title", None, "Title"),
        ("Saved searches: a plan", None, None),
    ],
)
def test_heading_prefix(heading: str, number: int | None, rest: str | None) -> None:
    from sphinxext_pep.core.settings import CONFIG_DEFAULTS, read_settings
    from sphinxext_pep.core.titles import heading_prefix

    settings, _ = read_settings(CONFIG_DEFAULTS)
    prefix = heading_prefix(heading, settings.templates["pep"])
    if rest is None:
        assert prefix is None
    else:
        assert prefix is not None and (prefix.number, prefix.rest) == (number, rest)


@pytest.mark.parametrize(
    ("content", "example"),
    [
        (SEED_TABLE, "`:status: Draft`"),  # the PEP row holds a placeholder
        ("Risk: Medium\nStatus: Draft\n", "`:risk: Medium`"),  # seed 001's code block lines
        ("Some text.\n", "`:status: Draft`"),  # nothing to go by
    ],
)
def test_content_message_suggests_an_option(content: str, example: str) -> None:
    from sphinxext_pep.core.header import content_message

    message = content_message(content.splitlines(), ["pep"])
    assert message.startswith(
        f"pep-header takes its fields as options, not as content: write {example} "
    )


def test_myst_option_block_that_cannot_be_read_is_one_located_warning(
    build_project: BuildProject,
) -> None:
    """Before: MyST's own myst.directive_option warning, then every field 'missing' as well."""
    text = myst_pep(1, title='"unclosed')
    build = build_project({"index.rst": index_rst("pep-0001"), "pep-0001.md": text})
    assert _pep_warnings(build) == [
        (
            "pep.header",
            "pep-0001.md:9",
            "PEP ????: the header's options cannot be read: found unexpected end of stream; "
            "write one ':field: value' line per field (a quoted value closes its quote)",
        )
    ]
    assert [w for w in build.warnings if not (w.type or "").startswith("pep.")] == []
