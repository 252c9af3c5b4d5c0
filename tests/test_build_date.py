"""``pep_build_date``: the day a snapshot's date checks are judged on (docs/configuration).

A project with an open proposal whose review window ended on 2026-06-30 is
built with ``SOURCE_DATE_EPOCH`` in December 2026: ``pep.review`` fires
unless ``conf.py`` pins an earlier day, which then wins over the variable. A
value that is not a date is a located ``pep.config`` warning and the build
is judged on its own date, as if the value were not there.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BuildProject, index_rst, minimal_pep

from sphinxext_pep.core.settings import CONFIG_DEFAULTS, read_settings

#: 2026-12-01, 00:00 UTC: after the review window below.
DECEMBER = "1796083200"
FILES = {
    "index.rst": index_rst("pep-0001", "timeline"),
    "pep-0001.rst": minimal_pep(1, "In review", review="2026-06-01 to 2026-06-30"),
    "timeline.rst": "Timeline\n========\n\n.. pep-timeline::\n",
}


@pytest.fixture(autouse=True)
def _december(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DECEMBER)


def test_unpinned_the_build_s_own_date_judges_the_review_window(
    build_project: BuildProject,
) -> None:
    build = build_project(FILES)
    assert [(w.type, w.where) for w in build.warnings] == [("pep.review", "pep-0001.rst:10")]
    assert "ended on 2026-06-30" in build.warnings[0].message


@pytest.mark.parametrize(
    "conf",
    [
        "pep_build_date = '2026-06-15'",
        "pep_build_date = ' 2026-06-30 '",  # the last day of the window is still in it
        "import datetime\npep_build_date = datetime.date(2026, 6, 15)",
        "import datetime\npep_build_date = datetime.datetime(2026, 6, 15, 23, 59)",
    ],
)
def test_a_pinned_day_wins_over_source_date_epoch(build_project: BuildProject, conf: str) -> None:
    build = build_project(FILES, conf=conf + "\n")
    assert build.warning_text == ""
    # Every view of "today" follows it: the timeline's today line.
    timeline = (build.outdir / "timeline.html").read_text(encoding="utf-8")
    assert "Today, 2026-06-" in timeline
    assert "Today, 2026-12-01" not in timeline


def test_a_blank_value_unpins_from_the_command_line(build_project: BuildProject) -> None:
    """``sphinx-build -D pep_build_date=`` gives the text ``''``: the real calendar."""
    build = build_project(
        FILES, conf="pep_build_date = '2026-06-15'\n", confoverrides={"pep_build_date": ""}
    )
    assert [w.type for w in build.warnings] == ["pep.review"]


@pytest.mark.parametrize(
    "value",
    ["'2026-02-30'", "'15-Jun-2026'", "'2026-06-15T10:00'", "'2026-W24-1'", "20260615", "True"],
)
def test_a_value_that_is_not_a_date_is_a_located_config_warning(
    build_project: BuildProject, value: str
) -> None:
    build = build_project(FILES, conf=f"pep_build_date = {value}\n")
    # Ignored: judged on SOURCE_DATE_EPOCH's day, so the review window has ended.
    assert [(w.type, w.where) for w in build.warnings] == [
        ("pep.config", "conf.py:2"),
        ("pep.review", "pep-0001.rst:10"),
    ]
    assert build.warnings[0].message == (
        f"pep_build_date must be a date (datetime.date or 'YYYY-MM-DD') or None, got "
        f"{eval(value)!r}; using the build's own date (SOURCE_DATE_EPOCH, else today)"
    )


def test_settings_take_the_pinned_day_over_the_build_s_own() -> None:
    settings, problems = read_settings({**CONFIG_DEFAULTS, "pep_build_date": "2026-06-15"})
    assert (settings.build_date, problems) == (date(2026, 6, 15), ())
    # The default is unpinned: SOURCE_DATE_EPOCH's day.
    settings, problems = read_settings(CONFIG_DEFAULTS)
    assert (settings.build_date, problems) == (date(2026, 12, 1), ())
