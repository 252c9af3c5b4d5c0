"""What ``pep-header`` reads from the page: its own option block, and the front matter.

The directive reads its option block itself: with no ``option_spec``, docutils
and MyST hand over every line as content. Left to them, one repeated option
(``:Status:`` next to ``:status:``) or a line of content (the seed's header
table pasted under it) makes docutils refuse the whole header, and the
proposal vanishes from every output with an untyped error. Read here, with
the parsers' own option readers, the options are what docutils or MyST would
have read, every repeat kept, and where content past them starts.

Front matter is YAML (MyST) read from the source, or a leading RST field list.
"""

from __future__ import annotations

import re
import textwrap

from docutils import nodes
from docutils.parsers.rst.states import Body, RSTState
from sphinx.util.docutils import SphinxDirective

from sphinxext_pep.core.front_matter import front_matter_values
from sphinxext_pep.core.values import front_matter_text
from sphinxext_pep.directive_input import content_line

#: A top-level key of YAML front matter (``created: 2026-01-15``).
_YAML_KEY_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:")
#: Where docutils sees a field (an option) begin.
_FIELD_MARKER_RE = re.compile(Body.patterns["field_marker"])


def _is_myst_option(line: str) -> bool:
    """A ``:key: value`` line of MyST's option block (``:::`` opens a fence instead)."""
    stripped = line.lstrip()
    return stripped.startswith(":") and not stripped.startswith(":::")


def read_options(
    directive: SphinxDirective,
) -> tuple[list[tuple[str, str, int]], int | None, list[tuple[int, str]]]:
    """The options as written, where content past them starts, what could not be read.

    Options are ``(name as written, value, line)`` in order, repeats
    kept; they start on the line after the directive's. The index is that
    of the first non-blank content line after the option block (``None``:
    no content); the problems are ``(line, message)`` for an option block
    the parser cannot read.
    """
    lines = list(directive.content)
    problems: list[tuple[int, str]] = []
    found: list[tuple[str, str, int]] = []
    consumed = 0
    if lines and content_line(directive, 0)[1] > (directive.get_source_info()[1] or 0) + 1:
        pass  # a blank line first: docutils reads none of it as options, nor do we
    elif isinstance(directive.state, RSTState):
        options = _rst_options(directive, lines)
        consumed = options[-1][3] if options else 0
        found = [(name, value, line) for name, value, line, _ in options]
    else:
        found, consumed, problems = _myst_options(directive, lines)
    rest = next((i for i in range(consumed, len(lines)) if lines[i].strip()), None)
    return found, rest, problems


def _rst_options(directive: SphinxDirective, lines: list[str]) -> list[tuple[str, str, int, int]]:
    """docutils' own option reader on the field list the content starts with.

    Each option with the index of the content line after it. The block
    ends at the first blank line, as docutils' does; docutils' reader,
    not a copy of it, reads it (continuation lines, field names).
    """
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    if not end or not _FIELD_MARKER_RE.match(lines[0]):
        return []
    field_list = nodes.field_list()
    consumed, _ = directive.state.nested_list_parse(
        directive.content[:end], 0, field_list, initial_state="ExtensionOptions", blank_finish=True
    )
    starts = [i for i in range(consumed) if _FIELD_MARKER_RE.match(lines[i])]
    fields = list(field_list.findall(nodes.field))
    ends = [*starts[1:], consumed]
    return [
        (field[0].astext(), field[1].astext(), content_line(directive, start)[1], after)
        for field, start, after in zip(fields, starts, ends, strict=False)
    ]


def _myst_options(
    directive: SphinxDirective, lines: list[str]
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
        line = content_line(directive, first + error.problem_mark.line)[1]
        return (
            [],
            consumed,
            [
                (
                    line,
                    f"the header's options cannot be read: {error.problem}; write one "
                    "':field: value' line per field (a quoted value closes its quote)",
                )
            ],
        )
    found = [
        (
            key.value,
            value.value if value is not None else "",
            content_line(directive, first + key.start.line)[1],
        )
        for key, value in tokens
    ]
    return found, consumed, []


def read_yaml_front_matter(
    directive: SphinxDirective,
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
        source = directive.env.doc2path(directive.env.docname).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = source.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None  # a leading RST field list, if anything
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
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


def leading_field_list(directive: SphinxDirective) -> tuple[dict[str, str], dict[str, int]]:
    """A leading field list (RST's front matter): text by field, and each field's line.

    MyST renders YAML front matter the same way, as the document's first
    field list, but that is read from the source instead (see
    :func:`read_yaml_front_matter`). Lists arrive JSON-encoded and are turned
    back into comma lists.
    """
    for child in directive.state.document.children:
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
