"""The risk-table checks of SPEC §6 and the heat map's scale, on text as written.

Pure: a row's cells in, a :class:`~sphinxext_pep.core.model.Risk` record, its
level ranks and its ``pep.risk`` problems out. The directive that parses the
cells' markup and builds the table is :mod:`sphinxext_pep.risk`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sphinxext_pep.core.fields import N_
from sphinxext_pep.core.model import Risk
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.core.text import plain_spaces

#: The columns of a risk table, in their default order.
COLUMNS = ("risk", "probability", "impact", "mitigation")
COLUMN_TITLES = {
    "risk": N_("Risk"),
    "probability": N_("Probability"),
    "impact": N_("Impact"),
    "mitigation": N_("Mitigation"),
}
#: Header cell text (case-folded) that names each column.
_HEADER_NAMES = {
    "risk": "risk",
    "risks": "risk",
    "probability": "probability",
    "likelihood": "probability",
    "impact": "impact",
    "severity": "impact",
    "mitigation": "mitigation",
    "mitigations": "mitigation",
}
#: Mitigation text that says there is none: nothing, a dash (also the em and en
#: dashes as they arrive mis-decoded from the seeds), "n/a", "none", "TBD", "?".
_NO_MITIGATION = frozenset(
    {
        *("", "-", "--", "\u2013", "\u2014", "\u00e2\u20ac\u201d", "\u00e2\u20ac\u201c"),
        *("n/a", "na", "none", "tbd", "?"),
    }
)


def header_columns(cells: Sequence[str]) -> tuple[str, ...] | None:
    """The column order a header row names, if it names every column once."""
    names = tuple(_HEADER_NAMES.get(cell.strip().strip("*_").casefold()) for cell in cells)
    if len(names) == len(COLUMNS) and set(names) == set(COLUMNS):
        return names  # type: ignore[return-value]
    return None


def find_level(value: str, levels: Sequence[str]) -> int | None:
    """The rank (0 = lowest) of *value* among *levels*, case-insensitively, any
    space character matching a space (as the names' own, core/settings.py)."""
    folded = plain_spaces(value).casefold()
    for rank, level in enumerate(levels):
        if level.casefold() == folded:
            return rank
    return None


def is_level_choice(value: str, levels: Sequence[str]) -> bool:
    """Whether *value* offers levels to choose from, as templates write a level cell:
    ``High/Medium/Low`` (seed 002) or ``Low / Medium / High`` (``sphinx-pep new``)."""
    parts = [part.strip() for part in re.split(r"[/|]", value)]
    return len(parts) > 1 and all(find_level(part, levels) is not None for part in parts)


def severity(probability: int, impact: int, count: int) -> str:
    """The heat-map class of a cell: ``low``, ``medium``, ``high`` or ``critical``.

    The score is the product of the two ranks (1-based) over its maximum, so
    the bands keep their meaning whatever the number of levels: with Low /
    Medium / High, Low×Low and Low×Medium are low, Medium×Medium medium,
    Medium×High high and High×High critical.
    """
    if count < 2:
        return "medium"
    score = (probability + 1) * (impact + 1) / (count * count)
    if score >= 1:
        return "critical"
    if score > 0.5:
        return "high"
    if score > 0.25:
        return "medium"
    return "low"


def cell_count_problem(count: int, order: Sequence[str], location: Location) -> Problem:
    """A row with the wrong number of cells (its cells are then not checked further)."""
    return Problem(
        Subtype.RISK,
        f"a risk-table row has {count} cell{'s' if count != 1 else ''}, "
        f"expected {len(COLUMNS)} "
        f"({' | '.join(COLUMN_TITLES[c] for c in order)}); "
        "write a '|' inside a cell as '\\|'",
        location,
    )


@dataclass(frozen=True)
class RiskReading:
    """One well-formed row, read: the record, the level ranks, the problems."""

    risk: Risk
    #: The ranks of its probability and impact (``None``: not a level).
    probability: int | None
    impact: int | None
    problems: tuple[Problem, ...]


def read_risk(
    name: str,
    probability: str,
    impact: str,
    mitigation: str,
    *,
    number: int,
    levels: Sequence[str],
    location: Location,
) -> RiskReading:
    """Check one row's levels and mitigation (SPEC §6); *number* counts rows from 1."""
    label = repr(name) if name else f"in row {number}"
    problems: list[Problem] = []
    ranks: dict[str, int | None] = {}
    shown: dict[str, str] = {}
    choices: list[tuple[str, str]] = []  # (column, written) still offering every level
    for column, written in (("probability", probability), ("impact", impact)):
        written = written.strip()
        rank = find_level(written, levels)
        ranks[column] = rank
        shown[column] = levels[rank] if rank is not None else written
        if rank is None and is_level_choice(written, levels):
            choices.append((column, written))
        elif rank is None:
            what = f"unknown {column} {written!r}" if written else f"no {column} given"
            problems.append(
                Problem(
                    Subtype.RISK,
                    f"risk {label}: {what}; the levels are {', '.join(levels)} "
                    "(set pep_risk_levels to change them)",
                    location,
                )
            )
    if choices:
        columns = " and ".join(column for column, _ in choices)
        values = sorted({written for _, written in choices})
        problems.append(
            Problem(
                Subtype.PLACEHOLDER,
                f"risk {label}: {columns} still "
                f"{'hold' if len(choices) > 1 else 'holds'} the template's placeholder "
                f"{' / '.join(repr(v) for v in values)}; choose one of {', '.join(levels)}",
                location,
            )
        )
    if ranks["impact"] == len(levels) - 1 and mitigation.casefold() in _NO_MITIGATION:
        problems.append(
            Problem(
                Subtype.RISK,
                f"risk {label} has {levels[-1]} impact but no mitigation; "
                "say in the Mitigation column how it is handled",
                location,
            )
        )
    risk = Risk(name, shown["probability"], shown["impact"], mitigation, location.line or 0)
    return RiskReading(risk, ranks["probability"], ranks["impact"], tuple(problems))
