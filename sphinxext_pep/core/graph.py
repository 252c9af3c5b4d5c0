"""The graph of proposals and their relations, and its Graphviz DOT text (``pep-graph``).

Pure: the project's proposals and effective relations in, a :class:`Graph`
(nodes and edges, in a fixed order) out, and :func:`graph_dot` writes it as
DOT for Graphviz. The Sphinx side (:mod:`sphinxext_pep.graph`) chooses the
proposals, supplies the links and translated phrases, and hands the DOT to
``sphinx.ext.graphviz``.

An edge is a statement "*subject* *relation* *object*" (``PEP 12 depends-on
PEP 9``), as the headers write it. It is drawn forwards in time: from the
proposal that comes first (the one depended on, the one superseded) to the
one that builds on it, so a left-to-right graph reads in the order work is
done. ``related`` has no direction. Cycles (warned by the relation checks)
are just edges here: nothing walks a path, the neighbourhood is a
breadth-first search with a visited set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sphinxext_pep.core.model import RECIPROCAL, Proposal
from sphinxext_pep.core.relations import EffectiveRelations, Resolve, all_of
from sphinxext_pep.core.values import ProposalKey

#: The relations a graph can draw, in legend order; ``related`` is off by default.
GRAPH_RELATIONS: tuple[str, ...] = ("depends-on", "supersedes", "related")
DEFAULT_RELATIONS: tuple[str, ...] = ("depends-on", "supersedes")
#: Graphviz ``rankdir`` values: the direction the edges run.
DIRECTIONS: tuple[str, ...] = ("LR", "TB", "RL", "BT")
DEFAULT_DIRECTION = "LR"
#: A short title is cut to this many characters (an ellipsis included).
SHORT_TITLE = 32

#: Node colours by status group: a pale fill (dark text stays readable on
#: light and dark pages alike) and a border in the group's badge colour
#: (sphinx-design's info, primary, success, secondary, warning).
GROUP_COLOURS: Mapping[str, tuple[str, str]] = {
    "open": ("#d7f1f6", "#17a2b8"),
    "accepted": ("#d6e6f5", "#0071bc"),
    "done": ("#d9f0de", "#28a745"),
    "closed": ("#e7e9ec", "#6c757d"),
    "deferred": ("#fcebd2", "#d9831f"),
}
#: A status no template knows: white, dashed dark border.
UNKNOWN_COLOURS = ("#ffffff", "#343a40")
TEXT_COLOUR = "#1f2328"
#: Mid grey: visible on a white page and on a dark one.
EDGE_COLOUR = "#8a8f98"
#: Graphviz edge attributes of each relation.
EDGE_STYLES: Mapping[str, str] = {
    "depends-on": 'style="solid", arrowhead="normal"',
    "supersedes": 'style="dashed", arrowhead="empty"',
    "related": 'style="dotted", dir="none"',
}


@dataclass(frozen=True)
class GraphNode:
    key: ProposalKey
    #: ``PEP 0012``.
    pid: str
    title: str
    status: str
    group: str | None

    @property
    def short_title(self) -> str:
        """The title on one line, cut to :data:`SHORT_TITLE` characters."""
        text = one_line(self.title)
        return text if len(text) <= SHORT_TITLE else text[: SHORT_TITLE - 1].rstrip() + "\u2026"


@dataclass(frozen=True, order=True)
class GraphEdge:
    """*subject* *relation* *object*: ``PEP 12 depends-on PEP 9``."""

    relation: str
    subject: ProposalKey
    object: ProposalKey

    @property
    def drawn(self) -> tuple[ProposalKey, ProposalKey]:
        """(tail, head) as drawn: from the earlier proposal to the one building on it."""
        if self.relation == "related":
            return (self.subject, self.object)
        return (self.object, self.subject)


@dataclass(frozen=True)
class Graph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    #: The proposal a neighbourhood graph is drawn around.
    centre: ProposalKey | None = None


def one_line(text: str) -> str:
    """*text* with every run of whitespace (newlines too) as one space, control characters out."""
    text = "".join(ch for ch in text if ch >= " " or ch in "\t\n\r")
    return " ".join(text.split())


def graph_edges(
    keys: Iterable[ProposalKey],
    relations: EffectiveRelations,
    resolve: Resolve,
    kinds: Iterable[str],
) -> tuple[GraphEdge, ...]:
    """Every edge of *kinds* between *keys*, own and derived alike.

    A proposal's effective relations hold those the others imply, so each
    edge is found from its subject alone: a relation written on either side
    (``depends-on`` on one, ``enables`` on the other) is one edge;
    ``related`` is one edge per pair.
    """
    shown = set(keys)
    found: set[GraphEdge] = set()
    for key in sorted(shown):
        for relation in kinds:
            for other in all_of(relations, key, relation, resolve):
                if other not in shown:
                    continue
                if relation == "related":
                    if other == key:
                        continue  # warned (pep.ref); a loop says nothing here
                    key_a, key_b = sorted((key, other))
                    found.add(GraphEdge(relation, key_a, key_b))
                else:
                    found.add(GraphEdge(relation, key, other))
    order = {name: index for index, name in enumerate(GRAPH_RELATIONS)}
    return tuple(sorted(found, key=lambda e: (order[e.relation], e.subject, e.object)))


def neighbourhood(
    centre: ProposalKey,
    adjacent: Callable[[ProposalKey], Iterable[ProposalKey]],
    allowed: set[ProposalKey],
    depth: int,
) -> set[ProposalKey]:
    """The proposals at most *depth* steps of *adjacent* from *centre*, through *allowed*.

    Each proposal is visited once, so a cycle ends the walk like a dead end;
    only the neighbourhood is looked at, never the whole project.
    """
    seen = {centre}
    frontier = [centre]
    for _step in range(depth):
        frontier = sorted({n for node in frontier for n in adjacent(node) if n in allowed} - seen)
        seen.update(frontier)
    return seen


def _node(proposal: Proposal, name: Callable[[Proposal], str]) -> GraphNode:
    assert proposal.key is not None
    return GraphNode(
        proposal.key, name(proposal), proposal.title, proposal.status, proposal.status_group
    )


def select_graph(
    proposals: Sequence[Proposal],
    relations: EffectiveRelations,
    resolve: Resolve,
    *,
    selects: Callable[[Proposal], bool],
    name: Callable[[Proposal], str],
    kinds: Sequence[str] = DEFAULT_RELATIONS,
    around: ProposalKey | None = None,
    depth: int = 1,
) -> Graph:
    """The graph of the proposals *selects* keeps, or of *around*'s neighbourhood.

    *proposals* are the project's resolvable ones (one per key); *name* gives
    a proposal's id as shown (``PEP 0012``). Nodes come in key order, edges
    by relation, subject, object, so the DOT text is the same on every build.
    """
    by_key = {p.key: p for p in proposals if p.key is not None}
    shown = {key for key, proposal in by_key.items() if selects(proposal)}
    if around is not None and around in by_key:
        # Both ways along each relation: what it depends on and what depends on it.
        names = {name for kind in kinds for name in (kind, RECIPROCAL[kind])}

        def adjacent(key: ProposalKey) -> set[ProposalKey]:
            return {k for n in names for k in all_of(relations, key, n, resolve) if k in by_key}

        shown = neighbourhood(around, adjacent, shown | {around}, depth)
    nodes = tuple(_node(by_key[key], name) for key in sorted(shown))
    edges = graph_edges(shown, relations, resolve, kinds)
    return Graph(nodes, edges, around if around in by_key else None)


def _escaped(text: str) -> str:
    return one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def dot_string(text: str) -> str:
    """*text* as a quoted DOT string: backslashes and quotes escaped, on one line.

    A backslash is Graphviz's escape character in labels (``\\n``, ``\\N``),
    so doubling it keeps every title as text.
    """
    return f'"{_escaped(text)}"'


def dot_label(*lines: str) -> str:
    """Lines of text as one quoted DOT label, each escaped, joined by DOT's ``\\n``."""
    return '"' + "\\n".join(_escaped(line) for line in lines) + '"'


def _attributes(pairs: Iterable[tuple[str, str]]) -> str:
    """``key="value", ...``, each value quoted with :func:`dot_string`."""
    return ", ".join(f"{key}={dot_string(value)}" for key, value in pairs)


def node_id(graph_id: str, key: ProposalKey) -> str:
    """The SVG id of *key*'s node in the graph *graph_id* (unique on the page)."""
    return f"{graph_id}-{key.slug}"


def graph_dot(
    graph: Graph,
    *,
    graph_id: str,
    direction: str = DEFAULT_DIRECTION,
    urls: Mapping[ProposalKey, str] | None = None,
    phrases: Mapping[str, str] | None = None,
) -> str:
    """The DOT text of *graph*.

    *urls* links each node (a key without one is not linked); *phrases*
    gives each relation's tooltip sentence with ``{subject}`` and
    ``{object}`` (translated by the caller), defaulting to the field name.
    Every value is quoted with :func:`dot_string`; ids are unique per
    *graph_id* so that several graphs can share one HTML page.
    """
    urls = urls or {}
    phrases = phrases or {}
    names = {node.key: node.pid for node in graph.nodes}
    lines = [
        f"digraph {dot_string(graph_id)} {{",
        f"  graph [{_attributes([('id', graph_id), ('rankdir', direction)])}, "
        'bgcolor="transparent", nodesep="0.25", ranksep="0.45", pack="true", packmode="array_u"];',
        '  node [shape="box", style="rounded,filled", fontname="Helvetica,Arial,sans-serif", '
        f'fontsize="11", margin="0.12,0.06", fontcolor="{TEXT_COLOUR}"];',
        f'  edge [color="{EDGE_COLOUR}", arrowsize="0.8"];',
    ]
    for node in graph.nodes:
        fill, border = GROUP_COLOURS.get(node.group or "", UNKNOWN_COLOURS)
        group = node.group or "unknown"
        style = "rounded,filled" + (",dashed" if node.group is None else "")
        centre = node.key == graph.centre
        pairs = [
            ("id", node_id(graph_id, node.key)),
            (
                "class",
                f"pep-graph-node pep-graph-{group}" + (" pep-graph-centre" if centre else ""),
            ),
            ("tooltip", f"{node.pid} \u2013 {one_line(node.title)} ({node.status})"),
            ("fillcolor", fill),
            ("color", border),
            ("style", style),
            ("penwidth", "2.5" if centre else "1.2"),
        ]
        if node.key in urls:
            pairs += [("URL", urls[node.key]), ("target", "_top")]
        label = dot_label(node.pid, node.short_title)
        lines.append(f"  {dot_string(node.key.slug)} [label={label}, {_attributes(pairs)}];")
    for number, edge in enumerate(graph.edges, start=1):
        tail, head = edge.drawn
        phrase = phrases.get(edge.relation, f"{{subject}} {edge.relation} {{object}}")
        tooltip = phrase.replace("{subject}", names[edge.subject]).replace(
            "{object}", names[edge.object]
        )
        pairs = [
            ("id", f"{graph_id}-edge-{number}"),
            ("class", f"pep-graph-edge pep-graph-{edge.relation}"),
            ("tooltip", tooltip),
        ]
        lines.append(
            f"  {dot_string(tail.slug)} -> {dot_string(head.slug)} "
            f"[{_attributes(pairs)}, {EDGE_STYLES[edge.relation]}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
