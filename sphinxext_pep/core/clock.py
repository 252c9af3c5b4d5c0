"""The build date: what "today" means for ages, staleness and review windows.

Every date-dependent result (a proposal's age, ``pep.stale``, an ended
review window) is measured against one date per build, read here. A
reproducible build sets ``SOURCE_DATE_EPOCH`` (seconds since 1970-01-01 UTC,
https://reproducible-builds.org/specs/source-date-epoch/) and gets the same
output whatever day it runs; otherwise it is today's date in UTC, so a build
farm's time zone does not move a proposal's age by a day.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime

#: The environment variable of the reproducible-builds specification.
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def _epoch_seconds(environ: Mapping[str, str]) -> int | None:
    """``SOURCE_DATE_EPOCH`` as whole seconds; ``None`` when unset, blank or not a number."""
    text = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    return int(text)


def epoch_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why ``SOURCE_DATE_EPOCH`` is ignored, or ``None`` when it is unset or usable."""
    environ = os.environ if environ is None else environ
    text = environ.get(SOURCE_DATE_EPOCH)
    if text is None or not text.strip():
        return None
    seconds = _epoch_seconds(environ)
    if seconds is not None:
        try:
            datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            pass
        else:
            return None
    return (
        f"{SOURCE_DATE_EPOCH}={text!r} is not a date (expected the seconds since "
        "1970-01-01 UTC, a whole number); using today's date"
    )


def build_date(environ: Mapping[str, str] | None = None) -> date:
    """The date this build measures ages against (UTC).

    ``SOURCE_DATE_EPOCH`` when it holds a usable number of seconds, else
    today in UTC; :func:`epoch_problem` says why a set value was not used.
    """
    environ = os.environ if environ is None else environ
    seconds = _epoch_seconds(environ)
    if seconds is not None:
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            pass
    return datetime.now(tz=UTC).date()


def days_between(earlier: date, later: date) -> int:
    """Whole days from *earlier* to *later* (negative if *later* comes first)."""
    return (later - earlier).days
