"""sphinx-design badges for statuses and levels, shared by every component.

The badge is an ``inline`` carrying sphinx-design's classes: HTML themes colour
it through sphinx-design's CSS, and every other builder simply writes its text.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx_design.badges_buttons import create_bdg_classes

#: Badge colour of each status group (sphinx-design semantic colours).
GROUP_COLOURS: dict[str, str] = {
    "open": "info",
    "accepted": "primary",
    "done": "success",
    "closed": "secondary",
    "deferred": "warning",
}


def status_badge(status: str, group: str | None) -> nodes.inline:
    """A badge for *status*, coloured by its group; grey-outlined if unknown."""
    colour = GROUP_COLOURS.get(group or "", "dark")
    classes = create_bdg_classes(colour, outline=group is None)
    classes += ["pep-status", f"pep-status-{group or 'unknown'}"]
    return nodes.inline(status, status, classes=classes)


def level_colour(level: str, levels: Sequence[str]) -> str:
    """Green for the lower quarter of *levels*, red for the upper, amber between.

    With Low / Medium / High that is green, amber, red; with five levels the
    two lowest are green and the two highest red, so a level never shares its
    colour with one on the other side of the middle.
    """
    folded = [name.casefold() for name in levels]
    try:
        rank = folded.index(level.strip().casefold())
    except ValueError:
        return "dark"
    if len(levels) < 2:
        return "success"
    position = rank / (len(levels) - 1)
    if position >= 0.75:
        return "danger"
    if position <= 0.25:
        return "success"
    return "warning"


def level_badge(level: str, levels: Sequence[str]) -> nodes.inline:
    """A badge for a risk level (Low / Medium / High by default)."""
    colour = level_colour(level, levels)
    classes = create_bdg_classes(colour, outline=colour == "dark")
    classes += ["pep-level", f"pep-level-{colour}"]
    return nodes.inline(level, level, classes=classes)
