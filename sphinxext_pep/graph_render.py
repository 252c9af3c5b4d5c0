"""``pep-graph`` filled in: inline SVG in HTML, a Graphviz image in LaTeX, a list elsewhere.

:class:`FillGraphs` runs after every document is read, before Sphinx's
reference resolver, and turns each :class:`~sphinxext_pep.graph.pep_graph`
into

* HTML: a :class:`pep_graph_html` block holding the graph's list (each
  proposal a ``pending_xref``, so the domain resolves the links, on any
  HTML builder). Writing it, the DOT is made with those links, laid out by
  ``sphinx.ext.graphviz``'s ``render_dot`` as SVG and inlined in the page,
  so the nodes are links and the page's CSS reaches them; the list follows,
  folded, as the text equivalent.
* LaTeX and Texinfo: Sphinx's own ``graphviz`` node (PDF, PNG).
* every other builder, or where ``dot`` cannot be found: the list.
"""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from hashlib import sha1
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.ext.graphviz import GraphvizError, graphviz, render_dot
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinxext_pep.config import conf_locator, get_settings
from sphinxext_pep.core.fields import FIELD_BY_NAME
from sphinxext_pep.core.graph import (
    GROUP_COLOURS,
    Graph,
    GraphNode,
    graph_dot,
    node_id,
    select_graph,
)
from sphinxext_pep.core.problems import Subtype
from sphinxext_pep.domain import get_domain
from sphinxext_pep.graph import GraphOptions, pep_graph
from sphinxext_pep.header_render import field_label, proposal_xref
from sphinxext_pep.index_table import GROUP_TITLES
from sphinxext_pep.locale import _
from sphinxext_pep.reporter import node_location, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from sphinxext_pep.core.model import Proposal
    from sphinxext_pep.core.values import ProposalKey

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Written back as plain ``<svg xmlns=...>`` and ``xlink:``: an ``ns0:svg``
# element would not be SVG inside an HTML page.
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

#: Builders that draw the graph as a picture through ``sphinx.ext.graphviz``.
_PICTURE_FORMATS = ("html", "latex", "texinfo")


class pep_graph_html(nodes.General, nodes.Element):  # noqa: N801
    """HTML: a filled graph; its children are the list, its attributes the graph."""


def graph_label() -> str:
    return _("Graph of proposals and their relations")


def _phrases() -> dict[str, str]:
    # {subject} and {object} are proposal ids: "PEP 0012 depends on PEP 0009".
    return {
        "depends-on": _("{subject} depends on {object}"),
        "supersedes": _("{subject} supersedes {object}"),
        "related": _("{subject} is related to {object}"),
    }


def graph_list(graph: Graph, docname: str, label: str) -> nodes.bullet_list:
    """The graph as text: each proposal, then the proposals it names, by relation."""
    out = nodes.bullet_list(classes=["pep-graph-items"])
    named: dict[tuple[ProposalKey, str], list[ProposalKey]] = {}
    for edge in graph.edges:  # in the graph's order: by relation, subject, object
        named.setdefault((edge.subject, edge.relation), []).append(edge.object)
    for node in graph.nodes:
        para = nodes.paragraph()
        para += proposal_xref(node.key, docname, label)
        para += nodes.Text(f" \u2013 {node.title} ({node.status})")
        item = nodes.list_item("", para, pep_graph_key=node.key.slug)
        relations = nodes.bullet_list()
        for relation in ("depends-on", "supersedes", "related"):
            objects = named.get((node.key, relation), [])
            if not objects:
                continue
            line = nodes.paragraph()
            line += nodes.Text(f"{field_label(FIELD_BY_NAME[relation])}: ")
            for index, key in enumerate(objects):
                if index:
                    line += nodes.Text(", ")
                line += proposal_xref(key, docname, label)
            relations += nodes.list_item("", line)
        if relations.children:
            item += relations
        out += item
    return out


def _dot_found(config: Any) -> bool:
    return bool(config.graphviz_dot) and shutil.which(config.graphviz_dot) is not None


class _FillGraphs(SphinxPostTransform):
    """Each ``pep-graph`` drawn (or listed) from the domain."""

    #: The builder's kind of output: "html", "picture" (LaTeX, Texinfo) or "text".
    output = "text"

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(pep_graph))
        if not placeholders:
            return
        domain = get_domain(self.env)
        settings = get_settings(self.config)
        proposals = list(domain.iter_proposals())
        index = domain.series_index()
        picture = self.output != "text"
        dot_found = _dot_found(self.config)

        def name(proposal: Proposal) -> str:
            return settings.proposal_id(proposal.label, proposal.number)

        for number, node in enumerate(placeholders, start=1):
            options: GraphOptions = node["options"]
            where = node_location(node, node["docname"])
            own = domain.proposal_of(node["docname"])
            centre = None
            if options.around_own:
                centre = own.key if own is not None else None
                if centre is None:
                    if not options.in_header:
                        warn(
                            Subtype.CONFIG,
                            "pep-graph: ':around:' without a value draws the neighbourhood "
                            "of the page's proposal, but this page has none; write a "
                            "proposal id",
                            where,
                        )
                    node.parent.remove(node)
                    continue
            elif options.around is not None:
                centre = index.key_of(options.around)
                if centre is None or domain.get_proposal(centre) is None:
                    written = settings.proposal_id(
                        options.around.label or (own.label if own else "PEP"),
                        options.around.number,
                    )
                    warn(
                        Subtype.REF,
                        f"pep-graph: ':around:' names {written}, which no proposal in "
                        "this project has (or two series share that number)",
                        where,
                    )
                    node.parent.remove(node)
                    continue
            graph = select_graph(
                proposals,
                domain.relations(),
                index.key_of,
                selects=options.filters.selects,
                name=name,
                kinds=options.relations,
                around=centre,
                depth=options.depth,
            )
            label = own.label if own is not None else "PEP"
            if options.in_header and (not graph.edges or not picture or not dot_found):
                # The header lists the relations already: only a picture adds to it
                # (a missing dot is reported once, by warn_header_graphs_undrawn).
                node.parent.remove(node)
                continue
            if picture and not dot_found:
                warn(Subtype.CONFIG, dot_missing_message(self.config), where)
            graph_id = f"pep-graph-{number}"
            replacement: nodes.Element
            if self.output == "html" and dot_found:
                replacement = pep_graph_html(
                    "",
                    graph_list(graph, node["docname"], label),
                    graph=graph,
                    graph_id=graph_id,
                    direction=options.direction,
                    docname=node["docname"],
                    in_header=options.in_header,
                )
            elif picture and dot_found:
                replacement = graphviz()
                replacement["code"] = graph_dot(
                    graph, graph_id=graph_id, direction=options.direction, phrases=_phrases()
                )
                replacement["options"] = {"docname": node["docname"]}
                replacement["alt"] = graph_label()
                replacement["classes"] = ["pep-graph"]
            else:
                replacement = graph_list(graph, node["docname"], label)
            replacement.source, replacement.line = node.source, node.line
            node.replace_self(replacement)


class FillGraphsHTML(_FillGraphs):
    default_priority = 7  # after the headers (5, 6), before ReferencesResolver (10)
    formats = ("html",)
    output = "html"


class FillGraphsPicture(_FillGraphs):
    default_priority = 7
    formats = ("latex", "texinfo")
    output = "picture"


class FillGraphsPlain(_FillGraphs):
    """Every other builder (and what the two above left): the list."""

    default_priority = 8


def dot_missing_message(config: Any, instead: str = "listing the proposals") -> str:
    return (
        f"pep-graph: Graphviz's dot command {config.graphviz_dot!r} cannot be found "
        f"(install Graphviz, or set graphviz_dot to its path); {instead} instead of "
        "drawing them"
    )


def warn_header_graphs_undrawn(app: Sphinx) -> None:
    """``pep_header_graph`` without ``dot``: one warning per build, at the setting."""
    if not get_settings(app.config).header_graph or _dot_found(app.config):
        return
    if app.builder.format not in _PICTURE_FORMATS:
        return
    where = conf_locator(app.confdir)("pep_header_graph")
    warn(Subtype.CONFIG, dot_missing_message(app.config, "showing the headers' lists"), where)


def inline_svg(path: str | Path, links: dict[str, str], label: str) -> str:
    """The SVG file Graphviz wrote, as markup to put in the page.

    ``render_dot`` makes the file's links relative to ``_images``; inline,
    each node's link is set back to the page-relative *links* (node id ->
    URL). Every text is escaped again on the way out.
    """
    root = ET.parse(path).getroot()  # written by dot, from our escaped DOT
    root.set("aria-label", label)
    root.set("class", "pep-graph-svg")
    # Shrunk to the column when wider, but never below 60%: past that the
    # labels are too small to read, and the box scrolls instead.
    width = root.attrib.pop("width", "")
    root.attrib.pop("height", None)
    if width.endswith("pt"):
        points = float(width[:-2])
        root.set("style", f"width: {points:g}pt; min-width: {points * 0.6:.0f}pt")
    title = root.find(f"{{{SVG_NS}}}g/{{{SVG_NS}}}title")
    if title is not None:
        title.text = label
    for group in root.iter(f"{{{SVG_NS}}}g"):
        url = links.get(group.get("id", ""))
        if url is None:
            continue
        for anchor in group.iter(f"{{{SVG_NS}}}a"):
            anchor.set(f"{{{XLINK_NS}}}href", url)
    return ET.tostring(root, encoding="unicode")


def _legend(graph: Graph) -> str:
    groups = sorted({n.group for n in graph.nodes if n.group}, key=list(GROUP_COLOURS).index)
    swatches = "".join(
        f'<span class="pep-graph-swatch" style="background:{GROUP_COLOURS[g][0]};'
        f'border-color:{GROUP_COLOURS[g][1]}">{escape(str(GROUP_TITLES[g]))}</span>'
        for g in groups
    )
    arrows = escape(
        _(
            "Arrows point from a proposal to the one that depends on it (solid) or "
            "supersedes it (dashed); dotted lines join related proposals."
        )
    )
    return f'<p class="pep-graph-legend">{swatches} <span>{arrows}</span></p>'


def _links(node: pep_graph_html) -> dict[str, str]:
    """Node id -> the resolved link of its list item's proposal."""
    links = {}
    by_slug = {n.key.slug: n for n in node["graph"].nodes}
    for item in node.findall(nodes.list_item):
        graph_node: GraphNode | None = by_slug.get(item.get("pep_graph_key", ""))
        reference = item.next_node(nodes.reference)
        if graph_node is None or reference is None:
            continue
        url = reference.get("refuri") or f"#{reference.get('refid', '')}"
        links[node_id(node["graph_id"], graph_node.key)] = url
    return links


def _inline_markup(
    self: HTML5Translator, dot: str, node: pep_graph_html, links: dict[str, str]
) -> str | None:
    """The SVG of *dot* as page markup: from the cache, else drawn and cached.

    ``render_dot`` writes into ``_images``; the page holds the picture, and a
    file left there would outlive the graph it was drawn from (an incremental
    build would differ from a fresh one). So the markup goes to a cache in the
    doctree directory instead, keyed like ``render_dot``'s own files by the
    DOT text (the links included) and the ``dot`` command, and by the label:
    a page rewritten with the same graph (its toctree parent after a body
    edit) runs no ``dot`` and parses no SVG.
    """
    config = self.builder.config
    label = graph_label()
    key = f"{dot}{config.graphviz_dot}{config.graphviz_dot_args}{label}".encode()
    digest = sha1(key, usedforsecurity=False).hexdigest()
    cached = Path(self.builder.doctreedir) / "pep-graph" / f"{digest}.svg"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    try:
        _relative, written = render_dot(self, dot, {"docname": node["docname"]}, "svg", "pep-graph")
    except GraphvizError as error:
        warn(
            Subtype.CONFIG,
            f"pep-graph: Graphviz could not draw the graph ({error}); listing it instead",
            node_location(node, node["docname"]),
        )
        return None
    if written is None:
        return None
    markup = inline_svg(written, links, label)
    Path(written).unlink(missing_ok=True)
    cached.parent.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed: a parallel writer never reads half a file.
    partial = cached.with_suffix(f".{os.getpid()}.part")
    partial.write_text(markup, encoding="utf-8")
    os.replace(partial, cached)
    return markup


def visit_graph_html(self: HTML5Translator, node: pep_graph_html) -> None:
    graph: Graph = node["graph"]
    links = _links(node)
    ids = {n.key: node_id(node["graph_id"], n.key) for n in graph.nodes}
    urls = {key: links[ident] for key, ident in ids.items() if ident in links}
    dot = graph_dot(
        graph,
        graph_id=node["graph_id"],
        direction=node["direction"],
        urls=urls,
        phrases=_phrases(),
    )
    classes = "pep-graph pep-header-graph" if node["in_header"] else "pep-graph"
    svg = _inline_markup(self, dot, node, links)
    node["drawn"] = svg is not None
    if svg is None:  # the list alone, unfolded
        self.body.append(f'<div class="{classes} pep-graph-unavailable">')
        return
    summary = escape(_("The graph as a list"))
    self.body.append(
        f'<div class="{classes}">'
        f'<div class="pep-graph-canvas" tabindex="0">{svg}</div>{_legend(graph)}'
        f'<details class="pep-graph-text"><summary>{summary}</summary>'
    )


def depart_graph_html(self: HTML5Translator, node: pep_graph_html) -> None:
    self.body.append("</details></div>\n" if node["drawn"] else "</div>\n")


def _add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is not None and any(True for _node in doctree.findall(pep_graph_html)):
        app.add_css_file("pep-graph.css")


def setup_graph_render(app: Sphinx) -> None:
    app.add_node(pep_graph_html, html=(visit_graph_html, depart_graph_html))
    for transform in (FillGraphsHTML, FillGraphsPicture, FillGraphsPlain):
        app.add_post_transform(transform)
    app.connect("builder-inited", warn_header_graphs_undrawn)
    app.connect("html-page-context", _add_assets)
