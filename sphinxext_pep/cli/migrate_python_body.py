"""The body markup of Python's PEPs that only their own build reads, made portable.

python/peps builds with its ``pep_sphinx_extensions``: a ``:pep:`` role that
links to a PEP of the same site (``:pep:`8```, ``:pep:`text <8>```,
``:pep:`12#anchor```), and banner directives (``.. rejected::``,
``.. withdrawn::``, ``.. superseded:: 292``, ``.. canonical-doc::``,
``.. canonical-pypa-spec::``, ``.. canonical-typing-spec::``,
``.. pep-banner::``) that other builds refuse as unknown. Converted:

- ``:pep:`` becomes ``:pep:ref:`` (what is inside the backticks is kept: the
  role reads the same ``text <8>`` and ``12#anchor`` forms), except for PEP 0:
  python/peps generates it, the index of all PEPs, which in the migrated
  project is its root document, so ``:pep:`0``` becomes
  ``:doc:`PEP 0 </index>``` (``:pep:`text <0>```: ``:doc:`text </index>```);
- a status banner with nothing to say but the status (``.. withdrawn::``
  alone, ``.. superseded:: 292``) is dropped: the extension's own banner
  shows the status and the ``Superseded-By`` link;
- any other banner becomes a ``.. note::``, its text and content kept.

Only those markers change; every other byte stays. Literal text is left
alone: the content of ``::`` blocks, code, raw and math directives and
comments, and inline literals (PEP 12 shows ````:pep:```` as an example).
A converted text has none of these markers left, so converting it again
changes nothing.
"""

from __future__ import annotations

import re

from sphinxext_pep.cli.migrate_source import split_lines

_ROLE_RE = re.compile(r"(?<![\w:`\\]):pep:(?=`)", re.IGNORECASE)
#: ``:pep:`0```, ``:pep:`text <0>```: PEP 0, the generated index (no anchor: a page).
_INDEX_ROLE_RE = re.compile(
    r"(?<![\w:`\\]):pep:`(?:(?P<text>[^`<]*?[^\s`<])\s*<0+>|0+)`", re.IGNORECASE
)
_INLINE_LITERAL_RE = re.compile(r"``.+?``")
_DIRECTIVE_RE = re.compile(r"^(?P<indent>[ \t]*)\.\.[ \t]+(?P<name>[\w:+.-]+)::(?P<rest>.*)$")
_EXPLICIT_RE = re.compile(r"^(?P<indent>[ \t]*)\.\.(?:[ \t]|$)")
#: Explicit markup that is not a comment: a target, footnote or citation, substitution.
_NOT_COMMENT_RE = re.compile(r"^[ \t]*\.\.[ \t]+(?:_|\[|\|)")
#: Directives whose content is not parsed as reStructuredText.
_LITERAL_DIRECTIVES = frozenset(
    {"code", "code-block", "sourcecode", "productionlist", "raw", "math", "highlight"}
)
#: A list item's marker: its text, and what is indented under it, starts after it.
_LIST_MARKER_RE = re.compile(r"^[ \t]*(?:[-*+\u2022]|\(?(?:\d+|[A-Za-z#])[.)])[ \t]+(?=\S)")
_STATUS_BANNERS = frozenset({"rejected", "withdrawn", "superseded"})
_PYPA_SPECS = "https://packaging.python.org/en/latest/specifications/"
_TYPING_SPECS = "https://typing.python.org/en/latest/spec/"
#: What the historical-document banners said before their argument (their wording).
_NOTE_LEAD = {
    "canonical-doc": "This PEP is a historical document. "
    "The up-to-date, canonical documentation can now be found at",
    "canonical-pypa-spec": "This PEP is a historical document. The up-to-date, canonical spec "
    f"is maintained on the `PyPA specs page <{_PYPA_SPECS}>`__:",
    "canonical-typing-spec": "This PEP is a historical document. Canonical typing specs are "
    f"maintained at the `typing specs site <{_TYPING_SPECS}>`__; up-to-date specs and "
    "documentation:",
}
_NOTE_ALONE = {
    "canonical-doc": "This PEP is a historical document. "
    "The up-to-date, canonical documentation can now be found elsewhere.",
    "canonical-pypa-spec": "This PEP is a historical document. The up-to-date, canonical "
    f"specifications are maintained on the `PyPA specs page <{_PYPA_SPECS}>`__.",
    "canonical-typing-spec": "This PEP is a historical document. Canonical typing specs are "
    f"maintained at the `typing specs site <{_TYPING_SPECS}>`__.",
}
BANNERS = frozenset({"pep-banner", *_STATUS_BANNERS, *_NOTE_LEAD})


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _text_indent(line: str) -> int:
    """Where the text of *line* starts: after its list marker (``- Use it::``), if any."""
    marker = _LIST_MARKER_RE.match(line)
    return len(marker.group()) if marker else _indent(line)


def _blank(line: str) -> bool:
    return not line.strip()


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The index after the lines from *start* indented deeper than *indent* (blanks inside kept)."""
    end = index = start
    while index < len(lines):
        if _blank(lines[index]):
            index += 1
            continue
        if _indent(lines[index]) <= indent:
            break
        index += 1
        end = index
    return end


def _roles(line: str, index_doc: str) -> str:
    """``:pep:`` made ``:pep:ref:`` (PEP 0 a link to *index_doc*) outside inline literals."""

    def convert(piece: str) -> str:
        piece = _INDEX_ROLE_RE.sub(lambda m: f":doc:`{m['text'] or 'PEP 0'} </{index_doc}>`", piece)
        return _ROLE_RE.sub(":pep:ref:", piece)

    pieces, last = [], 0
    for literal in _INLINE_LITERAL_RE.finditer(line):
        pieces.append(convert(line[last : literal.start()]))
        pieces.append(literal.group())
        last = literal.end()
    pieces.append(convert(line[last:]))
    return "".join(pieces)


def _banner(lines: list[str], index: int, match: re.Match[str]) -> tuple[list[str], int]:
    """What a banner directive at *index* becomes, and the index after it."""
    name, indent, rest = match["name"].lower(), match["indent"], match["rest"]
    own_indent = _indent(lines[index])
    argument_end = index + 1
    while (
        argument_end < len(lines)
        and not _blank(lines[argument_end])
        and _indent(lines[argument_end]) > own_indent
    ):
        argument_end += 1
    end = _block_end(lines, argument_end, own_indent)
    has_content = any(not _blank(line) for line in lines[argument_end:end])
    argument = rest.strip() or argument_end > index + 1
    if name in _STATUS_BANNERS and not has_content and (name == "superseded" or not argument):
        # The status, and Superseded-By, are the header's: its banner says them.
        after = end
        if after < len(lines) and _blank(lines[after]):
            after += 1
        return [], after
    newline = lines[index][len(lines[index].rstrip("\r\n")) :]
    if name in _NOTE_LEAD:
        lead = _NOTE_LEAD[name] + rest if argument else _NOTE_ALONE[name]
        first = f"{indent}.. note:: {lead.rstrip()}"
    elif name == "superseded":
        first = f"{indent}.. note:: This PEP has been superseded by :pep:ref:`{rest.strip()}`."
    else:
        first = f"{indent}.. note::{rest}"
    return [first + newline], index + 1


def convert_python_markup(text: str, index_doc: str = "index") -> str:
    """*text* with its ``:pep:`` roles and banner directives converted (see the module).

    *index_doc* is the project's root document, the page PEP 0 links go to.
    """
    lines = split_lines(text)
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        directive = _DIRECTIVE_RE.match(line.rstrip("\r\n"))
        if directive and directive["name"].lower() in BANNERS:
            written, index = _banner(lines, index, directive)
            out += [_roles(piece, index_doc) for piece in written]
            continue
        literal_name = directive["name"].lower() if directive else None
        is_comment = (
            directive is None and _EXPLICIT_RE.match(line) and not _NOT_COMMENT_RE.match(line)
        )
        if is_comment:
            end = max(_block_end(lines, index + 1, _indent(line)), index + 1)
            out += lines[index:end]
            index = end
            continue
        out.append(_roles(line, index_doc))
        index += 1
        ends_literal = directive is None and line.rstrip().endswith("::")
        if literal_name in _LITERAL_DIRECTIVES or ends_literal:
            end = _block_end(lines, index, _text_indent(line) if ends_literal else _indent(line))
            out += lines[index:end]
            index = end
    return "".join(out)
