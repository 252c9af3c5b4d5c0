"""``pep-graph``: the proposals and their relations, drawn by Graphviz.

The project is written from :data:`SPEC`; what the graph must show (nodes,
edges, colours, links) is computed from the same table here, independently
of the extension, and compared with the DOT Sphinx hands to Graphviz (LaTeX
builds keep it in the doctree), the inline SVG of HTML pages and the lists
of the other builders.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BASE_CONF, BuildProject, index_rst, minimal_pep, myst_pep
from sphinx.ext.graphviz import graphviz
from sphinx.testing.util import SphinxTestApp
from test_build_consistency import assert_same_output, fresh_build  # noqa: F401 (fixture)

from sphinxext_pep.core.graph import (
    Graph,
    GraphEdge,
    GraphNode,
    dot_string,
    graph_dot,
    neighbourhood,
)
from sphinxext_pep.core.values import ProposalKey

# Without Graphviz the graphs are lists (tested here too, with a missing
# graphviz_dot); CI installs it (.ci/run), so there a missing dot fails.
pytestmark = pytest.mark.skipif(
    shutil.which("dot") is None and not os.environ.get("CI"), reason="needs Graphviz's dot"
)

HOSTILE = 'Quote " <script>pwned(1)</script> back\\slash'
#: number -> (title, status, header relations)
SPEC: dict[int, tuple[str, str, dict[str, str]]] = {
    1: ("Cache the parser", "Accepted", {}),
    2: (HOSTILE, "Proposed", {"depends_on": "1"}),
    3: ("Stream the output", "Implemented", {"related": "5"}),
    4: ("Drop the old cache", "Rejected", {}),
    5: ("Plugin hooks", "Deferred", {"supersedes": "4", "depends_on": "1"}),
    6: ("Faster keys", "Proposed", {"enables": "2"}),
    7: ("Lonely", "Withdrawn", {}),
}
#: Status group of each status the project uses (SPEC §3, the pep template).
GROUPS = {
    "Proposed": "open",
    "Accepted": "accepted",
    "Implemented": "done",
    "Rejected": "closed",
    "Withdrawn": "closed",
    "Deferred": "deferred",
}
#: The documented palette (docs/graph.md): group -> (fill, border).
PALETTE = {
    "open": ("#d7f1f6", "#17a2b8"),
    "accepted": ("#d6e6f5", "#0071bc"),
    "done": ("#d9f0de", "#28a745"),
    "closed": ("#e7e9ec", "#6c757d"),
    "deferred": ("#fcebd2", "#d9831f"),
}


def expected_edges(relations: tuple[str, ...] = ("depends-on", "supersedes")) -> set[tuple]:
    """(tail, head, relation) as drawn: from the proposal depended on / superseded."""
    edges = set()
    for number, (_title, _status, fields) in SPEC.items():
        for field, value in fields.items():
            other = int(value)
            if field == "depends_on":
                edges.add((other, number, "depends-on"))
            elif field == "enables":
                edges.add((number, other, "depends-on"))
            elif field == "supersedes":
                edges.add((other, number, "supersedes"))
            elif field == "related":
                edges.add((min(number, other), max(number, other), "related"))
    return {edge for edge in edges if edge[2] in relations}


def proposals(markup: str) -> dict[str, str]:
    files = {}
    for number, (title, status, fields) in SPEC.items():
        if markup == "md":
            files[f"pep-{number:04d}.md"] = myst_pep(number, title, status=status, **fields)
        else:
            # An RST backslash escapes: written twice, it is one in the title.
            heading = title.replace("\\", "\\\\")
            files[f"pep-{number:04d}.rst"] = minimal_pep(number, heading, status=status, **fields)
    return files


DOCNAMES = tuple(f"pep-{n:04d}" for n in SPEC)


#: Titles are compared as written: no curly quotes.
CONF = BASE_CONF + "smartquotes = False\n"


def project(directive: str, markup: str = "rst", conf: str = "", **extra: str) -> dict[str, str]:
    """The proposals and an index page holding *directive* (RST) or its MyST fence."""
    extra = {"conf.py": CONF + conf, **extra}
    if markup == "md":
        lines = directive.strip().splitlines()
        options = "\n".join(line.strip() for line in lines[1:])
        name = lines[0].removeprefix(".. ").removesuffix("::")
        body = f"```{{{name}}}\n{options}\n```\n" if options else f"```{{{name}}}\n```\n"
        entries = "\n".join(DOCNAMES)
        index = f"# Index\n\n```{{toctree}}\n{entries}\n```\n\n{body}"
        return {**proposals(markup), **extra, "index.md": index}
    return {**proposals(markup), **extra, "index.rst": index_rst(*DOCNAMES, body=directive)}


_NODE_RE = re.compile(r'^  "(?P<name>[^"]+)" \[(?P<attrs>.*)\];$', re.MULTILINE)
_EDGE_RE = re.compile(
    r'^  "(?P<tail>[^"]+)" -> "(?P<head>[^"]+)" \[(?P<attrs>.*)\];$', re.MULTILINE
)
_ATTR_RE = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def parse_dot(dot: str) -> tuple[dict[str, dict[str, str]], set[tuple]]:
    nodes = {m["name"]: dict(_ATTR_RE.findall(m["attrs"])) for m in _NODE_RE.finditer(dot)}
    edges = set()
    for m in _EDGE_RE.finditer(dot):
        attrs = dict(_ATTR_RE.findall(m["attrs"]))
        relation = attrs["class"].split()[-1].removeprefix("pep-graph-")
        edges.add((int(m["tail"][4:]), int(m["head"][4:]), relation))
    return nodes, edges


def latex_dot(build) -> list[str]:
    return [node["code"] for node in build.doctree().findall(graphviz)]


# -- the DOT ------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", ["rst", "md"])
def test_dot_has_every_proposal_coloured_by_group_and_every_relation(
    build_project: BuildProject, markup: str
) -> None:
    build = build_project(project(".. pep-graph::\n", markup), buildername="latex")
    assert build.warnings == []
    [dot] = latex_dot(build)
    nodes, edges = parse_dot(dot)
    assert sorted(nodes) == sorted(f"pep-{n}" for n in SPEC)
    for number, (title, status, _fields) in SPEC.items():
        attrs = nodes[f"pep-{number}"]
        fill, border = PALETTE[GROUPS[status]]
        assert (attrs["fillcolor"], attrs["color"]) == (fill, border)
        assert f"pep-graph-{GROUPS[status]}" in attrs["class"].split()
        assert "URL" not in attrs  # a PDF picture: no links
        if number != 2:
            assert attrs["label"] == f"PEP {number:04d}\\n{title}"
    # The hostile title is text: quote and backslash escaped, cut to 32 characters.
    short = HOSTILE[:31] + "\u2026"
    assert nodes["pep-2"]["label"] == "PEP 0002\\n" + short.replace("\\", "\\\\").replace(
        '"', '\\"'
    )
    assert nodes["pep-2"]["tooltip"] == (
        f"PEP 0002 \u2013 {HOSTILE} (Proposed)".replace("\\", "\\\\").replace('"', '\\"')
    )
    assert edges == expected_edges()
    tex = build.read("python.tex") if (build.outdir / "python.tex").exists() else ""
    tex = tex or next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert re.search(r"\\sphinxincludegraphics\[\]\{graphviz-[0-9a-f]+\.pdf\}", tex)


@pytest.mark.parametrize("markup", ["rst", "md"])
def test_options_filter_relate_direct_and_centre(build_project: BuildProject, markup: str) -> None:
    directives = (
        ".. pep-graph::\n   :status: open, Deferred\n\n"
        ".. pep-graph::\n   :relations: related, depends-on\n   :direction: tb\n\n"
        ".. pep-graph::\n   :around: 1\n   :depth: 1\n\n"
        ".. pep-graph::\n   :around: PEP 4\n   :depth: 2\n   :relations: supersedes, depends-on\n"
    )
    if markup == "md":
        files = {**proposals("md"), "conf.py": CONF, "index.md": _myst_index(directives)}
    else:
        files = project(directives)
    build = build_project(files, buildername="latex")
    assert build.warnings == []
    filtered, related, around_1, around_4 = [parse_dot(d) for d in latex_dot(build)]

    wanted = {n for n, spec in SPEC.items() if GROUPS[spec[1]] in ("open", "deferred")}
    assert {int(name[4:]) for name in filtered[0]} == wanted
    assert filtered[1] == {e for e in expected_edges() if {e[0], e[1]} <= wanted}

    assert related[1] == expected_edges(("related", "depends-on"))
    assert 'rankdir="TB"' in latex_dot(build)[1]

    def bfs(centre: int, depth: int, edges: set[tuple]) -> set[int]:
        seen, frontier = {centre}, {centre}
        for _ in range(depth):
            frontier = {b if a in frontier else a for a, b, _r in edges if {a, b} & frontier}
            frontier -= seen
            seen |= frontier
        return seen

    assert {int(n[4:]) for n in around_1[0]} == bfs(1, 1, expected_edges())
    assert "pep-graph-centre" in around_1[0]["pep-1"]["class"]
    assert {int(n[4:]) for n in around_4[0]} == bfs(4, 2, expected_edges())
    assert around_4[1] == {
        e for e in expected_edges() if {e[0], e[1]} <= bfs(4, 2, expected_edges())
    }


def _myst_index(directives: str) -> str:
    fences = []
    for block in directives.strip().split("\n\n"):
        lines = block.strip().splitlines()
        options = "\n".join(line.strip() for line in lines[1:])
        fences.append(f"```{{pep-graph}}\n{options}\n```\n")
    entries = "\n".join(DOCNAMES)
    return f"# Index\n\n```{{toctree}}\n{entries}\n```\n\n" + "\n".join(fences)


#: number -> the value fields each proposal adds to SPEC's (what the static filters read).
VALUES: dict[int, dict[str, str]] = {
    1: {"target": "1.0", "category": "Core", "risk": "High"},
    2: {"target": "2.0", "category": "core", "risk": "Medium"},
    3: {"target": "1.0", "category": "Tooling"},
    4: {"target": "2.0", "risk": "High"},
    5: {"target": "2.0", "category": "Core", "risk": "Medium"},
    6: {"category": "Tooling", "risk": "High"},
    7: {"target": "1.0"},
}


def valued_proposals(markup: str) -> dict[str, str]:
    """SPEC's proposals with VALUES' fields (risk Low where VALUES gives none)."""
    files = {}
    for number, (title, status, fields) in SPEC.items():
        extra = {**fields, **VALUES[number]}
        if markup == "md":
            files[f"pep-{number:04d}.md"] = myst_pep(number, title, status=status, **extra)
        else:
            heading = title.replace("\\", "\\\\")
            files[f"pep-{number:04d}.rst"] = minimal_pep(number, heading, status=status, **extra)
    return files


def value_of(number: int, field: str) -> str:
    return VALUES[number].get(field, "Low" if field == "risk" else "")


@pytest.mark.parametrize("markup", ["rst", "md"])
def test_static_filters_of_the_index_take_any_value_field(
    build_project: BuildProject, markup: str
) -> None:
    # The filters pep-index has, read by the same code: any field of one value
    # per proposal (free text, a risk level), case-insensitively, one of the
    # values of each option given, every option given; the neighbourhood stays
    # among what they select, its centre included.
    directives = (
        ".. pep-graph::\n   :target: 2.0\n\n"
        ".. pep-graph::\n   :category: core, TOOLING\n   :risk: high\n\n"
        ".. pep-graph::\n   :status: open, accepted\n   :risk: Medium, High\n\n"
        ".. pep-graph::\n   :around: 5\n   :depth: 2\n   :target: 2.0\n"
    )
    if markup == "md":
        files = {**valued_proposals("md"), "conf.py": CONF, "index.md": _myst_index(directives)}
    else:
        files = {
            **valued_proposals("rst"),
            "conf.py": CONF,
            "index.rst": index_rst(*DOCNAMES, body=directives),
        }
    build = build_project(files, buildername="latex")
    assert build.warnings == []
    target, category, status_risk, around = [parse_dot(d) for d in latex_dot(build)]

    def numbers(graph: tuple) -> set[int]:
        return {int(name[4:]) for name in graph[0]}

    def among(wanted: set[int]) -> set[tuple]:
        return {e for e in expected_edges() if {e[0], e[1]} <= wanted}

    wanted = {n for n in SPEC if value_of(n, "target") == "2.0"}
    assert wanted == {2, 4, 5}
    assert (numbers(target), target[1]) == (wanted, among(wanted))

    wanted = {
        n
        for n in SPEC
        if value_of(n, "category").casefold() in ("core", "tooling")
        and value_of(n, "risk") == "High"
    }
    assert wanted == {1, 6}
    assert (numbers(category), category[1]) == (wanted, among(wanted))

    wanted = {
        n
        for n, (_title, status, _fields) in SPEC.items()
        if GROUPS[status] in ("open", "accepted") and value_of(n, "risk") in ("Medium", "High")
    }
    assert wanted == {1, 2, 6}
    assert (numbers(status_risk), status_risk[1]) == (wanted, among(wanted))

    # Two steps around 5 through target-2.0 proposals only: 4 (which 5
    # supersedes), not 1 (which 5 depends on), nor 2 (which depends on 1).
    wanted = {n for n in SPEC if value_of(n, "target") == "2.0"}
    seen, frontier = {5}, {5}
    for _step in range(2):
        frontier = {
            b if a in frontier else a for a, b, _r in among(wanted) if {a, b} & frontier
        } - seen
        seen |= frontier
    assert seen == {4, 5}
    assert (numbers(around), around[1]) == (seen, among(seen))
    assert "pep-graph-centre" in around[0]["pep-5"]["class"]


# -- HTML: inline SVG ------------------------------------------------------------------------


_SVG_NODE_RE = re.compile(
    r'<g id="pep-graph-1-pep-(?P<n>\d+)" class="node (?P<cls>[^"]*)">.*?'
    r'<a xlink:href="(?P<href>[^"]*)"[^>]*>\s*'
    r'<path fill="(?P<fill>[^"]*)" stroke="(?P<stroke>[^"]*)"',
    re.DOTALL,
)


@pytest.mark.parametrize("markup", ["rst", "md"])
def test_html_inlines_the_svg_with_links_and_colours(
    build_project: BuildProject, markup: str
) -> None:
    build = build_project(project(".. pep-graph::\n", markup))
    assert build.warnings == []
    html = build.html()
    assert html.count("<svg ") == 1
    found = {int(m["n"]): m for m in _SVG_NODE_RE.finditer(html)}
    assert sorted(found) == sorted(SPEC)
    for number, match in found.items():
        group = GROUPS[SPEC[number][1]]
        assert match["href"] == f"pep-{number:04d}.html#pep-{number}"
        assert (match["fill"], match["stroke"]) == PALETTE[group]
        assert f"pep-graph-{group}" in match["cls"]
    # Titles are text in the SVG (and in the list beside it), never markup.
    graph = html[html.index('<div class="pep-graph">') : html.index("</details>")]
    assert "<script>alert" not in graph
    # the node's tooltip; in the list, the link's tooltip and the text
    assert graph.count("&lt;script&gt;pwned(1)&lt;/script&gt;") == 3
    assert "&lt;script&gt;pwned(1)&lt;/scrip…</text>" in graph
    edges = set()
    for relation, tail, head in re.findall(
        r'<g id="pep-graph-1-edge-\d+" class="edge pep-graph-edge pep-graph-([\w-]+)">\s*'
        r"<title>pep-(\d+)-&gt;pep-(\d+)</title>",
        html,
    ):
        edges.add((int(tail), int(head), relation))
    assert edges == expected_edges()
    # The list equivalent, folded under the picture; its links are the same.
    details = html[html.index('<details class="pep-graph-text">') :]
    assert set(re.findall(r'href="(pep-\d{4}\.html#pep-\d+)"', details)) == {
        f"pep-{n:04d}.html#pep-{n}" for n in SPEC
    }
    # No file left over in _images: the picture is in the page.
    assert not list(build.outdir.glob("_images/pep-graph-*"))
    assert "pep-graph.css" in html and "pep-graph.css" not in build.html("pep-0001")


def test_text_builder_lists_the_proposals_and_their_relations(build_project: BuildProject) -> None:
    build = build_project(project(".. pep-graph::\n"), buildername="text")
    assert build.warnings == []
    text = build.read("index.txt")
    assert "* PEP 0005 – Plugin hooks (Deferred)" in text
    assert "* Depends on: PEP 0001" in text
    assert "* Supersedes: PEP 0004" in text
    assert f"* PEP 0002 – {HOSTILE} (Proposed)" in text


# -- problems ------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", ["rst", "md"])
def test_bad_options_are_located_warnings(build_project: BuildProject, markup: str) -> None:
    directives = (
        ".. pep-graph::\n   :colour: red\n   :relations: enables\n   :direction: up\n\n"
        ".. pep-graph::\n   :depth: 3\n   :status: Finished\n\n"
        ".. pep-graph::\n   :around: twelve\n   :depth: 0\n\n"
        ".. pep-graph::\n   :around: 99\n\n"
        ".. pep-graph::\n   :around:\n"
    )
    if markup == "md":
        files = {**proposals("md"), "conf.py": CONF, "index.md": _myst_index(directives)}
        name = "index.md"
        lines = [13, 19, 24, 29, 33]
    else:
        files = project(directives)
        name = "index.rst"
        lines = [14, 19, 23, 27, 30]
    build = build_project(files)
    got = [(w.type, w.line, w.message) for w in build.pep_warnings()]
    assert all(w.file == name for w in build.pep_warnings()), build.warning_text
    first, second, third, fourth, fifth = lines
    assert got == [
        ("pep.config", first, "pep-graph: unknown option :colour: (options: status, type, "
         "category, risk, version, target, shipped, template, relations, direction, around, "
         "depth); ignored"),
        ("pep.config", first, "pep-graph: unknown relation 'enables' in :relations: "
         "(depends-on, supersedes, related); ignored"),
        ("pep.config", first, "pep-graph: no relation to draw; drawing depends-on, supersedes"),
        ("pep.config", first, "pep-graph: unknown direction 'up' (LR, TB, RL, BT); using LR"),
        ("pep.config", second, "pep-graph: unknown status 'Finished' in :status: (a status of any "
         "template, or a group: open, accepted, done, closed, deferred); ignored"),
        ("pep.config", second, "pep-graph: :depth: needs :around: (a neighbourhood); ignored"),
        ("pep.config", third, "pep-graph: :around: 'twelve' is not a proposal id (write 12, PEP 12 "
         "or pep-0012; or nothing, for this page's proposal); drawing every proposal"),
        ("pep.config", third, "pep-graph: :depth: must be a whole number from 1 to 10; using 1"),
        ("pep.ref", fourth, "pep-graph: ':around:' names PEP 0099, which no proposal in this "
         "project has (or two series share that number)"),
        ("pep.config", fifth, "pep-graph: ':around:' without a value draws the neighbourhood of "
         "the page's proposal, but this page has none; write a proposal id"),
    ]  # fmt: skip
    # The graphs that can be drawn are: the first, second and third.
    assert build.html().count("<svg ") == 3


@pytest.mark.parametrize("markup", ["rst", "md"])
def test_bad_static_filter_values_warn_as_in_the_index(
    build_project: BuildProject, markup: str
) -> None:
    directives = ".. pep-graph::\n   :template: pep, nope\n   :status: Finished, open\n"
    if markup == "md":
        files = {**proposals("md"), "conf.py": CONF, "index.md": _myst_index(directives)}
        where = "index.md:13"
    else:
        files = project(directives)
        where = "index.rst:14"
    build = build_project(files, buildername="latex")
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        ("pep.config", where, "pep-graph: unknown status 'Finished' in :status: (a status of any "
         "template, or a group: open, accepted, done, closed, deferred); ignored"),
        ("pep.config", where, "pep-graph: unknown template 'nope' in :template: (known: pep, "
         "pep-full, enhancement); ignored"),
    ]  # fmt: skip
    # What is left of the filters still applies: the open proposals (all on pep).
    [dot] = latex_dot(build)
    wanted = {n for n, spec in SPEC.items() if GROUPS[spec[1]] == "open"}
    assert {int(name[4:]) for name in parse_dot(dot)[0]} == wanted


def test_missing_dot_is_one_warning_per_graph_and_a_list(build_project: BuildProject) -> None:
    files = project(".. pep-graph::\n\n.. pep-graph::\n   :around: 5\n")
    build = build_project(files, confoverrides={"graphviz_dot": "/nonexistent/dot"})
    message = (
        "pep-graph: Graphviz's dot command '/nonexistent/dot' cannot be found (install "
        "Graphviz, or set graphviz_dot to its path); listing the proposals instead of drawing them"
    )
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        ("pep.config", "index.rst:14", message),
        ("pep.config", "index.rst:16", message),
    ]
    html = build.html()
    assert "<svg" not in html
    assert html.count('<ul class="pep-graph-items') == 2
    assert 'href="pep-0004.html#pep-4"' in html
    latex = build_project(
        files, buildername="latex", confoverrides={"graphviz_dot": "/nonexistent/dot"}
    )
    assert [w.where for w in latex.warnings] == ["index.rst:14", "index.rst:16"]
    assert latex_dot(latex) == []


def test_a_dependency_cycle_is_drawn(build_project: BuildProject) -> None:
    files = {
        "pep-0001.rst": minimal_pep(1, "One", depends_on="2"),
        "pep-0002.rst": minimal_pep(2, "Two", depends_on="3"),
        "pep-0003.rst": minimal_pep(3, "Three", depends_on="1"),
        "index.rst": index_rst(
            "pep-0001",
            "pep-0002",
            "pep-0003",
            body=".. pep-graph::\n   :around: 1\n   :depth: 10\n",
        ),
    }
    build = build_project(files, buildername="latex")
    assert [w.type for w in build.warnings] == ["pep.dependency"]
    [dot] = latex_dot(build)
    assert parse_dot(dot)[1] == {(2, 1, "depends-on"), (3, 2, "depends-on"), (1, 3, "depends-on")}


# -- the header's neighbourhood graph (pep_header_graph) ----------------------------------------


def test_header_graph_is_opt_in(build_project: BuildProject) -> None:
    plain = build_project(project(""))
    assert "pep-graph" not in plain.html("pep-0005")
    build = build_project(project("", conf="pep_header_graph = True\n"))
    assert build.warnings == []
    page = build.html("pep-0005")
    header_end = page.index('<div class="pep-graph pep-header-graph">')
    assert page.index('class="pep-header') < header_end
    nodes = {int(n) for n in re.findall(r'<g id="pep-graph-1-pep-(\d+)" class="node', page)}
    assert nodes == {5, 1, 4}
    assert 'class="node pep-graph-node pep-graph-deferred pep-graph-centre"' in page
    # Its own node links to its own header; the others to their pages.
    assert 'xlink:href="#pep-5"' in page and 'xlink:href="pep-0001.html#pep-1"' in page
    # A proposal with no relation has no graph.
    assert "pep-graph" not in build.html("pep-0007")
    # Other builders: the header lists the relations already.
    text = build_project(project("", conf="pep_header_graph = True\n"), buildername="text")
    assert re.search(r"Depends on\s*\|\s*PEP 0001", text.read("pep-0005.txt"))
    assert "* PEP 0001" not in text.read("pep-0005.txt")


def test_header_graph_setting_is_checked(build_project: BuildProject) -> None:
    build = build_project(project("", conf="pep_header_graph = 'yes'\n"))
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        (
            "pep.config",
            "conf.py:3",
            "pep_header_graph must be True or False, got 'yes'; using False",
        )
    ]
    nodot = build_project(
        project("", conf="pep_header_graph = True\n"), confoverrides={"graphviz_dot": "no-such-dot"}
    )
    assert [(w.type, w.where) for w in nodot.warnings] == [("pep.config", "conf.py:3")]
    assert "pep-graph" not in nodot.html("pep-0005")


# -- builds: parallel, incremental ---------------------------------------------------------------


def test_parallel_and_incremental_builds_equal_a_fresh_serial_one(
    build_project: BuildProject,
    fresh_build: Callable[..., SphinxTestApp],  # noqa: F811 (the imported fixture)
) -> None:
    files = {
        **project(".. pep-graph::\n"),
        "other.rst": (
            "Other\n=====\n\n.. pep-graph::\n   :around: 3\n   :depth: 2\n"
            "   :relations: related, supersedes\n"
        ),
    }
    files["index.rst"] = index_rst(*DOCNAMES, "other", body=".. pep-graph::\n")
    # The "basic" theme: Sphinx 8.0's alabaster lists every title in a sidebar
    # Sphinx never rewrites when one changes (docs/performance.md).
    files["conf.py"] = CONF + "pep_header_graph = True\nhtml_theme = 'basic'\n"
    serial = build_project(files)
    assert serial.warnings == []
    serial.app.cleanup()
    parallel = fresh_build(serial.srcdir, parallel=2)
    assert_same_output(serial.outdir, Path(parallel.outdir))
    # Retitle and re-status 4: the front graph, the graph two steps around 3
    # (related to 5, which supersedes 4) and 5's header graph are rewritten;
    # the incremental build equals a fresh one.
    rebuilt = serial.rebuild({"pep-0004.rst": minimal_pep(4, "Drop the cache", status="Withdrawn")})
    assert rebuilt.warnings == []

    def graphs(page: str) -> str:
        html = rebuilt.html(page)
        return "".join(re.findall(r'<div class="pep-graph.*?</details>', html, re.DOTALL))

    for page in ("index", "other", "pep-0005"):
        assert "PEP 0004 – Drop the cache (Withdrawn)" in graphs(page), page
    assert "Drop the cache" not in graphs("pep-0003")  # no relation of its own drawn
    fresh = fresh_build(serial.srcdir)
    assert_same_output(rebuilt.outdir, Path(fresh.outdir))


# -- the pure core ----------------------------------------------------------------------------


def test_dot_strings_keep_any_title_as_text() -> None:
    assert dot_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c d"'
    assert dot_string("tail\\") == '"tail\\\\"'
    key = ProposalKey("pep", 1)
    graph = Graph((GraphNode(key, "PEP 0001", "x\\N\x00y", "Weird", None),), ())
    dot = graph_dot(graph, graph_id="g")
    assert 'label="PEP 0001\\nx\\\\Ny"' in dot
    assert 'style="rounded,filled,dashed"' in dot  # an unknown status


def test_neighbourhood_of_a_cycle_ends() -> None:
    keys = [ProposalKey("pep", n) for n in range(4)]
    edges = [GraphEdge("depends-on", keys[i], keys[(i + 1) % 3]) for i in range(3)]

    def adjacent(key: ProposalKey) -> set[ProposalKey]:
        return {e.object for e in edges if e.subject == key} | {
            e.subject for e in edges if e.object == key
        }

    assert neighbourhood(keys[0], adjacent, set(keys), 50) == set(keys[:3])
    assert neighbourhood(keys[0], adjacent, {keys[0], keys[2]}, 5) == {keys[0], keys[2]}
