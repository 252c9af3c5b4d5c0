"""The built-in checks on replacements (SPEC §4): ``superseded-by`` only on a closed
proposal, and ``supersedes``/``superseded-by`` lists that name each other."""

from __future__ import annotations

import pytest
from conftest import BuildProject, index_rst, minimal_pep, myst_pep


def _project(fmt: str, proposals: dict[int, dict[str, str]]) -> dict[str, str]:
    make = minimal_pep if fmt == "rst" else myst_pep
    files = {f"pep-{n:04d}.{fmt}": make(n, **fields) for n, fields in proposals.items()}
    files["index.rst"] = index_rst(*(f"pep-{n:04d}" for n in proposals))
    return files


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_superseded_by_on_a_proposal_that_is_not_closed(
    build_project: BuildProject, fmt: str
) -> None:
    build = build_project(
        _project(
            fmt,
            {
                1: {"status": "Implemented", "superseded_by": "2"},
                2: {"status": "Implemented", "supersedes": "1, 3, 4"},
                3: {"status": "Withdrawn", "superseded_by": "2"},
                4: {"status": "Proposed", "superseded_by": "2", "exempt": "status"},
            },
        )
    )
    line = 10 if fmt == "rst" else 9
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        (
            "pep.status",
            f"pep-0001.{fmt}:{line}",
            "PEP 0001: ':superseded-by:' is set, but status 'Implemented' is not a closed one "
            "(a replaced proposal is Superseded, Withdrawn or another status of the closed "
            "group); change the status or drop ':superseded-by:'",
        ),
    ]
    # The reverse link is still shown: the check says what is wrong, it hides nothing.
    assert "Superseded by" in build.html("pep-0001")


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_replacement_lists_that_disagree(build_project: BuildProject, fmt: str) -> None:
    build = build_project(
        _project(
            fmt,
            {
                11: {"status": "Withdrawn"},
                12: {"status": "Withdrawn", "superseded_by": "13"},
                13: {"supersedes": "11"},
                14: {"supersedes": "15"},
                15: {"status": "Withdrawn", "superseded_by": "16"},
                16: {},
                # One side alone is fine: the other is derived.
                17: {"status": "Withdrawn", "superseded_by": "16"},
            },
        )
    )
    line = 10 if fmt == "rst" else 9
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        (
            "pep.dependency",
            f"pep-0012.{fmt}:{line}",
            "PEP 0012: ':superseded-by:' names PEP 0013, but PEP 0013's ':supersedes:' names "
            "PEP 0011, not PEP 0012; write the replacement the same way on both",
        ),
        (
            "pep.dependency",
            f"pep-0014.{fmt}:{line}",
            "PEP 0014: ':supersedes:' names PEP 0015, but PEP 0015's ':superseded-by:' names "
            "PEP 0016, not PEP 0014; write the replacement the same way on both",
        ),
    ]


def test_exempt_silences_the_check_for_its_proposal(build_project: BuildProject) -> None:
    files = _project(
        "rst", {1: {"status": "Implemented", "superseded_by": "2", "exempt": "status"}, 2: {}}
    )
    assert build_project(files).warnings == []
