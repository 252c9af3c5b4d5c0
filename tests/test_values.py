"""The header value parsers on their own (SPEC §4 dates)."""

from __future__ import annotations

from datetime import date

import pytest

from sphinxext_pep.core.values import parse_date, parse_proposal_id

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@pytest.mark.parametrize("month", range(1, 13))
def test_day_month_name_year_reads_every_english_month(month: int) -> None:
    abbreviation = MONTHS[month - 1]
    for spelling in (abbreviation, abbreviation.lower(), abbreviation.upper()):
        assert parse_date(f"05-{spelling}-2026") == date(2026, month, 5)


def test_day_month_name_year_does_not_follow_the_locale() -> None:
    # sphinx-build sets the user's locale; month names stay English whatever it is.
    assert parse_date("02-Mär-2026") is None
    assert parse_date("02-March-2026") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02", date(2026, 3, 2)),
        ("02-03-2026", date(2026, 3, 2)),
        (" 2-Mar-2026 ", date(2026, 3, 2)),
        ("31-Feb-2026", None),
        ("2026-02-30", None),
        ("YYYY-MM-DD", None),
        ("", None),
    ],
)
def test_the_three_formats_and_impossible_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "label", "number"),
    [
        ("12", None, 12),
        ("0012", None, 12),
        ("PEP 12", "PEP", 12),
        ("pep-0012", "pep", 12),
        ("RFC0001", "RFC", 1),
        ("rfc_1", "rfc", 1),
        ("Design Doc 3", "Design Doc", 3),
        ("design-doc-3", "design-doc", 3),
    ],
)
def test_every_id_spelling_of_the_role(text: str, label: str | None, number: int) -> None:
    pid = parse_proposal_id(text)
    assert pid is not None and (pid.label, pid.number) == (label, number)


@pytest.mark.parametrize(
    "text", ["PEP -1", "-1", "PEP - 1", "pep--12", "\uff11", "\u0662", "PEP \u0663", "12x", ""]
)
def test_a_minus_or_a_non_ascii_digit_is_no_id(text: str) -> None:
    """ASCII digits only, one separator at the most: never a silently different number."""
    assert parse_proposal_id(text) is None


def test_dates_are_read_in_ascii_digits_only() -> None:
    assert parse_date("\uff12\uff10\uff12\uff16-01-15") is None  # strptime would take it
    assert parse_date("\u0662\u0660\u0662\u0666-01-15") is None
