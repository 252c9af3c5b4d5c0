"""The notice at the top of a closed, deferred or superseded proposal's page (issue 16).

:func:`~sphinxext_pep.core.banners.banner_for` chooses the banner; here a
post-transform writes it, once every document is known (a ``superseded-by``
may be implied by another proposal's ``supersedes``), right before the
proposal's header, in every builder. The node is an admonition: Sphinx's
translators dispatch on the node's classes in order, so HTML, LaTeX, text,
man, Texinfo and EPUB all write it as one, and ``sphinxext-pep-banner.css``
colours it by status group in HTML.

Incremental builds stay right without bookkeeping of their own: a page is
rewritten when its proposal changes, and when a proposal that lists it
(``supersedes: 3`` on 12's page) changes (:mod:`sphinxext_pep.collector`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.banners import Banner, BannerKind, banner_for
from sphinxext_pep.core.links import check_url, looks_like_url
from sphinxext_pep.core.relations import all_of
from sphinxext_pep.domain import get_domain
from sphinxext_pep.header import pep_header
from sphinxext_pep.header_render import proposal_xref
from sphinxext_pep.locale import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from sphinxext_pep.core.model import Proposal
    from sphinxext_pep.core.values import ProposalKey
    from sphinxext_pep.domain import PepDomain

#: The stylesheet of the banners (colours per status group, light and dark).
BANNER_CSS = "sphinxext-pep-banner.css"

#: A ``{name}`` slot in a translated sentence, where nodes (links) go.
_SLOT_RE = re.compile(r"\{(\w+)\}")


class pep_banner(nodes.admonition):  # noqa: N801 (docutils node naming)
    """A proposal's notice: an admonition with the status as its title.

    A subclass, so that it can be found (and styled, and tested) as the
    banner; every translator writes it as the admonition it is.
    """


def sentence(text: str, **slots: list[nodes.Node]) -> list[nodes.Node]:
    """*text* (translated) with each ``{slot}`` replaced by its nodes.

    The translation may move the slots; an unknown or missing one is left
    as written, so a faulty catalog shows braces, never breaks a build.
    """
    out: list[nodes.Node] = []
    position = 0
    for match in _SLOT_RE.finditer(text):
        if match[1] not in slots:
            continue
        if match.start() > position:
            out.append(nodes.Text(text[position : match.start()]))
        out.extend(slots[match[1]])
        position = match.end()
    if position < len(text):
        out.append(nodes.Text(text[position:]))
    return out


def _joined(items: list[nodes.Node]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(", "))
        out.append(item)
    return out


def _title(banner: Banner) -> str:
    if banner.kind is BannerKind.SUPERSEDED:
        return _("Superseded")
    # The template's spelling, capitalised as a title (``rejected`` -> ``Rejected``).
    return banner.status[:1].upper() + banner.status[1:]


def _body(banner: Banner, proposal: Proposal) -> list[nodes.Node]:
    """The banner's paragraph: its sentence, then where it was decided.

    One paragraph of sentences, not one each: the text builder runs an
    admonition's paragraphs together without a space.
    """
    sentences: list[list[nodes.Node]] = []
    if banner.text is not None:
        sentences.append([nodes.Text(banner.text)])
    if banner.kind is BannerKind.SUPERSEDED:
        links: list[nodes.Node] = [
            proposal_xref(key, proposal.docname, proposal.label) for key in banner.superseded_by
        ]
        sentences.append(
            sentence(
                _("This proposal has been superseded by {proposals}."), proposals=_joined(links)
            )
        )
    elif banner.text is None and banner.kind is BannerKind.CLOSED:
        text = _("This proposal is closed: it is kept for the record, and not worked on.")
        sentences.append([nodes.Text(text)])
    elif banner.text is None and banner.kind is BannerKind.DEFERRED:
        text = _("This proposal is deferred: no one works on it for now; it may be resumed.")
        sentences.append([nodes.Text(text)])
    if banner.resolution:
        resolution: list[nodes.Node]
        href = check_url(banner.resolution)[0] if looks_like_url(banner.resolution) else None
        if href is not None:  # checked: http, https or mailto only
            label = _("the resolution")
            resolution = [nodes.reference(label, label, refuri=href)]
            text = _("See {resolution}.")
        else:
            resolution = [nodes.Text(banner.resolution)]
            text = _("Resolution: {resolution}")
        sentences.append(sentence(text, resolution=resolution))
    paragraph = nodes.paragraph()
    for i, parts in enumerate(sentences):
        if i:
            paragraph += nodes.Text(" ")
        paragraph.extend(parts)
    return [paragraph]


def banner_node(banner: Banner, proposal: Proposal) -> pep_banner:
    """The admonition of *banner*, classed by its kind and its status group."""
    classes = ["pep-banner", f"pep-banner-{banner.group}"]
    if banner.kind.value != banner.group:
        classes.append(f"pep-banner-{banner.kind.value}")
    title = _title(banner)
    return pep_banner("", nodes.title(title, title), *_body(banner, proposal), classes=classes)


def proposal_banner(proposal: Proposal, domain: PepDomain, config: Config) -> Banner | None:
    """The banner of *proposal* in this project, its relations all known."""
    settings = get_settings(config)
    superseded_by: tuple[ProposalKey, ...] = ()
    if proposal.key is not None:
        keys = all_of(
            domain.relations(), proposal.key, "superseded-by", domain.series_index().key_of
        )
        superseded_by = tuple(key for key in keys if key != proposal.key)
    return banner_for(proposal, settings.template(proposal.template), superseded_by)


class InsertBanners(SphinxPostTransform):
    """Every builder: the banner right before each proposal's header."""

    default_priority = 4  # before the headers are rendered (5, 6)

    def run(self, **kwargs: Any) -> None:
        headers = list(self.document.findall(pep_header))
        if not headers:
            return
        domain = get_domain(self.env)
        for header in headers:
            proposal = domain.proposal_of(header["docname"])
            if proposal is None or header.parent is None:
                continue
            banner = proposal_banner(proposal, domain, self.config)
            if banner is None:
                continue
            node = banner_node(banner, proposal)
            node.source, node.line = header.source, header.line
            header.parent.insert(header.parent.index(header), node)


def setup_banners(app: Sphinx) -> None:
    app.add_node(pep_banner)
    app.add_post_transform(InsertBanners)
    app.add_css_file(BANNER_CSS)
