"""A proposal's header read from its source text, by the reader the build uses.

``sphinx-pep new`` must know the proposals of a project without building it
(a build reads every page; ``new`` writes one file). :func:`find_header`
takes from the raw text what the ``pep-header`` directive would capture --
its options with their lines, and the page's front matter -- and
:func:`read_proposal` merges them as the build does and hands them to
:func:`~sphinxext_pep.core.header.read_header`, the build's own reader, so
a number, a template and a number field mean in ``new`` what they mean in a
build.

What counts as a header, as in a build: in reStructuredText a
``.. pep-header::`` at the start of a line, its options the field list that
follows; in MyST a ```` ```{pep-header} ```` (or ``~~~``, ``:::``) fence,
its options the ``:key: value`` lines or the ``---`` YAML block that open it,
read by MyST's own option parser, also inside other directives and
``{eval-rst}``. Headers shown as examples -- in a Markdown code block
(```` ```rst ````, ```` ```{code-block} ````) or an indented RST literal
block -- are not headers. Only the first header of a page counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sphinxext_pep.core.front_matter import front_matter_values
from sphinxext_pep.core.header import merge_header_values, read_header
from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.problems import Location
from sphinxext_pep.core.settings import PepSettings
from sphinxext_pep.core.values import front_matter_text

MARKDOWN = "markdown"


@dataclass(frozen=True)
class WrittenHeader:
    """A ``pep-header`` as written: what the directive captures, before it is read."""

    #: The directive's line (1-based).
    line: int
    #: Option name (lower case) -> value, and -> its line.
    options: Mapping[str, str] = field(default_factory=dict)
    option_lines: Mapping[str, int] = field(default_factory=dict)
    #: The page's front matter (YAML in MyST, a leading field list in RST).
    front_matter: Mapping[str, str] = field(default_factory=dict)
    front_matter_lines: Mapping[str, int] = field(default_factory=dict)


def find_header(text: str, filetype: str) -> WrittenHeader | None:
    """The first ``pep-header`` of a page in *filetype* (``markdown`` or reST), if any."""
    lines = text.splitlines()
    if filetype == MARKDOWN:
        header = _myst_header(lines, 0)
        if header is None:
            return None
        values, value_lines = _yaml_front_matter(lines)
    else:
        header = _rst_header(lines, 0)
        if header is None:
            return None
        # The build locates RST front matter at the header, not at its own lines.
        values, value_lines = _rst_front_matter(lines), {}
    line, options, option_lines = header
    return WrittenHeader(line, options, option_lines, values, value_lines)


def header_values(
    header: WrittenHeader, number_fields: Iterable[str]
) -> tuple[dict[str, str], dict[str, int]]:
    """The field values and lines :func:`read_header` gets, as a build gives them."""
    return merge_header_values(
        header.options,
        header.option_lines,
        header.front_matter,
        header.front_matter_lines,
        header_line=header.line,
        number_fields=number_fields,
    )


def read_proposal(
    path: Path, filetype: str, settings: PepSettings, docname: str = ""
) -> Proposal | None:
    """The proposal *path* holds, read as a build reads it; ``None``: not a proposal."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "pep-header" not in text:
        return None
    header = find_header(text, filetype)
    if header is None:
        return None
    number_fields = {template.number_field for template in settings.templates.values()}
    values, lines = header_values(header, number_fields)
    reading = read_header(
        values,
        lines,
        docname=docname or path.stem,
        header=Location(docname or path.stem, header.line),
        heading=None,
        settings=settings,
    )
    return reading.proposal


# -- reStructuredText ------------------------------------------------------------------

_RST_DIRECTIVE_RE = re.compile(r"^\.\.[ \t]+pep-header[ \t]?::")
#: A field list item: ``:name: value`` (docutils lower-cases option names).
_FIELD_RE = re.compile(r"^(?P<indent>[ \t]*):(?P<name>[\w-]+):(?:[ \t]+(?P<value>.*?))?[ \t]*$")

_Header = tuple[int, dict[str, str], dict[str, int]]


def _rst_header(lines: list[str], offset: int) -> _Header | None:
    """The first ``.. pep-header::`` at the start of a line that docutils accepts."""
    for start, line in enumerate(lines):
        if _RST_DIRECTIVE_RE.match(line):
            header = _rst_directive(lines, start)
            if header is not None:
                line_number, options, option_lines = header
                return (
                    offset + line_number,
                    options,
                    {name: offset + number for name, number in option_lines.items()},
                )
    return None


def _rst_directive(lines: list[str], start: int) -> _Header | None:
    """The directive starting at *lines[start]* and its options, as docutils reads them.

    Its block is the indented lines after the marker, the options a field
    list starting on the next line, a field's value continued on more
    indented lines. An argument makes docutils reject the directive:
    ``None``. The options end at a blank line or a line that is no field;
    content after them is reported by the build, which still reads them.
    Headers in literal blocks and other directives are indented, so they
    never get here.
    """
    if lines[start].split("::", 1)[1].strip():
        return None  # an argument: "no arguments permitted"
    block = []
    for line in lines[start + 1 :]:
        if line.strip() and not line[:1].isspace():
            break
        block.append(line)
    options: dict[str, str] = {}
    option_lines: dict[str, int] = {}
    name: str | None = None
    for index, line in enumerate(block):
        if not line.strip():
            break  # content may follow: the build reports it and reads the options
        match = _FIELD_RE.match(line)
        if match:
            name = match["name"].lower()
            options[name] = match["value"] or ""
            option_lines[name] = start + index + 2
        elif name is not None and len(_indent(line)) > len(_indent(block[0])):
            options[name] = f"{options[name]}\n{line.strip()}".strip()
        else:
            break  # content, not a field: the build reports it
    return start + 1, options, option_lines


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _rst_front_matter(lines: list[str]) -> dict[str, str]:
    """A leading field list (``:status: accepted`` at the top of the file)."""
    values: dict[str, str] = {}
    index = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    name: str | None = None
    for line in lines[index:]:
        match = _FIELD_RE.match(line)
        if match and not match["indent"]:
            name = match["name"].lower()
            values[name] = front_matter_text(match["value"] or "")
        elif name is not None and line[:1].isspace() and line.strip():
            values[name] = f"{values[name]} {line.strip()}"
        else:
            break
    return values


# -- MyST Markdown ----------------------------------------------------------------------

#: A fence opening or closing: up to three spaces, then ```, ~~~ or :::.
_FENCE_RE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_DIRECTIVE_NAME_RE = re.compile(r"^\{(?P<name>[^{}\s]+)\}")
#: MyST directives whose content is shown, not read: examples of headers.
_CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode", "code-cell"})


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def _myst_header(lines: list[str], offset: int) -> _Header | None:
    """The first ```` ```{pep-header} ```` outside code blocks, and its options.

    A directive fence is entered, since a real header may sit inside one
    (``{note}``, ``{eval-rst}`` holding RST); a code fence is skipped whole,
    with every fence nested in it.
    """
    directives: list[str] = []  # the fences of the open directives
    index = 0
    while index < len(lines):
        match = _FENCE_RE.match(lines[index])
        index += 1
        if match is None:
            continue
        fence, info = match["fence"], match["info"].strip()
        if not info and directives and _closes(lines[index - 1], directives[-1]):
            directives.pop()  # closes the innermost directive
            continue
        if fence[0] == "`" and "`" in info:
            continue  # inline code, not a fence (CommonMark)
        name = _DIRECTIVE_NAME_RE.match(info)
        if name is None or name["name"] in _CODE_DIRECTIVES:  # a bare fence too
            if fence[0] != ":":  # a code block: skip to its closing fence
                while index < len(lines) and not _closes(lines[index], fence):
                    index += 1
                index += 1
            continue
        end = index
        while end < len(lines) and not _closes(lines[end], fence):
            end += 1
        if name["name"] == "pep-header":
            options, option_lines = _myst_options(lines[index:end], offset + index)
            return offset + index, options, option_lines
        if name["name"] == "eval-rst":
            found = _rst_header(lines[index:end], offset + index)
            if found is not None:
                return found
            index = end + 1
            continue
        directives.append(fence)
    return None


def _myst_options(body: list[str], header_line: int) -> tuple[dict[str, str], dict[str, int]]:
    """The options that open a MyST directive's body, as MyST reads them.

    Either ``:key: value`` lines or a ``---`` YAML block; the values are read
    by MyST's own option parser (strings as written, quotes removed).
    """
    if body and body[0].startswith("---"):
        end = next((i for i, line in enumerate(body[1:], 1) if line.startswith("---")), len(body))
        block, first_line = body[1:end], header_line + 2
    else:
        block = []
        for line in body:
            if not line.lstrip().startswith(":"):
                break
            block.append(line.lstrip()[1:])
        first_line = header_line + 1
    items = _read_option_block("\n".join(block))
    options: dict[str, str] = {}
    option_lines: dict[str, int] = {}
    for key, value in items:
        name = key.lower()
        options[name] = value
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*:")
        for number, line in enumerate(block, start=first_line):
            if pattern.match(line):
                option_lines[name] = number
    return options, option_lines


def _read_option_block(text: str) -> list[tuple[str, str]]:
    try:
        from myst_parser.parsers.options import TokenizeError, options_to_items
    except ImportError:  # no MyST: no Markdown build either; read key: value lines
        pairs = (line.partition(":") for line in text.splitlines() if ":" in line)
        return [(key.strip(), value.strip().strip("'\"")) for key, _, value in pairs]
    try:
        items, _state = options_to_items(text)
    except TokenizeError:
        return []  # the build reports the malformed block
    return items


def _yaml_front_matter(lines: list[str]) -> tuple[dict[str, str], dict[str, int]]:
    """The page's YAML front matter as written, and the line of each key.

    Read as the header directive reads it: every scalar the string typed
    (``rfc: 0012`` is 12, not YAML's octal 10), a list as a comma list.
    """
    if not lines or lines[0].rstrip() != "---":
        return {}, {}
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
    if end is None:
        return {}, {}
    try:
        import yaml
    except ImportError:  # no MyST, so no YAML front matter either
        return {}, {}
    try:
        # BaseLoader: every scalar stays the string the author typed.
        data = yaml.load("\n".join(lines[1:end]), Loader=yaml.BaseLoader)
    except (yaml.YAMLError, RecursionError):
        return {}, {}  # MyST reports the malformed block itself
    if not isinstance(data, dict):
        return {}, {}
    # The build's converter: aliases are not expanded past its limit (the
    # build warns about a refused value; here it is only left out).
    values, _refused = front_matter_values(data)
    found: dict[str, int] = {}
    for number, line in enumerate(lines[1:end], start=2):
        key = re.match(r"^(?P<key>[A-Za-z_][\w-]*)\s*:", line)
        if key and key["key"].lower() in values:
            found.setdefault(key["key"].lower(), number)
    return values, found
