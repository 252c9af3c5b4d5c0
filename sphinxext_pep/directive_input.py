"""What the extension's directives read alike: any option name, each content line's place.

``pep-index`` accepts every option name, so that an unknown one is our own
located warning naming it rather than docutils' generic error (``pep-header``
reads its option block itself: :mod:`sphinxext_pep.header_input`);
``pep-status-history`` and ``pep-risk-table`` locate each of their
rows at its own line, in RST and MyST alike.
"""

from __future__ import annotations

from typing import Any

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective


class AnyOption(dict[str, Any]):
    """An option spec that accepts every option name (the directive checks them)."""

    def __missing__(self, key: str) -> Any:
        return directives.unchanged


def content_line(directive: SphinxDirective, index: int) -> tuple[str, int]:
    """The source file and 1-based line of *directive*'s content line *index*.

    docutils keeps each line's own file and offset (right inside an
    ``include``); MyST numbers its content from 0 and gives
    ``content_offset`` relative to the directive's opening line.
    """
    source, offset = directive.content.info(index)
    if type(directive.state).__module__.startswith("myst_parser"):
        line = directive.lineno + 1 + directive.content_offset + index
    else:
        line = (offset or 0) + 1
    return str(source or directive.env.doc2path(directive.env.docname)), line
