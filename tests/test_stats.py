"""``pep-stats``: counts, quarters, milestone days and the oldest open, as bars and tables.

Every expected number is worked out here from the project's facts
(:mod:`picture_project`): statuses and their groups, created dates, history
rows, the build date.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from datetime import date

import pytest
from conftest import BuildProject
from picture_project import (
    EPOCH,
    FILLS,
    GROUPS,
    PROPOSALS,
    TODAY,
    days,
    directive,
    line_of,
    project,
    svgs,
    tables,
    tag,
)

from sphinxext_pep.core.stats import MAX_QUARTERS, durations, per_quarter
from sphinxext_pep.stats import COLUMN_PLOT, HBAR_WIDTH, VALUE_ROOM

SUFFIXES = (".rst", ".md")
GROUP_NAMES = {
    "open": "Open",
    "accepted": "Accepted",
    "done": "Done",
    "closed": "Closed",
    "deferred": "Deferred",
}


@pytest.fixture
def built(build_project: BuildProject, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    def build(suffix: str, page: str, **kwargs: object):  # type: ignore[no-untyped-def]
        return build_project(project(suffix, page), **kwargs)

    return build


def bars(svg: object) -> list[tuple[str | None, float, str | None]]:
    """(value, width, fill) of each bar of a horizontal chart."""
    return [
        (rect.get("data-value"), float(rect.get("width") or 0), rect.get("fill"))
        for rect in svg.iter()  # type: ignore[attr-defined]
        if tag(rect) == "rect"
    ]


def expected_bars(counts: list[tuple[str, int, str]]) -> list[tuple[str, float, str]]:
    """The bars of ``(label, count, group)`` rows: the longest label sets the bars' room."""
    label_width = min(130, max(len(label) for label, _c, _g in counts) * 6.2 + 8)
    full = HBAR_WIDTH - label_width - VALUE_ROOM
    largest = max(count for _l, count, _g in counts)
    return [(str(c), round(c / largest * full, 2), FILLS[g]) for _l, c, g in counts]


def group_counts() -> list[tuple[str, int, str]]:
    counted = Counter(GROUPS[status] for _t, status, _c, _h in PROPOSALS.values())
    return [(GROUP_NAMES[g], counted[g], g) for g in GROUP_NAMES if counted[g]]


def milestone_days() -> tuple[list[int], list[int]]:
    decisions, deliveries = [], []
    for _t, _s, _c, history in PROPOSALS.values():
        groups = [GROUPS[status] for _d, status in history]
        if "accepted" in groups[1:]:
            accepted = groups.index("accepted", 1)
            decisions.append(days(history[0][0], history[accepted][0]))
            if "done" in groups[accepted:]:
                done = groups.index("done", accepted)
                deliveries.append(days(history[accepted][0], history[done][0]))
    return decisions, deliveries


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_counts_per_group_and_status(built, suffix: str) -> None:  # type: ignore[no-untyped-def]
    build = built(suffix, directive("pep-stats", suffix))
    assert build.pep_warnings() == []
    html = build.html()
    assert "6 proposals in all." in html
    group_svg, status_svg, *_rest = svgs(html)
    assert bars(group_svg) == expected_bars(group_counts())
    (group_table,) = tables(html, "pep-stats-groups")
    assert group_table == [[name, str(count)] for name, count, _g in group_counts()]
    # Statuses in lifecycle order (the template's), each in its group's colour.
    statuses = Counter(status for _t, status, _c, _h in PROPOSALS.values())
    order = ["Proposed", "Accepted", "Implemented", "Rejected", "Deferred"]
    rows = [(s, statuses[s], GROUPS[s]) for s in order]
    assert bars(status_svg) == expected_bars(rows)
    (status_table,) = tables(html, "pep-stats-statuses")
    assert status_table == [[s, GROUP_NAMES[g], str(c)] for s, c, g in rows]


def test_created_per_quarter(built) -> None:  # type: ignore[no-untyped-def]
    build = built(".rst", directive("pep-stats", ".rst"))
    html = build.html()
    quarters = Counter(
        f"{d.year}-Q{(d.month - 1) // 3 + 1}"
        for d in (date.fromisoformat(c) for _t, _s, c, _h in PROPOSALS.values())
    )
    assert quarters == {"2025-Q4": 2, "2026-Q1": 4}
    (columns,) = [svg for svg in svgs(html) if "pep-columns" in (svg.get("class") or "")]
    drawn = [
        (rect.get("data-quarter"), rect.get("data-value"), float(rect.get("height") or 0))
        for rect in columns.iter()
        if tag(rect) == "rect"
    ]
    largest = max(quarters.values())
    assert drawn == [
        (q, str(n), round(n / largest * (COLUMN_PLOT - 16), 2)) for q, n in sorted(quarters.items())
    ]
    # Bars stand on the axis: top + height is the plot's bottom.
    for rect in (r for r in columns.iter() if tag(r) == "rect"):
        assert float(rect.get("y") or 0) + float(rect.get("height") or 0) == COLUMN_PLOT
    (table,) = tables(html, "pep-stats-quarters")
    assert table == [[q, str(n)] for q, n in sorted(quarters.items())]


def test_days_between_milestones(built) -> None:  # type: ignore[no-untyped-def]
    build = built(".rst", directive("pep-stats", ".rst"))
    decisions, deliveries = milestone_days()
    assert sorted(decisions) == [10, 30] and deliveries == [60]

    def row(name: str, values: list[int]) -> list[str]:
        ordered = sorted(values)
        p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]
        median = statistics.median(ordered)
        return [name, str(len(values)), f"{median:g}", str(p90)]

    (table,) = tables(build.html(), "pep-stats-milestones")
    assert table == [
        row("First status to accepted", decisions),
        row("Accepted to done", deliveries),
    ]
    assert table[0][2:] == ["20", "30"]


def test_the_oldest_open_proposals(built) -> None:  # type: ignore[no-untyped-def]
    build = built(".rst", directive("pep-stats", ".rst"))
    html = build.html()
    open_ones = sorted(
        (date.fromisoformat(created), n)
        for n, (_t, status, created, _h) in PROPOSALS.items()
        if GROUPS[status] == "open"
    )
    (table,) = tables(html, "pep-stats-oldest")
    assert table == [
        [
            f"PEP {n:04d}",
            PROPOSALS[n][0],
            PROPOSALS[n][1],
            since.isoformat(),
            str(days(since, TODAY)),
        ]
        for since, n in open_ones
    ]
    assert [row[0] for row in table] == ["PEP 0006", "PEP 0002"]
    oldest_svg = svgs(html)[-1]
    assert [value for value, _w, _f in bars(oldest_svg)] == ["161", "106"]
    # The script in PEP 2's title is text in the table.
    assert "&lt;script&gt;window.pwned" in html and "<script>window" not in html


def test_oldest_option_and_filters(built) -> None:  # type: ignore[no-untyped-def]
    build = built(".rst", directive("pep-stats", ".rst", oldest="1", status="open, closed"))
    assert build.pep_warnings() == []
    html = build.html()
    assert "3 proposals in all." in html
    (table,) = tables(html, "pep-stats-oldest")
    assert [row[0] for row in table] == ["PEP 0006"]
    (groups,) = tables(html, "pep-stats-groups")
    assert groups == [["Open", "2"], ["Closed", "1"]]
    none = built(".rst", directive("pep-stats", ".rst", oldest="0"))
    assert tables(none.html(), "pep-stats-oldest") == []


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_bad_options_are_located_config_warnings(built, suffix: str) -> None:  # type: ignore[no-untyped-def]
    page = directive("pep-stats", suffix, oldest="many", sort="title", type="Standard")
    build = built(suffix, page)
    index = (build.srcdir / f"index{suffix}").read_text(encoding="utf-8")
    where = f"index{suffix}:{line_of(index, 'pep-stats')}"
    found = sorted((w.type, w.where, w.message) for w in build.pep_warnings())
    assert [(t, w) for t, w, _m in found] == [("pep.config", where)] * 2
    assert found[0][2].startswith("pep-stats: :oldest: takes how many open proposals")
    assert found[1][2].startswith("pep-stats: unknown option :sort: (options: status, type,")
    # A type no proposal has: nothing selected, and the page says so.
    assert "No proposals." in build.html()


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_other_builders_get_the_tables(built, builder: str) -> None:  # type: ignore[no-untyped-def]
    build = built(".md", directive("pep-stats", ".md"), buildername=builder)
    assert build.pep_warnings() == []
    name = "index.txt" if builder == "text" else next(build.outdir.glob("*.tex")).name
    out = build.read(name).replace("\\sphinxhyphen{}", "-")
    assert "<svg" not in out
    for words in ("Proposals by status group", "Oldest open proposals", "2026-Q1", "161"):
        assert words in out


def test_percentiles_by_nearest_rank() -> None:
    assert durations([]).median is None
    ten = durations(list(range(10, 0, -1)))
    assert (ten.count, ten.median, ten.p90) == (10, 5.5, 9)
    assert durations([7]).p90 == 7


def test_labels_follow_the_project_language(
    build_project: BuildProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    page = directive("pep-timeline", ".rst") + "\n" + directive("pep-stats", ".rst")
    files = project(".rst", page)
    files["conf.py"] = 'extensions = ["sphinxext_pep", "myst_parser"]\nlanguage = "de"\n'
    html = build_project(files).html()
    for words in (
        "Heute, 2026-06-15",
        "Status-Zeitleiste",
        "6 Vorschläge insgesamt.",
        "Vorschläge nach Statusgruppe",
        "Älteste offene Vorschläge",
        "Bis angenommen, Median",
        "Proposed: 2026-03-01 bis heute, 106 Tage",
    ):
        assert words in html, words
    # Tick labels are the same in every language.
    assert ">2026-01</text>" in html


def test_quarters_are_bounded_and_the_rest_counted_as_earlier() -> None:
    quarters, earlier = per_quarter([date(26, 1, 1), date(2026, 2, 1), date(2026, 8, 1)])
    assert earlier == 1  # year 26, a typo for 2026: not 8,000 empty quarters
    assert len(quarters) == MAX_QUARTERS
    assert (quarters[-1].label, quarters[-1].count) == ("2026-Q3", 1)
    assert [(q.label, q.count) for q in quarters if q.count] == [("2026-Q1", 1), ("2026-Q3", 1)]
