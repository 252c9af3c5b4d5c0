"""Which ``pep_risk_levels`` names are taken: the characters a header value may hold, on one line.

A level name is refused (``pep.config`` at its ``conf.py`` line, the default
levels used) for exactly what the header checks flag
(:func:`~sphinxext_pep.core.text.has_forbidden_characters`: C0 controls,
U+FFFE/U+FFFF, lone surrogates) and for a line break of any kind, which
would split the warnings that list the levels. Anything else a header may
hold is a name. A no-break space, typed by accident, or an ideographic one
is a space: the name is shown and matched with an ASCII space, so a risk
table written with ordinary spaces finds the level.
"""

from __future__ import annotations

import re

import pytest
from conftest import BuildProject, index_rst, minimal_pep
from test_risk import HEADER, rst_table

from sphinxext_pep.core.settings import CONFIG_DEFAULTS, read_settings

DEFAULT_LEVELS = "Low, Medium, High"


def _conf(levels: list[str]) -> str:
    # ascii(): the conf.py line spells each character as an escape, as a user
    # pasting one would get it, and the file itself stays plain ASCII.
    return f"pep_risk_levels = {levels!a}\n"


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param("Hi\rgh", id="CR"),
        pytest.param("Hi\ngh", id="LF"),
        pytest.param("High\n", id="trailing-LF"),
        pytest.param("Hi\u2028gh", id="line-separator"),
        pytest.param("Hi\x85gh", id="NEL"),
        pytest.param("Hi\x0bgh", id="vertical-tab"),
        pytest.param("\x1b[31mHigh", id="ESC"),
        pytest.param("Hi\x00gh", id="NUL"),
        pytest.param("High\ufffe", id="U+FFFE"),
        pytest.param("Hi\ud800gh", id="lone-surrogate"),
    ],
)
def test_a_name_a_header_could_not_hold_or_on_two_lines_is_refused(
    build_project: BuildProject, bad: str
) -> None:
    files = {
        "index.rst": index_rst("pep-0001"),
        "pep-0001.rst": minimal_pep(1, risk="High"),
    }
    build = build_project(files, conf=_conf(["Low", bad]))
    # The default levels instead: the header's High is one of them.
    assert [(w.type, w.where) for w in build.warnings] == [("pep.config", "conf.py:2")]
    message = build.warnings[0].message
    assert message.startswith(
        "pep_risk_levels must be a non-empty list of level names, lowest first, each named "
        "once, on one line, with no control character, U+FFFE/U+FFFF or lone surrogate"
    )
    assert message.endswith(f"got {['Low', bad]!r}; using ['Low', 'Medium', 'High']")
    assert "\r" not in build.warning_text.replace("\r\n", "\n")


def test_a_no_break_space_in_a_name_is_a_space(build_project: BuildProject) -> None:
    """The team typed Très<NBSP>élevé in conf.py and Très élevé in the proposals."""
    rows = (
        HEADER + "| Data loss | Très élevé | très élevé | Backups |\n| Drift | Bas | Moyen | x |\n"
    )
    pep = minimal_pep(1, risk="Très élevé", body=rst_table(rows))
    build = build_project(
        {"index.rst": index_rst("pep-0001"), "pep-0001.rst": pep},
        conf=_conf(["Bas", "Moyen", "Très\u00a0élevé", "Critique\u3000absolu"]),
    )
    assert build.warning_text == ""
    page = build.html("pep-0001")
    # Shown with an ASCII space, in the configured spelling, as the level it is.
    badges = re.findall(r'pep-level pep-level-(\w+)">([^<]*)</span>', page)
    assert ("warning", "Très élevé") in badges
    assert "\u00a0" not in page.replace("&nbsp;", "")
    settings, problems = read_settings(
        {**CONFIG_DEFAULTS, "pep_risk_levels": ["Bas", "Très\u00a0élevé", "Critique\u3000absolu"]}
    )
    assert (settings.risk_levels, problems) == (("Bas", "Très élevé", "Critique absolu"), ())


def test_names_that_differ_only_in_their_spaces_are_one_name_twice(
    build_project: BuildProject,
) -> None:
    build = build_project(
        {"index.rst": index_rst("pep-0001"), "pep-0001.rst": minimal_pep(1)},
        conf=_conf(["Très élevé", "Très\u00a0élevé"]),
    )
    assert [(w.type, w.where) for w in build.warnings] == [("pep.config", "conf.py:2")]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Élevé", id="accents"),
        pytest.param("高い", id="CJK"),
        pytest.param("Very\thigh", id="tab"),
        pytest.param("Haut\u200d", id="zero-width-joiner"),
    ],
)
def test_what_a_header_may_hold_is_a_name(build_project: BuildProject, name: str) -> None:
    """isprintable() said no to a tab and a ZWJ; a header value holds both."""
    shown = name.replace("\t", " ")  # a tab is a space character too
    pep = minimal_pep(1, risk=shown)
    build = build_project(
        {"index.rst": index_rst("pep-0001"), "pep-0001.rst": pep}, conf=_conf(["Low", name])
    )
    assert build.warning_text == "", build.warning_text
    # The header's risk is the top level of the two: the danger badge.
    badges = re.findall(r'pep-level pep-level-(\w+)">([^<]*)</span>', build.html("pep-0001"))
    assert badges == [("danger", shown)]


def test_a_no_break_space_in_a_proposal_is_a_space(build_project: BuildProject) -> None:
    """The other way round: conf.py has Très élevé, a proposal Très<NBSP>élevé."""
    rows = HEADER + "| Data loss | Très\u00a0élevé | très\u00a0élevé | Backups |\n"
    pep = minimal_pep(1, risk="Très\u00a0élevé", body=rst_table(rows))
    build = build_project(
        {"index.rst": index_rst("pep-0001"), "pep-0001.rst": pep},
        conf=_conf(["Bas", "Moyen", "Très élevé"]),
    )
    assert build.warning_text == "", build.warning_text
    badges = re.findall(r'pep-level pep-level-(\w+)">([^<]*)</span>', build.html("pep-0001"))
    # The header's badge and the table's two cells: the top level, as conf.py spells it.
    assert badges.count(("danger", "Très élevé")) == 3, badges
