"""The ``pep`` domain (SPEC §5): ``:pep:ref:``, ``:any:``, objects.inv, intersphinx."""

from __future__ import annotations

import posixpath

import pytest
from conftest import BuildProject, index_rst, minimal_pep
from sphinx.util.inventory import InventoryFile

PROPOSALS = {
    "pep-0012.rst": minimal_pep(12, "Add a caching layer", status="Accepted"),
    "rfc-0004.md": """\
        ---
        rfc: 4
        title: Saved searches
        authors: Ana
        status: proposed
        category: ui
        created: 2026-02-01
        ---
        # Enhancement: Saved searches

        ```{pep-header}
        :template: enhancement
        :exempt: section
        ```
        """,
}


@pytest.mark.parametrize(
    "target", ["12", "0012", "PEP 12", "PEP 0012", "pep-0012", "pep_12", "PEP0012"]
)
def test_every_target_spelling_resolves(build_project: BuildProject, target: str) -> None:
    build = build_project(
        {**PROPOSALS, "index.rst": index_rst("pep-0012", "rfc-0004", body=f":pep:ref:`{target}`")}
    )
    assert build.warnings == []
    assert (
        '<a class="reference internal" href="pep-0012.html#pep-12" '
        'title="PEP 0012 – Add a caching layer (Accepted)">'
        '<span class="pep-ref">PEP 0012</span></a>'
    ) in build.html()


def test_explicit_title_is_kept(build_project: BuildProject) -> None:
    build = build_project(
        {
            **PROPOSALS,
            "index.rst": index_rst("pep-0012", "rfc-0004", body=":pep:ref:`the cache PEP <12>`"),
        }
    )
    assert build.warnings == []
    html = build.html()
    assert 'title="PEP 0012 – Add a caching layer (Accepted)"' in html
    assert ">the cache PEP</span></a>" in html


def test_myst_role_and_any_role(build_project: BuildProject) -> None:
    build = build_project(
        {
            **PROPOSALS,
            "index.md": (
                "# Index\n\n```{toctree}\npep-0012\nrfc-0004\n```\n\n"
                "See {pep:ref}`4` and {any}`12`.\n"
            ),
        }
    )
    assert build.warnings == []
    html = build.html()
    assert 'href="rfc-0004.html#rfc-4" title="RFC 0004 – Saved searches (proposed)"' in html
    assert 'href="pep-0012.html#pep-12" title="PEP 0012 – Add a caching layer (Accepted)"' in html


def test_ref_format_and_number_width(build_project: BuildProject) -> None:
    build = build_project(
        {**PROPOSALS, "index.rst": index_rst("pep-0012", "rfc-0004", body=":pep:ref:`12`")},
        conf="pep_ref_format = '{label} {number}: {title} [{status}]'\npep_number_width = 0\n",
    )
    assert build.warnings == []
    assert ">PEP 12: Add a caching layer [Accepted]</span>" in build.html()
    assert 'title="PEP 12 – Add a caching layer (Accepted)"' in build.html()


def test_unknown_target_warns_and_never_crashes(build_project: BuildProject) -> None:
    build = build_project(
        {
            **PROPOSALS,
            "index.rst": index_rst(
                "pep-0012", "rfc-0004", body="See :pep:ref:`99`.\n\nAnd :pep:ref:`banana`."
            ),
        },
        confoverrides={"nitpicky": True},
    )
    missing, not_an_id = build.pep_warnings("ref")
    assert missing.where == "index.rst:9"
    assert missing.message == "index: reference to PEP 0099: no proposal has this number"
    assert not_an_id.where == "index.rst:11"
    assert not_an_id.message.startswith("index: 'banana' is not a proposal id")
    # nitpicky mode adds no second, untyped warning for the same reference
    assert len(build.warnings) == 2
    assert '<span class="pep-ref-missing">PEP 0099</span>' in build.html()


def test_myst_unknown_target_warns_and_never_crashes(build_project: BuildProject) -> None:
    build = build_project(
        {
            **PROPOSALS,
            "index.md": (
                "# Index\n\n```{toctree}\npep-0012\nrfc-0004\n```\n\n"
                "See {pep:ref}`12`.\n\n"
                "And {pep:ref}`99`, {pep:ref}`the lost one <RFC 98>`.\n\n"
                "And {pep:ref}`banana`.\n"
            ),
        },
        confoverrides={"nitpicky": True},
    )
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        ("pep.ref", "index.md:10", "index: reference to PEP 0099: no proposal has this number"),
        ("pep.ref", "index.md:10", "index: reference to RFC 0098: no proposal has this number"),
        (
            "pep.ref",
            "index.md:12",
            "index: 'banana' is not a proposal id (write 12, 0012, PEP 12 or pep-0012)",
        ),
    ]
    html = build.html()
    assert '<span class="pep-ref-missing">PEP 0099</span>' in html
    assert 'href="pep-0012.html#pep-12"' in html


def test_objects_inv_lists_proposals(build_project: BuildProject) -> None:
    build = build_project(
        {**PROPOSALS, "index.rst": index_rst("pep-0012", "rfc-0004")},
    )
    with open(build.outdir / "objects.inv", "rb") as stream:
        # Sphinx < 8.2 joins base and location with the function given; later ones ignore it.
        inventory = InventoryFile.load(stream, "https://example.org", posixpath.join)
    entries = (
        dict(inventory.data["pep:proposal"])
        if hasattr(inventory, "data")
        else dict(inventory["pep:proposal"])
    )
    # The bare number (what 0.1 wrote) and the key, for labelled targets.
    assert set(entries) == {"12", "4", "pep-12", "rfc-4"}
    for name in ("12", "pep-12"):
        item = entries[name]
        uri = item.uri if hasattr(item, "uri") else item[2]
        display = item.display_name if hasattr(item, "display_name") else item[3]
        assert uri == "https://example.org/pep-0012.html#pep-12"
        assert display == "PEP 0012 – Add a caching layer"


def test_intersphinx_resolves_proposals_of_another_project(build_project: BuildProject) -> None:
    other = build_project({**PROPOSALS, "index.rst": index_rst("pep-0012", "rfc-0004")})
    inventory = other.outdir / "objects.inv"
    # Every spelling of the role's target, not only the inventory's bare number.
    spellings = ["12", "0012", "PEP 12", "pep-0012", "the cache PEP <PEP 12>"]
    links = "\n".join(f"* :external+design:pep:ref:`{target}`" for target in spellings)
    build = build_project(
        {"index.rst": f"Index\n=====\n\n{links}\n"},
        conf=(
            "extensions.append('sphinx.ext.intersphinx')\n"
            "intersphinx_mapping = "
            f"{{'design': ('https://design.example.org/', {str(inventory)!r})}}\n"
        ),
    )
    assert build.warnings == []
    html = build.html()
    assert html.count('href="https://design.example.org/pep-0012.html#pep-12"') == len(spellings)
    assert ">the cache PEP<" in html


def test_intersphinx_resolves_a_plain_role_and_an_inventory_prefix(
    build_project: BuildProject,
) -> None:
    # A proposal this project lacks is looked up in the other project's
    # inventory before it is called missing: the plain role and the
    # ``inventory:target`` spelling both work, not only ``:external:``.
    other = build_project({**PROPOSALS, "index.rst": index_rst("pep-0012", "rfc-0004")})
    inventory = other.outdir / "objects.inv"
    build = build_project(
        {
            "index.rst": (
                "Index\n=====\n\n* :pep:ref:`12`\n* :pep:ref:`design:PEP 12`\n"
                "* :pep:ref:`design:99`\n* :pep:ref:`PEP 98`\n"
            )
        },
        conf=(
            "extensions.append('sphinx.ext.intersphinx')\n"
            "intersphinx_mapping = "
            f"{{'design': ('https://design.example.org/', {str(inventory)!r})}}\n"
        ),
        confoverrides={"nitpicky": True},
    )
    assert [(w.where, w.type, w.message) for w in build.warnings] == [
        (
            "index.rst:6",
            "pep.ref",
            "index: reference to PEP 0099: no proposal has this number in inventory 'design'",
        ),
        ("index.rst:7", "pep.ref", "index: reference to PEP 0098: no proposal has this number"),
    ]
    html = build.html()
    assert html.count('href="https://design.example.org/pep-0012.html#pep-12"') == 2
    assert '<span class="pep-ref-missing">PEP 0098</span>' in html


def test_header_lists_name_proposals_of_this_project_only(build_project: BuildProject) -> None:
    # A relation is checked here (cycles, done-depends-on-unfinished), so a
    # header list does not link into another project: warning and page agree.
    other = build_project({**PROPOSALS, "index.rst": index_rst("pep-0012", "rfc-0004")})
    inventory = other.outdir / "objects.inv"
    build = build_project(
        {"index.rst": index_rst("pep-0001"), "pep-0001.rst": minimal_pep(1, related="12")},
        conf=(
            "extensions.append('sphinx.ext.intersphinx')\n"
            "intersphinx_mapping = "
            f"{{'design': ('https://design.example.org/', {str(inventory)!r})}}\n"
        ),
    )
    assert [(w.where, w.type) for w in build.warnings] == [("pep-0001.rst:10", "pep.ref")]
    html = build.html("pep-0001")
    assert "design.example.org" not in html
    assert '<span class="pep-ref-missing">PEP 0012</span>' in html


def test_domain_data_is_per_document(build_project: BuildProject) -> None:
    from sphinxext_pep.domain import get_domain

    build = build_project({**PROPOSALS, "index.rst": index_rst("pep-0012", "rfc-0004")})
    domain = get_domain(build.app.env)
    assert sorted(domain.proposals) == ["pep-0012", "rfc-0004"]
    assert [p.number for p in domain.iter_proposals()] == [4, 12]
    domain.clear_doc("pep-0012")
    assert domain.get_proposal(12) is None
    assert domain.get_proposal(4) is not None


def test_myst_links_and_std_ref_labels(build_project: BuildProject) -> None:
    build = build_project(
        {
            **PROPOSALS,
            "index.md": (
                "# Index\n\n```{toctree}\npep-0012\nrfc-0004\n```\n\n"
                "See [the cache](#12), [](#4), {ref}`rfc-4` and {ref}`x <pep-12>`.\n"
            ),
        },
        confoverrides={"nitpicky": True},
    )
    assert build.warnings == []
    html = build.html()
    assert (
        '<a class="reference internal" href="pep-0012.html#pep-12" '
        'title="PEP 0012 – Add a caching layer (Accepted)">'
        '<span class="xref myst pep pep-ref">the cache</span></a>'
    ) in html
    assert '<span class="pep-ref pep">RFC 0004</span></a>' in html
    assert (
        '<a class="reference internal" href="rfc-0004.html#rfc-4">'
        '<span class="std std-ref">RFC 0004 – Saved searches</span></a>'
    ) in html
    assert '<span class="std std-ref">x</span></a>' in html


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("index.md", "# Index\n\n[t](#pep-12), [](#pep-12) and <project:#pep-12>.\n"),
        ("index.rst", "Index\n=====\n\n:any:`pep-12` and :any:`PEP 12`.\n"),
        ("index.rst", "Index\n=====\n\n:any:`PEP-12` and :any:`Pep-12`.\n"),
    ],
)
def test_header_label_spelling_is_not_ambiguous(
    build_project: BuildProject, name: str, text: str
) -> None:
    # ``pep-12`` is the header's std label; the pep domain answers the other
    # spellings, so neither MyST links nor :any: find two targets.
    build = build_project(
        # :orphan: for Sphinx < 8.2 too, whose "not included in any toctree" has no type.
        {**PROPOSALS, name: text, "toc.rst": ":orphan:\n\n" + index_rst("pep-0012", "rfc-0004")},
        confoverrides={"nitpicky": True},
    )
    assert build.warnings == []
    html = build.html(name.rsplit(".", 1)[0])
    assert html.count('href="pep-0012.html#pep-12"') == (3 if name.endswith(".md") else 2)
