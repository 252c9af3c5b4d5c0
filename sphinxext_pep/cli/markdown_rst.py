"""Turn the Markdown of a proposal skeleton into reStructuredText.

The skeletons shipped for ``sphinx-pep new`` are written once, in the seeds'
Markdown; ``--format rst`` converts them with this small, line-based converter.
It handles exactly the Markdown the seeds use — headings, paragraphs, bold and
italic (same syntax in RST), inline code, links, bullet, numbered and task
lists with nesting, fenced code blocks, pipe tables, HTML comments and
horizontal rules — and keeps the structure, so the RST scaffold gets the same
sections and the same instruction text as the MyST one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from docutils.utils import column_width

#: Underline character per Markdown heading level (``#`` is the document title).
UNDERLINES = {1: "=", 2: "-", 3: "~", 4: "^", 5: '"', 6: "'"}

_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM_RE = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d+[.)])\s+(?P<text>.*)$")
_FENCE_RE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)\s*(?P<lang>\{[\w:-]+\}|[\w+-]*)")
_RULE_RE = re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,})\s*$")
_TABLE_DIVIDER_RE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")
_CODE_RE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
_LINK_RE = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")


def heading(text: str, level: int) -> str:
    """An RST section title; the underline is as wide as the title's columns."""
    return f"{text}\n{UNDERLINES[level] * max(column_width(text), 1)}"


def inline(text: str) -> str:
    """Inline Markdown to RST: code spans and links; emphasis is the same."""
    text = _CODE_RE.sub(lambda m: f"``{m.group(1)}``", text)
    return _LINK_RE.sub(lambda m: f"`{m.group(1)} <{m.group(2)}>`__", text)


@dataclass
class _Out:
    lines: list[str]

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)


def _table(rows: list[str], indent: str) -> Iterator[str]:
    cells = [
        [cell.strip() for cell in row.strip().strip("|").split("|")]
        for row in rows
        if not _TABLE_DIVIDER_RE.match(row.strip())
    ]
    has_header = len(rows) > 1 and bool(_TABLE_DIVIDER_RE.match(rows[1].strip()))
    yield f"{indent}.. list-table::"
    if has_header:
        yield f"{indent}   :header-rows: 1"
    yield ""
    for row in cells:
        for index, cell in enumerate(row):
            bullet = "* -" if index == 0 else "  -"
            yield f"{indent}   {bullet} {inline(cell)}".rstrip()


def markdown_to_rst(markdown: str) -> str:
    """The RST for *markdown* (the subset described in the module docstring)."""
    lines = markdown.splitlines()
    out = _Out([])
    #: Open lists: (Markdown indent of the marker, RST indent of the item text).
    lists: list[tuple[int, int]] = []
    previous = "blank"  # kind of the last source line: blank, text, item, heading...
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))

        if not stripped:
            out.blank()
            previous = "blank"
            i += 1
            continue

        # Inside a list, a line indented under an item belongs to it.
        while (
            lists
            and indent < lists[-1][1]
            and not (_ITEM_RE.match(line) and indent >= lists[-1][0])
        ):
            lists.pop()
            out.blank()
        if lists and _ITEM_RE.match(line):
            while lists and indent < lists[-1][0]:
                lists.pop()
                out.blank()
        rst_indent = " " * (lists[-1][1] if lists else 0)

        if stripped.startswith("<!--"):
            body: list[str] = []
            text = stripped.removeprefix("<!--")
            while True:
                if "-->" in text:
                    body.append(text.split("-->", 1)[0])
                    break
                body.append(text)
                i += 1
                if i >= len(lines):
                    break
                text = lines[i].rstrip()
            body = [b.rstrip() for b in body]
            while body and not body[0].strip():
                body.pop(0)
            while body and not body[-1].strip():
                body.pop()
            out.blank()
            out.add(f"{rst_indent}..")
            out.add(*(f"{rst_indent}   {b}".rstrip() for b in body))
            out.blank()
            previous = "block"
            i += 1
            continue

        fence = _FENCE_RE.match(line)
        if fence:
            marker = fence.group("fence")
            code: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(marker):
                code.append(
                    lines[i].rstrip()[indent:]
                    if lines[i].startswith(" " * indent)
                    else lines[i].rstrip()
                )
                i += 1
            out.blank()
            directive = re.fullmatch(r"\{([\w:-]+)\}", fence.group("lang"))
            if directive:  # MyST ```{name} is the RST directive .. name::
                out.add(f"{rst_indent}.. {directive.group(1)}::", "")
            else:
                out.add(f"{rst_indent}.. code-block:: {fence.group('lang') or 'text'}", "")
            out.add(*(f"{rst_indent}   {c}".rstrip() for c in code))
            out.blank()
            previous = "block"
            i += 1
            continue

        match = _HEADING_RE.match(stripped)
        if match and not lists:
            out.blank()
            out.add(heading(inline(match.group(2)), len(match.group(1))))
            out.blank()
            previous = "heading"
            i += 1
            continue

        if _RULE_RE.match(line) and not lists:
            out.blank()
            out.add("----------")
            out.blank()
            previous = "block"
            i += 1
            continue

        if stripped.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(lines[i])
                i += 1
            out.blank()
            out.add(*_table(rows, rst_indent))
            out.blank()
            previous = "block"
            continue

        item = _ITEM_RE.match(line)
        if item:
            marker = item.group("marker")
            if not lists or indent > lists[-1][0]:
                # A new (possibly nested) list: RST wants a blank line before it.
                out.blank()
                parent = lists[-1][1] if lists else 0
                lists.append((indent, parent + len(marker) + 1))
            elif previous not in ("item", "blank"):
                out.blank()
            start = " " * (lists[-1][1] - len(marker) - 1)
            out.add(f"{start}{marker} {inline(item.group('text'))}")
            previous = "item"
            i += 1
            continue

        # A paragraph line (or the continuation of a list item's text).
        if previous in ("block", "heading"):
            out.blank()
        out.add(f"{rst_indent}{inline(stripped)}")
        previous = "text"
        i += 1

    while out.lines and out.lines[-1] == "":
        out.lines.pop()
    return "\n".join(out.lines) + "\n"
