"""Staleness (issue 16): ``pep_stale_after``, ``pep.stale``, the index's ``age`` column.

Every build here pins the build date with ``SOURCE_DATE_EPOCH`` (what a
reproducible build does), so the results do not depend on the day the tests
run; one test checks that without it the date is today's, in UTC.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import BASE_CONF, BuildProject, index_rst, minimal_pep, myst_pep, write_files
from sphinx.testing.util import SphinxTestApp
from test_build_consistency import assert_same_output, in_chunks, read_and_written

from sphinxext_pep.core.build_date import build_date
from sphinxext_pep.core.model import HistoryEntry, Proposal
from sphinxext_pep.core.settings import CONFIG_DEFAULTS, read_settings
from sphinxext_pep.core.staleness import age_in_days, newest_date, stale_problems

#: 2026-07-14, 2026-07-15 and 2026-12-01, 00:00 UTC.
JULY_14, JULY_15, DECEMBER = "1783987200", "1784073600", "1796083200"

HISTORY = """
.. pep-status-history::

   | Date       | From | To       | Notes    |
   |------------|------|----------|----------|
   | 2026-06-01 | —    | Proposed | Reworked |
"""


def _project(**extra: str) -> dict[str, str]:
    files = {
        # created 2026-01-15 (minimal_pep's default), nothing newer
        "pep-0001.rst": minimal_pep(1, "Quiet one"),
        # updated in March: the newest date is the updated one
        "pep-0002.rst": minimal_pep(2, "Touched in March", updated="2026-03-20"),
        # its status history moved in June
        "pep-0003.rst": minimal_pep(3, "History in June", body=HISTORY),
        # closed: never stale, no age
        "pep-0004.rst": minimal_pep(4, "Dropped", status="Withdrawn"),
        # MyST, exempt
        "pep-0005.md": myst_pep(5, "Exempt one", exempt="stale"),
        "pep-0006.md": myst_pep(6, "MyST one"),
        # discussed in September: not stale in December
        "pep-0007.rst": minimal_pep(
            7,
            "Discussed lately",
            discussions="2026-02-01 https://forum.example.org/t/7, "
            "2026-09-01 https://forum.example.org/t/8",
        ),
        **extra,
    }
    names = [name.rsplit(".", 1)[0] for name in files]
    return {"index.rst": index_rst(*names), **files}


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    return lambda value: monkeypatch.setenv("SOURCE_DATE_EPOCH", value)


def test_an_open_proposal_quiet_for_longer_than_pep_stale_after_is_pep_stale(
    build_project: BuildProject, epoch: Callable[[str], None]
) -> None:
    epoch(DECEMBER)
    build = build_project(_project(), conf="pep_stale_after = 180\n")
    found = [(w.where, w.message) for w in build.pep_warnings("stale")]
    assert found == [
        (
            "pep-0001.rst:4",
            "PEP 0001: no dated change for 320 days (the newest, 2026-01-15, is more than "
            "pep_stale_after = 180 days before the build date 2026-12-01); record progress "
            "(updated, the status history) or move it to a deferred or closed status",
        ),
        ("pep-0002.rst:4", found[1][1]),
        ("pep-0003.rst:4", found[2][1]),
        ("pep-0006.md:3", found[3][1]),  # the MyST fence
    ]
    assert "256 days (the newest, 2026-03-20" in found[1][1]  # updated counts
    assert "183 days (the newest, 2026-06-01" in found[2][1]  # so does the history
    # PEP 7's newest date is its September discussion: 91 days, not stale.
    # Nothing else is wrong with the project: no other warning.
    assert len(build.pep_warnings()) == len(found) == len(build.warnings)


def test_the_limit_is_more_than_pep_stale_after_days(
    build_project: BuildProject, epoch: Callable[[str], None]
) -> None:
    files = {"index.rst": index_rst("pep-0001"), "pep-0001.rst": minimal_pep(1)}
    epoch(JULY_14)  # 180 days after 2026-01-15
    assert build_project(files, conf="pep_stale_after = 180\n").warning_text == ""
    epoch(JULY_15)  # 181
    assert [w.where for w in build_project(files, conf="pep_stale_after = 180\n").warnings] == [
        "pep-0001.rst:4"
    ]


def test_staleness_is_off_by_default(
    build_project: BuildProject, epoch: Callable[[str], None]
) -> None:
    epoch(DECEMBER)
    assert build_project(_project()).warning_text == ""


@pytest.mark.parametrize("value", ["0", "-3", "'180'", "1.5", "True", "[180]"])
def test_a_bad_pep_stale_after_is_a_located_config_warning(
    build_project: BuildProject, epoch: Callable[[str], None], value: str
) -> None:
    epoch(DECEMBER)
    build = build_project(
        {"index.rst": index_rst("pep-0001"), "pep-0001.rst": minimal_pep(1)},
        conf=f"pep_stale_after = {value}\n",
    )
    # Ignored for its default: off, so no pep.stale either.
    assert [(w.type, w.where) for w in build.warnings] == [("pep.config", "conf.py:2")]
    (warning,) = build.warnings
    assert warning.message == (
        f"pep_stale_after must be a whole number of days (1 or more) or None, got {eval(value)!r}; "
        "staleness is not checked"
    )


def test_the_index_shows_each_open_proposal_s_age(
    build_project: BuildProject, epoch: Callable[[str], None]
) -> None:
    epoch(DECEMBER)
    files = _project(
        **{
            "all.rst": (
                "All\n===\n\n.. pep-index::\n   :columns: number, status, age\n   :sort: -age\n"
            ),
            "plain.rst": "Plain\n=====\n\n.. pep-index::\n",
        }
    )
    build = build_project(files)
    assert build.warning_text == ""
    page = build.html("all")
    assert '<th class="head pep-col-age"><p>Age (days)</p></th>' in page
    rows = re.findall(r'<tr data-status="[^"]*".*?</tr>', page, re.S)
    ages = [
        (
            re.search(r'data-sort-number="(\d+)"', row)[1],
            re.search(r'data-sort-age="(\d*)"', row)[1],
        )
        for row in rows
    ]
    # Sorted oldest first (-age), the withdrawn one (no age) last.
    assert ages == [
        ("1", "320"),
        ("5", "320"),
        ("6", "320"),
        ("2", "256"),
        ("3", "183"),
        ("7", "91"),
        ("4", ""),
    ]
    cells = re.findall(r'<td class="pep-col-age"><p>(\d*)</p></td>', page)
    assert cells == ["320", "320", "320", "256", "183", "91", ""]

    # The ages change daily; an index that does not show them must not.
    assert "data-sort-age" in page
    assert "data-sort-age" not in build.html("plain")

    text = build_project(files, buildername="text").read("all.txt")
    assert "Age (days)" in text and "320" in text and "183" in text


def test_incremental_build_on_another_day_rewrites_the_ages_and_reports_the_stale(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, epoch: Callable[[str], None]
) -> None:
    src = tmp_path / "src"
    files = _project(
        **{
            "all.rst": "All\n===\n\n.. pep-index::\n   :columns: number, age\n",
            "notes.rst": "Notes\n=====\n\nNothing dated.\n",
        }
    )
    files["conf.py"] = BASE_CONF + 'html_theme = "basic"\npep_stale_after = 200\n'
    write_files(src, files)

    def build(out: str, **kwargs: object) -> SphinxTestApp:
        app = make_app(srcdir=src, builddir=tmp_path / out, **kwargs)
        try:
            app.build()
        finally:
            app.cleanup()
        return app

    epoch(JULY_15)  # 181 days: nothing stale yet
    first = build("incremental", freshenv=True)
    assert first.warning.getvalue() == ""
    epoch(DECEMBER)
    again = build("incremental")
    _read, written = read_and_written(again)
    # Nothing was edited: the listing and the proposals that turned stale
    # (5 too: its exemption only silences the warning) are written again, not
    # the pages that show no age, and the stale ones are reported.
    assert {"all", "pep-0001", "pep-0002", "pep-0005", "pep-0006"} <= written
    assert not {"notes", "pep-0003", "pep-0004"} & written
    stale = re.findall(
        r"(pep-\d+\.\w+):(\d+): WARNING: (PEP \d+): no dated change", again.warning.getvalue()
    )
    assert stale == [
        ("pep-0001.rst", "4", "PEP 0001"),
        ("pep-0002.rst", "4", "PEP 0002"),
        ("pep-0006.md", "3", "PEP 0006"),
    ]
    assert (
        '<td class="pep-col-age"><p>320</p></td>' in (Path(again.outdir) / "all.html").read_text()
    )
    fresh = build("fresh", freshenv=True)
    assert_same_output(Path(again.outdir), Path(fresh.outdir))
    parallel = build("parallel", freshenv=True, parallel=2)
    assert in_chunks(parallel, "reading sources")
    assert sorted(parallel.warning.getvalue().splitlines()) == sorted(
        fresh.warning.getvalue().splitlines()
    )
    assert_same_output(Path(parallel.outdir), Path(fresh.outdir))


# -- the rules, without a build --------------------------------------------------------------


def _open(**dates: date) -> Proposal:
    return Proposal(
        docname="p",
        lineno=4,
        number=1,
        template="pep",
        label="PEP",
        title="T",
        status="Proposed",
        status_group="open",
        dates=tuple(dates.items()),
    )


def test_the_newest_date_is_the_latest_of_created_updated_and_history() -> None:
    proposal = _open(created=date(2026, 1, 1), updated=date(2026, 2, 1))
    assert newest_date(proposal) == date(2026, 2, 1)
    entry = HistoryEntry("2026-03-05", None, "Proposed", "", 9)
    unreadable = HistoryEntry("5 March", None, "Proposed", "", 10)
    proposal = Proposal(**{**proposal.__dict__, "history": (entry, unreadable)})
    assert newest_date(proposal) == date(2026, 3, 5)
    assert newest_date(_open()) is None


def test_only_open_proposals_have_an_age_and_it_is_never_negative() -> None:
    today = date(2026, 3, 1)
    proposal = _open(created=date(2026, 1, 1))
    assert age_in_days(proposal, today) == 59
    assert age_in_days(_open(created=date(2026, 5, 1)), today) == 0  # dated after the build
    assert age_in_days(_open(), today) is None
    closed = Proposal(**{**proposal.__dict__, "status": "Rejected", "status_group": "closed"})
    assert age_in_days(closed, today) is None
    assert stale_problems([proposal, closed], today, 58)[0][0] is proposal
    assert stale_problems([proposal], today, 59) == []
    assert stale_problems([proposal], today, None) == []


def test_settings_read_pep_stale_after_and_the_build_date() -> None:
    settings, problems = read_settings(
        {**CONFIG_DEFAULTS, "pep_stale_after": 30}, today=date(2026, 5, 1)
    )
    assert (settings.stale_after, settings.build_date, problems) == (30, date(2026, 5, 1), ())
    settings, _ = read_settings(CONFIG_DEFAULTS)
    assert settings.stale_after is None
    assert settings.build_date == build_date()


def test_the_build_date_is_source_date_epoch_else_today_in_utc() -> None:
    # 2026-03-01T23:59:59Z: the UTC date, whatever the local time zone says.
    assert build_date({"SOURCE_DATE_EPOCH": "1772409599"}) == date(2026, 3, 1)
    before = datetime.now(tz=UTC).date()
    assert before <= build_date({}) <= datetime.now(tz=UTC).date()
    for unusable in ("yesterday", "-5", "1.5e9", "9" * 30):
        assert build_date({"SOURCE_DATE_EPOCH": unusable}) == build_date({})
