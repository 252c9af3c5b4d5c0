"""The theme's navigation on a proposals site: each proposal listed on its own page only.

Sphinx's ``toctree()`` template function (alabaster's *Navigation* sidebar,
and the navigation of most themes) shows on every page the entries of the
root document's toctrees. A toctree of proposals puts every proposal's title
on every page: with 736 proposals, 736 entries resolved, copied, given
their links and written on each of 736 pages, half a million in all. On the
Python PEP corpus that took a full build from about 2 to 7-14 minutes.

``pep_navigation = "collapsed"`` (the default) gives the templates a
``toctree()`` in which a toctree lists a proposal only on the proposal's own
page and on the pages under it (its appendices); the other proposals are
listed by the index (``pep-index``) and reached by the previous/next links.
Every other entry stays. ``"full"`` keeps Sphinx's ``toctree()``.

How: for the duration of one call, each toctree node that lists proposals
holds only the entries kept for the page; Sphinx's own code then renders it,
so the markup, classes and links are Sphinx's, and then the entries are put
back. Sphinx writes one page at a time in a process (a parallel build forks
its writers), so nothing else ever sees the shortened lists. What a page
shows depends only on the toctrees and on which documents are proposals,
never on the other proposals' titles, so a rebuild after one proposal
changed need not rewrite the others.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator, Mapping, Set
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx import addnodes

from sphinxext_pep.config import get_settings
from sphinxext_pep.domain import get_domain

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

COLLAPSED, FULL = "collapsed", "full"
#: Builders that write one page: their navigation is built once, and must list all.
_ONE_PAGE_BUILDERS = frozenset({"singlehtml"})

Entry = tuple[str | None, str]


@dataclass(frozen=True)
class _Toctrees:
    """What one build's navigation needs, worked out once per process."""

    #: The toctree nodes Sphinx's ``toctree()`` reads that list a proposal.
    listing: tuple[tuple[addnodes.toctree, tuple[Entry, ...]], ...]
    proposals: frozenset[str]
    #: docname -> the documents whose toctrees include it.
    parents: Mapping[str, tuple[str, ...]]

    def kept_for(self, pagename: str) -> frozenset[str]:
        """The proposals *pagename*'s navigation shows: itself and those above it."""
        seen = {pagename}
        todo = [pagename]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return self.proposals & seen


_worked_out: weakref.WeakKeyDictionary[BuildEnvironment, _Toctrees] = weakref.WeakKeyDictionary()


def _toctree_nodes(env: BuildEnvironment) -> Iterator[addnodes.toctree]:
    """The toctree nodes ``global_toctree_for_doc`` walks: the root's and the tocs'."""
    yield from env.master_doctree.findall(addnodes.toctree)
    for toc in env.tocs.values():
        yield from toc.findall(addnodes.toctree)


def _work_out(env: BuildEnvironment) -> _Toctrees:
    found = _worked_out.get(env)
    if found is not None:
        return found
    proposals = frozenset(get_domain(env).proposals)
    listing = tuple(
        (node, tuple(node["entries"]))
        for node in _toctree_nodes(env)
        if any(ref in proposals for _title, ref in node["entries"])
    )
    parents: dict[str, list[str]] = {}
    for parent, children in env.toctree_includes.items():
        for child in children:
            parents.setdefault(child, []).append(parent)
    found = _Toctrees(listing, proposals, {doc: tuple(p) for doc, p in parents.items()})
    _worked_out[env] = found
    return found


@contextmanager
def _only(toctrees: _Toctrees, kept: Set[str]) -> Iterator[None]:
    """The proposal toctrees holding, for a while, only the proposals in *kept*."""
    try:
        for node, entries in toctrees.listing:
            node["entries"] = [
                entry for entry in entries if entry[1] not in toctrees.proposals or entry[1] in kept
            ]
        yield
    finally:
        for node, entries in toctrees.listing:
            node["entries"] = list(entries)


def _collapse(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    full: Callable[..., str] | None = context.get("toctree")
    if full is None or app.builder.name in _ONE_PAGE_BUILDERS:
        return
    if get_settings(app.config).navigation != COLLAPSED:
        return
    toctrees = _work_out(app.env)
    if not toctrees.listing:
        return
    kept = toctrees.kept_for(pagename)

    def toctree(**kwargs: Any) -> str:
        with _only(toctrees, kept):
            return full(**kwargs)

    context["toctree"] = toctree


def _forget(app: Sphinx, env: BuildEnvironment) -> None:
    """A new reading: the toctrees and proposals are worked out again."""
    _worked_out.pop(env, None)


def setup_navigation(app: Sphinx) -> None:
    app.connect("env-updated", _forget)
    # Early: themes such as furo call toctree() in their own html-page-context.
    app.connect("html-page-context", _collapse, priority=100)
