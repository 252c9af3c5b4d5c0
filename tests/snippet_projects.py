"""The docs' RST/MyST snippet pairs, each placed in the project it is shown in.

``docs/snippets/X.rst`` and ``docs/snippets/X.md`` show one thing in two
syntaxes. :data:`CASES` says, for each pair, which page holds the snippet and
which neighbours it needs (the proposals it links to or lists); everything but
the snippet is the same in both builds, so the two builds must give the same
doctree. ``conftest.snippet_pair`` builds each case once per session, in both
syntaxes, and ``test_docs_snippets`` checks the parity and the stored doctree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from conftest import (
    BASE_CONF,
    PEP_SECTIONS,
    Build,
    _pep_fields,
    assert_pep_warnings_located,
    index_rst,
    minimal_pep,
    write_files,
)
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

DOCS = Path(__file__).parent.parent / "docs"
SNIPPETS = DOCS / "snippets"
SUFFIXES = (".rst", ".md")
MYST_TASKLIST = "myst_enable_extensions = ['tasklist']\n"


def snippet(name: str) -> str:
    return (SNIPPETS / name).read_text(encoding="utf-8")


def titled(suffix: str, heading: str, body: str) -> str:
    """*body* under a level-1 *heading*, in the syntax of *suffix*."""
    if suffix == ".md":
        return f"# {heading}\n\n{body}"
    return f"{heading}\n{'=' * len(heading)}\n\n{body}"


def sections(titles: list[str] | tuple[str, ...], suffix: str, extra: Mapping[str, str]) -> str:
    """Filled-in level-2 sections, with *extra* text after a section's paragraph."""
    parts = []
    for title in titles:
        text = f"The {title.lower()} of this proposal, written out."
        if suffix == ".md":
            parts.append(f"## {title}\n\n{text}\n")
        else:
            parts.append(f"{title}\n{'-' * len(title)}\n\n{text}\n")
        if title in extra:
            parts.append(extra[title])
    return "\n".join(parts)


def proposal(suffix: str, number: int, heading: str, body: str, **fields: str | None) -> str:
    """:func:`conftest.minimal_pep` in either syntax, with the same text in both."""
    if suffix == ".rst":
        return minimal_pep(number, heading, body=body, **fields)
    options = "\n".join(f":{k}: {v}" for k, v in _pep_fields(number, fields).items())
    named = (f"## {name}\n\nThe {name.lower()} of this proposal.\n" for name in PEP_SECTIONS)
    return (
        f"# PEP {number:04d}: {heading}\n\n```{{pep-header}}\n{options}\n```\n\n"
        f"{body}\n\n" + "\n".join(named)
    )


@dataclass(frozen=True)
class SnippetCase:
    """Where the snippet pair *name* is built, and what else the project holds."""

    name: str
    docname: str  #: the page that holds the snippet
    page: Callable[[str], str]  #: the page's text, given the suffix of its syntax
    neighbours: Mapping[str, str] = field(default_factory=dict)  #: other files (in RST)
    conf: str = ""  #: extra ``conf.py`` lines
    #: Rewrites of the MyST doctree for what MyST legitimately does otherwise
    #: (each one says why); everything else must be the same node for node.
    myst_only: tuple[Callable[[nodes.document], None], ...] = ()
    #: The docs/snippets pairs the page shows (most pages show just one).
    pairs: tuple[str, ...] = ()

    @property
    def shows(self) -> tuple[str, ...]:
        return self.pairs or (self.name,)

    def files(self, suffix: str) -> dict[str, str]:
        docnames = [self.docname, *(n.rsplit(".", 1)[0] for n in self.neighbours)]
        return {
            f"{self.docname}{suffix}": self.page(suffix),
            **self.neighbours,
            "index.rst": index_rst(*docnames),
        }


# -- what only MyST does: turned back into the RST form, one construct each -----------


def _tasklist_as_text(doctree: nodes.document) -> None:
    """MyST's ``tasklist`` extension draws ``[ ]`` and ``[x]`` as checkboxes.

    RST has no task lists: the same line stays the text ``[ ] ...``, which is
    what the content checks read in both syntaxes (an unticked criterion).
    """
    for item in list(doctree.findall(nodes.list_item)):
        if "task-list-item" not in item["classes"]:
            continue
        item["classes"].remove("task-list-item")
        paragraph = item[0]
        box = paragraph[0]
        assert isinstance(box, nodes.raw) and "task-list-item-checkbox" in box.astext()
        mark = "[x]" if 'checked="checked"' in box.astext() else "[ ]"
        paragraph.remove(box)
        paragraph.insert(0, nodes.Text(f"{mark} "))
        parent = item.parent
        if "contains-task-list" in parent["classes"]:
            parent["classes"].remove("contains-task-list")


def _html_comment_as_comment(doctree: nodes.document) -> None:
    """An HTML comment is Markdown's comment; MyST keeps it as raw HTML.

    Both write nothing visible; the placeholder check treats both as an
    empty section.
    """
    for raw in list(doctree.findall(nodes.raw)):
        match = re.fullmatch(r"<!--\s*(.*?)\s*-->", raw.astext().strip(), re.DOTALL)
        if raw["format"] == "html" and match:
            raw.replace_self(nodes.comment(match[1], match[1], **{"xml:space": "preserve"}))


# -- the doctree both syntaxes must give --------------------------------------------


def _merge_text(doctree: nodes.document) -> None:
    """Join neighbouring text nodes: MyST gives a soft line break a node of its own."""
    for node in list(doctree.findall(nodes.Element)):
        index = 0
        while index < len(node.children) - 1:
            here, after = node.children[index], node.children[index + 1]
            if isinstance(here, nodes.Text) and isinstance(after, nodes.Text):
                node.children[index : index + 2] = [nodes.Text(here.astext() + after.astext())]
                continue
            index += 1


def normalised(doctree: nodes.document) -> str:
    """*doctree* as pseudo-XML without what names the source file.

    ``source`` (the file, whose suffix is the syntax) and the translation
    progress are dropped; line numbers are not in the pseudo-XML. The text is
    the same under docutils 0.21 and 0.22 (Sphinx 8 and 9).
    """
    doctree = doctree.deepcopy()
    doctree.attributes.pop("translation_progress", None)
    for node in doctree.findall(nodes.Element):
        node.attributes.pop("source", None)
        # docutils 0.21 writes a flag as "True", 0.22 as "1": the same doctree
        for name, value in node.attributes.items():
            if isinstance(value, bool):
                node[name] = int(value)
    _merge_text(doctree)
    return doctree.pformat()


@dataclass(frozen=True)
class SnippetPair:
    """One case built in both syntaxes."""

    case: SnippetCase
    builds: Mapping[str, Build]  #: by suffix; each app is cleaned up, its output stays
    doctrees: Mapping[str, str]  #: the snippet page, :func:`normalised`, by suffix

    def __getitem__(self, suffix: str) -> Build:
        return self.builds[suffix]


def build_pair(case: SnippetCase, root: Path) -> SnippetPair:
    """Build *case* in RST and in MyST, each in a project of its own under *root*."""
    builds, doctrees = {}, {}
    for suffix in SUFFIXES:
        srcdir = root / suffix.lstrip(".")
        write_files(srcdir, {**case.files(suffix), "conf.py": BASE_CONF + case.conf})
        app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
        try:
            app.build()
            doctree = app.env.get_doctree(case.docname)
            app.env.apply_post_transforms(doctree, case.docname)
            if suffix == ".md":
                for rewrite in case.myst_only:
                    rewrite(doctree)
            doctrees[suffix] = normalised(doctree)
        finally:
            app.cleanup()  # one live app at a time; the output stays readable
        builds[suffix] = Build(app, srcdir)
        assert_pep_warnings_located(builds[suffix])
    return SnippetPair(case, builds, doctrees)


def _whole_page(name: str) -> Callable[[str], str]:
    """A snippet that is a page of its own."""
    return lambda suffix: snippet(f"{name}{suffix}")


def _under(heading: str, name: str) -> Callable[[str], str]:
    """A snippet shown under *heading* on a page of its own."""
    return lambda suffix: titled(suffix, heading, snippet(f"{name}{suffix}"))


def _in_proposal(number: int, heading: str, name: str, **fields: str) -> Callable[[str], str]:
    """A snippet in the body of an otherwise complete proposal."""
    return lambda suffix: proposal(suffix, number, heading, snippet(f"{name}{suffix}"), **fields)


#: test_index's five proposals, which the pep-index snippets list.
def _index_proposals() -> dict[str, str]:
    from test_index import PROPOSALS

    return dict(PROPOSALS)


#: The index-columns snippet also needs pep-full proposals of several types.
def _columns_proposals() -> dict[str, str]:
    return {
        **_index_proposals(),  # PEP 5 is pep-full, Standard; PEP 1-4 are on pep
        "pep-0006.rst": minimal_pep(
            6,
            "Release process",
            template="pep-full",
            status="Final",
            type="Process",
            version="1.2",
            shipped="1.2",
            risk=None,
            exempt="section",
        ),
        "pep-0007.rst": minimal_pep(
            7,
            "Glossary",
            template="pep-full",
            status="Draft",
            type="Informational",
            risk=None,
            exempt="section",
        ),
        # a Process type, but on the pep template: :template: leaves it out
        "pep-0008.rst": minimal_pep(8, "Team process", type="Process"),
    }


#: The docs' proposals that PEP 40's header names, as small stand-ins: PEP 30 is
#: done, PEP 12 accepted, and RFC 7 depends on PEP 12, as in the docs.
HEADER_FULL_NEIGHBOURS = {
    "pep-0012.rst": minimal_pep(12, "The pep-header directive", status="Accepted"),
    "pep-0030.rst": minimal_pep(30, "Status history", status="Implemented"),
    "rfc-0007.rst": (
        "RFC 0007: Saved searches\n========================\n\n.. pep-header::\n"
        "   :template: enhancement\n   :rfc: 7\n   :authors: Ana Lima\n"
        "   :status: accepted\n   :category: enhancement\n   :created: 2026-02-14\n"
        "   :depends-on: 12\n   :exempt: section\n"
    ),
}
HEADER_FULL_HEADING = "PEP 0040: Every header option, live on the pep-full template"

#: The guide's PEP 0014 has every required section; the history comes from a snippet.
MIGRATED_BODY_SECTIONS = [name for name in PEP_SECTIONS if name != "Status History"]

#: The converted PEP 0014's neighbours: the PEP 9 and PEP 12 it refers to.
MIGRATED_NEIGHBOURS = {
    "pep-0009.rst": minimal_pep(9, "Dashboards", status="Implemented"),
    "pep-0012.rst": minimal_pep(12, "Dashboard sharing"),
}


def migrated_pep(suffix: str, extra: Mapping[str, str] | None = None) -> str:
    """docs/migrating.md's converted PEP 0014: three "after" snippets in one page."""
    body = sections(
        MIGRATED_BODY_SECTIONS,
        suffix,
        {"Impact Assessment": snippet(f"migrate-risks-after{suffix}"), **(extra or {})},
    )
    return "\n".join(
        [snippet(f"migrate-header-after{suffix}"), body, snippet(f"migrate-history-after{suffix}")]
    )


def _cases() -> dict[str, SnippetCase]:
    cases = [
        SnippetCase(
            "header",
            "pep-0012",
            _under("PEP 0012: Add a caching layer", "header"),
            # the docs' own RFC 7 page, which the snippet lists as related
            {"front-matter.md": (DOCS / "front-matter.md").read_text(encoding="utf-8")},
            conf="suppress_warnings = ['pep.section']\n",
        ),
        SnippetCase(
            "header-full",
            "pep-0040",
            _under(HEADER_FULL_HEADING, "header-full"),
            HEADER_FULL_NEIGHBOURS,
        ),
        SnippetCase(
            "references",
            "links",
            _under("Links", "references"),
            {"pep-0012.rst": minimal_pep(12, "Add a caching layer", status="Accepted")},
        ),
        SnippetCase("pep-index", "listing", _under("Listing", "pep-index"), _index_proposals()),
        SnippetCase(
            "pep-index-grouped",
            "listing",
            _under("Listing", "pep-index-grouped"),
            _index_proposals(),
        ),
        SnippetCase(
            "pep-index-columns",
            "listing",
            _under("Listing", "pep-index-columns"),
            _columns_proposals(),
        ),
        SnippetCase(
            "first-proposal",
            "proposals/pep-0001",
            _whole_page("first-proposal"),
            conf=MYST_TASKLIST,
            myst_only=(_tasklist_as_text,),
        ),
        SnippetCase(
            "content-checks",
            "pep-0012",
            _whole_page("content-checks"),
            conf=MYST_TASKLIST,
            myst_only=(_tasklist_as_text, _html_comment_as_comment),
        ),
        SnippetCase("status-history-broken", "pep-0031", _whole_page("status-history-broken")),
        SnippetCase(
            "status-history",
            "pep-0020",
            _in_proposal(20, "A proposal", "status-history", status="Implemented"),
        ),
        SnippetCase("risk-table", "pep-0012", _in_proposal(12, "A proposal", "risk-table")),
        SnippetCase(
            "risk-table-broken",
            "pep-0012",
            _in_proposal(12, "Add a caching layer", "risk-table-broken"),
        ),
        # migrate-header-after, migrate-history-after and migrate-risks-after are
        # three parts of one page in the guide, so they are built as that page.
        SnippetCase(
            "migrate-after",
            "pep-0014",
            migrated_pep,
            MIGRATED_NEIGHBOURS,
            pairs=("migrate-header-after", "migrate-history-after", "migrate-risks-after"),
        ),
    ]
    return {case.name: case for case in cases}


CASES = _cases()

#: Every docs/snippets pair, so a new pair without a case fails the parity test.
PAIRS = sorted(path.stem for path in SNIPPETS.glob("*.rst") if path.with_suffix(".md").exists())
