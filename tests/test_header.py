"""``pep-header`` (SPEC §4): rendering in RST and MyST, and every header check."""

from __future__ import annotations

import pytest
from conftest import BuildProject, index_rst, minimal_pep

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
    from sphinxext_pep.header_fields import derive_title
    from sphinxext_pep.templates import BUILTIN_TEMPLATES

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
            "pep-0007.rst": minimal_pep(7, template="pep-full", type="Feature", risk=None),
        },
        conf="suppress_warnings = ['pep.section']\n",
    )
    warning = _one(build, "header")
    assert warning.message == (
        "PEP 0007: unknown type 'Feature' (expected one of Standard, Informational, Process)"
    )


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
        f"PEP ????: bad number '{number}': a proposal number is a whole number >= 0"
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
    warning = _one(build, "header")
    assert warning.message.startswith("PEP 0005: a second pep-header in one document")
    assert warning.file == "pep-0005.rst"
    assert warning.line is not None and warning.line > 20
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
    ("fields", "line", "field"),
    [
        ({"pep": "NNNN"}, 5, "pep"),
        ({"created": "YYYY-MM-DD"}, 9, "created"),
        ({"author": "Author Name"}, 6, "author"),
        ({"related": "(Optional) List any related PEPs"}, 10, "related"),
        ({"risk": "Low / Medium / High"}, 8, "risk"),
        ({"title": "[Enhancement Title]"}, 10, "title"),
    ],
)
def test_header_placeholders(
    build_project: BuildProject, fields: dict[str, str], line: int, field: str
) -> None:
    build = build_project({"index.rst": index_rst("p"), "p.rst": minimal_pep(1, **fields)})
    assert [w.type for w in build.pep_warnings()] == ["pep.placeholder"]
    warning = build.pep_warnings()[0]
    assert warning.where == f"p.rst:{line}"
    assert f"field '{field}' still holds the template's placeholder" in warning.message


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
    assert unknown_related.message == (
        "PEP 0001: ':related:' names PEP 0002, which no proposal in this project has"
    )
    assert unknown_dependency.where == "pep-0001.rst:11"
    assert unknown_dependency.message == (
        "PEP 0001: ':depends-on:' names PEP 0099, which no proposal in this project has"
    )
    assert '<span class="pep-ref-missing">PEP 0099</span>' in build.html("pep-0001")


def test_dependency_cycle_is_printed(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("p1", "p2", "p3"),
            "p1.rst": minimal_pep(1, depends_on="2"),
            "p2.rst": minimal_pep(2, depends_on="3"),
            # 3 depends on 1 through 1's own "enables" being mirrored
            "p3.rst": minimal_pep(3, depends_on="1"),
        }
    )
    warning = _one(build, "dependency")
    assert warning.where == "p1.rst:10"
    assert warning.message == (
        "PEP 0001: dependency cycle: PEP 0001 → PEP 0002 → PEP 0003 → PEP 0001"
    )


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
        "p2.rst": minimal_pep(2, template="pep-full", type="Process", risk=None, status="Final"),
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
        2, template="pep-full", type="Process", risk=None, status="Final", supersedes="1"
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
    assert [w.file for w in build.pep_warnings()] == ["p2.rst"]


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
