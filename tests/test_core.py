"""The pure core on its own: no Sphinx build, each check called directly.

The builds in the other test files show what a user sees; these pin the
rules themselves, fast, so a change to one shows up here first.
"""

from __future__ import annotations

from datetime import date

import pytest

from sphinxext_pep.core import fields
from sphinxext_pep.core.fields import FIELD_BY_NAME, FIELDS, HEADER_OPTIONS, Kind
from sphinxext_pep.core.header import read_header
from sphinxext_pep.core.history import HistoryRow, check_history
from sphinxext_pep.core.pipe_rows import is_separator, split_row
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.core.risks import read_risk, severity
from sphinxext_pep.core.settings import CONFIG_DEFAULTS, read_settings
from sphinxext_pep.core.template_schema import SettingsError
from sphinxext_pep.core.templates import BUILTIN_TEMPLATES

SETTINGS, _ = read_settings(CONFIG_DEFAULTS)
HEADER = Location("pep-0012", 3)


def read(values: dict[str, str], **kwargs: object):  # type: ignore[no-untyped-def]
    lines = {name: 4 + i for i, name in enumerate(values)}
    options = {"heading": None, **kwargs}
    return read_header(
        values,
        lines,
        docname="pep-0012",
        header=HEADER,
        settings=SETTINGS,
        **options,  # type: ignore[arg-type]
    )


FULL = {
    "pep": "12",
    "title": "Add a cache",
    "author": "Jane Doe <jane@example.com>, @roe",
    "status": "accepted",
    "risk": "medium",
    "created": "15-Jan-2026",
    "depends-on": "PEP 9, 0009, 7",
}


# -- the field registry ------------------------------------------------------------


def test_every_field_has_one_name_and_every_alias_leads_to_it() -> None:
    names = [f.name for f in FIELDS]
    assert len(names) == len(set(names))
    assert FIELD_BY_NAME["author"] is FIELD_BY_NAME["authors"]
    assert set(HEADER_OPTIONS) == set(FIELD_BY_NAME)


def test_every_relation_has_a_reciprocal_relation_that_points_back() -> None:
    for name, reciprocal in fields.RECIPROCAL.items():
        assert FIELD_BY_NAME[reciprocal].kind is Kind.RELATION
        assert fields.RECIPROCAL[reciprocal] == name


def test_columns_and_filters_are_fields() -> None:
    header_columns = [name for name in fields.COLUMNS if name not in fields.DERIVED_COLUMNS]
    assert set(header_columns) <= set(FIELD_BY_NAME)
    assert not set(fields.DERIVED_COLUMNS) & set(FIELD_BY_NAME)
    assert [FIELD_BY_NAME[name].column for name in header_columns] == [
        fields.COLUMNS[name] for name in header_columns
    ]
    assert fields.FILTERS == ("status", "person", "type", "risk", "target")


# -- reading a header ----------------------------------------------------------------


def test_a_full_header_reads_into_one_record_without_problems() -> None:
    reading = read(FULL)
    assert reading.problems == ()
    proposal = reading.proposal
    assert (proposal.number, proposal.label, proposal.template) == (12, "PEP", "pep")
    assert (proposal.status, proposal.status_group) == ("Accepted", "accepted")
    assert [a.name for a in proposal.authors] == ["Jane Doe", "@roe"]
    assert proposal.authors[0].email == "jane@example.com"
    assert proposal.field("risk") == "Medium"  # the template's spelling
    assert proposal.created == date(2026, 1, 15)
    assert proposal.updated is None
    assert [pid.number for pid in proposal.relation("depends-on")] == [9, 7]  # one 9, as written


@pytest.mark.parametrize(
    ("change", "subtype", "field", "message"),
    [
        ({"status": "Done"}, Subtype.STATUS, "status", "unknown status 'Done'"),
        ({"created": "2026-13-01"}, Subtype.DATE, "created", "cannot read created date"),
        ({"updated": "2025-01-01"}, Subtype.DATE, "updated", "updated date 2025-01-01 is before"),
        ({"risk": "Huge"}, Subtype.HEADER, "risk", "unknown risk 'Huge'"),
        ({"pep": "twelve"}, Subtype.HEADER, "pep", "bad number 'twelve'"),
        ({"depends-on": "next"}, Subtype.REF, "depends-on", "'next' in ':depends-on:'"),
        ({"colour": "red"}, Subtype.HEADER, "colour", "unknown field ':colour:'"),
        ({"author": "Author Name"}, Subtype.PLACEHOLDER, "author", "field 'author' still"),
        ({"exempt": "pep.nothing"}, Subtype.HEADER, "exempt", "cannot exempt 'pep.nothing'"),
    ],
)
def test_each_header_problem_is_typed_and_located_at_its_field(
    change: dict[str, str], subtype: Subtype, field: str, message: str
) -> None:
    values = {**FULL, **change}
    reading = read(values)
    (problem,) = reading.problems
    assert problem.subtype is subtype
    assert problem.message.startswith(message), problem.message
    assert problem.location == Location("pep-0012", 4 + list(values).index(field))


def test_problems_do_not_name_the_proposal_the_reporter_does() -> None:
    (problem,) = read({**FULL, "status": "Done"}).problems
    assert not problem.message.startswith("PEP")


def test_a_missing_required_field_is_located_at_the_header() -> None:
    values = dict(FULL)
    del values["risk"]
    (problem,) = read(values).problems
    assert problem == Problem(Subtype.HEADER, "missing required field ':risk:'", HEADER)


def test_a_header_in_an_included_file_keeps_its_file_and_the_heading_its_document() -> None:
    included = Location("/src/header.inc", 1)
    values = {**FULL, "title": "NNNN"}
    reading = read_header(
        values,
        {"title": 2},
        docname="pep-0012",
        header=included,
        heading="PEP NNNN: Add a cache",
        heading_location=Location("pep-0012", 1),
        settings=SETTINGS,
    )
    locations = {p.location for p in reading.problems}
    assert Location("/src/header.inc", 2) in locations  # the title field
    assert Location("pep-0012", 1) in locations  # the heading's NNNN
    assert reading.proposal.source == "/src/header.inc"


def test_the_title_derives_from_the_heading_and_must_match_it() -> None:
    values = {k: v for k, v in FULL.items() if k != "title"}
    assert read(values, heading="PEP 0012: Add a cache").proposal.title == "Add a cache"
    (problem,) = read(FULL, heading="PEP 0012: Something else").problems
    assert problem.subtype is Subtype.HEADER
    assert "does not match the document title" in problem.message


# -- status history -------------------------------------------------------------------


def rows(*lines: str) -> list[HistoryRow]:
    return [
        HistoryRow(split_row(line), Location("/src/pep.rst", 10 + i))
        for i, line in enumerate(lines)
    ]


def test_a_history_that_follows_the_lifecycle_has_no_problems() -> None:
    problems: list[Problem] = []
    entries = check_history(
        rows("| 2026-01-15 | — | Proposed | Initial |", "| 01-02-2026 | Proposed | Accepted | |"),
        BUILTIN_TEMPLATES["pep"],
        "Accepted",
        problems,
    )
    assert problems == []
    assert [(e.date, e.from_status, e.to_status) for e in entries] == [
        ("2026-01-15", None, "Proposed"),
        ("2026-02-01", "Proposed", "Accepted"),
    ]


@pytest.mark.parametrize(
    ("lines", "header_status", "row", "message"),
    [
        (["| 2026-01-15 | — | Rejected | |", "| 2026-02-01 | Rejected | Accepted | |"],
         "Accepted", 11, "the 'pep' lifecycle does not allow 'Rejected' -> 'Accepted'"),
        (["| 2026-02-15 | — | Proposed | |", "| 2026-02-01 | Proposed | Accepted | |"],
         "Accepted", 11, "status history goes back in time"),
        (["| 2026-01-15 | — | Proposed | |"], "Accepted", 10, "the status history ends at"),
        (["| someday | — | Proposed | |"], "Proposed", 10, "status history date 'someday'"),
        (["| 2026-01-15 | Proposed | Accepted | |"], "Accepted", 10, "the first status history"),
    ],
)  # fmt: skip
def test_each_history_problem_is_at_its_row(
    lines: list[str], header_status: str, row: int, message: str
) -> None:
    problems: list[Problem] = []
    check_history(rows(*lines), BUILTIN_TEMPLATES["pep"], header_status, problems)
    (problem,) = problems
    assert problem.subtype is Subtype.HISTORY
    assert problem.location == Location("/src/pep.rst", row)
    assert problem.message.startswith(message), problem.message


def test_pipe_rows_keep_escaped_pipes_and_skip_separators() -> None:
    assert split_row(r"| a \| b | c |") == ("a | b", "c")
    assert is_separator(split_row("|---|:---:|"))
    assert not is_separator(split_row("| - | x |"))


# -- risks ------------------------------------------------------------------------------


def test_a_risk_row_reads_its_levels_in_the_scales_spelling() -> None:
    reading = read_risk(
        "Cache drift", "medium", "HIGH", "TTL", number=1, levels=("Low", "Medium", "High"),
        location=Location("/src/pep.rst", 7),
    )  # fmt: skip
    assert reading.problems == ()
    assert (reading.risk.probability, reading.risk.impact) == ("Medium", "High")
    assert (reading.probability, reading.impact) == (1, 2)


def test_a_high_impact_risk_needs_a_mitigation_and_levels_must_be_known() -> None:
    reading = read_risk(
        "", "often", "High", "n/a", number=3, levels=("Low", "Medium", "High"),
        location=Location("/src/pep.rst", 7),
    )  # fmt: skip
    messages = [p.message for p in reading.problems]
    assert messages == [
        "risk in row 3: unknown probability 'often'; the levels are Low, Medium, High "
        "(set pep_risk_levels to change them)",
        "risk in row 3 has High impact but no mitigation; "
        "say in the Mitigation column how it is handled",
    ]


@pytest.mark.parametrize(
    ("probability", "impact", "band"),
    [(0, 0, "low"), (0, 1, "low"), (1, 1, "medium"), (1, 2, "high"), (2, 2, "critical")],
)
def test_severity_bands_on_three_levels(probability: int, impact: int, band: str) -> None:
    assert severity(probability, impact, 3) == band


# -- settings -----------------------------------------------------------------------------


def test_an_ignorable_setting_falls_back_and_says_which_key() -> None:
    settings, problems = read_settings({**CONFIG_DEFAULTS, "pep_number_width": "4"})
    assert settings.number_width == 4
    (problem,) = problems
    assert problem.key == "pep_number_width"
    assert "must be an integer from 0 to 12" in problem.message


def test_a_fatal_setting_raises_one_error_naming_the_key() -> None:
    with pytest.raises(SettingsError, match=r"^pep_templates\['x'\]\['label'\]: required"):
        read_settings({**CONFIG_DEFAULTS, "pep_templates": {"x": {"statuses": {"A": "open"}}}})


def test_subtypes_parse_in_every_spelling_users_write() -> None:
    assert Subtype.parse("pep.Section") is Subtype.SECTION
    assert Subtype.parse(" criteria ") is Subtype.CRITERIA
    assert Subtype.parse("sections") is None
