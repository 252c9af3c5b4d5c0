"""Table captions and section-less headings in HTML, for screen readers.

A ``pep-index`` group title and the title of a ``pep-stats`` part were
rubrics (``<p class="rubric">``): bold text that a screen reader's list of
headings skips; and a table without a caption has no name to announce when
the reader enters it. In HTML they become:

* :class:`table_caption`: a table's ``<caption>``. It may hold the group's
  heading (``<caption><h2>Open</h2></caption>``, valid HTML: one text that is
  both the table's name and a heading), or be visually hidden (an ungrouped
  index is named "Proposals" without showing a word more).
* :class:`plain_heading`: an ``<hN>`` one level below the enclosing section's
  title, which adds no section (no entry in the table of contents).

Neither is a docutils ``title``: a titled table is an enumerable node, which
Sphinx would number under ``numfig`` ("Table 3 Open") and which must have an
id. Other builders keep the rubric (LaTeX draws it as an unnumbered heading).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: The class that hides a text from sight but not from screen readers.
VISUALLY_HIDDEN = "pep-visually-hidden"


class table_caption(nodes.Part, nodes.TextElement):  # noqa: N801
    """HTML: a table's ``<caption>``; the first child of a ``table`` node.

    ``heading=True``: its text is also a heading (``heading_classes`` on it).
    """


class plain_heading(nodes.General, nodes.TextElement):  # noqa: N801
    """HTML: a heading one level below the enclosing section's, adding no section."""


def caption(
    text: str,
    *,
    heading: bool = False,
    hidden: bool = False,
    heading_classes: tuple[str, ...] = (),
) -> table_caption:
    classes = ["pep-caption", *([VISUALLY_HIDDEN] if hidden else [])]
    node = table_caption(text, text, classes=classes)
    node["heading"] = heading
    node["heading_classes"] = list(heading_classes)
    return node


def heading_level(translator: HTML5Translator) -> int:
    """One below the enclosing section's title (the page title is at ``section_level`` 1)."""
    initial = int(getattr(translator, "initial_header_level", 1) or 1)
    return min(translator.section_level + initial, 6)


def _tag(translator: HTML5Translator) -> str:
    # The same at depart as at visit: no section opens or closes in between.
    return f"h{heading_level(translator)}"


def visit_caption(self: HTML5Translator, node: table_caption) -> None:
    self.body.append(self.starttag(node, "caption", ""))
    if node["heading"]:
        classes = " ".join(node["heading_classes"])
        self.body.append(f'<{_tag(self)} class="{classes}">' if classes else f"<{_tag(self)}>")


def depart_caption(self: HTML5Translator, node: table_caption) -> None:
    if node["heading"]:
        self.body.append(f"</{_tag(self)}>")
    self.body.append("</caption>\n")


def visit_heading(self: HTML5Translator, node: plain_heading) -> None:
    self.body.append(self.starttag(node, _tag(self), ""))


def depart_heading(self: HTML5Translator, node: plain_heading) -> None:
    self.body.append(f"</{_tag(self)}>\n")


def setup_captions(app: Sphinx) -> None:
    # HTML only: the post-transforms that make these nodes run for HTML alone.
    app.add_node(table_caption, html=(visit_caption, depart_caption))
    app.add_node(plain_heading, html=(visit_heading, depart_heading))
