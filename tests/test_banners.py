"""Banners: the notice above a closed, deferred or superseded proposal's header (issue 16).

Real builds in RST and MyST: the banner's place (right before the header), its
title and sentence, its link to the proposal that supersedes it, its classes
per status group, in HTML, text and LaTeX; a template's own banner texts and
switches; ``-j 2`` and incremental builds write what a fresh serial build does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BASE_CONF, BuildProject, index_rst, minimal_pep, write_files
from sphinx.testing.util import SphinxTestApp
from test_build_consistency import assert_same_output, in_chunks

from sphinxext_pep.core.banners import Banner, BannerKind, banner_for, read_banners
from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.template_schema import SettingsError, read_templates
from sphinxext_pep.core.templates import BUILTIN_TEMPLATES
from sphinxext_pep.core.values import ProposalKey

PROJECT = {
    "index.rst": index_rst("pep-0001", "pep-0002", "pep-0003", "pep-0004", "rfc-0005"),
    "pep-0001.rst": minimal_pep(1, "Old cache", status="Implemented"),
    "pep-0002.rst": minimal_pep(2, "New cache", status="Accepted", supersedes="1"),
    "pep-0003.rst": minimal_pep(3, "Dropped idea", status="Rejected"),
    "pep-0004.rst": minimal_pep(4, "Live one", status="Proposed"),
    "rfc-0005.md": (
        "---\nrfc: 5\ntitle: Saved searches\nauthors: Ana Lima\nstatus: deferred\n"
        "category: ui\ncreated: 2026-02-01\n---\n# Enhancement: Saved searches\n\n"
        "```{pep-header}\n:template: enhancement\n```\n\n"
        + "\n".join(
            f"## {name}\n\nThe {name.lower()}.\n"
            for name in (
                "Executive Summary",
                "Motivation",
                "Proposed Solution",
                "Alternatives Considered",
                "Impact Analysis",
                "Implementation Plan",
                "Testing Plan",
                "Risks and Mitigations",
                "Open Questions",
                "References",
            )
        )
    ),
}

_BANNER_RE = re.compile(r'<div class="(?P<classes>pep-banner[^"]*)">(?P<body>.*?)</div>', re.S)


def banners_in(html: str) -> list[tuple[str, str]]:
    """(classes, text) of every banner in *html*, tags stripped, spaces collapsed."""
    return [
        (match["classes"], " ".join(re.sub(r"<[^>]+>", " ", match["body"]).split()))
        for match in _BANNER_RE.finditer(html)
    ]


def test_banners_of_superseded_closed_and_deferred_proposals_in_html(
    build_project: BuildProject,
) -> None:
    build = build_project(PROJECT)
    assert build.warning_text == ""
    assert banners_in(build.html("pep-0001")) == [
        (
            "pep-banner pep-banner-done pep-banner-superseded admonition",
            "Superseded This proposal has been superseded by PEP 0002 .",
        )
    ]
    assert banners_in(build.html("pep-0003")) == [
        (
            "pep-banner pep-banner-closed admonition",
            "Rejected This proposal is closed: it is kept for the record, and not worked on.",
        )
    ]
    # MyST with front matter; the template's lower-case status as a title.
    assert banners_in(build.html("rfc-0005")) == [
        (
            "pep-banner pep-banner-deferred admonition",
            "Deferred This proposal is deferred: no one works on it for now; it may be resumed.",
        )
    ]
    # Accepted, open: no banner.
    assert banners_in(build.html("pep-0002")) == []
    assert banners_in(build.html("pep-0004")) == []
    page = build.html("pep-0001")
    # Right before the header block, linked (with its tooltip) to the proposal
    # that supersedes it, which says so itself (the relation is derived here).
    banner_at, header_at = (
        page.index('<div class="pep-banner'),
        page.index('<div class="pep-header'),
    )
    assert banner_at < header_at
    assert "</div>" in page[banner_at:header_at]
    assert page[page.index("</div>", banner_at) : header_at].strip() == "</div>"
    assert (
        '<a class="reference internal" href="pep-0002.html#pep-2" '
        'title="PEP 0002 – New cache (Accepted)"><span class="pep-ref">PEP 0002</span></a>'
    ) in page
    assert "sphinxext-pep-banner.css" in page
    assert (build.outdir / "_static" / "sphinxext-pep-banner.css").is_file()


def test_banners_in_text_and_latex(build_project: BuildProject) -> None:
    text = build_project(PROJECT, buildername="text")
    assert text.warning_text == ""
    page = text.read("pep-0001.txt")
    banner = "Superseded: This proposal has been superseded by PEP 0002."
    assert banner in page
    assert page.index(banner) < page.index("| PEP ")  # before the field table
    assert "Rejected: This proposal is closed" in text.read("pep-0003.txt")
    assert "Deferred: This proposal is deferred" in text.read("rfc-0005.txt")
    assert "This proposal" not in text.read("pep-0004.txt")

    latex = build_project(
        {
            **PROJECT,
            "conf.py": BASE_CONF
            + "latex_documents = [('index', 'demo.tex', 'D', 'A', 'manual')]\n",
        },
        buildername="latex",
    )
    assert latex.warning_text == ""
    tex = latex.read("demo.tex")
    assert (
        "\\begin{sphinxadmonition}{note}{Superseded}\n\n\\sphinxAtStartPar\n"
        "This proposal has been superseded by "
        "{\\hyperref[\\detokenize{pep-0002:pep-2}]{\\sphinxcrossref{\\DUrole{pep-ref}{PEP 0002}}}}."
    ) in tex
    assert "\\begin{sphinxadmonition}{note}{Rejected}" in tex


def test_a_template_sets_its_own_banner_texts_or_switches_them_off(
    build_project: BuildProject,
) -> None:
    conf = (
        "pep_templates = {'pep': {'banners': {'withdrawn': None, 'Accepted': "
        "'Being built: see the tracking issue.', 'closed': 'Closed <for> good & all.'}},"
        " 'enhancement': {'banners': False}}\n"
    )
    files = {
        **PROJECT,
        "pep-0004.rst": minimal_pep(4, "Pulled", status="Withdrawn"),
    }
    build = build_project(files, conf=conf)
    assert build.warning_text == ""
    assert banners_in(build.html("pep-0004")) == []  # Withdrawn: switched off
    assert banners_in(build.html("pep-0003")) == [  # Rejected: the group's own text, escaped
        ("pep-banner pep-banner-closed admonition", "Rejected Closed &lt;for&gt; good &amp; all.")
    ]
    assert banners_in(build.html("pep-0002")) == [  # a banner the rule does not give
        (
            "pep-banner pep-banner-accepted pep-banner-notice admonition",
            "Accepted Being built: see the tracking issue.",
        )
    ]
    assert banners_in(build.html("rfc-0005")) == []  # banners off for the template
    # A superseded proposal keeps its link under the template's own text.
    assert banners_in(build.html("pep-0001"))[0][1] == (
        "Superseded This proposal has been superseded by PEP 0002 ."
    )


def test_banner_text_is_translated(build_project: BuildProject) -> None:
    build = build_project(PROJECT, conf="language = 'de'\n")
    assert build.warning_text == ""
    (banner,) = banners_in(build.html("pep-0001"))
    assert banner[1].startswith("Abgelöst ")
    assert "PEP 0002" in banner[1]
    assert "superseded" not in banner[1]


# -- the rule, without a build ------------------------------------------------------


def _proposal(status: str, group: str | None, **fields: str) -> Proposal:
    return Proposal(
        docname="p",
        lineno=1,
        number=7,
        template="pep-full",
        label="PEP",
        title="T",
        status=status,
        status_group=group,
        fields=tuple(fields.items()),
    )


PEP_FULL = BUILTIN_TEMPLATES["pep-full"]


@pytest.mark.parametrize(
    ("status", "group", "superseded_by", "kind"),
    [
        ("Draft", "open", (), None),
        ("Draft", "open", (ProposalKey("pep", 9),), None),  # open: not superseded yet
        ("Accepted", "accepted", (), None),
        ("Final", "done", (), None),
        ("Final", "done", (ProposalKey("pep", 9),), BannerKind.SUPERSEDED),
        ("Superseded", "closed", (ProposalKey("pep", 9),), BannerKind.SUPERSEDED),
        ("Superseded", "closed", (), BannerKind.CLOSED),
        ("Rejected", "closed", (), BannerKind.CLOSED),
        ("Withdrawn", "closed", (), BannerKind.CLOSED),
        ("Deferred", "deferred", (), BannerKind.DEFERRED),
        ("Finished", None, (), None),  # unknown status: pep.status says so
    ],
)
def test_the_banner_follows_the_status_group_and_the_supersede_relation(
    status: str, group: str | None, superseded_by: tuple[ProposalKey, ...], kind: BannerKind | None
) -> None:
    banner = banner_for(_proposal(status, group), PEP_FULL, superseded_by)
    assert (banner.kind if banner else None) == kind
    if banner is not None:
        assert banner.group == group and banner.status == status
        assert banner.superseded_by == (superseded_by if kind is BannerKind.SUPERSEDED else ())


def test_the_banner_carries_the_resolution() -> None:
    proposal = _proposal("Rejected", "closed", resolution="https://example.com/decision")
    assert banner_for(proposal, PEP_FULL) == Banner(
        BannerKind.CLOSED, "closed", "Rejected", resolution="https://example.com/decision"
    )


def test_read_banners_spells_statuses_as_the_template_does() -> None:
    assert read_banners(None, PEP_FULL) is None
    assert read_banners(False, PEP_FULL) is None
    banners = read_banners(
        {"rejected": "No.", "DEFERRED": False, "Closed": "  Kept   here. "}, PEP_FULL
    )
    assert dict(banners or {}) == {"Rejected": "No.", "Deferred": None, "closed": "Kept here."}


@pytest.mark.parametrize(
    ("banners", "message"),
    [
        ("off", "pep_templates['pep-full']['banners']: expected a dict of status"),
        ({"Finished": "x"}, "['banners']['Finished']: 'Finished' is neither a status"),
        (
            {"Final": ""},
            "pep_templates['pep-full']['banners']['Final']: expected the banner's text",
        ),
        ({"Final": 3}, "['banners']['Final']: expected the banner's text, or None"),
        ({"final": "a", "FINAL": "b"}, "['banners']['FINAL']: 'Final' is given twice"),
        ({"": "a"}, "['banners']['']: expected a status or status group name"),
        ({"Final": "a\x07b"}, "['banners']['Final']: the text holds a control character"),
    ],
)
def test_a_broken_banners_setting_stops_the_build_naming_the_key(
    banners: object, message: str
) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        read_templates({"pep-full": {"banners": banners}})


# -- -j 2 and incremental builds ------------------------------------------------------------

SCALE = {
    "conf.py": BASE_CONF + 'html_theme = "basic"\n',
    "index.rst": index_rst(*(f"pep-{n:04d}" for n in range(1, 8))),
    **{f"pep-{n:04d}.rst": minimal_pep(n, f"Proposal {n}") for n in range(1, 8)},
    "pep-0001.rst": minimal_pep(1, "Old cache", status="Implemented"),
    "pep-0006.rst": minimal_pep(6, "Shelved", status="Deferred"),
}


def _build(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, outdir: Path, **kwargs: object
) -> SphinxTestApp:
    app = make_app(srcdir=srcdir, builddir=outdir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_parallel_and_incremental_builds_write_the_banners_a_fresh_build_does(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    src = tmp_path / "src"
    write_files(src, SCALE)
    incremental = _build(make_app, src, tmp_path / "incremental", freshenv=True)
    assert banners_in((Path(incremental.outdir) / "pep-0001.html").read_text()) == []
    # PEP 7 now supersedes PEP 1: PEP 1's page, not re-read, gets its banner.
    write_files(
        src, {"pep-0007.rst": minimal_pep(7, "New cache", status="Accepted", supersedes="1")}
    )
    again = _build(make_app, src, tmp_path / "incremental")
    assert again.warning.getvalue() == ""
    page = (Path(again.outdir) / "pep-0001.html").read_text()
    assert banners_in(page)[0][1] == "Superseded This proposal has been superseded by PEP 0007 ."
    serial = _build(make_app, src, tmp_path / "serial", freshenv=True)
    parallel = _build(make_app, src, tmp_path / "parallel", freshenv=True, parallel=2)
    assert in_chunks(parallel, "writing output")
    assert_same_output(Path(again.outdir), Path(serial.outdir))
    assert_same_output(Path(parallel.outdir), Path(serial.outdir))
    # And back: the banner goes when the relation does.
    write_files(src, {"pep-0007.rst": minimal_pep(7, "New cache", status="Accepted")})
    back = _build(make_app, src, tmp_path / "incremental")
    assert banners_in((Path(back.outdir) / "pep-0001.html").read_text()) == []
    fresh = _build(make_app, src, tmp_path / "fresh", freshenv=True)
    assert_same_output(Path(back.outdir), Path(fresh.outdir))


def test_a_closed_proposal_s_banner_points_at_its_resolution(build_project: BuildProject) -> None:
    files = {
        "index.rst": index_rst("pep-0003", "pep-0004"),
        "pep-0003.rst": minimal_pep(
            3, "Dropped idea", status="Rejected", resolution="https://forum.example.org/t/3/40"
        ),
        "pep-0004.rst": minimal_pep(
            4, "Pulled", status="Withdrawn", resolution="Withdrawn at the 2026-03 review"
        ),
    }
    build = build_project(files)
    assert build.warning_text == ""
    assert banners_in(build.html("pep-0003")) == [
        (
            "pep-banner pep-banner-closed admonition",
            "Rejected This proposal is closed: it is kept for the record, and not worked on. "
            "See the resolution .",
        )
    ]
    assert (
        'not worked on. See <a class="reference external" '
        'href="https://forum.example.org/t/3/40">the resolution</a>.</p>'
    ) in build.html("pep-0003")
    assert banners_in(build.html("pep-0004"))[0][1].endswith(
        "Resolution: Withdrawn at the 2026-03 review"
    )
    text = build_project(files, buildername="text").read("pep-0003.txt")
    assert "not\nworked on. See the resolution.\n" in text
