"""Build-time content checks (SPEC §7): sections, abstract, title, placeholders, criteria.

Every check is exercised by a real build, in RST and MyST, with a test that
triggers it (exact subtype and ``file:line``) and one that a valid proposal
does not. ``tests/seeds/`` holds the three seeds turned into proposals: as
written (``seedNNN.md``: the seed text with a ``pep-header`` in place of its
header block, instruction text left in) and filled in (``seedNNN-filled.md``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Build, BuildProject, index_rst, minimal_pep

import sphinxext_pep
from sphinxext_pep.core.guidance import is_guidance

SEEDS = Path(__file__).parent / "seeds"
MYST_TASKLIST = 'myst_enable_extensions = ["tasklist"]\n'

PEP_FULL_SECTIONS = ("Abstract", "Motivation", "Specification", "Implementation")
PEP_FULL_RECOMMENDED = ("Rationale", "Impact Analysis", "Alternatives Considered")


def rst_pep(
    sections: dict[str, str],
    *,
    number: int = 12,
    heading: str = "A proposal",
    template: str = "pep",
    **fields: str,
) -> str:
    """An RST proposal with exactly *sections* (title -> body, ``-`` underlines).

    The ``pep-header`` directive is on line 4.
    """
    values = {
        "pep": str(number),
        "author": "Jane Doe <jane@example.com>",
        "created": "2026-01-15",
    }
    if template == "pep":
        values.update(status="Proposed", risk="Low")
    else:
        values.update(template=template, status="Draft", type="Standard")
    values.update({k.replace("_", "-"): v for k, v in fields.items()})
    options = "\n".join(f"   :{k}: {v}" for k, v in values.items())
    title = f"PEP {number:04d}: {heading}"
    body = "\n".join(f"{name}\n{'-' * len(name)}\n\n{text}\n" for name, text in sections.items())
    return f"{title}\n{'=' * len(title)}\n\n.. pep-header::\n{options}\n\n{body}"


def md_pep(
    sections: dict[str, str],
    *,
    number: int = 12,
    heading: str = "A proposal",
    template: str = "pep",
    **fields: str,
) -> str:
    """The MyST twin of :func:`rst_pep`; the ``pep-header`` fence is on line 3."""
    values = {
        "pep": str(number),
        "author": "Jane Doe <jane@example.com>",
        "created": "2026-01-15",
    }
    if template == "pep":
        values.update(status="Proposed", risk="Low")
    else:
        values.update(template=template, status="Draft", type="Standard")
    values.update({k.replace("_", "-"): v for k, v in fields.items()})
    options = "\n".join(f":{k}: {v}" for k, v in values.items())
    body = "\n".join(f"## {name}\n\n{text}\n" for name, text in sections.items())
    return f"# PEP {number:04d}: {heading}\n\n```{{pep-header}}\n{options}\n```\n\n{body}"


def pep_sections(**overrides: str | None) -> dict[str, str]:
    """The ``pep`` template's required sections with text; ``None`` drops one."""
    names = {
        "Problem Statement": "The cache is cold every morning.",
        "Proposed Solution": "Warm it at 6am.",
        "Rationale": "Mornings are the peak.",
        "Alternatives Considered": "A bigger database, which costs more.",
        "Impact Assessment": "One cron job.",
        "Out of Scope": "Evening peaks.",
        "Acceptance Criteria": "- [ ] The 9am p95 latency is under 1 second.",
        "Status History": "Proposed on 2026-01-15.",
    }
    by_key = {name.lower().replace(" ", "_"): name for name in names}
    for key, value in overrides.items():
        name = by_key[key]
        if value is None:
            names.pop(name)
        else:
            names[name] = value
    return names


def full_sections(abstract: str = "A short abstract.", **extra: str) -> dict[str, str]:
    sections = {name: f"The {name.lower()}." for name in PEP_FULL_SECTIONS}
    sections["Abstract"] = abstract
    sections.update({name: f"The {name.lower()}." for name in PEP_FULL_RECOMMENDED})
    sections.update(extra)
    return sections


def proposal_files(source: str, *, md: bool = False) -> dict[str, str]:
    return {"index.rst": index_rst("pep-0012"), f"pep-0012.{'md' if md else 'rst'}": source}


def kinds(build: object) -> list[tuple[str | None, str]]:
    return [(w.type, w.where) for w in build.pep_warnings()]  # type: ignore[attr-defined]


# -- the seeds, as written and filled in -----------------------------------------------

#: Per seed: the required sections the build reports empty, and the lines of the
#: instruction text it reports (one warning per paragraph, per list or table made
#: only of instructions, per heading with a placeholder).
SEED_EXPECTATIONS = {
    "seed000": {
        "header": "seed000.md:3",
        "empty": [
            "Problem Statement",
            "Proposed Solution",
            "Rationale",
            "Alternatives Considered",
            "Impact Assessment",
            "Out of Scope",
            "Acceptance Criteria",
            "Status History",
        ],
        "placeholder_lines": [],
    },
    "seed001": {
        "header": "seed001.md:3",
        "empty": ["Abstract", "Motivation"],
        "placeholder_lines": [
            15, 21, 25, 31, 39, 41, 53, 61, 62, 68, 72, 76, 98, 102, 112, 116, 117, 144,
            168, 169, 174, 180, 181, 187, 197, 198, 204, 210, 211, 217, 218, 220, 224, 227,
            229, 230, 243, 246, 250, 254, 280, 290, 311, 323, 327,
        ],
    },
    "seed002": {
        "header": "seed002.md:13",
        "empty": [
            "Executive Summary",
            "Motivation",
            "Alternatives Considered",
            "Impact Analysis",
            "Testing Plan",
        ],
        "placeholder_lines": [
            19, 25, 29, 35, 36, 40, 43, 44, 50, 54, 55, 64, 65, 107, 109, 112, 116, 119, 121,
            123, 129, 136, 142, 148, 154, 155, 161, 162, 168, 169, 177, 185, 189, 193, 197,
            210, 217, 241,
        ],
    },
}  # fmt: skip


@pytest.mark.parametrize("seed", sorted(SEED_EXPECTATIONS))
def test_seed_with_instruction_text_left_in(build_project: BuildProject, seed: str) -> None:
    expected = SEED_EXPECTATIONS[seed]
    build = build_project(
        {"index.rst": index_rst(seed), f"{seed}.md": (SEEDS / f"{seed}.md").read_text()}
    )
    # Only the §7 checks fire: the header the seed was given is valid.
    assert {w.type for w in build.pep_warnings()} <= {"pep.section", "pep.placeholder"}

    sections = build.pep_warnings("section")
    assert [w.where for w in sections] == [expected["header"]] * len(expected["empty"])
    assert [w.message.split("'")[1] for w in sections] == expected["empty"]
    assert all("is empty" in w.message for w in sections)

    placeholders = build.pep_warnings("placeholder")
    assert [w.line for w in placeholders] == expected["placeholder_lines"]
    assert all(w.file == f"{seed}.md" for w in placeholders)


def test_seed_placeholder_messages(build_project: BuildProject) -> None:
    """What the author reads: the proposal id, the kind of leftover, its text."""
    build = build_project(
        {"index.rst": index_rst("seed001"), "seed001.md": (SEEDS / "seed001.md").read_text()}
    )
    by_line = {w.line: w.message for w in build.pep_warnings("placeholder")}
    assert by_line[15] == (
        "PEP 0101: template instruction text left in: '[Write a concise summary of "
        "200-300 words that covers:] - W…'; replace it with the proposal's own text"
    )
    assert by_line[62].startswith(
        "PEP 0101: a list of template instructions left in (3 items, "
        "starting '[Principle 1]: [Explanation]')"
    )
    assert by_line[217].startswith("PEP 0101: heading 'Alternative 1: [Name]' still holds")
    assert by_line[280].startswith(
        "PEP 0101: a table still holds 10 template placeholders (first '[Date]'); fill in"
    )


@pytest.mark.parametrize("seed", sorted(SEED_EXPECTATIONS))
def test_seed_filled_in_builds_clean(build_project: BuildProject, seed: str) -> None:
    build = build_project(
        {
            "index.rst": index_rst(seed),
            f"{seed}.md": (SEEDS / f"{seed}-filled.md").read_text(),
        },
        warningiserror=True,
    )
    assert build.warning_text == ""


def test_seed001_as_rst(build_project: BuildProject) -> None:
    """Seed 001's italic instructions and bracketed lists, written in RST."""
    source = rst_pep(
        {
            "Abstract": "*[Write a concise summary of 200-300 words that covers:]*\n"
            "*- What problem this PEP solves*",
            "Motivation": "Real motivation.\n\nUse Cases\n~~~~~~~~~\n\n"
            "1. **Use Case 1: [Scenario Name]**\n\n"
            "   - Current behavior: [Describe what happens today]\n"
            "   - Benefit: [Why this is better]\n",
            "Specification": "- **[Behavior 1]**: [Description]\n- **[Behavior 2]**: [...]",
            "Implementation": "Two sprints.",
        },
        template="pep-full",
    )
    build = build_project(proposal_files(source))
    assert kinds(build) == [
        ("pep.section", "pep-0012.rst:4"),
        ("pep.section", "pep-0012.rst:4"),
        ("pep.placeholder", "pep-0012.rst:15"),
        ("pep.placeholder", "pep-0012.rst:26"),
        ("pep.placeholder", "pep-0012.rst:35"),
    ]
    assert "'Abstract' is empty" in build.pep_warnings("section")[0].message
    assert "'Specification' is empty" in build.pep_warnings("section")[1].message


# -- pep.section ------------------------------------------------------------------------


def test_valid_minimal_proposal_is_clean(build_project: BuildProject) -> None:
    build = build_project(
        {"index.rst": index_rst("pep-0012"), "pep-0012.rst": minimal_pep(12)},
        warningiserror=True,
    )
    assert build.warning_text == ""


@pytest.mark.parametrize(("md", "where"), [(False, "pep-0012.rst:4"), (True, "pep-0012.md:3")])
def test_missing_required_section(build_project: BuildProject, md: bool, where: str) -> None:
    source = (md_pep if md else rst_pep)(pep_sections(out_of_scope=None))
    build = build_project(proposal_files(source, md=md))
    assert kinds(build) == [("pep.section", where)]
    assert build.pep_warnings()[0].message == (
        "PEP 0012: required section 'Out of Scope' is missing (template 'pep')"
    )


@pytest.mark.parametrize("md", [False, True])
def test_required_section_at_any_level_any_case(build_project: BuildProject, md: bool) -> None:
    sections = pep_sections(out_of_scope=None, proposed_solution=None)
    sections["Alternatives Considered"] = (
        "None worth noting.\n\n"
        + ("### Proposed   SOLUTION\n\nWarm it.\n\n#### out of scope\n\nEvenings.\n"
           if md else
           "Proposed   SOLUTION\n~~~~~~~~~~~~~~~~~~~\n\nWarm it.\n\n"
           "out of scope\n^^^^^^^^^^^^\n\nEvenings.\n")
    )  # fmt: skip
    build = build_project(proposal_files((md_pep if md else rst_pep)(sections), md=md))
    assert build.pep_warnings() == []


@pytest.mark.parametrize(
    ("md", "body"),
    [
        (False, ".. Describe the problem here."),
        (True, "<!--\nDescribe the problem here.\n-->"),
        (True, "% Describe the problem here."),
        (True, "[Detailed description of the problem.]"),
        (False, "*[Explain why this change is needed.]*"),
    ],
)
def test_empty_required_section(build_project: BuildProject, md: bool, body: str) -> None:
    source = (md_pep if md else rst_pep)(pep_sections(problem_statement=body))
    build = build_project(proposal_files(source, md=md))
    sections = build.pep_warnings("section")
    assert [w.where for w in sections] == [f"pep-0012.{'md:3' if md else 'rst:4'}"]
    assert sections[0].message.startswith("PEP 0012: required section 'Problem Statement' is empty")


@pytest.mark.parametrize("md", [False, True])
def test_section_made_of_subsections(build_project: BuildProject, md: bool) -> None:
    """Subsections with text fill their parent; subsections with only comments do not."""
    if md:
        filled = "### Affected Components\n\nThe scheduler.\n"
        hollow = "### Affected Components\n\n<!-- list them -->\n"
    else:
        filled = "Affected Components\n~~~~~~~~~~~~~~~~~~~\n\nThe scheduler.\n"
        hollow = "Affected Components\n~~~~~~~~~~~~~~~~~~~\n\n.. list them\n"
    make = md_pep if md else rst_pep
    clean = build_project(proposal_files(make(pep_sections(impact_assessment=filled)), md=md))
    assert clean.pep_warnings() == []
    empty = build_project(proposal_files(make(pep_sections(impact_assessment=hollow)), md=md))
    assert [w.message.split("'")[1] for w in empty.pep_warnings("section")] == ["Impact Assessment"]


def test_recommended_section_missing_is_info_only(build_project: BuildProject) -> None:
    sections = full_sections()
    del sections["Impact Analysis"]
    build = build_project(proposal_files(rst_pep(sections, template="pep-full")))
    assert build.warning_text == ""
    status = build.app.status.getvalue()
    assert "PEP 0012: recommended section 'Impact Analysis' is missing" in status
    assert "Rationale" not in status


def test_recommended_sections_present_no_info(build_project: BuildProject) -> None:
    build = build_project(proposal_files(rst_pep(full_sections(), template="pep-full")))
    assert build.warning_text == ""
    assert "recommended section" not in build.app.status.getvalue()


def test_custom_template_sections_are_data(build_project: BuildProject) -> None:
    conf = 'pep_templates = {"pep": {"required_sections": ["Summary"]}}\n'
    missing = build_project(proposal_files(rst_pep({"Motivation": "Why."})), conf=conf)
    assert [w.message for w in missing.pep_warnings()] == [
        "PEP 0012: required section 'Summary' is missing (template 'pep')"
    ]
    present = build_project(proposal_files(rst_pep({"Summary": "What."})), conf=conf)
    assert present.pep_warnings() == []


def test_non_proposal_documents_are_not_checked(build_project: BuildProject) -> None:
    build = build_project(
        {"index.rst": index_rst("notes"), "notes.md": "# Notes\n\n[Description]\n"}
    )
    assert build.pep_warnings() == []


# -- pep.abstract -----------------------------------------------------------------------


def words(n: int) -> str:
    return " ".join(f"word{i}" for i in range(n))


@pytest.mark.parametrize(("md", "where"), [(False, "pep-0012.rst:13"), (True, "pep-0012.md:12")])
def test_abstract_over_limit(build_project: BuildProject, md: bool, where: str) -> None:
    make = md_pep if md else rst_pep
    source = make(full_sections(abstract=words(301)), template="pep-full")
    build = build_project(proposal_files(source, md=md))
    assert kinds(build) == [("pep.abstract", where)]
    assert build.pep_warnings()[0].message == (
        "PEP 0012: the Abstract has 301 words; template 'pep-full' allows at most 300: shorten it"
    )


@pytest.mark.parametrize("md", [False, True])
def test_abstract_at_limit_is_clean(build_project: BuildProject, md: bool) -> None:
    make = md_pep if md else rst_pep
    abstract = f"{words(150)}\n\n- {words(100)}\n- {words(50)}"
    build = build_project(proposal_files(make(full_sections(abstract), template="pep-full"), md=md))
    assert build.pep_warnings() == []


def test_abstract_limit_is_template_data(build_project: BuildProject) -> None:
    conf = 'pep_templates = {"pep-full": {"abstract_max_words": 20}}\n'
    source = rst_pep(full_sections(abstract=words(21)), template="pep-full")
    build = build_project(proposal_files(source), conf=conf)
    assert [w.type for w in build.pep_warnings()] == ["pep.abstract"]
    assert "allows at most 20" in build.pep_warnings()[0].message
    # The ``pep`` template has no abstract limit at all.
    long_pep = rst_pep({**pep_sections(), "Abstract": words(400)})
    assert build_project(proposal_files(long_pep)).pep_warnings() == []


# -- pep.title --------------------------------------------------------------------------


def test_title_over_limit_from_heading(build_project: BuildProject) -> None:
    heading = "A" * 51
    source = rst_pep(full_sections(), template="pep-full", heading=heading)
    build = build_project(proposal_files(source))
    assert kinds(build) == [("pep.title", "pep-0012.rst:2")]
    assert build.pep_warnings()[0].message == (
        f"PEP 0012: title '{heading}' is 51 characters long; template 'pep-full' allows at most 50"
    )


def test_title_over_limit_from_field(build_project: BuildProject) -> None:
    title = "Add a caching layer for every read-heavy service call"
    source = md_pep(full_sections(), template="pep-full", heading=title, title=title)
    build = build_project(proposal_files(source, md=True))
    assert kinds(build) == [("pep.title", "pep-0012.md:10")]


@pytest.mark.parametrize("md", [False, True])
def test_title_at_limit_is_clean(build_project: BuildProject, md: bool) -> None:
    make = md_pep if md else rst_pep
    source = make(full_sections(), template="pep-full", heading="B" * 50)
    assert build_project(proposal_files(source, md=md)).pep_warnings() == []


def test_pep_template_has_no_title_limit(build_project: BuildProject) -> None:
    source = rst_pep(pep_sections(), heading="C" * 80)
    assert build_project(proposal_files(source)).pep_warnings() == []


# -- pep.placeholder --------------------------------------------------------------------

#: Text that looks like the seeds' instructions but is the author's own.
REAL_CONTENT_MD = """\
See [the design notes](https://example.com/notes) and [1].

- [Link 1: Description](https://example.com)
- [x] Done item
- [ ] Open item

Use the [optional] flag only when `--cache` is set.

**Note**: the cache is [per region], not global.

*Example: an italic sentence that is not bracketed is kept, too* — with more text.

[1]: https://example.com/one

*Example:*

```text
[Description]
```
"""

REAL_CONTENT_RST = """\
See `the design notes <https://example.com/notes>`_ and [Smith2020]_.

- [x] Done item
- [ ] Open item

Use the [optional] flag only when ``--cache`` is set.

**Note**: the cache is [per region], not global.

*Example:*

::

   [Description]

.. [Smith2020] A. Smith, Caches, 2020.
"""


@pytest.mark.parametrize(("md", "body"), [(False, REAL_CONTENT_RST), (True, REAL_CONTENT_MD)])
def test_real_content_is_not_a_placeholder(
    build_project: BuildProject, md: bool, body: str
) -> None:
    source = (md_pep if md else rst_pep)(pep_sections(proposed_solution=body))
    build = build_project(proposal_files(source, md=md))
    assert build.pep_warnings() == []


@pytest.mark.parametrize(
    ("md", "body", "line", "text"),
    [
        (False, "[Description]", 19, "'[Description]'"),
        (True, "[Description]", 17, "'[Description]'"),
        (True, "[1-2 paragraph summary of the proposal.\nWhat problem does it solve?]", 17,
         "'[1-2 paragraph summary of the proposal. What problem does i…'"),
        (False, "*[Describe the solution:]*\n*- What will change?*", 19,
         "'[Describe the solution:] - What will change?'"),
        (True, "**As a** [user type]\n**I want to** [action]", 17,
         "'As a [user type] I want to [action]'"),
        (False, "Real text first.\n\n**Timeline**: [X weeks]", 21, "'Timeline: [X weeks]'"),
    ],
)  # fmt: skip
def test_instruction_paragraph(
    build_project: BuildProject, md: bool, body: str, line: int, text: str
) -> None:
    sections = pep_sections(proposed_solution=f"Warm it at 6am.\n\n{body}")
    build = build_project(proposal_files((md_pep if md else rst_pep)(sections), md=md))
    line += 2  # the "Warm it" paragraph in front
    assert kinds(build) == [("pep.placeholder", f"pep-0012.{'md' if md else 'rst'}:{line}")]
    assert build.pep_warnings()[0].message == (
        f"PEP 0012: template instruction text left in: {text}; "
        "replace it with the proposal's own text"
    )


@pytest.mark.parametrize("md", [False, True])
def test_instruction_list_reported_once(build_project: BuildProject, md: bool) -> None:
    body = (
        "Real text.\n\n"
        "1. **Limitation 1**: [Description and impact]\n"
        "2. **Limitation 2**: [Description and impact]\n\n"
        "- **CPU**: [Expected impact]\n"
        "- **Memory**: 2 GB more per node\n"
        "- **Network**: [Expected impact]\n"
    )
    build = build_project(
        proposal_files((md_pep if md else rst_pep)(pep_sections(impact_assessment=body)), md=md)
    )
    ext = "md" if md else "rst"
    first = 31 if md else 36
    assert kinds(build) == [
        ("pep.placeholder", f"pep-0012.{ext}:{first}"),
        ("pep.placeholder", f"pep-0012.{ext}:{first + 3}"),
        ("pep.placeholder", f"pep-0012.{ext}:{first + 5}"),
    ]
    messages = [w.message for w in build.pep_warnings()]
    assert messages[0].startswith(
        "PEP 0012: a list of template instructions left in (2 items, "
        "starting 'Limitation 1: [Description and impact]')"
    )
    assert messages[1].startswith("PEP 0012: template instruction text left in: 'CPU:")


def test_instruction_table_and_heading(build_project: BuildProject) -> None:
    body = (
        "### Alternative 1: [Name]\n\nA bigger database.\n\n"
        "| Milestone | Date | Owner |\n|---|---|---|\n| Approval | [Date] | [Name] |\n"
    )
    build = build_project(
        proposal_files(md_pep(pep_sections(alternatives_considered=body)), md=True)
    )
    assert kinds(build) == [
        ("pep.placeholder", "pep-0012.md:25"),
        ("pep.placeholder", "pep-0012.md:29"),
    ]
    assert "heading 'Alternative 1: [Name]'" in build.pep_warnings()[0].message
    assert "a table still holds 2 template placeholders (first '[Date]')" in (
        build.pep_warnings()[1].message
    )


#: Bracketed text that is the template's instruction, or shaped like it (issue 20:
#: the real leftovers of the python/peps corpus, and the rule's other shapes).
GUIDANCE = [
    "[describe the key parts of the design: dlict, compiler support]",
    "[Any points that are still being decided/discussed.]",
    "[bugfix release dates go here]",
    "[TODO: update this section for the revised timeline]",
    "[TBD - after the review]",
    "[Name]",
    "[Date]",
    "[YYYY-MM-DD]",
    "[Briefly explain the trade-off.]",
    "[What happens now]",
    "[A short (~200 word) description of the technical issue being addressed.]",
    "[X weeks]",
    "[Risk 3]",
    "[Write the rationale of this proposal.]",
    # python/peps: to-do markers left in (PEPs 230, 551)
    "[XXX Open Issue: what about issuing warnings during lexing or parsing?]",
    "[TODO - more bad advice]",
]
#: Bracketed text of the authors' own (issue 15's new-user trial, issue 20's corpus).
AUTHORS_OWN = [
    "[Platform team]",
    "[in progress]",
    "[WIP]",
    "[Editor's note: the ideas described in this PEP have been incorporated into Python.]",
    "[revised 5 Oct 2000]",
    "[\u2026]",
    "[...]",
    "[install-system]",
    "[sign,inf]",
    "[See discussion for now.]",
    "[skipped]",
    # python/peps: every other bracketed paragraph of the corpus is the author's
    "[ed. note: new revisions should be made to this PEP document.]",
    "[Answer: building a Python binary with the Distutils should be feasible.]",
    "[Note: This is policy, and so should eventually move into PEP 5]",
    "[QUESTION: currently, if you close a generator and then try to iterate over it?]",
    "[ suggestions for module names are welcome; davlib has some precedence ]",
    "[This has been indented and paragraphs reflowed. --Fred]",
    "[Currently the point of this PEP is just to understand how this would work.]",
    "[x for x in 1, 2, 3]",  # PEP 289's list display, not a count "[X weeks]"
    "[n for n in range(3)]",
]


@pytest.mark.parametrize("text", GUIDANCE)
def test_guidance_rule_knows_instructions(text: str) -> None:
    assert is_guidance(text[1:-1])


@pytest.mark.parametrize("text", AUTHORS_OWN)
def test_guidance_rule_leaves_the_authors_brackets(text: str) -> None:
    assert not is_guidance(text[1:-1])


def _bracketed_texts(path: Path) -> set[str]:
    """The bracketed texts of the body (front matter, YAML lists, left out)."""
    text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
    return set(re.findall(r"\[([^\[\]]*)\]", text))


SCAFFOLDS = Path(sphinxext_pep.__file__).parent / "cli" / "scaffolds"


@pytest.mark.parametrize(
    "path", [*sorted(SEEDS.glob("seed00?.md")), *sorted(SCAFFOLDS.glob("*.md"))], ids=str
)
def test_every_bracketed_text_of_the_templates_is_guidance(path: Path) -> None:
    """The seeds' and scaffolds' own instruction text stays detected, every piece of it."""
    missed = sorted(
        text
        for text in _bracketed_texts(path)
        # checkboxes, and an ellipsis: a slot behind a label only, which the
        # paragraph rule decides (test_guidance_is_flagged_each_at_its_line)
        if text.strip() not in ("", "x", "...") and not is_guidance(text)
    )
    assert missed == []


@pytest.mark.parametrize("md", [False, True])
def test_authors_brackets_build_clean(build_project: BuildProject, md: bool) -> None:
    """Issue 15/20: none of these is flagged, as a paragraph, behind a label, a heading, a cell."""
    labelled = ["**Owner**: [Platform team]", "Status: [in progress]"]
    quote = (
        "> Quoted text.\n>\n> [\u2026]\n>\n> More quoted text.\n"
        if md
        else ("   Quoted text.\n\n   [\u2026]\n\n   More quoted text.\n")
    )
    if md:
        table = "| Context | Flags |\n|---|---|\n| decimal | [sign,inf] |\n"
        heading = "### [install-system]\n\nThe TOML table.\n"
    else:
        table = ".. list-table::\n\n   * - decimal\n     - [sign,inf]\n"
        heading = "[install-system]\n~~~~~~~~~~~~~~~~\n\nThe TOML table.\n"
    body = "\n\n".join([*labelled, *AUTHORS_OWN, quote, table, heading])
    source = (md_pep if md else rst_pep)(pep_sections(proposed_solution=body))
    build = build_project(proposal_files(source, md=md))
    assert build.pep_warnings() == []


@pytest.mark.parametrize("md", [False, True])
def test_guidance_is_flagged_each_at_its_line(build_project: BuildProject, md: bool) -> None:
    body = "\n\n".join(["Warm it at 6am.", *GUIDANCE, "**Pros**: [...]"])
    source = (md_pep if md else rst_pep)(pep_sections(proposed_solution=body))
    build = build_project(proposal_files(source, md=md))
    lines = source.splitlines()
    expected = [
        f"pep-0012.{'md' if md else 'rst'}:{lines.index(text) + 1}"
        for text in [*GUIDANCE, "**Pros**: [...]"]
    ]
    assert [w.where for w in build.pep_warnings("placeholder")] == expected
    assert {w.type for w in build.pep_warnings()} == {"pep.placeholder"}


# -- pep.criteria -----------------------------------------------------------------------

CRITERIA = "- [x] Warm-up runs at 6am.\n- [ ] The 9am p95 latency is under 1 second.\n"


@pytest.mark.parametrize(
    ("md", "conf", "where"),
    [
        (False, "", "pep-0012.rst:45"),
        (True, "", "pep-0012.md:38"),
        (True, MYST_TASKLIST, "pep-0012.md:38"),
    ],
)
def test_done_proposal_with_unchecked_criteria(
    build_project: BuildProject, md: bool, conf: str, where: str
) -> None:
    source = (md_pep if md else rst_pep)(
        pep_sections(acceptance_criteria=CRITERIA), status="Implemented"
    )
    build = build_project(proposal_files(source, md=md), conf=conf)
    assert kinds(build) == [("pep.criteria", where)]
    assert build.pep_warnings()[0].message == (
        "PEP 0012: status 'Implemented' is done, but the criterion "
        "'The 9am p95 latency is under 1 second.' in 'Acceptance Criteria' is not ticked: "
        "tick it ([x]) if it is met, or change the status"
    )


def test_unticked_items_in_one_rst_paragraph_are_located_each(
    build_project: BuildProject,
) -> None:
    # RST has no task lists: "[ ]" lines may form one paragraph; each item is
    # reported at its own line, not the paragraph's first.
    block = "[x] Warm-up runs at 6am.\n[ ] Latency is under 1 second.\n[ ] Errors stay flat.\n"
    source = rst_pep(pep_sections(acceptance_criteria=block), status="Implemented")
    build = build_project(proposal_files(source, md=False))
    first = source.splitlines().index("[ ] Latency is under 1 second.") + 1
    assert kinds(build) == [
        ("pep.criteria", f"pep-0012.rst:{first}"),
        ("pep.criteria", f"pep-0012.rst:{first + 1}"),
    ]


@pytest.mark.parametrize(("md", "conf"), [(False, ""), (True, ""), (True, MYST_TASKLIST)])
def test_done_proposal_with_all_criteria_ticked(
    build_project: BuildProject, md: bool, conf: str
) -> None:
    ticked = CRITERIA.replace("[ ]", "[x]")
    source = (md_pep if md else rst_pep)(
        pep_sections(acceptance_criteria=ticked), status="Implemented"
    )
    assert build_project(proposal_files(source, md=md), conf=conf).pep_warnings() == []


@pytest.mark.parametrize("status", ["Proposed", "Implementing", "Rejected"])
def test_unfinished_proposal_may_have_open_criteria(
    build_project: BuildProject, status: str
) -> None:
    source = md_pep(pep_sections(acceptance_criteria=CRITERIA), status=status)
    build = build_project(proposal_files(source, md=True), conf=MYST_TASKLIST)
    assert build.pep_warnings("criteria") == []


def test_criteria_section_is_template_data(build_project: BuildProject) -> None:
    """``pep-full`` has no criteria section: a Final proposal's task lists are free."""
    sections = full_sections(Implementation="- [ ] Write the docs")
    source = rst_pep(sections, template="pep-full", status="Final", shipped="1.0")
    assert build_project(proposal_files(source)).pep_warnings() == []
    conf = 'pep_templates = {"pep-full": {"criteria_section": "Implementation"}}\n'
    build = build_project(proposal_files(source), conf=conf)
    assert [w.type for w in build.pep_warnings()] == ["pep.criteria"]


# -- exemptions -------------------------------------------------------------------------


def legacy_proposal(**fields: str) -> str:
    sections = pep_sections(problem_statement="[Describe the problem]", out_of_scope=None)
    return rst_pep(sections, **fields)


def test_exempt_silences_listed_subtypes_for_that_proposal(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0012", "pep-0013"),
            "pep-0012.rst": legacy_proposal(exempt="section"),
            "pep-0013.rst": legacy_proposal(number=13),
        }
    )
    assert kinds(build) == [
        ("pep.placeholder", "pep-0012.rst:15"),
        ("pep.section", "pep-0013.rst:4"),
        ("pep.section", "pep-0013.rst:4"),
        ("pep.placeholder", "pep-0013.rst:14"),
    ]


def test_exempt_several_subtypes(build_project: BuildProject) -> None:
    source = legacy_proposal(exempt="section, pep.placeholder")
    build = build_project(proposal_files(source), warningiserror=True)
    assert build.warning_text == ""


def test_suppress_warnings_project_wide(build_project: BuildProject) -> None:
    build = build_project(
        {
            "index.rst": index_rst("pep-0012", "pep-0013"),
            "pep-0012.rst": legacy_proposal(),
            "pep-0013.rst": legacy_proposal(number=13),
        },
        conf='suppress_warnings = ["pep.section"]\n',
    )
    assert [w.type for w in build.pep_warnings()] == ["pep.placeholder", "pep.placeholder"]


# -- builds -----------------------------------------------------------------------------


def test_fixing_a_proposal_clears_its_warnings(build_project: BuildProject) -> None:
    build = build_project(proposal_files(legacy_proposal()))
    assert len(build.pep_warnings()) == 3
    fixed = build.rebuild({"pep-0012.rst": rst_pep(pep_sections())})
    assert fixed.pep_warnings() == []


def test_parallel_build_reports_the_same(build_project: BuildProject) -> None:
    # More than five documents: Sphinx reads in parallel only above that.
    files = {
        "index.rst": index_rst(*(f"pep-{n:04d}" for n in range(12, 18))),
        **{f"pep-{n:04d}.rst": legacy_proposal(number=n) for n in range(12, 18)},
    }
    serial = build_project(files)
    parallel = build_project(files, parallel=2)

    def found(build: Build) -> list[tuple[str | None, str, str]]:
        return sorted((w.type, w.where, w.message) for w in build.pep_warnings())

    assert found(parallel) == found(serial)
    assert len(serial.pep_warnings()) == 18


# -- the docs ---------------------------------------------------------------------------

DOCS = Path(__file__).parent.parent / "docs"


def documented_output() -> list[str]:
    """The warnings docs/content-checks.md shows for its example, line by line."""
    page = (DOCS / "content-checks.md").read_text()
    block = page.split("Building it gives", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    return block.splitlines()


@pytest.mark.parametrize("suffix", [".rst", ".md"])
def test_docs_example_output_is_what_the_build_prints(
    build_project: BuildProject, suffix: str
) -> None:
    source = (DOCS / "snippets" / f"content-checks{suffix}").read_text()
    build = build_project(
        {"index.rst": index_rst("pep-0012"), f"pep-0012{suffix}": source}, conf=MYST_TASKLIST
    )
    printed = [f"{w.where}: WARNING: {w.message} [{w.type}]" for w in build.warnings]
    if suffix == ".rst":
        assert printed == documented_output()
    else:  # the same warnings, at the Markdown file's own lines

        def strip(line: str) -> str:
            return line.split(": WARNING: ", 1)[1]

        assert [strip(line) for line in printed] == [strip(line) for line in documented_output()]
