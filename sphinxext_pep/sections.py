"""Finding a proposal's sections by name and telling whether they hold text (SPEC §7).

A required section may sit at any level (``## Motivation`` or ``### Motivation``)
and matches case-insensitively, with whitespace and a leading number
(``2. Motivation``) ignored. A section is *empty* when nothing in it, at any
depth, is the author's text: comments (RST ``..``, Markdown ``<!-- -->``) and
the template's instruction text (:mod:`sphinxext_pep.placeholders`) do not
count, but a section whose only content is subsections that hold text is not
empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes

from sphinxext_pep.placeholders import Line, classify_text

#: Nodes that never make a section non-empty.
_NOT_CONTENT = (
    nodes.title,
    nodes.comment,
    nodes.system_message,
    nodes.target,
    nodes.substitution_definition,
    nodes.transition,
)
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


def normalise(title: str) -> str:
    """``"  2. Impact   analysis "`` -> ``"impact analysis"``."""
    text = " ".join(title.split()).casefold()
    return re.sub(r"^(?:\d+(?:\.\d+)*\.?\s+)", "", text)


def section_title(section: nodes.Element) -> str:
    if section.children and isinstance(section[0], nodes.title):
        return section[0].astext()
    return ""


def title_line(section: nodes.Element) -> int | None:
    """The line of a section's heading, as docutils or MyST reports it."""
    if section.children and isinstance(section[0], nodes.title) and section[0].line:
        return section[0].line
    return section.line


def iter_sections(
    doctree: nodes.Node, *, skip: nodes.Node | None = None
) -> Iterator[nodes.section]:
    """Every section of the document, at any depth, except *skip* itself."""
    for section in doctree.findall(nodes.section):
        if section is not skip:
            yield section


def find_sections(
    doctree: nodes.Node, name: str, *, skip: nodes.Node | None = None
) -> list[nodes.section]:
    """The sections titled *name* (normalised), document order."""
    wanted = normalise(name)
    return [s for s in iter_sections(doctree, skip=skip) if normalise(section_title(s)) == wanted]


def has_content(node: nodes.Node) -> bool:
    """Whether *node* holds any of the author's text, at any depth."""
    if isinstance(node, nodes.Text):
        return bool(node.strip())
    if isinstance(node, _NOT_CONTENT):
        return False
    if isinstance(node, nodes.raw):
        return bool(_HTML_COMMENT_RE.sub("", node.astext()).strip())
    if isinstance(node, nodes.paragraph):
        return classify_text(node) is Line.CONTENT
    if not isinstance(node, nodes.Element):
        return False
    if not node.children:
        # A leaf element (an image, a directive's node waiting to be rendered)
        # is content in its own right.
        return not isinstance(node, nodes.TextElement)
    return any(has_content(child) for child in node.children)


def section_text(section: nodes.Element) -> str:
    """The text of *section* less its heading, comments and raw markup."""
    parts: list[str] = []

    def visit(node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            parts.append(str(node))
        elif isinstance(node, (*_NOT_CONTENT, nodes.raw)):
            return
        elif isinstance(node, nodes.Element):
            for child in node.children:
                visit(child)
            if isinstance(node, nodes.TextElement | nodes.list_item | nodes.entry):
                parts.append(" ")

    for child in section.children:
        visit(child)
    return "".join(parts)


def count_words(text: str) -> int:
    """Words as ``wc -w`` counts them, less stray punctuation such as a dash."""
    return sum(1 for token in text.split() if re.search(r"[^\W_]", token))
