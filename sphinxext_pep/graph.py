"""The ``pep-graph`` directive: the proposals and their relations, drawn by Graphviz.

The directive only validates its options and leaves a format-neutral
:class:`pep_graph` placeholder, as ``pep-index`` does; a page holding one is
a *listing*, rewritten on an incremental build whenever any proposal changes
(:mod:`sphinxext_pep.collector`). With ``pep_header_graph = True`` every
proposal's header is followed by a placeholder for its neighbourhood (one
step out), which needs no listing: a change to any proposal it shows already
rewrites the page, as the header's reverse links do. Once every document is
read, :mod:`sphinxext_pep.graph_render` fills the placeholders from the
domain: inline SVG in HTML, a Graphviz image in LaTeX and Texinfo, and a
list of the proposals and their relations elsewhere, or where ``dot`` is
missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.graph import (
    DEFAULT_DIRECTION,
    DEFAULT_RELATIONS,
    DIRECTIONS,
    GRAPH_RELATIONS,
)
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.core.values import ProposalId, parse_proposal_id
from sphinxext_pep.directive_input import AnyOption
from sphinxext_pep.domain import get_domain
from sphinxext_pep.header import pep_header
from sphinxext_pep.index import VALUE_FIELDS, StaticFilters, read_static_filters
from sphinxext_pep.reporter import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The deepest neighbourhood ``:depth:`` draws.
MAX_DEPTH = 10


@dataclass(frozen=True)
class GraphOptions:
    """The validated options of one ``pep-graph``."""

    filters: StaticFilters = field(default_factory=StaticFilters)
    relations: tuple[str, ...] = DEFAULT_RELATIONS
    direction: str = DEFAULT_DIRECTION
    #: The proposal a neighbourhood is drawn around, as written.
    around: ProposalId | None = None
    #: ``:around:`` without a value: the proposal of the page the graph is on.
    around_own: bool = False
    depth: int = 1
    #: The graph under a proposal's header (``pep_header_graph``).
    in_header: bool = False

    @property
    def neighbourhood(self) -> bool:
        return self.around is not None or self.around_own


class pep_graph(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a ``pep-graph`` goes; attribute ``options`` is a :class:`GraphOptions`."""


def _items(text: str | None) -> list[str]:
    return [item.strip() for item in (text or "").split(",") if item.strip()]


#: The static filters of ``pep-index`` (``:status:`` and a filter per value
#: field, read by :func:`read_static_filters`), then the graph's own options.
_OPTIONS = ("status", *VALUE_FIELDS, "relations", "direction", "around", "depth")


class PepGraphDirective(SphinxDirective):
    """``.. pep-graph::`` with the static filters of ``pep-index`` and its own options."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = AnyOption(dict.fromkeys(_OPTIONS, directives.unchanged))

    def _warn(self, message: str) -> None:
        warn(Subtype.CONFIG, f"pep-graph: {message}", Location(self.env.docname, self.lineno))

    def run(self) -> list[nodes.Node]:
        for name in self.options:
            if name not in _OPTIONS:
                self._warn(f"unknown option :{name}: (options: {', '.join(_OPTIONS)}); ignored")
        node = pep_graph()
        node.source, node.line = self.get_source_info()
        node["docname"] = self.env.docname
        node["options"] = self._read_options()
        # Rewritten whenever any proposal changes (incremental builds).
        get_domain(self.env).set_doc_data("listings", self.env.docname, True)
        return [node]

    def _read_options(self) -> GraphOptions:
        filters = read_static_filters(self.options, get_settings(self.config), self._warn)
        relations: list[str] = []
        for item in _items(self.options.get("relations")):
            name = item.casefold()
            if name not in GRAPH_RELATIONS:
                self._warn(
                    f"unknown relation {item!r} in :relations: "
                    f"({', '.join(GRAPH_RELATIONS)}); ignored"
                )
            elif name not in relations:
                relations.append(name)
        if "relations" in self.options and not relations:
            self._warn(f"no relation to draw; drawing {', '.join(DEFAULT_RELATIONS)}")

        direction = DEFAULT_DIRECTION
        raw_direction = (self.options.get("direction") or "").strip()
        if raw_direction:
            if raw_direction.upper() in DIRECTIONS:
                direction = raw_direction.upper()
            else:
                self._warn(
                    f"unknown direction {raw_direction!r} ({', '.join(DIRECTIONS)}); "
                    f"using {DEFAULT_DIRECTION}"
                )

        around, around_own = None, False
        if "around" in self.options:
            raw_around = (self.options.get("around") or "").strip()
            if not raw_around:
                around_own = True
            else:
                around = parse_proposal_id(raw_around)
                if around is None:
                    self._warn(
                        f":around: {raw_around!r} is not a proposal id (write 12, PEP 12 or "
                        "pep-0012; or nothing, for this page's proposal); drawing every proposal"
                    )

        depth = 1
        raw_depth = (self.options.get("depth") or "").strip()
        if raw_depth:
            # At most two digits before int(): Python refuses to read a number
            # of over 4300 digits (ValueError), and 10 is the most drawn anyway.
            digits = raw_depth.isascii() and raw_depth.isdigit() and len(raw_depth) <= 2
            if not digits or not 1 <= int(raw_depth) <= MAX_DEPTH:
                self._warn(f":depth: must be a whole number from 1 to {MAX_DEPTH}; using 1")
            elif "around" not in self.options:
                self._warn(":depth: needs :around: (a neighbourhood); ignored")
            else:
                depth = int(raw_depth)

        return GraphOptions(
            filters=filters,
            relations=tuple(relations) or DEFAULT_RELATIONS,
            direction=direction,
            around=around,
            around_own=around_own,
            depth=depth,
        )


class AddHeaderGraphs(SphinxPostTransform):
    """``pep_header_graph``: a neighbourhood graph placeholder right after each header."""

    default_priority = 4  # before the headers are rendered (5) and graphs filled (7)

    def run(self, **kwargs: Any) -> None:
        if not get_settings(self.config).header_graph:
            return
        for header in list(self.document.findall(pep_header)):
            node = pep_graph()
            node.source, node.line = header.source, header.line
            node["docname"] = header["docname"]
            node["options"] = GraphOptions(around_own=True, in_header=True)
            header.parent.insert(header.parent.index(header) + 1, node)


def setup_graph(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(pep_graph)
    app.add_directive("pep-graph", PepGraphDirective)
    app.add_post_transform(AddHeaderGraphs)
