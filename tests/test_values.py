"""The header value parsers on their own (SPEC §4 dates)."""

from __future__ import annotations

from datetime import date

import pytest

from sphinxext_pep.core.values import Author, parse_author, parse_date, parse_proposal_id

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


# Every spelling of an obfuscated address in the Python PEP corpus' Author and
# Sponsor headers (python/peps, 2026): ``user at host``, the host holding dots,
# a dash, an underscore or a non-ASCII name before it.
@pytest.mark.parametrize(
    ("text", "name", "address"),
    [
        ("Vinay Sajip <vinay_sajip at red-dove.com>", "Vinay Sajip", "vinay_sajip at red-dove.com"),
        ("Eric Traut <erictr at microsoft.com>", "Eric Traut", "erictr at microsoft.com"),
        ("Amethyst Reese <amethyst at n7.gg>", "Amethyst Reese", "amethyst at n7.gg"),
        ("Christian R. Reis <kiko at async.com.br>", "Christian R. Reis", "kiko at async.com.br"),
        (
            "Fridolín Pokorný <fridolin.pokorny at gmail.com>",
            "Fridolín Pokorný",
            "fridolin.pokorny at gmail.com",
        ),
        ("Łukasz Langa <lukasz at python.org>", "Łukasz Langa", "lukasz at python.org"),
        # The other conventions of the kind, and a name quoted for its comma.
        ("Guido <guido at python dot org>", "Guido", "guido at python dot org"),
        ("Jane <jane(at)example(dot)org>", "Jane", "jane(at)example(dot)org"),
        ("Jane <jane [at] example [dot] org>", "Jane", "jane [at] example [dot] org"),
        ("Jane <jane AT example.org>", "Jane", "jane AT example.org"),
        ('"Doe, Jane" <jane at example.org>', "Doe, Jane", "jane at example.org"),
        ("Jane <jane  at\n example.org>", "Jane", "jane at example.org"),
        ("<jane at example.org>", "jane at example.org", "jane at example.org"),
    ],
)
def test_an_obfuscated_address_is_kept_as_text_not_as_an_email(
    text: str, name: str, address: str
) -> None:
    assert parse_author(text) == Author(name, email=None, address=address)


@pytest.mark.parametrize(
    "text",
    [
        "Jane <jane at example>",  # no host with a dot: not an address
        "Jane <jane at example.org",  # bracket left open
        "Jane <at example.org>",
        "Jane <jane at example.org> extra",
        '"Doe, Jane <jane at example.org>',
    ],
)
def test_what_only_looks_like_an_obfuscated_address_is_refused(text: str) -> None:
    assert parse_author(text) is None


def test_a_real_address_is_still_an_email_and_a_handle_still_a_handle() -> None:
    assert parse_author("Jelle Zijlstra <jelle.zijlstra@gmail.com>") == Author(
        "Jelle Zijlstra", "jelle.zijlstra@gmail.com"
    )
    handle = parse_author("@kenji")
    assert handle == Author("@kenji") and handle.is_handle
    assert not Author("@kenji", address="kenji at example.org").is_handle
