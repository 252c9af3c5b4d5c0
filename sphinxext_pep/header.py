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
import re
import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst.states import Body, RSTState
from sphinx import addnodes
from sphinx.ext.ifconfig import ifconfig
from sphinx.util.docutils import SphinxDirective, new_document
from sphinx.util.logging import suppress_logging

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.front_matter import front_matter_values, text_problems
from sphinxext_pep.core.header import (
    COMMON_FIELDS,
    content_message,
    merge_header_values,
    read_header,
)
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.core.text import has_forbidden_characters, xml_safe
from sphinxext_pep.core.values import front_matter_text, parse_proposal_id
from sphinxext_pep.directive_input import content_line
from sphinxext_pep.reporter import node_location, report
from sphinxext_pep.sections import title_line
from sphinxext_pep.xref import named_id

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.config import PepSettings
    from sphinxext_pep.core.model import Proposal


#: A top-level key of YAML front matter (``created: 2026-01-15``).
_YAML_KEY_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:")
#: Where docutils sees a field (an option) begin.
_FIELD_MARKER_RE = re.compile(Body.patterns["field_marker"])


def _is_myst_option(line: str) -> bool:
    """A ``:key: value`` line of MyST's option block (``:::`` opens a fence instead)."""
    stripped = line.lstrip()
    return stripped.startswith(":") and not stripped.startswith(":::")


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

    The directive reads its own option block: with no ``option_spec``,
    docutils and MyST hand over every line as content. Left to them, one
    repeated option (``:Status:`` next to ``:status:``) or a line of content
    (the seed's header table pasted under it) makes docutils refuse the whole
    header, and the proposal vanishes from every output with an untyped
    error. Read here, with the parsers' own option readers, the options are
    what docutils or MyST would have read; a repeat is reported (the last is
    used), and so is content below the options, which is not read.
    """

    has_content = True
    option_spec = None

    def run(self) -> list[nodes.Node]:
        node = pep_header()
        node.source, node.line = self.get_source_info()
        node["docname"] = self.env.docname
        options, content_index, node["unreadable"] = self._read_options()
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
        yaml_front_matter = self._yaml_front_matter()
        node["refused"] = []
        if yaml_front_matter is not None:
            node["front_matter"], node["front_matter_lines"], node["refused"] = yaml_front_matter
        else:
            node["front_matter"], node["front_matter_lines"] = self._front_matter()
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

    def _read_options(
        self,
    ) -> tuple[list[tuple[str, str, int]], int | None, list[tuple[int, str]]]:
        """The options as written, where content past them starts, what could not be read.

        Options are ``(name as written, value, line)`` in order, repeats
        kept. The index is that of the first non-blank content line after
        the option block (``None``: no content); the problems are
        ``(line, message)`` for an option block the parser cannot read.
        """
        lines = list(self.content)
        problems: list[tuple[int, str]] = []
        if isinstance(self.state, RSTState):
            options = self._rst_options(lines)
            consumed = options[-1][3] if options else 0
            found = [(name, value, line) for name, value, line, _ in options]
        else:
            found, consumed, problems = self._myst_options(lines)
        rest = next((i for i in range(consumed, len(lines)) if lines[i].strip()), None)
        return found, rest, problems

    def _rst_options(self, lines: list[str]) -> list[tuple[str, str, int, int]]:
        """docutils' own option reader on the field list the content starts with.

        Each option with the index of the content line after it. The block
        ends at the first blank line, as docutils' does; docutils' reader,
        not a copy of it, reads it (continuation lines, field names).
        """
        end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        if not end or not _FIELD_MARKER_RE.match(lines[0]):
            return []
        field_list = nodes.field_list()
        consumed, _ = self.state.nested_list_parse(
            self.content[:end], 0, field_list, initial_state="ExtensionOptions", blank_finish=True
        )
        starts = [i for i in range(consumed) if _FIELD_MARKER_RE.match(lines[i])]
        fields = list(field_list.findall(nodes.field))
        ends = [*starts[1:], consumed]
        return [
            (field[0].astext(), field[1].astext(), content_line(self, start)[1], after)
            for field, start, after in zip(fields, starts, ends, strict=False)
        ]

    def _myst_options(
        self, lines: list[str]
    ) -> tuple[list[tuple[str, str, int]], int, list[tuple[int, str]]]:
        """MyST's own option reader on the option block the content starts with.

        Either ``:key: value`` lines or a ``---`` delimited YAML block, as
        MyST reads them (MyST keeps the case of names: ``:Status:`` and
        ``:status:`` are two, reported as a repeat here).
        """
        from myst_parser.parsers.options import TokenizeError, options_to_tokens

        if lines and lines[0].startswith("---"):
            close = next((i for i in range(1, len(lines)) if lines[i].startswith("---")), None)
            first, block = 1, lines[1:close]
            consumed = len(lines) if close is None else close + 1
        else:
            consumed = next(
                (i for i, line in enumerate(lines) if not _is_myst_option(line)), len(lines)
            )
            first, block = 0, [line.lstrip()[1:] for line in lines[:consumed]]
        if not block:
            return [], consumed, []
        try:
            tokens, _state = options_to_tokens(textwrap.dedent("\n".join(block)))
        except TokenizeError as error:
            line = content_line(self, first + error.problem_mark.line)[1]
            return [], consumed, [(line, f"the header's options cannot be read: {error.problem}")]
        found = [
            (
                key.value,
                value.value if value is not None else "",
                content_line(self, first + key.start.line)[1],
            )
            for key, value in tokens
        ]
        return found, consumed, []

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

    def _yaml_front_matter(
        self,
    ) -> tuple[dict[str, str], dict[str, int], list[tuple[str, str]]] | None:
        """The page's YAML front matter as written, the line of each key, what was refused.

        Read from the source, not from MyST's rendering of it: YAML would turn
        ``rfc: 0012`` into the octal 10 and drop the whole block over one
        impossible date, and MyST keeps no line numbers. ``None`` when the page
        has no YAML front matter (or it is not YAML at all).
        """
        try:
            import yaml
        except ImportError:  # no MyST, so no YAML front matter either
            return None
        try:
            source = self.env.doc2path(self.env.docname).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        lines = source.splitlines()
        if not lines or lines[0].rstrip() != "---":
            return None  # a leading RST field list, if anything
        end = next(
            (i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None
        )
        if end is None:
            return None
        try:
            # BaseLoader: every scalar stays the string the author typed.
            data = yaml.load("\n".join(lines[1:end]), Loader=yaml.BaseLoader)
        except (yaml.YAMLError, RecursionError):
            return None  # MyST reports the malformed block itself
        if not isinstance(data, dict):
            return None
        values, refused = front_matter_values(data)
        keys = values.keys() | {value.key for value in refused}
        found: dict[str, int] = {}
        for number, line in enumerate(lines[1:end], start=2):
            match = _YAML_KEY_RE.match(line)
            if match and match["key"].lower() in keys:
                found.setdefault(match["key"].lower(), number)
        return values, found, [(value.key, value.message) for value in refused]

    def _front_matter(self) -> tuple[dict[str, str], dict[str, int]]:
        """A leading field list (RST's front matter): text by field, and each field's line.

        MyST renders YAML front matter the same way, as the document's first
        field list, but that is read from the source instead (see
        :meth:`_yaml_front_matter`). Lists arrive JSON-encoded and are turned
        back into comma lists.
        """
        for child in self.state.document.children:
            if isinstance(child, nodes.section):
                break
            if isinstance(child, nodes.field_list | nodes.docinfo):
                fields = [
                    (field[0].astext().strip().lower(), field, field[1])
                    for field in child.findall(nodes.field)
                    if isinstance(field[1], nodes.Element)
                ]
                values = {name: front_matter_text(_plain_text(body)) for name, _, body in fields}
                lines = {name: field.line for name, field, _ in fields if field.line}
                return values, lines
        return {}, {}


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


def _plain_text(body: nodes.Element) -> str:
    """A field body's text as the author typed it.

    docutils keeps a paragraph's source (RST turns ``Jane <jane@x.org>``
    into text around a mailto link, the brackets outside it). MyST parses
    bibliographic fields (``author``, ``authors``) as Markdown, which turns
    ``<jane@example.com>`` into a mailto link; put the address back.
    """
    if len(body) == 1 and isinstance(body[0], nodes.paragraph) and body[0].rawsource:
        return body[0].rawsource
    body = body.deepcopy()
    for link in list(body.findall(nodes.reference)):
        uri = link.get("refuri", "")
        if uri.startswith("mailto:") and link.astext() == uri.removeprefix("mailto:"):
            link.replace_self(nodes.Text(f"<{link.astext()}>"))
    return body.astext()


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
        _add_std_label(env, proposal.anchor, f"{pid} \u2013 {proposal.title}")
    return proposal


def _add_std_label(env: BuildEnvironment, anchor: str, text: str) -> None:
    """Make ``:ref:`pep-12``` (and MyST's ``{ref}``) find the proposal too.

    Stored per document in the std domain, whose own ``clear_doc`` and merge
    keep it right. A label the author already defined is left alone; a clash
    between two proposals is reported as ``pep.duplicate``, not here.
    """
    std = env.domaindata["std"]
    if anchor not in std["labels"]:
        std["labels"][anchor] = (env.docname, anchor, text)
        std["anonlabels"][anchor] = (env.docname, anchor)


def setup_header(app: Sphinx) -> None:
    app.add_node(pep_header)
    app.add_directive("pep-header", PepHeaderDirective)
