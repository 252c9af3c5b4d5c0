"""``pep-timeline``: lanes, segments, axis and today line in the SVG; the table; options.

The expected drawing is worked out here from the project's dates
(:mod:`picture_project`) and the layout's documented geometry: the id column
is as wide as the longest id, the plot runs to 8 units from the right edge,
and the axis covers whole months from the first day shown to the month after
the build date.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from conftest import BuildProject
from picture_project import (
    EPOCH,
    FILLS,
    GROUPS,
    PROPOSALS,
    SCRIPT_TITLE,
    TODAY,
    days,
    directive,
    line_of,
    project,
    svgs,
    tables,
    tag,
)

from sphinxext_pep.core import timeline as core
from sphinxext_pep.core.model import HistoryEntry, Proposal
from sphinxext_pep.core.settings import CONFIG_DEFAULTS, read_settings

SUFFIXES = (".rst", ".md")

AXIS_START = date(2025, 11, 1)  # the month of PEP 3's first row
AXIS_END = date(2026, 7, 1)  # the month after the build date
PLOT_LEFT = 8 + len("PEP 0001") * 7.2 + 8
PLOT_RIGHT = 760 - 8


def x_of(day: str | date) -> float:
    return round(
        PLOT_LEFT + days(AXIS_START, day) * (PLOT_RIGHT - PLOT_LEFT) / days(AXIS_START, AXIS_END),
        2,
    )


def expected_segments(number: int) -> list[tuple[str, str, float, float]]:
    """(status, fill, x, width) of each bar of a proposal's lane."""
    _title, status, created, history = PROPOSALS[number]
    rows = list(history) or [(created, status)]
    found = []
    for index, (day, shown) in enumerate(rows):
        end = rows[index + 1][0] if index + 1 < len(rows) else TODAY
        width = round(max(x_of(end) - x_of(day), 2), 2)
        found.append((shown, FILLS[GROUPS[shown]], x_of(day), width))
    return found


def number(value: str | None) -> float:
    assert value is not None
    return float(value)


def lanes(svg: object) -> dict[str, list[tuple[str, str, float, float]]]:
    found = {}
    for lane in svg.iter("{http://www.w3.org/2000/svg}g"):  # type: ignore[attr-defined]
        if lane.get("class") != "pep-tl-lane":
            continue
        found[lane.get("data-proposal")] = [
            (
                rect.get("data-status"),
                rect.get("fill"),
                number(rect.get("x")),
                number(rect.get("width")),
            )
            for rect in lane
            if tag(rect) == "rect"
        ]
    return found


@pytest.fixture
def built(build_project: BuildProject, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    def build(suffix: str, page: str, **kwargs: object):  # type: ignore[no-untyped-def]
        return build_project(project(suffix, page), **kwargs)

    return build


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_one_lane_per_proposal_one_bar_per_status(built, suffix: str) -> None:  # type: ignore[no-untyped-def]
    build = built(suffix, directive("pep-timeline", suffix))
    assert build.pep_warnings() == []
    (svg,) = svgs(build.html())
    assert svg.get("viewBox") == f"0 0 760 {24 + 6 * 30 + 22}"
    assert svg.get("aria-hidden") == "true"
    drawn = lanes(svg)
    assert list(drawn) == [f"pep-{n}" for n in PROPOSALS]  # by number, as pep-index
    for n in PROPOSALS:
        assert drawn[f"pep-{n}"] == expected_segments(n), n
    # Each bar is coloured by its group's class too (the stylesheet's tints).
    classes = [rect.get("class") for rect in svg.iter() if tag(rect) == "rect"]
    assert classes[:3] == [
        "pep-tl-segment pep-group-open",
        "pep-tl-segment pep-group-accepted",
        "pep-tl-segment pep-group-done",
    ]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_month_ticks_and_the_today_line(built, suffix: str) -> None:  # type: ignore[no-untyped-def]
    build = built(suffix, directive("pep-timeline", suffix))
    (svg,) = svgs(build.html())
    ticks = [el for el in svg.iter() if el.get("class") == "pep-tl-tick"]
    months = [date(2025, 11, 1), date(2025, 12, 1)] + [date(2026, m, 1) for m in range(1, 8)]
    assert [number(t.get("x1")) for t in ticks] == [x_of(m) for m in months]
    labels = [
        (el.text, number(el.get("x")))
        for el in svg.iter()
        if el.get("class") == "pep-tl-tick-label"
    ]
    # The last month's label would leave the drawing: only its line is drawn.
    assert labels == [(f"{m.year}-{m.month:02d}", round(x_of(m) + 3, 2)) for m in months[:-1]]
    (today,) = [el for el in svg.iter() if el.get("class") == "pep-tl-today"]
    assert number(today.get("x1")) == number(today.get("x2")) == x_of(TODAY)
    (label,) = [el for el in svg.iter() if el.get("class") == "pep-tl-today-label"]
    assert label.text == "Today, 2026-06-15"


def test_lane_labels_link_to_the_proposals_and_titles_stay_text(built) -> None:  # type: ignore[no-untyped-def]
    build = built(".rst", directive("pep-timeline", ".rst"))
    html = build.html()
    assert "<script>window" not in html
    (svg,) = svgs(html)
    links = [a.get("href") for a in svg.iter() if tag(a) == "a"]
    assert links == [f"pep-{n:04d}.html#pep-{n}" for n in PROPOSALS]
    titles = [el.text for el in svg.iter() if el.get("class") == "pep-tl-title"]
    assert titles[1] == SCRIPT_TITLE  # escaped in the file, the same text once parsed


def test_the_table_says_it_in_words(built) -> None:  # type: ignore[no-untyped-def]
    build = built(".rst", directive("pep-timeline", ".rst"))
    html = build.html()
    assert '<div class="pep-sr-only docutils container">' in html  # for screen readers
    (rows,) = tables(html, "pep-timeline-table")
    expected = []
    for n, (title, status, created, history) in PROPOSALS.items():
        shown = list(history) or [(created, status)]
        for index, (day, held) in enumerate(shown):
            end = shown[index + 1][0] if index + 1 < len(shown) else "today"
            expected.append([f"PEP {n:04d}", title, held, day, end])
    assert rows == expected
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_filters_and_sort_as_in_pep_index(built, suffix: str) -> None:  # type: ignore[no-untyped-def]
    page = directive("pep-timeline", suffix, status="open, Accepted", sort="-created")
    build = built(suffix, page)
    assert build.pep_warnings() == []
    (svg,) = svgs(build.html())
    # open: 2 and 6; Accepted: 4; newest first.
    assert list(lanes(svg)) == ["pep-2", "pep-4", "pep-6"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_bad_options_are_located_config_warnings(built, suffix: str) -> None:  # type: ignore[no-untyped-def]
    page = directive(
        "pep-timeline", suffix, status="nonsense", sort="colour", columns="title", template="nope"
    )
    build = built(suffix, page)
    index = (build.srcdir / f"index{suffix}").read_text(encoding="utf-8")
    line = line_of(index, "pep-timeline")
    found = sorted((w.type, w.where, w.message) for w in build.pep_warnings())
    where = f"index{suffix}:{line}"
    assert [(t, w) for t, w, _m in found] == [("pep.config", where)] * 4
    messages = " | ".join(m for _t, _w, m in found)
    assert "pep-timeline: unknown option :columns:" in messages
    assert "pep-timeline: unknown status 'nonsense' in :status:" in messages
    assert "pep-timeline: cannot sort by 'colour'" in messages
    assert "pep-timeline: unknown template 'nope' in :template:" in messages
    # ... and the timeline is drawn anyway, unfiltered, by number.
    (svg,) = svgs(build.html())
    assert list(lanes(svg)) == [f"pep-{n}" for n in PROPOSALS]


def test_nothing_selected_says_so(built) -> None:  # type: ignore[no-untyped-def]
    build = built(".rst", directive("pep-timeline", ".rst", status="done", type="Process"))
    assert "<svg" not in build.html()
    assert "No proposals." in build.html()


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_text_and_latex_get_the_table_only(built, suffix: str) -> None:  # type: ignore[no-untyped-def]
    text = built(suffix, directive("pep-timeline", suffix), buildername="text")
    assert text.pep_warnings() == []
    out = text.read("index.txt")
    assert "<svg" not in out and "Status timeline" in out
    for line in ("PEP 0001", "Accepted", "2026-02-09", "2026-04-10", "today"):
        assert line in out
    table = out.split("Status timeline", 1)[1]
    assert table.count("| PEP 0001 ") == 3  # one row per status
    latex = built(suffix, directive("pep-timeline", suffix), buildername="latex")
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    tex = tex.replace("\\sphinxhyphen{}", "-")
    assert "<svg" not in tex and "pep-tl-" not in tex
    assert "2026-02-09" in tex and "Status timeline" in tex


def test_a_new_build_date_redraws_today(
    build_project: BuildProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build = build_project(project(".rst", directive("pep-timeline", ".rst")))
    assert "Today, 2026-06-15" in build.html()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
    again = build.rebuild()
    assert "Today, 2026-06-16" in again.html()


# -- the layout, without a build --------------------------------------------------


def _proposal(number: int, *rows: tuple[str, str]) -> Proposal:
    history = tuple(HistoryEntry(day, None, status, "", 0) for day, status in rows)
    return Proposal(
        docname=f"p{number}",
        lineno=1,
        number=number,
        template="pep",
        label="PEP",
        title="T",
        status=rows[-1][1],
        status_group=None,
        history=history,
    )


@pytest.mark.parametrize(
    ("first", "kind", "labels"),
    [
        ("2026-01-20", "month", ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]),
        ("2024-03-02", "quarter", None),
        ("2015-05-05", "year", None),
    ],
)
def test_ticks_are_months_quarters_or_years_by_span(
    first: str, kind: str, labels: list[str] | None
) -> None:
    settings, _problems = read_settings(CONFIG_DEFAULTS)
    timeline = core.layout([_proposal(1, (first, "Proposed"))], settings, TODAY)
    assert {tick.kind for tick in timeline.ticks} == {kind}
    shown = [t.label for t in timeline.ticks if t.label]
    if labels is not None:
        assert shown == labels
    # Labels never crowd: each starts at least the minimum spacing after the one before.
    xs = [t.x for t in timeline.ticks]
    assert all(b - a >= core.MIN_TICK_SPACING - 0.01 for a, b in itertools.pairwise(xs))
    if kind == "quarter":
        assert all(t.when.month in (1, 4, 7, 10) for t in timeline.ticks)
        assert shown[0] == "2024-Q2" and shown[-1] == "2026-Q2"
        # The axis ends at the month after today: that tick's label would leave the drawing.
        assert timeline.ticks[-1].when == date(2026, 7, 1) and timeline.ticks[-1].label is None
    if kind == "year":
        assert all(t.when.month == 1 for t in timeline.ticks)


def test_a_history_going_back_in_time_never_draws_backwards() -> None:
    settings, _problems = read_settings(CONFIG_DEFAULTS)
    proposal = _proposal(
        1, ("2026-03-01", "Proposed"), ("2026-02-01", "Accepted"), ("x", "Implemented")
    )
    (lane,) = core.layout([proposal], settings, TODAY).lanes
    assert [s.span.status for s in lane.segments] == ["Proposed", "Accepted"]  # "x" is no date
    assert lane.segments[0].width == core.MIN_SEGMENT_WIDTH
    assert [s.span.group for s in lane.segments] == ["open", "accepted"]
