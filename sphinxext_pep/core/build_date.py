"""The date a build runs on: the one "today" of every date check.

``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/)
is honoured, so a reproducible build checks dates against a fixed day; without
it, today's date in UTC (the same on every machine building at one moment).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime


def build_date(environ: Mapping[str, str] | None = None) -> date:
    """``SOURCE_DATE_EPOCH`` as a UTC date when it is a whole number; else today (UTC)."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isascii() and epoch.isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        except (OverflowError, OSError, ValueError):
            pass  # out of range: as if unset
    return datetime.now(UTC).date()
