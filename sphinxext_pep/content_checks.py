"""Build-time content checks: what a reviewer used to check by hand (SPEC §7).

The seeds end with instructions such as "Fill in all required sections",
"Ensure the abstract is under 300 words" and "Remove all instruction text";
these checks make the build say so. They run once per proposal document, on
its doctree, last in :mod:`sphinxext_pep.collector`'s reading (after the
header, the history and the risks), and read every limit and section name
from the proposal's template:

- ``pep.section``: a required section missing or empty (at the header's line);
  a missing recommended section is an info message only;
- ``pep.abstract``: the abstract over ``abstract_max_words`` words;
- ``pep.title``: the title over ``title_max_chars`` characters;
- ``pep.placeholder``: a paragraph, list, table or heading that is only the
  template's instruction text (:mod:`sphinxext_pep.placeholders`);
- ``pep.criteria``: a ``done`` proposal whose ``criteria_section`` still has
  unticked ``[ ]`` items (RST text or MyST task lists).

Each warning honours the proposal's ``:exempt:`` list and ``suppress_warnings``.
Checks only read the document itself, so incremental and parallel builds
re-run them exactly when the document is re-read.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.header import pep_header
from sphinxext_pep.placeholders import Line, classify_text, excerpt, is_instruction
from sphinxext_pep.reporter import info, node_location, report
from sphinxext_pep.sections import (
    count_words,
    find_sections,
    has_content,
    section_text,
    section_title,
    title_line,
)

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.core.model import Proposal
    from sphinxext_pep.core.templates import Template

#: Nodes whose text is never instruction text: code, comments, raw markup.
_VERBATIM = (
    nodes.literal_block,
    nodes.doctest_block,
    nodes.comment,
    nodes.raw,
    nodes.system_message,
    nodes.substitution_definition,
    pep_header,
)
_UNCHECKED_LINE_RE = re.compile(r"^\s*(?:[-*+]\s+)?\[ \]\s")
_CHECKBOX_RE = re.compile(r"<input\b[^>]*\btype=[\"']?checkbox", re.IGNORECASE)
_CHECKED_RE = re.compile(r"\bchecked\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Context:
    """What every check of one proposal needs, and the problems they find."""

    docname: str
    pid: str
    proposal: Proposal
    template: Template
    doctree: nodes.document
    #: The section holding the whole proposal (its title is the proposal's
    #: title), left out when looking sections up by name.
    top: nodes.Element | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def exempt(self) -> Collection[str]:
        return self.proposal.exempt

    def warn(self, subtype: Subtype, message: str, location: Location) -> None:
        self.problems.append(Problem(subtype, message, location))

    def at(self, node: nodes.Node, line: int | None = None) -> Location:
        """Where *node* (or *line* of its file) is: its own file, an included one too."""
        location = node_location(node, self.docname)
        return location.at(line)


def _line_of(node: nodes.Node) -> int | None:
    return node_location(node, "").line


def _top_section(doctree: nodes.document) -> nodes.Element | None:
    header = next(iter(doctree.findall(pep_header)), None)
    node = header.parent if header is not None else None
    while node is not None and node.parent is not None and node.parent is not doctree:
        node = node.parent
    return node if isinstance(node, nodes.section) else None


def check_content(env: BuildEnvironment, doctree: nodes.document, proposal: Proposal) -> None:
    """Run the §7 checks on a proposal's document and report what they find."""
    settings = get_settings(env.config)
    template = settings.template(proposal.template)
    if template is None:
        return
    context = _Context(
        docname=env.docname,
        pid=settings.proposal_id(proposal.label, proposal.number),
        proposal=proposal,
        template=template,
        doctree=doctree,
        top=_top_section(doctree),
    )
    check_sections(context)
    check_abstract(context)
    check_title(context)
    check_placeholders(context)
    check_criteria(context)
    report(context.problems, context.pid, exempt=context.exempt)


# -- pep.section ---------------------------------------------------------------


def check_sections(context: _Context) -> None:
    """Required sections present and not empty; recommended ones noted."""
    template = context.template
    for name in template.required_sections:
        found = find_sections(context.doctree, name, skip=context.top)
        if not found:
            problem = f"required section '{name}' is missing (template '{template.name}')"
        elif not any(has_content(section) for section in found):
            problem = (
                f"required section '{name}' is empty: write its text "
                "(comments and template instructions do not count)"
            )
        else:
            continue
        context.warn(Subtype.SECTION, problem, context.proposal.location())
    if "section" in context.exempt:
        return
    for name in template.recommended_sections:
        if not find_sections(context.doctree, name, skip=context.top):
            info(
                f"{context.pid}: recommended section '{name}' is missing "
                f"(template '{template.name}')",
                context.proposal.location(),
            )


# -- pep.abstract, pep.title ---------------------------------------------------


def check_abstract(context: _Context) -> None:
    limit = context.template.abstract_max_words
    if limit is None:
        return
    for section in find_sections(
        context.doctree, context.template.abstract_section, skip=context.top
    ):
        words = count_words(section_text(section))
        if words > limit:
            context.warn(
                Subtype.ABSTRACT,
                f"the {section_title(section).strip()} has {words} words; "
                f"template '{context.template.name}' allows at most {limit}: shorten it",
                context.at(section[0] if section.children else section, title_line(section)),
            )


def check_title(context: _Context) -> None:
    limit = context.template.title_max_chars
    title = context.proposal.title.strip()
    if limit is None or len(title) <= limit:
        return
    # Where the title was written: the header field, else the document heading.
    location = context.proposal.location("title")
    if "title" not in dict(context.proposal.field_lines) and context.top is not None:
        location = context.at(context.top[0], title_line(context.top))
    context.warn(
        Subtype.TITLE,
        f"title {title!r} is {len(title)} characters long; "
        f"template '{context.template.name}' allows at most {limit}",
        location,
    )


# -- pep.placeholder -----------------------------------------------------------


def iter_instructions(node: nodes.Element) -> Iterator[tuple[str, nodes.Element, int]]:
    """``(kind, node, count)`` for each piece of instruction text under *node*.

    A list (or table) made only of instructions is reported once, as a whole;
    in a list that mixes the author's text with instructions, each
    instruction paragraph is reported on its own.
    """
    for child in node.children:
        if isinstance(child, _VERBATIM) or not isinstance(child, nodes.Element):
            continue
        if isinstance(child, nodes.table):
            cells = [p for p in child.findall(nodes.paragraph) if is_instruction(p)]
            if cells:
                yield "table", child, len(cells)
        elif isinstance(child, nodes.bullet_list | nodes.enumerated_list):
            kinds = [classify_text(p) for p in child.findall(nodes.paragraph)]
            if kinds and Line.CONTENT not in kinds and Line.PLACEHOLDER in kinds:
                yield "list", child, len(child.children)
            else:
                yield from iter_instructions(child)
        elif isinstance(child, nodes.title | nodes.paragraph):
            if is_instruction(child):
                yield ("heading" if isinstance(child, nodes.title) else "paragraph"), child, 1
        else:
            yield from iter_instructions(child)


def _first_instruction(node: nodes.Element) -> nodes.Element:
    return next(p for p in node.findall(nodes.paragraph) if is_instruction(p))


def check_placeholders(context: _Context) -> None:
    for kind, node, count in iter_instructions(context.doctree):
        if kind == "paragraph":
            problem = f"template instruction text left in: {excerpt(node)!r}"
        elif kind == "heading":
            problem = f"heading {excerpt(node)!r} still holds a template placeholder"
        elif kind == "list":
            first = _first_instruction(node)
            problem = (
                f"a list of template instructions left in "
                f"({count} item{'s' if count != 1 else ''}, starting {excerpt(first)!r})"
            )
        else:
            problem = (
                f"a table still holds {count} template placeholder"
                f"{'s' if count != 1 else ''} (first {excerpt(_first_instruction(node))!r})"
            )
        fix = "fill in the table" if kind == "table" else "replace it with the proposal's own text"
        context.warn(Subtype.PLACEHOLDER, f"{problem}; {fix}", context.at(node))


# -- pep.criteria --------------------------------------------------------------


def _visible_text(node: nodes.Node) -> str:
    """Text as a reader sees it: raw markup (a task-list checkbox) left out."""
    return "".join(
        str(text) for text in node.findall(nodes.Text) if not isinstance(text.parent, nodes.raw)
    )


def _unchecked(section: nodes.Element) -> Iterator[tuple[str, nodes.Element, int | None]]:
    """``(item text, paragraph, line)`` for each unticked ``[ ]`` item in *section*."""
    for paragraph in section.findall(nodes.paragraph):
        raw = next(iter(paragraph.findall(nodes.raw)), None)
        if raw is not None and _CHECKBOX_RE.search(raw.astext()):
            if not _CHECKED_RE.search(raw.astext()):
                yield _visible_text(paragraph), paragraph, _line_of(paragraph)
            continue
        base = _line_of(paragraph)
        for offset, line in enumerate(_visible_text(paragraph).splitlines()):
            if _UNCHECKED_LINE_RE.match(line + " "):
                text = _UNCHECKED_LINE_RE.sub("", line + " ", count=1)
                yield text, paragraph, (base + offset) if base else None


def check_criteria(context: _Context) -> None:
    name = context.template.criteria_section
    if name is None or context.proposal.status_group != "done":
        return
    for section in find_sections(context.doctree, name, skip=context.top):
        for text, paragraph, line in _unchecked(section):
            item = " ".join(text.split())
            context.warn(
                Subtype.CRITERIA,
                f"status '{context.proposal.status}' is done, but the criterion "
                f"{item!r} in '{section_title(section).strip()}' is not ticked: "
                "tick it ([x]) if it is met, or change the status",
                context.at(paragraph, line),
            )
