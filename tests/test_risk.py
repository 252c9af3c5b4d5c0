"""``pep-risk-table`` and its heat map (SPEC §6)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import struct
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from conftest import EPUB_READY_CONF, BuildProject, index_rst, minimal_pep, myst_pep

from sphinxext_pep.core.model import Risk
from sphinxext_pep.domain import get_domain

DOCS = Path(__file__).parent.parent / "docs"

#: Seed 002's "Risks and Mitigations" table, filled in, as an author pastes it.
SEED_TABLE = """\
| Risk | Probability | Impact | Mitigation |
|------|------------|--------|------------|
| Cache drift | Medium | High | TTL plus versioning |
| Cold start | high | medium | Warm-up job |
| Stale admin reads | High | Low | |
| Key collision | Low | High | Tenant id in every key |
"""


def rst_table(rows: str, **options: str) -> str:
    opts = "".join(f"   :{k}: {v}\n" for k, v in options.items())
    body = textwrap.indent(textwrap.dedent(rows).strip("\n"), "   ")
    return f".. pep-risk-table::\n{opts}\n{body}\n"


def myst_table(rows: str, **options: str) -> str:
    opts = "".join(f":{k}: {v}\n" for k, v in options.items())
    return f"```{{pep-risk-table}}\n{opts}{textwrap.dedent(rows).strip(chr(10))}\n```\n"


def proposal(
    fmt: str, rows: str, number: int = 12, risk: str = "Low", **options: str
) -> tuple[str, str]:
    """``(filename, text)`` of a valid proposal holding one risk table of *rows*.

    *risk* is the header's own rating, which must be one of ``pep_risk_levels``.
    """
    if fmt == "rst":
        text = minimal_pep(number, risk=risk, body=rst_table(rows, **options))
        return f"pep-{number:04d}.rst", text
    return f"pep-{number:04d}.md", myst_pep(number, risk=risk, body=myst_table(rows, **options))


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line of *text* containing *needle*."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


def build_one(build_project: BuildProject, fmt: str, rows: str, **kw: object):
    options = kw.pop("options", {})
    risk = kw.pop("risk", "Low")
    name, text = proposal(fmt, rows, risk=risk, **options)  # type: ignore[arg-type]
    build = build_project({"index.rst": index_rst(Path(name).stem), name: text}, **kw)
    return build, name, text


def stored(build: object, docname: str = "pep-0012") -> tuple[Risk, ...] | None:
    proposal = get_domain(build.app.env).proposals.get(docname)  # type: ignore[attr-defined]
    return proposal.risks if proposal is not None else None


def heat_map(html: str) -> dict[tuple[str, str], tuple[str, int, list[str]]]:
    """(probability, impact) -> (severity class, count, names) of every heat-map cell."""
    cells = {}
    pattern = re.compile(
        r'<td class="pep-rm-cell pep-rm-(\w+)[^"]*" '
        r'title="Probability ([^,]+), impact ([^:]+): (\d+) risks?[^"]*">(.*?)</td>',
        re.S,
    )
    for band, probability, impact, count, body in pattern.findall(html):
        names = re.findall(r'<li><a href="#[^"]+">(.*?)</a></li>', body)
        assert len(names) == int(count)
        cells[(probability, impact)] = (band, int(count), names)
    return cells


# -- valid tables ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_seed_002_table_pasted_as_is_builds_clean(build_project: BuildProject, fmt: str) -> None:
    build, _name, text = build_one(build_project, fmt, SEED_TABLE, confoverrides={"nitpicky": True})
    assert build.warnings == []
    assert stored(build) == (
        Risk("Cache drift", "Medium", "High", "TTL plus versioning", line_of(text, "drift")),
        Risk("Cold start", "High", "Medium", "Warm-up job", line_of(text, "Cold")),
        Risk("Stale admin reads", "High", "Low", "", line_of(text, "Stale")),
        Risk("Key collision", "Low", "High", "Tenant id in every key", line_of(text, "Key")),
    )
    html = build.html("pep-0012")
    table = html.split('<table class="pep-risk-table')[1].split("</table>")[0]
    # the table's own header row; the pasted header and |---| rows are gone
    assert table.count('<th class="head"') == 4 and "---" not in table
    assert table.count("<tr") == 5
    # levels as badges, in the configured spelling whatever the case written
    assert (
        '<td><p><span class="sd-sphinx-override sd-badge sd-bg-danger sd-bg-text-danger '
        'pep-level pep-level-danger">High</span></p></td>\n'
        '<td><p><span class="sd-sphinx-override sd-badge sd-bg-warning sd-bg-text-warning '
        'pep-level pep-level-warning">Medium</span></p></td>'
    ) in table
    assert "<td><p>Warm-up job</p></td>" in table
    assert "pep-risk-matrix" not in html  # no :matrix:, no heat map


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_outer_pipes_header_and_column_order_are_optional(
    build_project: BuildProject, fmt: str
) -> None:
    rows = """\
        Risk | Impact | Likelihood | Mitigation
        Cache drift | high | LOW | TTL \\| versioning
        | Cold start | low | medium | Warm-up *job* |
    """
    build, _name, text = build_one(build_project, fmt, rows)
    assert build.warnings == []
    # the header names the columns, so Impact and Likelihood are read swapped
    assert stored(build) == (
        Risk("Cache drift", "Low", "High", "TTL | versioning", line_of(text, "drift")),
        Risk("Cold start", "Medium", "Low", "Warm-up job", line_of(text, "Cold")),
    )
    html = build.html("pep-0012")
    assert "<td><p>Warm-up <em>job</em></p></td>" in html
    assert "<td><p>TTL | versioning</p></td>" in html


def test_rows_without_a_header(build_project: BuildProject) -> None:
    build, _name, text = build_one(build_project, "rst", "| Cache drift | Low | Low | |\n")
    assert build.warnings == []
    assert stored(build) == (Risk("Cache drift", "Low", "Low", "", line_of(text, "drift")),)


# -- each check, located at its row ------------------------------------------------

HEADER = "| Risk | Probability | Impact | Mitigation |\n|---|---|---|---|\n"

#: (rows, text on the row warned about, message start)
CHECKS = [
    pytest.param(
        "| Cache drift | Severe | High | TTL |\n",
        "Severe",
        "PEP 0012: risk 'Cache drift': unknown probability 'Severe'; "
        "the levels are Low, Medium, High",
        id="unknown-probability",
    ),
    pytest.param(
        "| Cache drift | Low | Severe/Medium | TTL |\n",
        "Cache drift",
        "PEP 0012: risk 'Cache drift': unknown impact 'Severe/Medium'",
        id="unknown-impact",
    ),
    pytest.param(
        "| Cache drift | | Low | TTL |\n",
        "Cache drift",
        "PEP 0012: risk 'Cache drift': no probability given; the levels are Low, Medium, High",
        id="empty-level",
    ),
    pytest.param(
        "| Cache drift | Low | High |\n",
        "Cache drift",
        "PEP 0012: a risk-table row has 3 cells, expected 4 "
        "(Risk | Probability | Impact | Mitigation)",
        id="too-few-cells",
    ),
    pytest.param(
        "| Cache drift | Low | Low | TTL | versioning |\n",
        "Cache drift",
        "PEP 0012: a risk-table row has 5 cells, expected 4",
        id="too-many-cells",
    ),
    pytest.param(
        "| Cache drift | Low | high | |\n",
        "Cache drift",
        "PEP 0012: risk 'Cache drift' has High impact but no mitigation",
        id="no-mitigation",
    ),
    pytest.param(
        "| Cache drift | Low | High | \u2014 |\n",
        "Cache drift",
        "PEP 0012: risk 'Cache drift' has High impact but no mitigation",
        id="dash-mitigation",
    ),
    pytest.param(
        "| Cache drift | Low | High | TBD |\n",
        "Cache drift",
        "PEP 0012: risk 'Cache drift' has High impact but no mitigation",
        id="tbd-mitigation",
    ),
]


@pytest.mark.parametrize("fmt", ["rst", "md"])
@pytest.mark.parametrize(("rows", "needle", "message"), CHECKS)
def test_each_check_is_located_at_its_row(
    build_project: BuildProject, fmt: str, rows: str, needle: str, message: str
) -> None:
    build, name, text = build_one(build_project, fmt, HEADER + "| Fine | Low | Low | |\n" + rows)
    warnings = build.pep_warnings()
    assert len(warnings) == 1, build.warning_text
    (warning,) = warnings
    assert warning.type == "pep.risk"
    assert warning.where == f"{name}:{line_of(text, needle)}"
    assert warning.message.startswith(message), warning.message


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_the_seeds_level_choices_are_a_placeholder(build_project: BuildProject, fmt: str) -> None:
    """Seed 002's ``High/Medium/Low`` is the template's guidance: pep.placeholder, not pep.risk."""
    rows = "| Cache drift | High/Medium/Low | Low | TTL |\n| Data loss | Low | low \\| high | - |\n"
    build, name, text = build_one(build_project, fmt, HEADER + rows)
    assert [(w.type, w.where) for w in build.pep_warnings()] == [
        ("pep.placeholder", f"{name}:{line_of(text, 'Cache drift')}"),
        ("pep.placeholder", f"{name}:{line_of(text, 'Data loss')}"),
    ]
    assert build.pep_warnings()[0].message == (
        "PEP 0012: risk 'Cache drift': probability still holds the template's placeholder "
        "'High/Medium/Low'; choose one of Low, Medium, High"
    )


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_a_table_with_no_rows(build_project: BuildProject, fmt: str) -> None:
    build, name, text = build_one(build_project, fmt, HEADER)
    (warning,) = build.pep_warnings()
    assert warning.type == "pep.risk"
    assert warning.where == f"{name}:{line_of(text, 'pep-risk-table')}"
    assert warning.message.startswith("PEP 0012: the risk table has no rows")
    assert stored(build) == ()


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_each_bad_row_warns_once_and_good_rows_are_kept(
    build_project: BuildProject, fmt: str
) -> None:
    rows = (
        HEADER
        + "| Good | Low | Medium | fine |\n"
        + "| Short | Low |\n"
        + "| Bad level | Huge | Low | x |\n"
        + "| Unmitigated | High | High | |\n"
    )
    build, name, text = build_one(build_project, fmt, rows, options={"matrix": ""})
    assert [(w.where, w.message.split(":")[1].split(";")[0]) for w in build.pep_warnings()] == [
        (
            f"{name}:{line_of(text, 'Short')}",
            " a risk-table row has 2 cells, expected 4 (Risk | Probability | Impact | Mitigation)",
        ),
        (f"{name}:{line_of(text, 'Bad level')}", " risk 'Bad level'"),
        (
            f"{name}:{line_of(text, 'Unmitigated')}",
            " risk 'Unmitigated' has High impact but no mitigation",
        ),
    ]
    # the malformed row is shown but not stored; an unknown level is stored as written
    assert [(r.risk, r.probability, r.impact) for r in stored(build) or ()] == [
        ("Good", "Low", "Medium"),
        ("Bad level", "Huge", "Low"),
        ("Unmitigated", "High", "High"),
    ]
    html = build.html("pep-0012")
    assert "<td><p>Short</p></td>" in html
    assert (
        "Not in the heat map (a level is unknown or the row is malformed): Short, Bad level" in html
    )
    assert heat_map(html)[("High", "High")] == ("critical", 1, ["Unmitigated"])


def test_warning_in_an_included_file_names_that_file(build_project: BuildProject) -> None:
    table = rst_table(HEADER + "| Cache drift | Low | Severe | TTL |\n")
    build = build_project(
        {
            "index.rst": index_rst("pep-0012"),
            "pep-0012.rst": minimal_pep(12, body=".. include:: risks.inc\n"),
            "risks.inc": table,
        },
        conf="exclude_patterns = ['risks.inc']\n",
    )
    (warning,) = build.pep_warnings()
    assert warning.where == f"risks.inc:{line_of(table, 'Severe')}"


def test_exempt_silences_risk_for_that_proposal(build_project: BuildProject) -> None:
    text = minimal_pep(12, exempt="risk", body=rst_table(HEADER + "| Drift | Low | Severe | |\n"))
    build = build_project({"index.rst": index_rst("pep-0012"), "pep-0012.rst": text})
    assert build.pep_warnings() == []
    assert stored(build) == (Risk("Drift", "Low", "Severe", "", line_of(text, "Drift")),)


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_risk_table_outside_a_proposal_is_allowed(build_project: BuildProject, fmt: str) -> None:
    rows = HEADER + "| Drift | Low | Low | |\n| Outage | Low | High | |\n"
    if fmt == "rst":
        name, text = "register.rst", "Register\n========\n\n" + rst_table(rows, matrix="")
    else:
        name, text = "register.md", "# Register\n\n" + myst_table(rows, matrix="")
    build = build_project({"index.rst": index_rst("register"), name: text})
    (warning,) = build.pep_warnings()
    assert warning.type == "pep.risk"
    assert warning.where == f"{name}:{line_of(text, 'Outage')}"
    assert warning.message.startswith(
        "pep-risk-table: risk 'Outage' has High impact but no mitigation"
    )
    assert stored(build, "register") is None  # no proposal to hold them
    assert heat_map(build.html("register"))[("Low", "High")] == ("medium", 1, ["Outage"])


def test_two_tables_in_one_proposal_are_stored_in_order(build_project: BuildProject) -> None:
    body = rst_table("| A | Low | Low | x |\n") + "\n" + rst_table("| B | High | Low | y |\n")
    text = minimal_pep(12, body=body)
    build = build_project({"index.rst": index_rst("pep-0012"), "pep-0012.rst": text})
    assert build.warnings == []
    assert [r.risk for r in stored(build) or ()] == ["A", "B"]
    html = build.html("pep-0012")
    # every row has its own id, also across tables
    ids = re.findall(r'<tr class="row-\w+" id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == 2


# -- pep_risk_levels -------------------------------------------------------------------

CUSTOM_LEVELS = ["Rare", "Possible", "Likely", "Certain"]


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_custom_levels_rename_and_extend(build_project: BuildProject, fmt: str) -> None:
    rows = (
        HEADER
        + "| Drift | likely | possible | x |\n"
        + "| Outage | Rare | High | x |\n"
        + "| Fire | Certain | certain | |\n"
        + "| Flood | rare | Likely | |\n"
    )
    build, name, text = build_one(
        build_project,
        fmt,
        rows,
        options={"matrix": ""},
        risk="Likely",  # the header's rating is on the project's scale too
        confoverrides={"pep_risk_levels": CUSTOM_LEVELS},
    )
    assert [(w.type, w.where, w.message.split(";")[0]) for w in build.pep_warnings()] == [
        (
            "pep.risk",
            f"{name}:{line_of(text, 'Outage')}",
            "PEP 0012: risk 'Outage': unknown impact 'High'",
        ),
        (
            "pep.risk",
            f"{name}:{line_of(text, 'Fire')}",
            "PEP 0012: risk 'Fire' has Certain impact but no mitigation",
        ),
    ]
    assert "the levels are Rare, Possible, Likely, Certain" in build.pep_warnings()[0].message
    assert [(r.probability, r.impact) for r in stored(build) or ()] == [
        ("Likely", "Possible"),
        ("Rare", "High"),
        ("Certain", "Certain"),
        ("Rare", "Likely"),
    ]
    html = build.html("pep-0012")
    cells = heat_map(html)
    assert len(cells) == 16  # a 4 x 4 grid
    assert cells[("Likely", "Possible")] == ("medium", 1, ["Drift"])
    assert cells[("Certain", "Certain")] == ("critical", 1, ["Fire"])
    assert cells[("Rare", "Likely")] == ("low", 1, ["Flood"])
    # four levels: green, amber, amber, red
    assert [m for m in re.findall(r"sd-bg-(\w+) sd-bg-text-\w+ pep-level\">(\w+)<", html)][:4] == [
        ("success", "Rare"),
        ("warning", "Possible"),
        ("warning", "Likely"),
        ("danger", "Certain"),
    ]


# -- the heat map ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_heat_map_cells_hold_counts_and_names(build_project: BuildProject, fmt: str) -> None:
    rows = (
        SEED_TABLE + "| Thundering herd | medium | HIGH | Jitter |\n| <script> | Low | Low | x |\n"
    )
    build, _name, _text = build_one(build_project, fmt, rows, options={"matrix": ""})
    assert build.warnings == []
    html = build.html("pep-0012")
    cells = heat_map(html)
    assert len(cells) == 9
    assert cells[("Medium", "High")] == ("high", 2, ["Cache drift", "Thundering herd"])
    assert cells[("High", "Medium")] == ("high", 1, ["Cold start"])
    assert cells[("High", "Low")] == ("medium", 1, ["Stale admin reads"])
    assert cells[("Low", "High")] == ("medium", 1, ["Key collision"])
    assert cells[("Low", "Low")] == ("low", 1, ["&lt;script&gt;"])
    assert cells[("High", "High")] == ("critical", 0, [])
    assert cells[("Medium", "Medium")] == ("medium", 0, [])
    assert "<script>" not in html.split("pep-risk-matrix-wrap")[1].split("</table>")[0]
    # a real table: caption, column and row headers; the heat map comes before the table
    matrix = html.split('<div class="pep-risk-matrix-wrap">')[1].split("</div>")[0]
    assert "<caption>Risk heat map: 6 risks by probability and impact</caption>" in matrix
    assert matrix.count('scope="col"') == 3 and matrix.count('scope="row"') == 3
    assert 'scope="colgroup">Probability' in matrix and 'scope="rowgroup"><span>Impact' in matrix
    assert html.index("pep-risk-matrix-wrap") < html.index('<table class="pep-risk-table')
    # names link to their rows of the table
    link = re.search(r'<li><a href="#([^"]+)">Cold start</a></li>', matrix)
    assert link and f'id="{link.group(1)}"><td><p>Cold start</p></td>' in html
    # impact rows run from the highest down; the CSS that colours it ships
    assert matrix.index('scope="row"><span class="sd-sphinx-override sd-badge sd-bg-danger') < (
        matrix.index('scope="row"><span class="sd-sphinx-override sd-badge sd-bg-success')
    )
    assert 'href="_static/sphinxext-pep-risk.css' in html
    assert ".pep-rm-critical" in build.read("_static/sphinxext-pep-risk.css")


def test_heat_map_caption_option(build_project: BuildProject) -> None:
    build, _name, _text = build_one(
        build_project, "rst", SEED_TABLE, options={"matrix": "", "caption": "Cache risks"}
    )
    html = build.html("pep-0012")
    assert "<caption>Cache risks \u2013 risk heat map: 4 risks by probability and impact" in html
    assert '<span class="caption-text">Cache risks</span>' in html


# -- other builders ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["rst", "md"])
def test_text_builder_keeps_the_table_only(build_project: BuildProject, fmt: str) -> None:
    build, _name, _text = build_one(
        build_project, fmt, SEED_TABLE, options={"matrix": ""}, buildername="text"
    )
    assert build.warnings == []
    out = build.read("pep-0012.txt")
    assert "Probability" in out and "heat map" not in out.lower() and "\u2192" not in out
    row = next(line for line in out.splitlines() if "Cold start" in line)
    assert [cell.strip() for cell in row.strip("|").split("|")] == [
        "Cold start",
        "High",
        "Medium",
        "Warm-up job",
    ]


@pytest.mark.parametrize(
    "buildername", ["latex", "man", "texinfo", "epub", "xml", "singlehtml", "gettext"]
)
def test_other_builders_run(build_project: BuildProject, buildername: str) -> None:
    build, _name, _text = build_one(
        build_project,
        "rst",
        SEED_TABLE,
        options={"matrix": ""},
        buildername=buildername,
        conf=EPUB_READY_CONF,
    )
    assert build.warnings == []


def test_parallel_build_stores_the_same_risks(build_project: BuildProject) -> None:
    files: dict[str, str] = {}
    for number in range(1, 9):
        name, text = proposal("md" if number % 2 else "rst", SEED_TABLE, number, matrix="")
        files[name] = text
    files["index.rst"] = index_rst(*(Path(n).stem for n in sorted(files)))
    serial = build_project(files)
    parallel = build_project(files, parallel=2)
    assert serial.warnings == parallel.warnings == []
    risks = {d: p.risks for d, p in get_domain(serial.app.env).proposals.items() if p.risks}
    assert len(risks) == 8
    parallel_proposals = get_domain(parallel.app.env).proposals
    assert {d: p.risks for d, p in parallel_proposals.items() if p.risks} == risks
    for number in range(1, 9):
        assert serial.html(f"pep-{number:04d}") == parallel.html(f"pep-{number:04d}")


def test_incremental_rebuild_updates_the_stored_risks(build_project: BuildProject) -> None:
    build, name, _text = build_one(build_project, "rst", SEED_TABLE)
    assert len(stored(build) or ()) == 4
    _name, new_text = proposal("rst", HEADER + "| Only one | Low | Low | |\n")
    rebuilt = build.rebuild({name: new_text})
    assert rebuilt.pep_warnings() == []
    assert [r.risk for r in stored(rebuilt) or ()] == ["Only one"]


# -- the docs page --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["risk-table.rst", "risk-table.md"])
def test_docs_snippet_builds_clean(build_project: BuildProject, name: str) -> None:
    snippet = (DOCS / "snippets" / name).read_text(encoding="utf-8")
    if name.endswith(".rst"):
        filename, text = "pep-0012.rst", minimal_pep(12, body=snippet)
    else:
        filename, text = "pep-0012.md", myst_pep(12, body=snippet)
    build = build_project({"index.rst": index_rst("pep-0012"), filename: text})
    assert build.warnings == []
    assert len(stored(build) or ()) == 7
    assert heat_map(build.html("pep-0012"))[("Medium", "High")][1] == 2


def test_docs_show_the_warnings_the_broken_snippet_gives(build_project: BuildProject) -> None:
    page = (DOCS / "risk-table.md").read_text(encoding="utf-8")
    documented = page.split("<!-- risk-table-broken output -->\n```text\n")[1].split("```")[0]
    snippet = (DOCS / "snippets" / "risk-table-broken.rst").read_text(encoding="utf-8")
    text = minimal_pep(12, "Add a caching layer", body=snippet)
    assert line_of(text, "pep-risk-table") == 11  # as the docs say
    build = build_project({"index.rst": index_rst("pep-0012"), "pep-0012.rst": text})
    actual = [f"{w.where}: WARNING: {w.message} [{w.type}]" for w in build.pep_warnings()]
    assert actual == documented.strip().splitlines()
    md = (DOCS / "snippets" / "risk-table-broken.md").read_text(encoding="utf-8")
    build = build_project(
        {"index.rst": index_rst("pep-0012"), "pep-0012.md": myst_pep(12, body=md)}
    )
    assert [w.message for w in build.pep_warnings()] == [
        line.split(": WARNING: ")[1].rsplit(" [", 1)[0] for line in actual
    ]


# -- the screenshot script ----------------------------------------------------------------


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the inflated (still filtered) pixel rows of a PNG."""
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    position, idat, size = 8, b"", (0, 0)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        chunk = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            size = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        position += 12 + length
    return size[0], size[1], zlib.decompress(idat)


@pytest.mark.skipif(
    not (shutil.which("chromium") and importlib.util.find_spec("furo")),
    reason="needs Debian's chromium and furo",
)
def test_screenshot_script_shoots_the_heat_map(tmp_path: Path) -> None:
    sys.path.insert(0, str(DOCS.parent / "scripts"))
    try:
        import screenshot_heatmap
    finally:
        sys.path.pop(0)
    out = tmp_path / "shots"
    assert (
        screenshot_heatmap.main(
            ["--out", str(out), "--size", "900,700", "--themes", "alabaster", "furo-dark"]
        )
        == 0
    )
    for name in ("heatmap-alabaster.png", "heatmap-furo-dark.png"):
        width, height, pixels = png_pixels(out / name)
        assert (width, height) == (900, 700)
        assert len(set(pixels)) > 50, f"{name} looks blank"


def test_custom_levels_are_the_scale_of_the_header_risk(build_project: BuildProject) -> None:
    # pep_risk_levels governs the header's :risk: too: one scale per project.
    certain, old = minimal_pep(1, "New scale", risk="certain"), minimal_pep(2, "Old", risk="High")
    build = build_project(
        {
            "index.rst": index_rst("pep-0001", "pep-0002"),
            "pep-0001.rst": certain,
            "pep-0002.rst": old,
        },
        confoverrides={"pep_risk_levels": CUSTOM_LEVELS},
    )
    assert [(w.type, w.where, w.message) for w in build.pep_warnings()] == [
        (
            "pep.header",
            f"pep-0002.rst:{line_of(old, ':risk:')}",
            "PEP 0002: unknown risk 'High' (expected one of Rare, Possible, Likely, Certain)",
        )
    ]
    # Shown in the scale's spelling, with the top level's colour.
    (badge,) = re.findall(
        r'<span class="([^"]*pep-level[^"]*)">Certain</span>', build.html("pep-0001")
    )
    assert "pep-level-danger" in badge.split()
