"""The header value parsers on their own (SPEC §4 dates)."""

from __future__ import annotations

from datetime import date

import pytest

from sphinxext_pep.core.values import parse_date

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
