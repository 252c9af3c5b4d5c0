"""The build date (core/clock.py): ``SOURCE_DATE_EPOCH`` or today in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sphinxext_pep.core.clock import build_date, days_between, epoch_problem


def test_source_date_epoch_sets_the_build_date() -> None:
    # 2026-03-01T23:59:59Z: the UTC date, whatever the local time zone says.
    assert build_date({"SOURCE_DATE_EPOCH": "1772409599"}) == date(2026, 3, 1)
    assert build_date({"SOURCE_DATE_EPOCH": " 0 "}) == date(1970, 1, 1)
    assert epoch_problem({"SOURCE_DATE_EPOCH": "1772409599"}) is None


def test_without_source_date_epoch_the_build_date_is_today_in_utc() -> None:
    before = datetime.now(tz=UTC).date()
    found = build_date({})
    assert before <= found <= datetime.now(tz=UTC).date()
    assert epoch_problem({}) is None
    assert epoch_problem({"SOURCE_DATE_EPOCH": "  "}) is None


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5e9", "9" * 30, "١٢٣"])
def test_an_unusable_source_date_epoch_is_today_and_said(value: str) -> None:
    assert build_date({"SOURCE_DATE_EPOCH": value}) == build_date({})
    problem = epoch_problem({"SOURCE_DATE_EPOCH": value})
    assert problem is not None and "SOURCE_DATE_EPOCH" in problem and "today" in problem


def test_the_environment_is_read_when_no_mapping_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert build_date() == date(2026, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    assert epoch_problem() is not None


def test_days_between_counts_whole_days() -> None:
    assert days_between(date(2026, 1, 1), date(2026, 3, 1)) == 59
    assert days_between(date(2026, 3, 1), date(2026, 1, 1)) == -59
