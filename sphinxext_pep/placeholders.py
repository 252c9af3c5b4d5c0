"""Recognising the templates' instruction text in a doctree (SPEC §7).

The seeds tell the author what to write in brackets, and seed 001 sets its
instructions in italics::

    *[Write a concise summary of 200-300 words that covers:]*
    [1-2 paragraph summary of the proposal. What problem does it solve?]
    **Limitation 1**: [Description and impact]
    - **[Metric 1]**: [Current baseline] → [Target value] by [Date]

A bracketed text is a placeholder when its words are a template's
instruction (:func:`sphinxext_pep.core.guidance.is_guidance`): ``[Describe
...]``, ``[TODO ...]``, ``[Name]``, the seeds' own ``[Foundation]``; an
author's ``[Platform team]``, ``[WIP]`` or ``[Editor's note: ...]`` is not.
A paragraph is instruction text when *all* of it is: every line is such a
placeholder, optionally behind a label (bold text or a short ``Label:``) and
joined by punctuation or a connective word; or the whole paragraph is italic
and starts with a placeholder or ``Example:``. Anything else in the paragraph
(a sentence, a link, inline code, a reference, a bracketed text of the
author's) makes it the author's text, so ``See [1].``, ``[x]`` checkboxes and
Markdown links are never flagged. An ellipsis ``[...]`` is a placeholder only
behind a label (``**Pros**: [...]``); alone it marks an omission in a quote.

No Sphinx here: pure functions of docutils nodes, so the rule is testable and
shared by the placeholder check and the empty-section check.
"""

from __future__ import annotations

import re
from enum import Enum

from docutils import nodes

from sphinxext_pep.core.guidance import is_ellipsis, is_guidance

#: A bracketed group on one line (no nested brackets).
_GROUP_RE = re.compile(r"\[[^\[\]\n]*\]")
#: A whole paragraph that is one bracketed group, possibly wrapped over lines.
_WHOLE_GROUP_RE = re.compile(r"^\[[^\[\]]*\]\s*[:.]?$")
#: Marks the start and end of bold text (a label) and inline content in the
#: flattened text of a paragraph; control characters never occur in prose.
_LABEL_START, _LABEL_END, _CONTENT = "\x01", "\x02", "\x03"
#: Connective words allowed between placeholders: ``[Baseline] → [Target] by [Date]``.
_CONNECTIVES = frozenset({"and", "or", "by", "to", "per", "vs", "of", "in", "for", "with"})
#: A label in front of the first placeholder: ``Current behavior:``.
_LABEL_RE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\w[^:\[\]]{0,60}?)?:\s*$")
#: Seed 001's italic examples: ``*Example: "This PEP proposes ..."*``. A bare
#: italic ``*Example:*`` label (in front of a code block) is the author's own.
_ITALIC_EXAMPLE_RE = re.compile(r"^Example\b[^:\n]{0,30}:\s*\S")
#: Inline nodes read through for their text; any other inline node (a link,
#: code, a cross-reference, an image) is the author's own content.
_TEXT_INLINES = (
    nodes.paragraph,
    nodes.title,
    nodes.emphasis,
    nodes.strong,
    nodes.inline,
    nodes.subscript,
    nodes.superscript,
)


class Line(Enum):
    PLACEHOLDER = "placeholder"
    LABEL = "label"  #: only a label (``**Pros**:``): neither content nor instruction
    CONTENT = "content"


def is_placeholder_group(group: str, *, labelled: bool = False) -> bool:
    """Whether ``[...]`` is an instruction, not ``[1]``, ``[x]`` or ``[WIP]``.

    An ellipsis is one only when *labelled*: behind a label on its line.
    """
    inner = group[1:-1]
    return is_guidance(inner) or (labelled and is_ellipsis(inner))


def _flatten(node: nodes.Node) -> str:
    """The paragraph's text with bold marked as labels and links as content."""
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, nodes.raw):
        return ""  # MyST task-list checkboxes, inline HTML comments
    if not isinstance(node, _TEXT_INLINES):
        return _CONTENT
    inner = "".join(_flatten(child) for child in node.children)
    if isinstance(node, nodes.strong):
        return f"{_LABEL_START}{inner}{_LABEL_END}"
    return inner


def _classify_line(line: str) -> Line:
    if _CONTENT in line:
        return Line.CONTENT
    # Tokens: bold labels, placeholder groups, and the plain text between them.
    groups = 0
    leading = True  # still in front of the first placeholder
    labelled = False  # a label (or a placeholder) in front: ``Pros: [...]`` is a slot
    for part in re.split(f"({_LABEL_START}[^{_LABEL_END}]*{_LABEL_END})", line):
        if not part:
            continue
        if part.startswith(_LABEL_START):
            inside = part[1:-1]
            found = [g for g in _GROUP_RE.findall(inside) if is_placeholder_group(g)]
            groups += len(found)
            leading = leading and not found
            labelled = True
            continue
        pieces = _GROUP_RE.split(part)
        found_groups = _GROUP_RE.findall(part)
        for index, text in enumerate(pieces):
            if not _is_filler(text, leading=leading):
                return Line.CONTENT
            labelled = labelled or bool(re.search(r"\w", text))
            if index < len(found_groups):
                group = found_groups[index]
                if not is_placeholder_group(group, labelled=labelled):
                    return Line.CONTENT
                groups += 1
                leading = False
                labelled = True
    return Line.PLACEHOLDER if groups else Line.LABEL


def _is_filler(text: str, *, leading: bool) -> bool:
    """Text that may sit between placeholders without being content."""
    if not re.search(r"\w", text):
        return True  # punctuation, arrows, list dashes, whitespace
    if leading and _LABEL_RE.match(text):
        return True
    words = re.findall(r"\w+", text)
    return all(word.casefold() in _CONNECTIVES for word in words)


def _is_italic_instruction(paragraph: nodes.Element) -> bool:
    """Seed 001: a paragraph set wholly in italics that starts with an
    instruction (``*[Explain why ...]*``) or ``Example:``."""
    children = [
        child
        for child in paragraph.children
        if not (isinstance(child, nodes.Text) and not child.strip())
    ]
    if not children or not all(isinstance(child, nodes.emphasis) for child in children):
        return False
    text = paragraph.astext().strip()
    first = _GROUP_RE.match(text)
    return bool(first and is_placeholder_group(first[0])) or bool(_ITALIC_EXAMPLE_RE.match(text))


def classify_text(element: nodes.Element) -> Line:
    """Whether a paragraph (or a title) is instruction text, a bare label, or content."""
    if _is_italic_instruction(element):
        return Line.PLACEHOLDER
    flat = _flatten(element)
    plain = flat.replace(_LABEL_START, "").replace(_LABEL_END, "").strip()
    if not plain:
        return Line.LABEL
    if (
        _CONTENT not in plain
        and _WHOLE_GROUP_RE.match(plain)
        and is_placeholder_group(plain[: plain.rindex("]") + 1])
    ):
        return Line.PLACEHOLDER
    kinds = {_classify_line(line) for line in flat.splitlines() if line.strip()}
    if Line.CONTENT in kinds:
        return Line.CONTENT
    return Line.PLACEHOLDER if Line.PLACEHOLDER in kinds else Line.LABEL


def is_instruction(paragraph: nodes.Element) -> bool:
    """Whether *paragraph* is nothing but the template's instruction text."""
    return classify_text(paragraph) is Line.PLACEHOLDER


def excerpt(node: nodes.Node, width: int = 60) -> str:
    """The start of *node*'s text on one line, for a warning message."""
    text = " ".join(node.astext().split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
