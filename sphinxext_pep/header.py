"""The ``pep-header`` directive and how a document becomes a proposal (SPEC §4).

The directive only captures what was written (option values, their lines, the
page's front matter) into a :class:`pep_header` node. Once the whole document
is read (``doctree-read``) the header is interpreted against its template with
the document title at hand, the problems are warned about, and the proposal is
stored in the domain. Rendering waits until every document is known
(:mod:`sphinxext_pep.header_render`), because reverse links and reference
tooltips depend on other documents.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst.states import RSTState
from sphinx import addnodes
from sphinx.ext.ifconfig import ifconfig
from sphinx.util.docutils import SphinxDirective, new_document
from sphinx.util.logging import suppress_logging

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.front_matter import text_problems
from sphinxext_pep.core.header import (
    COMMON_FIELDS,
    content_message,
    merge_header_values,
    read_header,
)
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.core.text import has_forbidden_characters, xml_safe
from sphinxext_pep.core.values import parse_proposal_id
from sphinxext_pep.directive_input import content_line
from sphinxext_pep.header_input import leading_field_list, read_options, read_yaml_front_matter
from sphinxext_pep.reporter import node_location, report
from sphinxext_pep.sections import title_line
from sphinxext_pep.xref import named_id

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.config import PepSettings
    from sphinxext_pep.core.model import Proposal


class pep_header(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a proposal's header goes; replaced by its rendering before writing.

    Attributes: ``docname``, ``values`` (field -> text), ``lines`` (field ->
    line), ``front_matter`` (field -> text, from the page's front matter) and
    ``front_matter_lines`` (field -> its line in the YAML front matter),
    ``refused`` ((field, message) for front matter not read) and ``unsafe``
    (fields whose text held characters no output can hold, now replaced).
    """


class PepHeaderDirective(SphinxDirective):
    """``.. pep-header::`` with one option per header field.

    No ``option_spec``: the directive reads its option block itself
    (:func:`~sphinxext_pep.header_input.read_options`), so that a repeated
    option or content below the options is our located warning, not
    docutils refusing the whole header. A repeat is reported (the last is
    used), and so is content, which is not read.
    """

    has_content = True
    option_spec = None

    def run(self) -> list[nodes.Node]:
        node = pep_header()
        node.source, node.line = self.get_source_info()
        node["docname"] = self.env.docname
        options, content_index, node["unreadable"] = read_options(self)
        node["values"], node["lines"], node["repeated"] = {}, {}, []
        for name, value, line in options:
            field = name.lower()
            if field in node["values"]:
                node["repeated"].append(field)
            node["values"][field] = value
            node["lines"][field] = line
        node["content"] = None
        if content_index is not None:
            node["content"] = (
                content_line(self, content_index)[1],
                list(self.content)[content_index:],
            )
        yaml_front_matter = read_yaml_front_matter(self)
        node["refused"] = []
        if yaml_front_matter is not None:
            node["front_matter"], node["front_matter_lines"], node["refused"] = yaml_front_matter
        else:
            node["front_matter"], node["front_matter_lines"] = leading_field_list(self)
        # Cleaned here, before the title is parsed and anything is stored: a
        # lone surrogate would crash Sphinx writing objects.inv, a control
        # character would make proposals.atom ill-formed.
        node["unsafe"] = []
        for held in (node["values"], node["front_matter"]):
            for field, value in held.items():
                if has_forbidden_characters(value):
                    held[field] = xml_safe(value)
                    node["unsafe"].append(field)
        title = node["values"].get("title") or node["front_matter"].get("title")
        if title:
            node += self._parsed_title(title)
        return [node]

    def _parsed_title(self, text: str) -> nodes.inline:
        """The title with its inline markup (RST or Markdown, as the page).

        Kept as the header node's child: the heading's transforms (smart
        quotes) reach it too, so comparing it with the heading is fair, and the
        header shows ``code`` and *emphasis* as the heading does. Anything
        else stays plain text: markup that does not parse (its reports
        silenced: a broken role is the heading's problem, or only text here)
        and markup that names or points at something in the page (targets,
        footnotes, citations, named references), which a title must not add.
        """
        with suppress_logging():
            parsed, messages = self._parse_inline(text)
        if messages or not all(
            _allowed_in_title(n) for node in parsed for n in node.findall(include_self=True)
        ):
            parsed = [nodes.Text(text)]
        return nodes.inline("", "", *parsed, classes=["pep-title-source"])

    def _parse_inline(self, text: str) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Parse *text* as inline markup without touching the page being read.

        docutils registers targets and reference names on the document as it
        parses them, so RST is parsed into a scratch document (same settings,
        so roles still see the environment). MyST's inline parser has no
        such side effects worth guarding against.
        """
        if not isinstance(self.state, RSTState):
            return self.state.inline_text(text, self.lineno)
        inliner = self.state.inliner
        saved = {name: getattr(inliner, name, None) for name in _INLINER_STATE}
        scratch = new_document(self.state.document["source"], self.state.document.settings)
        # Roles locate their nodes through the reporter, as the state machine
        # equips the page's own.
        scratch.reporter.get_source_and_line = self.state_machine.get_source_and_line
        memo = SimpleNamespace(  # what docutils' own memo holds
            document=scratch,
            reporter=scratch.reporter,
            language=self.state.memo.language,
            title_styles=[],
            section_level=0,
            section_bubble_up_kludge=False,
            inliner=inliner,
        )
        try:
            return inliner.parse(text, self.lineno, memo, scratch)
        finally:
            for name, value in saved.items():
                setattr(inliner, name, value)


#: What Inliner.parse points at the document it parses into (restored after).
_INLINER_STATE = ("reporter", "document", "language", "parent")

#: Inline markup a title may keep: formatting and cross-references.
_TITLE_NODES = (
    nodes.Text,
    nodes.inline,
    nodes.literal,
    nodes.emphasis,
    nodes.strong,
    nodes.title_reference,
    nodes.subscript,
    nodes.superscript,
    nodes.abbreviation,
    nodes.math,
    addnodes.pending_xref,
    addnodes.literal_emphasis,
    addnodes.literal_strong,
)


def _allowed_in_title(node: nodes.Node) -> bool:
    if isinstance(node, nodes.reference):  # a plain URL, not a name to resolve
        return bool(node.get("refuri")) and not node.get("refname") and not node.get("anonymous")
    return isinstance(node, _TITLE_NODES)


def _plain_title(title: nodes.Node, settings: PepSettings) -> str:
    """A title or heading as text, a proposal reference in it as the proposal id.

    Read before references resolve: ``Amend :pep:ref:`2``` would otherwise be
    "Amend 2" in tooltips, the index and ``proposals.json``.
    """
    title = title.deepcopy()
    for xref in list(title.findall(addnodes.pending_xref)):
        pid = parse_proposal_id(xref.get("reftarget", ""))
        if xref.get("refdomain") == "pep" and pid is not None and not xref.get("refexplicit"):
            xref.replace_self(nodes.Text(named_id(xref, pid, settings)))
    return title.astext()


def _hoist_out_of_conditionals(header: pep_header) -> str | None:
    """Move *header* out of ``only`` / ``ifconfig`` blocks; the outermost one's name, if any.

    A proposal is registered once, for every builder, at read time; an
    ``only`` or ``ifconfig`` block is decided later, per builder. Left
    inside, the header would be indexed and linked from every page while
    some outputs drop it. Moved just before the outermost such block, it is
    in every output, as the index and links say.
    """
    outermost: tuple[nodes.Element, str] | None = None
    for ancestor in _ancestors(header):
        if isinstance(ancestor, addnodes.only):
            outermost = (ancestor, f".. only:: {ancestor.get('expr', '')}")
        elif isinstance(ancestor, ifconfig):
            outermost = (ancestor, f".. ifconfig:: {ancestor.get('expr', '')}")
    if outermost is None:
        return None
    block, name = outermost
    header.parent.remove(header)
    block.parent.insert(block.parent.index(block), header)
    return name


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def _first_heading(doctree: nodes.document) -> nodes.title | None:
    section = doctree.next_node(nodes.section)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        return section[0]
    return None


def read_proposal(env: BuildEnvironment, doctree: nodes.document) -> Proposal | None:
    """Interpret the document's header into its proposal, reporting every problem.

    ``None`` when the document holds no ``pep-header``. The first header is
    the proposal's; any other is reported and removed.
    """
    headers = list(doctree.findall(pep_header))
    if not headers:
        return None
    settings = get_settings(env.config)
    header, *extra = headers
    conditional = _hoist_out_of_conditionals(header)
    number_fields = {template.number_field for template in settings.templates.values()}
    # A header pulled in by ``.. include::`` is located in its own file.
    # docutils records an included file relative to the working directory;
    # locations are absolute, as Sphinx's own are.
    source = os.path.abspath(header.source) if header.source else ""
    included = bool(source) and Path(source) != Path(env.doc2path(env.docname))
    values, lines = merge_header_values(
        header["values"],
        header["lines"],
        header["front_matter"],
        {} if included else header["front_matter_lines"],
        header_line=header.line or 0,
        number_fields=number_fields,
    )
    if header.children:  # the title as the page shows it, markup and smart quotes
        values["title"] = _plain_title(header.children[0], settings)
    heading = _first_heading(doctree)
    reading = read_header(
        values,
        lines,
        docname=env.docname,
        header=Location(source if included else env.docname, header.line or 0),
        heading=_plain_title(heading, settings) if heading is not None else None,
        heading_location=(
            Location(env.docname, title_line(heading.parent)) if heading is not None else None
        ),
        settings=settings,
        repeated=header.get("repeated", ()),
        reported=[field for field, _message in header["refused"]],
        has_unread_text=header["content"] is not None or bool(header["unreadable"]),
    )
    proposal = reading.proposal
    pid = settings.proposal_id(proposal.label, proposal.number)
    report(reading.problems, pid, exempt=proposal.exempt)
    written = {**header["front_matter_lines"], **header["lines"]}
    where = {
        name: Location(env.docname, written.get(name) or header.line or 0)
        for name in {*COMMON_FIELDS, *number_fields}
    }
    report(text_problems(header["refused"], header["unsafe"], where), pid, exempt=proposal.exempt)
    header_file = source if included else env.docname
    written_problems = [
        Problem(Subtype.HEADER, message, Location(header_file, line))
        for line, message in header["unreadable"]
    ]
    if header["content"] is not None:
        line, content = header["content"]
        message = content_message(content, number_fields)
        written_problems.append(Problem(Subtype.HEADER, message, Location(header_file, line)))
    if conditional is not None:
        written_problems.append(
            Problem(
                Subtype.HEADER,
                f"a proposal header cannot be conditional: this pep-header is inside "
                f"'{conditional}', so some outputs would lack the header that every index "
                "and link points at; move it out (it is read and shown as if it were)",
                Location(header_file, header.line or 0),
            )
        )
    report(written_problems, pid, exempt=proposal.exempt)
    for duplicate in extra:
        report(
            [
                Problem(
                    Subtype.HEADER,
                    "a second pep-header in one document; a document holds one proposal "
                    f"(the first, at line {header.line}, is used)",
                    node_location(duplicate, env.docname),
                )
            ],
            pid,
            exempt=proposal.exempt,
        )
        duplicate.parent.remove(duplicate)
    if proposal.number is not None:
        header["ids"].append(proposal.anchor)
        doctree.ids[proposal.anchor] = header
        # Its std label (``:ref:`pep-12```) is set after reading: sphinxext_pep.labels.
    return proposal


def setup_header(app: Sphinx) -> None:
    app.add_node(pep_header)
    app.add_directive("pep-header", PepHeaderDirective)
