"""The layout of ``pep-timeline``: lanes, segments, axis ticks, the today line — numbers only.

Pure: proposals (already selected and sorted by the directive's options), the
settings and the build date in, a :class:`Timeline` of coordinates out, in
the SVG's user units (one unit is one CSS pixel at the drawing's natural
width). The Sphinx side (:mod:`sphinxext_pep.timeline`) turns it into SVG and
into the table that says the same in words.

Each lane is one proposal; each segment one status of its checked status
history, from the day of the change to the day of the next one (the last
runs to the build date: a proposal stays in its status until it changes).
A proposal without a readable history is one segment of its header status,
from its ``created`` date; without either it has an empty lane.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.settings import PepSettings

#: The drawing's natural width; the page scales it down to its box, or the box scrolls.
WIDTH = 760.0
#: Left edge of the id column, and the gap between it and the plot.
MARGIN = 8.0
#: Width of one character of the 12-unit id text, and of the 11-unit titles and ticks.
ID_CHAR = 7.2
SMALL_CHAR = 6.2
#: The axis band on top (tick labels), each lane, and the band below (today's label).
AXIS_HEIGHT = 24.0
LANE_HEIGHT = 30.0
BOTTOM_HEIGHT = 22.0
#: Within a lane: the title's baseline, the bar's top and height.
TITLE_BASELINE = 11.0
BAR_TOP = 14.0
BAR_HEIGHT = 12.0
#: A status that lasted no time is still drawn, this wide.
MIN_SEGMENT_WIDTH = 2.0
#: Tick labels need this much room each, so they never overlap.
MIN_TICK_SPACING = 64.0
#: A tick's label starts this far right of its line: it names the period that begins there.
TICK_LABEL_GAP = 3.0
#: Tick steps in months, smallest first.
#: (Up to ten thousand years: dates run from year 1 to 9999.)
TICK_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000)


@dataclass(frozen=True)
class Span:
    """One status of a proposal, and the days it held it (``end`` exclusive)."""

    status: str
    #: ``None`` when the status is none of its template's.
    group: str | None
    start: date
    end: date
    #: The proposal's status at the build date (the last of its history).
    current: bool

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True)
class Segment:
    """A :class:`Span` placed on the axis."""

    span: Span
    x: float
    width: float


@dataclass(frozen=True)
class Lane:
    proposal: Proposal
    #: ``PEP 0012``, as the project writes ids.
    label: str
    #: The title, shortened with an ellipsis to fit the plot's width.
    title: str
    y: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Tick:
    x: float
    when: date
    #: ``month``, ``quarter`` or ``year``.
    kind: str
    #: ``2026-01``, ``2026-Q1`` or ``2026``: the same in every language.
    #: ``None`` for the last tick when its label would leave the drawing.
    label: str | None


@dataclass(frozen=True)
class Timeline:
    width: float
    height: float
    #: Where the plot (the date axis) begins and ends, left to right.
    plot_left: float
    plot_right: float
    start: date
    end: date
    today: date
    today_x: float
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]


def status_group(settings: PepSettings, proposal: Proposal, status: str) -> str | None:
    """The group of *status* in *proposal*'s template, ``None`` if it has no such status."""
    template = settings.template(proposal.template)
    found = template.find_status(status) if template is not None else None
    return found.group if found is not None else None


def spans(proposal: Proposal, settings: PepSettings, today: date) -> tuple[Span, ...]:
    """The statuses *proposal* held, oldest first, from its history (or its header)."""
    dated = []
    for entry in proposal.history:
        try:  # the checked history keeps ISO dates; the text as written is no date
            dated.append((date.fromisoformat(entry.date), entry.to_status))
        except ValueError:
            continue
    if not dated:
        if proposal.created is None:
            return ()
        dated = [(proposal.created, proposal.status)]
    found = []
    for index, (start, status) in enumerate(dated):
        last = index == len(dated) - 1
        end = max(today, start) if last else dated[index + 1][0]
        # A history going back in time (already warned) never draws backwards.
        found.append(
            Span(status, status_group(settings, proposal, status), start, max(end, start), last)
        )
    return tuple(found)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def from_month_index(index: int) -> date:
    """The first day of month *index*; the last day there is past year 9999."""
    if index > month_index(date.max):
        return date.max
    return date(index // 12, index % 12 + 1, 1)


def add_months(day: date, months: int) -> date:
    return from_month_index(month_index(day) + months)


def axis_range(all_spans: Iterable[Span], today: date) -> tuple[date, date]:
    """Whole months: from the first month shown to the start of the month after the last day."""
    days = [today]
    for span in all_spans:
        days += [span.start, span.end]
    return month_start(min(days)), add_months(max(days), 1)


def ticks(start: date, end: date, x_of: _Scale, plot_width: float) -> tuple[Tick, ...]:
    """Month, quarter or year ticks: the smallest step whose labels do not overlap."""
    first, last = month_index(start), month_index(end)
    room = max(1, int(plot_width // MIN_TICK_SPACING))
    step = next((s for s in TICK_STEPS if (last - first) / s <= room), TICK_STEPS[-1])
    kind = "month" if step < 3 else "quarter" if step < 12 else "year"
    found = []
    # The first month at a multiple of the step, then every step-th one.
    for index in range(first + (-first) % step, last + 1, step):
        day = from_month_index(index)
        x = x_of(day)
        label = tick_label(day, kind)
        fits = x + TICK_LABEL_GAP + len(label) * SMALL_CHAR <= WIDTH
        found.append(Tick(x, day, kind, label if fits else None))
    return tuple(found)


def tick_label(day: date, kind: str) -> str:
    if kind == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if kind == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}"


class _Scale:
    """Days to x: ``start`` at ``left``, ``end`` at ``right``."""

    def __init__(self, start: date, end: date, left: float, right: float) -> None:
        self.start, self.left = start, left
        self.per_day = (right - left) / max(1, (end - start).days)

    def __call__(self, day: date) -> float:
        return round(self.left + (day - self.start).days * self.per_day, 2)


def shorten(text: str, room: float, char_width: float) -> str:
    """*text* cut with an ellipsis to at most *room* units of *char_width* characters."""
    most = max(1, int(room // char_width))
    return text if len(text) <= most else text[: most - 1].rstrip() + "\u2026"


def layout(proposals: Sequence[Proposal], settings: PepSettings, today: date) -> Timeline:
    """The timeline of *proposals*, in their order, one lane each."""
    labels = [settings.proposal_id(p.label, p.number) for p in proposals]
    held = [spans(p, settings, today) for p in proposals]
    start, end = axis_range((span for spans_ in held for span in spans_), today)
    longest = max((len(label) for label in labels), default=0)
    plot_left = round(MARGIN + longest * ID_CHAR + MARGIN, 2)
    plot_right = WIDTH - MARGIN
    x_of = _Scale(start, end, plot_left, plot_right)
    lanes = []
    for index, (proposal, label, lane_spans) in enumerate(
        zip(proposals, labels, held, strict=True)
    ):
        segments = []
        for span in lane_spans:
            x = x_of(span.start)
            width = round(max(x_of(span.end) - x, MIN_SEGMENT_WIDTH), 2)
            segments.append(Segment(span, x, width))
        lanes.append(
            Lane(
                proposal,
                label,
                shorten(proposal.title, plot_right - plot_left, SMALL_CHAR),
                AXIS_HEIGHT + index * LANE_HEIGHT,
                tuple(segments),
            )
        )
    return Timeline(
        width=WIDTH,
        height=AXIS_HEIGHT + len(proposals) * LANE_HEIGHT + BOTTOM_HEIGHT,
        plot_left=plot_left,
        plot_right=plot_right,
        start=start,
        end=end,
        today=today,
        today_x=x_of(today),
        lanes=tuple(lanes),
        ticks=ticks(start, end, x_of, plot_right - plot_left),
    )
