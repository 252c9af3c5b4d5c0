"""``:pep:ref:`12#anchor```: a link to a section of a proposal (SPEC §5), and where
a reference's warning points: the citing proposal and the role's own line."""

from __future__ import annotations

import posixpath

import pytest
from conftest import BuildProject, index_rst, minimal_pep, myst_pep
from sphinx.util.inventory import InventoryFile

RST_TARGET = minimal_pep(12, "Add a caching layer", body=".. _cache_design:\n")
MYST_TARGET = myst_pep(12, "Add a caching layer", body="(cache_design)=\n")

RST_INDEX = index_rst(
    "pep-0012",
    body=(
        "Plain :pep:ref:`12#rationale`, spelled :pep:ref:`PEP 12#Rationale`,\n"
        "by key :pep:ref:`pep-0012#problem-statement`, titled :pep:ref:`the why <12#rationale>`,\n"
        "a label :pep:ref:`12#cache_design` and :any:`12#out-of-scope`.\n"
        "Broken :pep:ref:`12#nope` and again :pep:ref:`12#nope`\n"
        "and :pep:ref:`99#rationale`.\n"
    ),
)
MYST_INDEX = (
    "# Index\n\n```{toctree}\npep-0012\n```\n\n"
    "Plain {pep:ref}`12#rationale`, spelled {pep:ref}`PEP 12#Rationale`,\n"
    "by key {pep:ref}`pep-0012#problem-statement`, titled {pep:ref}`the why <12#rationale>`,\n"
    "a label {pep:ref}`12#cache_design` and {any}`12#out-of-scope`.\n"
    "Broken {pep:ref}`12#nope` and again {pep:ref}`12#nope`\n"
    "and {pep:ref}`99#rationale`.\n"
)
CASES = {
    "rst": ({"pep-0012.rst": RST_TARGET, "index.rst": RST_INDEX}, "index.rst", 8),
    "md": ({"pep-0012.md": MYST_TARGET, "index.md": MYST_INDEX}, "index.md", 7),
}


def _link(anchor: str, section: str, text: str, span: str = "pep-ref") -> str:
    return (
        f'<a class="reference internal" href="pep-0012.html#{anchor}" '
        f'title="PEP 0012 § {section} – Add a caching layer (Proposed)">'
        f'<span class="{span}">{text}</span></a>'
    )


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_a_reference_links_to_a_section_of_the_proposal(
    build_project: BuildProject, fmt: str
) -> None:
    files, index, first = CASES[fmt]
    build = build_project(files, confoverrides={"nitpicky": True})
    nope = "index: reference to PEP 0012#nope: PEP 0012 has no section or label 'nope'"
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        ("pep.ref", f"{index}:{first + 3}", f"{nope}; linking to its top"),
        ("pep.ref", f"{index}:{first + 3}", f"{nope}; linking to its top"),
        (
            "pep.ref",
            f"{index}:{first + 4}",
            "index: reference to PEP 0099: no proposal has this number",
        ),
    ]
    html = build.html()
    assert html.count(_link("rationale", "Rationale", "PEP 0012 § Rationale")) == 2
    assert _link("problem-statement", "Problem Statement", "PEP 0012 § Problem Statement") in html
    titled = "xref pep pep-ref"
    assert _link("rationale", "Rationale", "the why", titled) in html
    # A label is found as written (``cache_design``) and links to its id.
    assert _link("cache-design", "Problem Statement", "PEP 0012 § Problem Statement") in html
    assert _link("out-of-scope", "Out of Scope", "PEP 0012 § Out of Scope", "pep-ref pep") in html
    # A section that is not there links to the proposal, the unknown proposal nowhere.
    assert html.count('href="pep-0012.html#pep-12" title="PEP 0012 – Add a caching layer') == 2
    assert '<span class="pep-ref-missing">PEP 0099</span>' in html


def test_sections_stay_out_of_objects_inv(build_project: BuildProject) -> None:
    build = build_project(CASES["rst"][0])
    with open(build.outdir / "objects.inv", "rb") as stream:
        # InventoryFile.loads is Sphinx >= 8.2; load() is in every supported one.
        inventory = InventoryFile.load(stream, "", posixpath.join)
    entries = (
        dict(inventory.data["pep:proposal"])
        if hasattr(inventory, "data")
        else dict(inventory["pep:proposal"])
    )
    assert sorted(entries) == ["12", "pep-12"]


def test_a_renamed_section_rewrites_the_page_that_links_to_it(build_project: BuildProject) -> None:
    build = build_project(CASES["rst"][0])
    assert build.pep_warnings() != []  # the broken ones of the page
    heading = "Proposed Solution\n-----------------\n"
    renamed = RST_TARGET.replace("Rationale\n---------", "Reasons\n-------").replace(
        heading, f".. _rationale:\n\n{heading}"
    )
    again = build.rebuild({"pep-0012.rst": renamed})
    # ``rationale`` is now a label on the section before it.
    assert _link("rationale", "Proposed Solution", "PEP 0012 § Proposed Solution") in again.html()


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_a_role_warning_names_the_citing_proposal_and_the_role_line(
    build_project: BuildProject, fmt: str
) -> None:
    body = (
        "It builds on :pep:ref:`7`, then on\n"
        "the lost :pep:ref:`99` and, once more,\n"
        "the lost :pep:ref:`99`.\n"
    )
    if fmt == "md":
        body = body.replace(":pep:ref:", "{pep:ref}")
        files = {"pep-0001.md": myst_pep(1, body=body), "pep-0007.md": myst_pep(7)}
        first = 11
    else:
        files = {"pep-0001.rst": minimal_pep(1, body=body), "pep-0007.rst": minimal_pep(7)}
        first = 11
    files[f"index.{fmt}"] = (
        index_rst("pep-0001", "pep-0007")
        if fmt == "rst"
        else ("# Index\n\n```{toctree}\npep-0001\npep-0007\n```\n")
    )
    build = build_project(files)
    message = "PEP 0001: reference to PEP 0099: no proposal has this number"
    assert [(w.type, w.where, w.message) for w in build.warnings] == [
        ("pep.ref", f"pep-0001.{fmt}:{first + 1}", message),
        ("pep.ref", f"pep-0001.{fmt}:{first + 2}", message),
    ]


def test_a_section_of_another_projects_proposal(build_project: BuildProject) -> None:
    other = build_project(CASES["rst"][0])
    inventory = other.outdir / "objects.inv"
    build = build_project(
        {
            "index.rst": (
                "Index\n=====\n\n* :pep:ref:`12#rationale`\n"
                "* :pep:ref:`the why <design:PEP 12#Out of Scope>`\n"
                "* :pep:ref:`design:99#rationale`\n"
            )
        },
        conf=(
            "extensions.append('sphinx.ext.intersphinx')\n"
            "intersphinx_mapping = "
            f"{{'design': ('https://design.example.org/', {str(inventory)!r})}}\n"
        ),
    )
    assert [(w.where, w.type, w.message) for w in build.warnings] == [
        (
            "index.rst:6",
            "pep.ref",
            "index: reference to PEP 0099: no proposal has this number in inventory 'design'",
        ),
    ]
    html = build.html()
    assert html.count('href="https://design.example.org/pep-0012.html#rationale"') == 1
    assert 'href="https://design.example.org/pep-0012.html#out-of-scope"' in html
    assert "PEP 0012 – Add a caching layer</span> § rationale</a>" in html
    assert ">the why</span></a>" in html
