"""The ``pep_*`` configuration values, read and checked into one :class:`PepSettings`.

A value that makes the project meaningless raises
:class:`~sphinxext_pep.core.template_schema.SettingsError`; a value that can be
ignored falls back to its default and is returned as a :class:`SettingProblem`
(a ``pep.config`` warning once :mod:`sphinxext_pep.config` has located it in
``conf.py``).
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

from sphinxext_pep.core.build_date import build_date
from sphinxext_pep.core.template_schema import (
    DEFAULT_RISK_LEVELS,
    SettingsError,
    read_templates,
)
from sphinxext_pep.core.templates import Template
from sphinxext_pep.core.text import has_forbidden_characters, is_one_line, plain_spaces

DEFAULT_REF_FORMAT = "{label} {number}"
REF_FORMAT_KEYS = frozenset({"label", "number", "title", "status"})
DEFAULT_NUMBER_WIDTH = 4
DEFAULT_JSON_PATH = "proposals.json"
#: Folders of the output that Sphinx itself fills: ``pep_json_path`` stays out.
SPHINX_OUTPUT_FOLDERS = ("_static", "_sources", "_images", "_downloads", "_modules")
#: Sample values a ``pep_ref_format`` is tried with: its text must not be blank.
_SAMPLE_REFERENCE = {"label": "PEP", "number": "0012", "title": "A title", "status": "Draft"}

#: Every configuration value and its default, for ``add_config_value``.
CONFIG_DEFAULTS: Mapping[str, Any] = {
    "pep_templates": {},
    "pep_default_template": "pep",
    "pep_number_width": DEFAULT_NUMBER_WIDTH,
    "pep_ref_format": DEFAULT_REF_FORMAT,
    "pep_risk_levels": list(DEFAULT_RISK_LEVELS),
    "pep_json_path": DEFAULT_JSON_PATH,
    "pep_header_graph": False,
    "pep_header_title": True,
    "pep_stale_after": None,
    "pep_navigation": "collapsed",
    "pep_build_date": None,
}
#: ``pep_navigation``: a proposal in the theme's navigation on its own page only, or everywhere.
NAVIGATION_VALUES = ("collapsed", "full")


@dataclass(frozen=True)
class PepSettings:
    """The validated, ready-to-use view of every ``pep_*`` config value."""

    templates: Mapping[str, Template]
    default_template: str
    number_width: int
    ref_format: str
    risk_levels: tuple[str, ...]
    json_path: str | None
    #: Draw each proposal's neighbourhood graph under its header (``pep-graph``).
    header_graph: bool = False
    #: Whether the header block shows the title: ``True``, ``False``, or
    #: ``"auto"`` (not when the page's heading already holds it).
    header_title: bool | str = True
    #: ``pep_stale_after``: days without a dated change before an open
    #: proposal is ``pep.stale``; ``None``: never (the default).
    stale_after: int | None = None
    #: The date ages are measured against: ``pep_build_date`` when it is set, else
    #: :func:`~sphinxext_pep.core.build_date.build_date`; read once with the
    #: settings so that every page of a build agrees.
    build_date: date = date.min
    #: ``pep_navigation``: ``"collapsed"``, the theme's navigation lists a
    #: proposal only on its own page (and the pages under it); ``"full"``,
    #: Sphinx's navigation, every proposal on every page.
    navigation: str = "collapsed"

    def template(self, name: str | None) -> Template | None:
        return self.templates.get(name or self.default_template)

    def format_number(self, number: int) -> str:
        return f"{number:0{self.number_width}d}" if self.number_width else str(number)

    def proposal_id(self, label: str, number: int | None) -> str:
        """``PEP 0012``; ``PEP ????`` for a proposal without a valid number."""
        return f"{label} {'????' if number is None else self.format_number(number)}"


@dataclass(frozen=True)
class SettingProblem:
    """A config value that was ignored for its default: which one, and why."""

    key: str
    message: str


def level_name(text: str) -> str:
    """A ``pep_risk_levels`` name as it is shown and matched: trimmed, and each space
    character an ASCII space.

    A no-break space (Option-space on a Mac keyboard, easily typed in
    ``conf.py``) or an ideographic one is a space to a reader; kept, it would
    make ``Très élevé`` in a risk table an unknown level that reads exactly
    like the known one.
    """
    return plain_spaces(text)


def valid_risk_levels(value: Any) -> bool:
    """``pep_risk_levels``: a non-empty list of distinct (case-insensitively) non-blank names.

    Each name is text a header value may hold (no character that
    :func:`~sphinxext_pep.core.text.has_forbidden_characters` finds), on one
    line: it is shown in badges, the heat map and in warnings, where a line
    break would split the line a reader (or ``-W`` tooling) takes as one
    message.
    """
    if not isinstance(value, list | tuple) or not value:
        return False
    if not all(
        isinstance(level, str)
        and level.strip()
        and not has_forbidden_characters(level)
        and is_one_line(level)
        for level in value
    ):
        return False
    return len({level_name(level).casefold() for level in value}) == len(value)


def _valid_format(value: Any) -> bool:
    """``{label} {number}``: only the documented keys, bare, and some visible text.

    A format spec or conversion is refused outright: the values are text, so
    ``{number:d}`` raises, ``{number:{title}}`` nests a field, and
    ``{number:>100000000}`` pads every reference to 100 MB. None of them is
    needed: ``pep_number_width`` pads the number.
    """
    if not isinstance(value, str):
        return False
    try:
        parsed = list(string.Formatter().parse(value))
    except ValueError:
        return False
    for _text, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in REF_FORMAT_KEYS or spec or conversion:
            return False
    return bool(value.format(**_SAMPLE_REFERENCE).strip())


def _json_path(value: Any) -> str | None:
    """``pep_json_path`` as a relative POSIX path, or ``None`` when it cannot be one.

    A ``pathlib.Path`` is accepted. Refused: anything but a relative path to a
    ``.json`` file inside the output directory and outside Sphinx's own
    folders, so the JSON can never replace a page, the feed, ``objects.inv``
    or a static file.
    """
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        return None
    path = PurePosixPath(value.strip().replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts or ":" in path.parts[0]:
        return None
    if path.suffix.lower() != ".json" or path.parts[0] in SPHINX_OUTPUT_FOLDERS:
        return None
    return str(path)


def _stale_after(value: Any, problems: list[SettingProblem]) -> int | None:
    """``pep_stale_after``: a whole number of days, at least 1, or ``None`` (off)."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        return value
    problems.append(
        SettingProblem(
            "pep_stale_after",
            f"pep_stale_after must be a whole number of days (1 or more) or None, "
            f"got {value!r}; staleness is not checked",
        )
    )
    return None


def _pinned_build_date(value: Any, problems: list[SettingProblem]) -> date | None:
    """``pep_build_date``: the day every date check is judged on, or ``None`` (the build's own).

    A ``datetime.date`` or ``'YYYY-MM-DD'``; a blank text is ``None``, so that
    ``sphinx-build -D pep_build_date=`` judges a pinned project on the real
    calendar. Anything else is ignored: the build's own date
    (``SOURCE_DATE_EPOCH``, else today) is the safe fallback, the one every
    project without the value has.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip(), re.ASCII):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass  # 2026-02-30: reported below
    problems.append(
        SettingProblem(
            "pep_build_date",
            f"pep_build_date must be a date (datetime.date or 'YYYY-MM-DD') or None, "
            f"got {value!r}; using the build's own date (SOURCE_DATE_EPOCH, else today)",
        )
    )
    return None


def _navigation(value: Any, problems: list[SettingProblem]) -> str:
    """``pep_navigation``: one of :data:`NAVIGATION_VALUES`, any case."""
    if isinstance(value, str) and value.strip().casefold() in NAVIGATION_VALUES:
        return value.strip().casefold()
    problems.append(
        SettingProblem(
            "pep_navigation",
            f"pep_navigation must be 'collapsed' or 'full', got {value!r}; using 'collapsed'",
        )
    )
    return "collapsed"


def read_settings(
    values: Mapping[str, Any], *, today: date | None = None
) -> tuple[PepSettings, tuple[SettingProblem, ...]]:
    """*values* (``pep_*`` name -> value, as in ``conf.py``) as settings, and what was ignored.

    *today* is the build date; by default ``pep_build_date``, else
    :func:`~sphinxext_pep.core.build_date.build_date`.
    """
    problems: list[SettingProblem] = []
    levels = values["pep_risk_levels"]
    if not valid_risk_levels(levels):
        problems.append(
            SettingProblem(
                "pep_risk_levels",
                f"pep_risk_levels must be a non-empty list of level names, lowest first, "
                "each named once, on one line, with no control character, U+FFFE/U+FFFF "
                f"or lone surrogate (which no output can hold), got {levels!r}; "
                f"using {list(DEFAULT_RISK_LEVELS)!r}",
            )
        )
        levels = DEFAULT_RISK_LEVELS
    risk_levels = tuple(level_name(level) for level in levels)
    templates = read_templates(values["pep_templates"], risk_levels)
    default_template = values["pep_default_template"]
    if not isinstance(default_template, str) or default_template not in templates:
        raise SettingsError(
            f"pep_default_template: no template {default_template!r} "
            f"(expected the name of one, a string: {', '.join(templates)})"
        )

    width = values["pep_number_width"]
    if isinstance(width, bool) or not isinstance(width, int) or not 0 <= width <= 12:
        problems.append(
            SettingProblem(
                "pep_number_width",
                f"pep_number_width must be an integer from 0 to 12, got {width!r}; "
                f"using {DEFAULT_NUMBER_WIDTH}",
            )
        )
        width = DEFAULT_NUMBER_WIDTH

    ref_format = values["pep_ref_format"]
    if not _valid_format(ref_format):
        problems.append(
            SettingProblem(
                "pep_ref_format",
                f"pep_ref_format {ref_format!r} is not a format string over the keys "
                f"{', '.join(sorted(REF_FORMAT_KEYS))} (each a bare {{key}}: no format "
                f"spec or conversion) with visible text; using {DEFAULT_REF_FORMAT!r}",
            )
        )
        ref_format = DEFAULT_REF_FORMAT

    json_path = values["pep_json_path"]
    if json_path is not None:
        checked = _json_path(json_path)
        if checked is None:
            problems.append(
                SettingProblem(
                    "pep_json_path",
                    f"pep_json_path must be a relative path or None, got {json_path!r}: "
                    "a '.json' file in the output directory (an absolute path or '..' "
                    "leads outside the output directory), not in "
                    f"{', '.join(SPHINX_OUTPUT_FOLDERS)}; using {DEFAULT_JSON_PATH!r}",
                )
            )
        json_path = checked or DEFAULT_JSON_PATH

    header_graph = values["pep_header_graph"]
    if not isinstance(header_graph, bool):
        problems.append(
            SettingProblem(
                "pep_header_graph",
                f"pep_header_graph must be True or False, got {header_graph!r}; using False",
            )
        )
        header_graph = False
    header_title = values["pep_header_title"]
    if isinstance(header_title, str) and header_title.strip().casefold() == "auto":
        header_title = "auto"
    elif not isinstance(header_title, bool):
        problems.append(
            SettingProblem(
                "pep_header_title",
                f"pep_header_title must be True, False or 'auto', got {header_title!r}; using True",
            )
        )
        header_title = True

    pinned = _pinned_build_date(values.get("pep_build_date"), problems)
    settings = PepSettings(
        templates=templates,
        default_template=default_template,
        number_width=width,
        ref_format=ref_format,
        risk_levels=risk_levels,
        json_path=json_path,
        header_graph=header_graph,
        header_title=header_title,
        stale_after=_stale_after(values.get("pep_stale_after"), problems),
        navigation=_navigation(values.get("pep_navigation", "collapsed"), problems),
        build_date=today or pinned or build_date(),
    )
    return settings, tuple(problems)
