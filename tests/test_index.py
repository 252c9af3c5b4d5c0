"""``pep-index`` and the ``pep-proposals`` domain index (SPEC §5, §9)."""

from __future__ import annotations

import re
import textwrap

import pytest
from conftest import BuildProject, index_rst, minimal_pep
from docutils import nodes

PROPOSALS = {
    "pep-0001.rst": minimal_pep(
        1, "Cache the parser", status="Accepted", risk="High", created="2026-01-10"
    ),
    "pep-0002.rst": minimal_pep(
        2,
        "<script>alert(1)</script> & co",
        status="Proposed",
        author='Zed "Q" <z@example.com>, Amy',
        created="2026-02-20",
    ),
    "pep-0003.rst": minimal_pep(
        3, "Stream the output", status="Implemented", created="2026-01-01", updated="2026-03-01"
    ),
    "pep-0004.rst": minimal_pep(4, "Drop the old API", status="Rejected", created="2026-02-01"),
    # pep-full: a type, and a status name (Draft) no other template has.
    "pep-0005.rst": minimal_pep(
        5,
        "Plugin hooks",
        template="pep-full",
        status="Draft",
        type="Standard",
        risk=None,
        created="2026-01-20",
        exempt="section",
    ),
}
DOCNAMES = tuple(name.rsplit(".", 1)[0] for name in PROPOSALS)


def project(body: str, **extra: str) -> dict[str, str]:
    return {**PROPOSALS, **extra, "index.rst": index_rst(*DOCNAMES, body=body)}


def text_rows(text: str) -> list[str]:
    """The proposal ids in a text-builder table, in order."""
    return re.findall(r"^\| (PEP \d{4}) ", text, flags=re.MULTILINE)


def html_rows(html: str) -> list[str]:
    return re.findall(r'<tr data-status="[^"]*".*?<span>(PEP \d{4})</span>', html)


def test_default_index_html(build_project: BuildProject) -> None:
    build = build_project(project(".. pep-index::\n"))
    assert build.warnings == []
    html = build.html()
    assert html_rows(html) == ["PEP 0001", "PEP 0002", "PEP 0003", "PEP 0004", "PEP 0005"]
    block = re.search(
        r'<div data-filters="([^"]*)" data-sort="([^"]*)"[^>]*class="pep-index"', html
    )
    assert block is not None and block.groups() == ("status", "number")
    # Default columns; none of them empty here (only pep-0005 has a type).
    headings = re.findall(r'<th class="head pep-col-(\w+)"', html)
    assert headings == ["number", "title", "status", "type", "authors", "created", "updated"]
    # Titles and numbers link to the proposal, with the domain's tooltip.
    assert (
        '<a class="reference internal" href="pep-0001.html#pep-1" '
        'title="PEP 0001 – Cache the parser (Accepted)"><span>Cache the parser</span></a>'
    ) in html
    # Status badges; the row keys the script filters and sorts by.
    assert 'class="sd-sphinx-override sd-badge sd-bg-primary' in html
    assert 'data-status="draft" data-status-label="Draft" data-status-group="open"' in html
    assert 'data-sort-created="2026-01-20"' in html


def test_assets_only_on_pages_with_an_index(build_project: BuildProject) -> None:
    build = build_project(project(".. pep-index::\n"))
    index = build.html()
    assert '<script defer="defer" src="_static/pep-index.js' in index
    assert 'href="_static/pep-index.css' in index
    proposal = build.html("pep-0001")
    assert "pep-index.js" not in proposal
    assert "pep-index.css" not in proposal
    assert (build.outdir / "_static" / "pep-index.js").is_file()
    assert (build.outdir / "_static" / "pep-index.css").is_file()


def test_titles_and_names_are_escaped(build_project: BuildProject) -> None:
    build = build_project(project(".. pep-index::\n   :filters: status, person\n"))
    html = build.html()
    assert "<script>alert(1)</script>" not in html
    assert "<span>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</span>" in html
    # data-* attributes: quotes in a name cannot end the attribute.
    assert 'data-person-label="[&quot;Zed \\&quot;Q\\&quot;&quot;, &quot;Amy&quot;]"' in html


def test_empty_columns_are_left_out(build_project: BuildProject) -> None:
    files = {name: text for name, text in PROPOSALS.items() if name != "pep-0005.rst"}
    files["index.rst"] = index_rst(*DOCNAMES[:4], body=".. pep-index::\n")
    build = build_project(files)
    headings = re.findall(r'<th class="head pep-col-(\w+)"', build.html())
    assert headings == ["number", "title", "status", "authors", "created", "updated"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # A status name, matched case-insensitively.
        (":status: accepted", ["PEP 0001"]),
        (":status: ACCEPTED, rejected", ["PEP 0001", "PEP 0004"]),
        # A status group: every status in it, whatever the template.
        (":status: open", ["PEP 0002", "PEP 0005"]),
        (":status: done, closed", ["PEP 0003", "PEP 0004"]),
        (":type: standard", ["PEP 0005"]),
        (":template: pep-full", ["PEP 0005"]),
        (":template: pep\n   :status: open", ["PEP 0002"]),
    ],
)
def test_static_filters(build_project: BuildProject, options: str, expected: list[str]) -> None:
    body = f".. pep-index::\n   {options}\n"
    text = build_project(project(body), buildername="text")
    assert text.warnings == []
    assert text_rows(text.read("index.txt")) == expected
    html = build_project(project(body))
    assert html_rows(html.html()) == expected


def test_static_filter_matching_nothing(build_project: BuildProject) -> None:
    build = build_project(project(".. pep-index::\n   :status: deferred\n"), buildername="text")
    assert build.warnings == []
    assert "*No proposals.*" in build.read("index.txt")


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("number", ["PEP 0001", "PEP 0002", "PEP 0003", "PEP 0004", "PEP 0005"]),
        ("-number", ["PEP 0005", "PEP 0004", "PEP 0003", "PEP 0002", "PEP 0001"]),
        ("-created", ["PEP 0002", "PEP 0004", "PEP 0005", "PEP 0001", "PEP 0003"]),
        ("title", ["PEP 0002", "PEP 0001", "PEP 0004", "PEP 0005", "PEP 0003"]),
        # Lifecycle order: open (Proposed, Draft), accepted, done, closed.
        ("status", ["PEP 0002", "PEP 0005", "PEP 0001", "PEP 0003", "PEP 0004"]),
        # Missing values (only 0003 is updated) go last in both directions.
        ("-updated", ["PEP 0003", "PEP 0001", "PEP 0002", "PEP 0004", "PEP 0005"]),
        ("risk", ["PEP 0002", "PEP 0003", "PEP 0004", "PEP 0001", "PEP 0005"]),
    ],
)
def test_sort(build_project: BuildProject, sort: str, expected: list[str]) -> None:
    build = build_project(project(f".. pep-index::\n   :sort: {sort}\n"), buildername="text")
    assert build.warnings == []
    assert text_rows(build.read("index.txt")) == expected


def test_group_by_status(build_project: BuildProject) -> None:
    body = ".. pep-index::\n   :group-by: status\n   :sort: -created\n"
    build = build_project(project(body), buildername="text")
    assert build.warnings == []
    text = build.read("index.txt")
    groups = re.findall(r"^-\[ (\w+) \]-$", text, flags=re.MULTILINE)
    # Lifecycle order, empty groups (deferred) left out.
    assert groups == ["Open", "Accepted", "Done", "Closed"]
    sections = re.split(r"^-\[ \w+ \]-$", text, flags=re.MULTILINE)[1:]
    assert [text_rows(s) for s in sections] == [
        ["PEP 0002", "PEP 0005"],
        ["PEP 0001"],
        ["PEP 0003"],
        ["PEP 0004"],
    ]
    html = build_project(project(body)).html()
    assert re.findall(r'<h\d class="pep-index-group-title">(\w+)</h\d>', html) == groups
    assert html.count('<div class="pep-index-group docutils container">') == 4


def test_columns_and_filters_options(build_project: BuildProject) -> None:
    body = ".. pep-index::\n   :columns: title, risk, number\n   :filters: status, risk, author\n"
    build = build_project(project(body))
    assert build.warnings == []
    html = build.html()
    assert re.findall(r'<th class="head pep-col-(\w+)"', html) == ["title", "risk", "number"]
    # "author", the person filter's name before issue 16, still works
    assert 'data-filters="status,risk,person"' in html
    assert 'class="sd-sphinx-override sd-badge sd-bg-danger' in html  # High risk badge


def test_filters_none_is_a_static_table(build_project: BuildProject) -> None:
    build = build_project(project(".. pep-index::\n   :filters: none\n"))
    assert build.warnings == []
    html = build.html()
    assert 'data-filters=""' in html
    # Nothing to enhance: the page gets no script.
    assert "pep-index.js" not in html
    assert len(html_rows(html)) == 5


def test_myst_directive(build_project: BuildProject) -> None:
    index_md = textwrap.dedent(
        """\
        # Index

        ```{toctree}
        pep-0001
        pep-0002
        pep-0003
        pep-0004
        pep-0005
        ```

        ```{pep-index}
        :status: open
        :columns: number, title
        ```
        """
    )
    build = build_project({**PROPOSALS, "index.md": index_md}, buildername="text")
    assert build.warnings == []
    assert text_rows(build.read("index.txt")) == ["PEP 0002", "PEP 0005"]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (":status: Acepted", "pep-index: unknown status 'Acepted' in :status:"),
        (":template: nope", "pep-index: unknown template 'nope' in :template:"),
        (":columns: number, bogus", "pep-index: unknown column 'bogus' in :columns:"),
        (":sort: -size", "pep-index: cannot sort by '-size'"),
        (":filters: status, colour", "pep-index: unknown filter 'colour' in :filters:"),
        (":filters: none, status", "pep-index: ':filters: none' cannot be combined"),
        (":group-by: authors", "pep-index: cannot group by 'authors' (status, type, category, "),
        (":colour: red", "pep-index: unknown option :colour:"),
    ],
)
@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_bad_options_warn_at_the_directive(
    build_project: BuildProject, option: str, message: str, fmt: str
) -> None:
    if fmt == "rst":
        index = index_rst(*DOCNAMES, body=f"Some text.\n\n.. pep-index::\n   {option}\n")
        name = "index.rst"
    else:
        toctree = "\n".join(DOCNAMES)
        index = (
            f"# Index\n\n```{{toctree}}\n{toctree}\n```\n\n"
            f"Some text.\n\n```{{pep-index}}\n{option}\n```\n"
        )
        name = "index.md"
    line = next(i for i, text in enumerate(index.splitlines(), 1) if "pep-index" in text)
    build = build_project({**PROPOSALS, name: index})
    warnings = build.pep_warnings()
    assert [(w.type, w.where) for w in warnings] == [("pep.config", f"{name}:{line}")]
    assert warnings[0].message.startswith(message)
    # The index is still there, the bad value ignored.
    assert "PEP 0001" in " ".join(html_rows(build.html()))


def test_bad_sort_falls_back_to_number(build_project: BuildProject) -> None:
    build = build_project(project(".. pep-index::\n   :sort: size\n"), buildername="text")
    assert [w.type for w in build.warnings] == ["pep.config"]
    assert text_rows(build.read("index.txt")) == [
        "PEP 0001",
        "PEP 0002",
        "PEP 0003",
        "PEP 0004",
        "PEP 0005",
    ]


def test_myst_proposal_and_enhancement_template(build_project: BuildProject) -> None:
    rfc = textwrap.dedent(
        """\
        ---
        rfc: 7
        title: Saved searches
        authors: [Ana, "@bo"]
        status: accepted
        category: ui
        created: 2026-02-01
        ---
        # Enhancement: Saved searches

        ```{pep-header}
        :template: enhancement
        :exempt: section
        ```
        """
    )
    body = ".. pep-index::\n   :status: accepted\n   :columns: number, title, category, authors\n"
    files = {
        **PROPOSALS,
        "rfc-0007.md": rfc,
        "index.rst": index_rst(*DOCNAMES, "rfc-0007", body=body),
    }
    build = build_project(files, buildername="text")
    assert build.warnings == []
    text = build.read("index.txt")
    # "accepted" is a status of both pep and enhancement: both match.
    assert re.findall(r"^\| ((?:PEP|RFC) \d{4}) ", text, flags=re.MULTILINE) == [
        "PEP 0001",
        "RFC 0007",
    ]
    assert "| Saved searches" in text and "| ui " in text and "Ana, @bo" in text


@pytest.mark.parametrize(
    "buildername",
    ["html", "dirhtml", "singlehtml", "latex", "epub", "text", "man", "texinfo", "xml", "gettext"],
)
def test_every_builder(build_project: BuildProject, buildername: str) -> None:
    body = ".. pep-index::\n   :group-by: status\n\n.. pep-index::\n   :status: open\n"
    conf = "project = 'Demo'\nversion = '1'\ncopyright = '2026'\n"
    build = build_project(project(body), buildername=buildername, conf=conf)
    assert [w for w in build.warnings if w.type != "epub.unknown_project_files"] == []


def test_latex_holds_the_static_table(build_project: BuildProject) -> None:
    build = build_project(
        project(".. pep-index::\n   :status: rejected, accepted\n   :columns: number, title\n"),
        buildername="latex",
        conf="project = 'Demo'\n",
    )
    assert build.warnings == []
    doctree = build.doctree("index")
    tables = [t for t in doctree.findall(nodes.table) if "pep-index-table" in t["classes"]]
    assert len(tables) == 1
    rows = [row.astext().split("\n\n") for row in tables[0].findall(nodes.row)]
    assert rows == [
        ["Number", "Title"],
        ["PEP 0001", "Cache the parser"],
        ["PEP 0004", "Drop the old API"],
    ]
    assert "\\begin{tabulary}{\\linewidth}[t]{TT}" in build.read("demo.tex")


# -- the domain index ---------------------------------------------------------


def test_domain_index_page_grouped_by_status(build_project: BuildProject) -> None:
    build = build_project(project("See :ref:`pep-proposals`.\n"))
    assert build.warnings == []
    assert '<a class="reference internal" href="pep-proposals.html">' in build.html()
    page = build.html("pep-proposals")
    assert "<h1>Proposal Index</h1>" in page
    assert re.findall(r'<tr class="cap" id="cap-(\w+)">', page) == [
        "Open",
        "Accepted",
        "Done",
        "Closed",
    ]
    entries = re.findall(
        r'<a href="(pep-\d+\.html#pep-\d+)"><code class="xref">([^<]*)</code>', page
    )
    assert entries[0] == (
        "pep-0002.html#pep-2",
        "PEP 0002 – &lt;script&gt;alert(1)&lt;/script&gt; &amp; co",
    )
    assert [href for href, _ in entries] == [
        "pep-0002.html#pep-2",
        "pep-0005.html#pep-5",
        "pep-0001.html#pep-1",
        "pep-0003.html#pep-3",
        "pep-0004.html#pep-4",
    ]
    assert "<em>(Draft)</em>" in page


def test_domain_index_myst_ref(build_project: BuildProject) -> None:
    toctree = "\n".join(DOCNAMES)
    index_md = f"# Index\n\n```{{toctree}}\n{toctree}\n```\n\nSee {{ref}}`pep-proposals`.\n"
    build = build_project({**PROPOSALS, "index.md": index_md})
    assert build.warnings == []
    assert 'href="pep-proposals.html"' in build.html()


# -- incremental builds ---------------------------------------------------------


def test_index_follows_an_edited_proposal(build_project: BuildProject) -> None:
    body = ".. pep-index::\n   :status: accepted\n   :columns: number, title, status\n"
    build = build_project(project(body), buildername="text")
    assert text_rows(build.read("index.txt")) == ["PEP 0001"]
    again = build.rebuild(
        {"pep-0002.rst": minimal_pep(2, "Now accepted", status="Accepted", created="2026-02-20")}
    )
    assert again.warnings == []
    text = again.read("index.txt")
    assert text_rows(text) == ["PEP 0001", "PEP 0002"]
    assert "Now accepted" in text


def test_index_follows_a_new_and_a_removed_proposal(build_project: BuildProject) -> None:
    # The listing page has no toctree, so only the listing mechanism rewrites it.
    files = {
        **PROPOSALS,
        "index.rst": "Index\n=====\n\n.. toctree::\n   :glob:\n\n   list\n   pep-*\n",
        "list.rst": "List\n====\n\n.. pep-index::\n",
    }
    build = build_project(files)
    assert build.warnings == []
    assert "PEP 0006" not in build.html("list")
    again = build.rebuild({"pep-0006.rst": minimal_pep(6, "Brand new"), "pep-0004.rst": None})
    assert again.warnings == []
    rows = html_rows(again.html("list"))
    assert rows == ["PEP 0001", "PEP 0002", "PEP 0003", "PEP 0005", "PEP 0006"]
