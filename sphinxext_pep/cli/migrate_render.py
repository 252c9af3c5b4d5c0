"""A converted file's text: the edits written out, every other line as it was.

Lines no edit covers are copied with their own line endings; written lines
take the file's (``\\r\\n`` if its first line has one). A written block is
set off from the text around it by one blank line, the way both formats
need a directive to be. A Markdown file written as reStructuredText
(``--format rst``) has the text between the edits converted by
:func:`~sphinxext_pep.cli.markdown_rst.markdown_to_rst`, the one conversion
the command makes to the body, and only when asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docutils.utils import column_width

from sphinxext_pep.cli.headers import MARKDOWN as HEADERS_MARKDOWN
from sphinxext_pep.cli.headers import find_header
from sphinxext_pep.cli.markdown_rst import markdown_to_rst
from sphinxext_pep.cli.migrate_map import Conversion
from sphinxext_pep.cli.migrate_source import (
    MARKDOWN,
    Edit,
    HeaderSlot,
    Lines,
    Piece,
    Table,
    TitleSlot,
    content,
)
from sphinxext_pep.cli.scaffold import escape_md, escape_rst

_UNMAPPED_NOTE = "Fields sphinx-pep migrate could not put in the header, as written:"


def _fence(rows: Sequence[str]) -> str:
    """A backtick fence longer than any backtick run in *rows* (a code span in a cell)."""
    runs = [len(run) for row in rows for run in re.findall(r"`+", row)]
    return "`" * max(3, max(runs, default=0) + 1)


def _myst_options(options: Sequence[tuple[str, str]]) -> list[str]:
    """``:key: value`` lines, or a YAML block where MyST would read those otherwise."""
    lines = [f":{name}: {value}" for name, value in options]
    fence = "```{pep-header}"
    read = find_header("\n".join([fence, *lines, "```", ""]), HEADERS_MARKDOWN)
    if read is None or dict(read.options) != {name: value for name, value in options}:
        import yaml

        dumped = yaml.safe_dump(
            dict(options), allow_unicode=True, sort_keys=False, width=10_000
        ).splitlines()
        lines = ["---", *dumped, "---"]
    return lines


def header_lines(conversion: Conversion, fmt: str) -> list[str]:
    """The ``pep-header`` directive, and the comment with the fields it has no place for."""
    if fmt == MARKDOWN:
        lines = ["```{pep-header}", *_myst_options(conversion.options), "```"]
        if conversion.unmapped:
            kept = [f"{k}: {v}".replace("-->", "-- >") for k, v in conversion.unmapped]
            lines += ["", f"<!-- {_UNMAPPED_NOTE}", *kept, "-->"]
        return lines
    lines = [".. pep-header::", *(f"   :{name}: {value}" for name, value in conversion.options)]
    if conversion.unmapped:
        lines += ["", "..", f"   {_UNMAPPED_NOTE}", ""]
        lines += [f"   {key}: {value}" for key, value in conversion.unmapped]
    return lines


#: Over- and underlined title styles, in the order they are tried.
_TITLE_CHARS = "=#*%+~-^"
_ADORNMENT_RE = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}\s*$")


def _reads_as_plain_text(text: str) -> bool:
    """Whether docutils reads *text* as the very same plain text (no markup, no reference)."""
    from docutils import nodes
    from docutils.core import publish_doctree

    overrides = {"report_level": 5, "halt_level": 5, "file_insertion_enabled": False}
    document = publish_doctree(text, settings_overrides=overrides)
    return (
        len(document.children) == 1
        and isinstance(document[0], nodes.paragraph)
        and all(isinstance(child, nodes.Text) for child in document[0].children)
        and document.astext() == text
    )


def rst_styles(lines: Sequence[str]) -> set[tuple[str, bool]]:
    """The section title styles a reST text uses: (character, over- and underlined)."""
    styles = set()
    texts = [content(line) for line in lines]
    for index, text in enumerate(texts):
        if not _ADORNMENT_RE.match(text) or index == 0 or not texts[index - 1].strip():
            continue
        overlined = index >= 2 and texts[index - 2].rstrip() == text.rstrip()
        styles.add((text[0], overlined))
    return styles


def title_lines(title: str, level: int, fmt: str, used: set[tuple[str, bool]]) -> list[str]:
    if fmt == MARKDOWN:
        # The title is plain text in every source form: it must read back as written.
        return ["#" * level + " " + escape_md(title)]
    text = title if _reads_as_plain_text(title) else escape_rst(title)
    # Over- and underlined in a style the body does not use: the title is
    # the first section, so the body's sections keep their levels under it.
    char = next((c for c in _TITLE_CHARS if (c, True) not in used), "=")
    rule = char * max(column_width(text), 1)
    return [rule, text, rule]


def table_lines(table: Table, fmt: str) -> list[str]:
    if fmt == MARKDOWN:
        fence = _fence(table.rows)
        return [f"{fence}{{{table.directive}}}", *table.options, *table.rows, fence]
    options = [f"   {option}" for option in table.options]
    return [f".. {table.directive}::", *options, "", *(f"   {row}" for row in table.rows)]


def _piece_lines(
    piece: Piece,
    original: Sequence[str],
    conversion: Conversion,
    fmt: str,
    used: set[tuple[str, bool]],
) -> list[str]:
    if isinstance(piece, HeaderSlot):
        return header_lines(conversion, fmt)
    if isinstance(piece, Table):
        return table_lines(piece, fmt)
    assert isinstance(piece, TitleSlot)
    if conversion.title is None:
        return [content(line) for line in original]
    return title_lines(conversion.title, piece.level, fmt, used)


def render(
    lines: Sequence[str],
    edits: Sequence[Edit],
    conversion: Conversion,
    *,
    source: str,
    target: str,
) -> str:
    """The file's new text: *lines* with *edits* applied, in format *target*."""
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    # (is_written, lines): verbatim runs keep their endings; written blocks get *newline*.
    blocks: list[tuple[bool, list[str]]] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start > position:
            blocks.append((False, list(lines[position : edit.start])))
        original = lines[edit.start : edit.end]
        piece = edit.piece
        if isinstance(piece, TitleSlot) and conversion.title is None:
            # The title as written; in --format rst, converted with the text around it.
            blocks.append((False, list(original)))
        elif isinstance(piece, Lines) and source != target:
            # What is left of Markdown front matter, kept as an RST comment.
            kept = [f"   {line}".rstrip() for line in piece.lines]
            blocks.append((True, ["..", *kept] if kept else []))
        elif isinstance(piece, Lines):
            # Replacement lines stand where the old ones stood: no blank lines added.
            blocks.append((False, [line + newline for line in piece.lines]))
        else:
            used = rst_styles(lines) if target != MARKDOWN else set()
            blocks.append((True, _piece_lines(piece, original, conversion, target, used)))
        position = max(position, edit.end)
    if position < len(lines):
        blocks.append((False, list(lines[position:])))
    if source == MARKDOWN and target != MARKDOWN:
        return _as_rst(blocks, newline)
    return _joined(blocks, newline)


def _joined(blocks: Sequence[tuple[bool, list[str]]], newline: str) -> str:
    out: list[str] = []
    separate = False  # the last block written needs a blank line before more text
    for written, block in blocks:
        if not block:
            continue
        if written:
            if out and content(out[-1]).strip():
                out.append(newline)
            if out and not out[-1].endswith("\n"):
                out[-1] += newline
            out.extend(line + newline for line in block)
            separate = True
            continue
        if separate and content(block[0]).strip():
            out.append(newline)
        out.extend(block)
        separate = False
    return "".join(out)


def _as_rst(blocks: Sequence[tuple[bool, list[str]]], newline: str) -> str:
    """Markdown blocks converted, written blocks as they are, one blank line between."""
    chunks: list[str] = []
    markdown: list[str] = []

    def flush() -> None:
        text = "".join(markdown).replace("\r\n", "\n")
        if text.strip():
            chunks.append(markdown_to_rst(text).strip("\n"))
        markdown.clear()

    for written, block in blocks:
        if written:
            flush()
            if block:
                chunks.append("\n".join(block).strip("\n"))
        else:
            markdown.extend(block)
    flush()
    return ("\n\n".join(chunk for chunk in chunks if chunk) + "\n").replace("\n", newline)
