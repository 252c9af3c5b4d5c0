"""Generate a proposals site of N proposals, with and without sphinxext-pep.

Usage::

    python benchmarks/generate.py N OUTDIR [--seed S] [--features history,risk,index] [--pictures]

writes two Sphinx projects with the same content:

``OUTDIR/pep``
    proposals shaped like seed 000 (``pep`` template): a ``pep-header`` with
    every field (``related``, ``related-specs``, ``depends-on``, ``enables``),
    all eight sections with realistic text, a ``pep-status-history`` table, a
    ``pep-risk-table``, ``:pep:ref:`` cross-references, and an index page with
    ``pep-index``;
``OUTDIR/plain``
    the same pages as plain reStructuredText, no extension: the header as a
    field table (with the reverse "Enables" links worked out by the generator,
    as a maintainer would have to by hand), history and risks as tables,
    ``:ref:`` links, and the index as a static table.

Directives that sphinxext-pep does not register (yet) are written as in the
plain variant, so the benchmark runs on any version of the extension and grows
as features land. ``--features`` limits which optional directives are used
(default: every one that is registered; ``none`` for none).

``--pictures`` adds a page of pictures of the process: in the ``pep`` variant
the directives of :data:`PICTURES` (``pep-timeline``, ``pep-stats``) over
every proposal; in the ``plain`` variant what a maintainer keeps by hand
instead, a table of the status counts and one of each proposal's status and
since when.

The content is a pure function of ``(N, seed)``: :class:`Site` is the model,
:func:`write_site` renders it. ``run.py`` edits the model (a body sentence, a
status) and re-renders, so exactly the files a human would touch change.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

#: Optional directives -> feature name, used when the extension registers them.
OPTIONAL_DIRECTIVES = {
    "history": "pep-status-history",
    "risk": "pep-risk-table",
    "index": "pep-index",
}

#: The directives of the ``--pictures`` page (pep variant), in page order.
PICTURES: tuple[str, ...] = ("pep-timeline", "pep-stats")

STATUS_PATHS = {
    "Proposed": ("Proposed",),
    "Accepted": ("Proposed", "Accepted"),
    "Implementing": ("Proposed", "Accepted", "Implementing"),
    "Implemented": ("Proposed", "Accepted", "Implementing", "Implemented"),
    "Rejected": ("Proposed", "Rejected"),
    "Withdrawn": ("Proposed", "Withdrawn"),
    "Deferred": ("Proposed", "Deferred"),
}
STATUS_WEIGHTS = {
    "Proposed": 20,
    "Accepted": 15,
    "Implementing": 10,
    "Implemented": 35,
    "Rejected": 8,
    "Withdrawn": 5,
    "Deferred": 7,
}
LEVELS = ("Low", "Medium", "High")

_FIRST = [
    "Maya",
    "Ana",
    "Jon",
    "Priya",
    "Tomasz",
    "Wei",
    "Lena",
    "Omar",
    "Sofia",
    "Kenji",
    "Amara",
    "Lucas",
    "Ines",
    "Ravi",
    "Elena",
    "Noah",
    "Aisha",
    "Mateo",
    "Yuki",
    "Olu",
    "Hana",
    "Pavel",
    "Zara",
    "Diego",
]
_LAST = [
    "Okafor",
    "Ruiz",
    "Bauer",
    "Sharma",
    "Nowak",
    "Chen",
    "Fischer",
    "Haddad",
    "Rossi",
    "Tanaka",
    "Mensah",
    "Moreau",
    "Silva",
    "Iyer",
    "Petrova",
    "Walsh",
    "Khan",
    "Lopez",
    "Sato",
    "Adeyemi",
    "Kim",
    "Novak",
    "Ali",
    "Garcia",
]
_VERBS = [
    "Add",
    "Adopt",
    "Replace",
    "Split",
    "Cache",
    "Batch",
    "Stream",
    "Version",
    "Shard",
    "Retire",
    "Audit",
    "Index",
]
_THINGS = [
    "ingestion pipeline",
    "tenant quotas",
    "query planner",
    "export service",
    "session store",
    "billing events",
    "search index",
    "webhook delivery",
    "schema registry",
    "feature flags",
    "audit log",
    "rate limiter",
    "report scheduler",
    "metrics rollups",
    "access tokens",
    "notification fan-out",
    "backup rotation",
    "dashboard cache",
    "import validator",
    "job queue",
]
_ADJ = [
    "incremental",
    "asynchronous",
    "tenant-aware",
    "versioned",
    "bounded",
    "idempotent",
    "cached",
    "sharded",
    "lazy",
    "resumable",
]
_NOUNS = [
    "request",
    "job",
    "worker",
    "table",
    "index",
    "cache",
    "queue",
    "tenant",
    "schema",
    "snapshot",
    "partition",
    "replica",
    "batch",
    "token",
    "event",
    "report",
    "migration",
    "endpoint",
    "deployment",
    "dashboard",
]
_PHRASES = (
    "under peak load",
    "for the largest tenants",
    "without a maintenance window",
    "within the current budget",
    "across both regions",
    "during the nightly run",
    "behind a feature flag",
    "with no change to the public API",
)
_RISKS = (
    "Cache drift",
    "Migration stalls",
    "Queue backlog",
    "Index bloat",
    "Token leakage",
    "Partial rollout",
    "Clock skew",
    "Vendor lock-in",
    "Cost overrun",
    "Schema mismatch",
)
_MITIGATIONS = (
    "TTL plus versioned keys",
    "Batch the migration and resume from checkpoints",
    "Autoscale workers on queue depth",
    "Weekly reindex with compaction",
    "Short-lived tokens, rotated hourly",
    "Roll out per tenant behind a flag",
    "Use server timestamps only",
    "Keep an adapter layer",
    "Budget alerts at 80 percent",
    "Validate against the registry in CI",
)
SECTIONS = (
    "Problem Statement",
    "Proposed Solution",
    "Rationale",
    "Alternatives Considered",
    "Impact Assessment",
    "Out of Scope",
    "Acceptance Criteria",
    "Status History",
)


# -- the model ------------------------------------------------------------------


@dataclass
class Proposal:
    number: int
    title: str
    authors: list[tuple[str, str]]
    status: str
    risk: str
    created: date
    history: list[tuple[date, str, str, str]]  # date, from, to, notes
    related: list[int]
    related_specs: str
    depends_on: list[int]
    enables: list[int]
    risks: list[tuple[str, str, str, str]]  # risk, probability, impact, mitigation
    #: section -> list of blocks; a block is ("p", text) or ("ul", [items]) or
    #: ("h", subsection title). ``{ref:N}`` in text is a cross-reference.
    body: dict[str, list[tuple[str, object]]] = field(default_factory=dict)

    @property
    def docname(self) -> str:
        return f"proposals/pep-{self.number:04d}"

    @property
    def pid(self) -> str:
        return f"PEP {self.number:04d}"

    @property
    def updated(self) -> date:
        return self.history[-1][0]

    def referenced(self) -> set[int]:
        """Numbers this page links to in its text."""
        found: set[int] = set()
        for blocks in self.body.values():
            for kind, value in blocks:
                texts = value if kind == "ul" else [value]
                for text in texts:  # type: ignore[union-attr]
                    found.update(_refs_in(str(text)))
        return found


def _refs_in(text: str) -> list[int]:
    out = []
    rest = text
    while "{ref:" in rest:
        _, rest = rest.split("{ref:", 1)
        number, rest = rest.split("}", 1)
        out.append(int(number))
    return out


@dataclass
class Site:
    proposals: list[Proposal]
    seed: int

    def get(self, number: int) -> Proposal:
        return self.proposals[number - 1]

    def derived_enables(self, number: int) -> list[int]:
        """Proposals that depend on *number* without *number* saying so."""
        own = self.get(number).enables
        return sorted(
            p.number for p in self.proposals if number in p.depends_on and p.number not in own
        )

    def derived_depends_on(self, number: int) -> list[int]:
        own = self.get(number).depends_on
        return sorted(
            p.number for p in self.proposals if number in p.enables and p.number not in own
        )

    def derived_related(self, number: int) -> list[int]:
        own = self.get(number).related
        return sorted(
            p.number
            for p in self.proposals
            if number in p.related and p.number not in own and p.number != number
        )

    def pages_showing(self, number: int) -> set[str]:
        """Docnames whose output shows something of proposal *number*.

        Its own page, pages linking to it in their text, pages whose header
        lists it, and pages whose header shows it as a derived reverse link.
        """
        target = self.get(number)
        pages = {target.docname}
        for p in self.proposals:
            relations = (*p.related, *p.depends_on, *p.enables)
            if number in relations or number in p.referenced():
                pages.add(p.docname)
        for other in (*target.related, *target.depends_on, *target.enables):
            pages.add(self.get(other).docname)
        return pages


def _sentence(rng: random.Random, refs: list[int] | None = None) -> str:
    words = [
        rng.choice(("The", "Each", "Every", "A")),
        rng.choice(_ADJ),
        rng.choice(_NOUNS),
        rng.choice(("keeps", "needs", "blocks", "slows", "replaces", "feeds", "protects")),
        "the",
        rng.choice(_NOUNS),
        rng.choice(_PHRASES),
    ]
    text = " ".join(words)
    if refs:
        text += f", as {{ref:{refs.pop()}}} describes"
    return text + "."


def _paragraph(rng: random.Random, sentences: int, refs: list[int] | None = None) -> str:
    return " ".join(_sentence(rng, refs) for _ in range(sentences))


def build_site(n: int, seed: int = 1) -> Site:
    """The model of a site of *n* proposals numbered 1..n."""
    rng = random.Random(seed)
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    proposals: list[Proposal] = []
    for number in range(1, n + 1):
        status = rng.choices(statuses, weights)[0]
        created = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 1500))
        history = []
        when = created
        previous = "\u2014"
        for step, target in enumerate(STATUS_PATHS[status]):
            if step:
                when += timedelta(days=rng.randrange(3, 60))
            notes = "Initial creation" if not step else f"Moved to {target} after review"
            history.append((when, previous, target, notes))
            previous = target
        done = status == "Implemented"
        lower = list(range(1, number))
        # Dependencies point to lower numbers (no cycles); a done proposal only
        # depends on done ones (no pep.dependency warning).
        candidates = [m for m in lower if not done or proposals[m - 1].status == "Implemented"]
        depends_on = sorted(rng.sample(candidates, min(len(candidates), rng.choice((0, 1, 1, 2)))))
        related = sorted(
            rng.sample([m for m in range(1, n + 1) if m != number], min(n - 1, rng.randrange(0, 3)))
        )
        proposals.append(
            Proposal(
                number=number,
                title=f"{rng.choice(_VERBS)} the {rng.choice(_ADJ)} {rng.choice(_THINGS)}",
                authors=[
                    (f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", f"author{rng.randrange(99)}")
                    for _ in range(rng.choice((1, 1, 2)))
                ],
                status=status,
                risk=rng.choice(LEVELS),
                created=created,
                history=history,
                related=related,
                related_specs=str(rng.randrange(100, 999)),
                depends_on=depends_on,
                enables=[],
                risks=[
                    (
                        rng.choice(_RISKS),
                        rng.choice(LEVELS),
                        rng.choice(LEVELS),
                        rng.choice(_MITIGATIONS),
                    )
                    for _ in range(rng.randrange(1, 4))
                ],
            )
        )
    # "enables" as written: some proposals also name a later one that depends on them.
    for proposal in proposals:
        dependants = [p for p in proposals if proposal.number in p.depends_on]
        if dependants and rng.random() < 0.5:
            proposal.enables = [rng.choice(dependants).number]
    for proposal in proposals:
        refs = [rng.randrange(1, n + 1) for _ in range(3)]
        proposal.body = _body(rng, proposal, refs)
    return Site(proposals, seed)


def _body(rng: random.Random, proposal: Proposal, refs: list[int]) -> dict[str, list]:
    done = proposal.status == "Implemented"
    body: dict[str, list] = {
        "Problem Statement": [("p", _paragraph(rng, 4, refs)), ("p", _paragraph(rng, 3))],
        "Proposed Solution": [
            ("p", _paragraph(rng, 4, refs)),
            ("ul", [_sentence(rng) for _ in range(3)]),
            ("p", _paragraph(rng, 3)),
        ],
        "Rationale": [("p", _paragraph(rng, 4, refs)), ("p", _paragraph(rng, 2))],
        "Alternatives Considered": [
            ("h", f"Alternative 1: {rng.choice(_ADJ).capitalize()} {rng.choice(_NOUNS)}s"),
            ("ul", [f"Description: {_sentence(rng)}", f"Why rejected: {_sentence(rng)}"]),
            ("h", f"Alternative 2: {rng.choice(_ADJ).capitalize()} {rng.choice(_NOUNS)}s"),
            ("ul", [f"Description: {_sentence(rng)}", f"Why rejected: {_sentence(rng)}"]),
        ],
        "Impact Assessment": [
            ("h", "Affected Components"),
            ("ul", [f"{c}: {rng.choice(_THINGS)}" for c in ("Models", "Services", "API")]),
            ("h", "Risks"),
            ("risks", None),
            ("h", "Performance Impact"),
            ("p", _paragraph(rng, 3)),
        ],
        "Out of Scope": [("ul", [_sentence(rng) for _ in range(2)])],
        "Acceptance Criteria": [
            (
                "ul",
                [
                    f"[{'x' if done or rng.random() < 0.5 else ' '}] {_sentence(rng)}"
                    for _ in range(3)
                ],
            )
        ],
        "Status History": [("history", None)],
    }
    return body


# -- rendering -------------------------------------------------------------------


def _underline(text: str, char: str) -> str:
    return f"{text}\n{char * len(text)}\n"


def _pipe_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(f"   {line}" for line in lines)


def _list_table(
    header: tuple[str, ...] | None, rows: list[tuple[str, ...]], title: str = ""
) -> str:
    out = [f".. list-table:: {title}".rstrip()]
    if header:
        out.append("   :header-rows: 1")
    out.append("")
    for row in [header, *rows] if header else rows:
        assert row is not None
        for i, cell in enumerate(row):
            out.append(f"   {'*' if i == 0 else ' '} - {cell}".rstrip())
    return "\n".join(out)


class Renderer:
    """Renders the model as one of the two variants."""

    def __init__(
        self,
        site: Site,
        variant: str,
        features: frozenset[str],
        *,
        sidebar: bool = False,
        pictures: bool = False,
    ) -> None:
        assert variant in ("pep", "plain")
        self.site = site
        self.sidebar = sidebar
        #: --pictures: the front page also draws the proposals (pep-graph; plain:
        #: a hand-written graphviz directive of the same graph), and a page
        #: shows the timeline and the statistics.
        self.pictures = pictures
        self.pep = variant == "pep"
        self.features = features if self.pep else frozenset()

    def ref(self, number: int) -> str:
        if self.pep:
            return f":pep:ref:`{number}`"
        return f":ref:`PEP {number:04d} <pep-{number}>`"

    def inline(self, text: str) -> str:
        out = text
        for number in _refs_in(text):
            out = out.replace(f"{{ref:{number}}}", self.ref(number), 1)
        return out

    def header(self, p: Proposal) -> str:
        if self.pep:
            authors = ", ".join(f"{name} <{mail}@example.com>" for name, mail in p.authors)
            options = [
                ("pep", str(p.number)),
                ("title", p.title),
                ("author", authors),
                ("status", p.status),
                ("risk", p.risk),
                ("created", p.created.isoformat()),
                ("updated", p.updated.isoformat()),
                ("related", ", ".join(str(n) for n in p.related)),
                ("related-specs", p.related_specs),
                ("depends-on", ", ".join(str(n) for n in p.depends_on)),
                ("enables", ", ".join(str(n) for n in p.enables)),
            ]
            return ".. pep-header::\n" + "\n".join(f"   :{k}: {v}" for k, v in options if v)
        # Plain: a field table; reverse links worked out here, by "hand".
        site = self.site

        def refs(numbers: list[int]) -> str:
            return ", ".join(self.ref(n) for n in numbers)

        authors = ", ".join(f"`{name} <mailto:{mail}@example.com>`__" for name, mail in p.authors)
        rows = [
            ("PEP", f"{p.number:04d}"),
            ("Title", p.title),
            ("Author", authors),
            ("Status", p.status),
            ("Risk", p.risk),
            ("Created", p.created.isoformat()),
            ("Updated", p.updated.isoformat()),
            ("Related", refs(p.related + site.derived_related(p.number))),
            ("Related specs", p.related_specs),
            ("Depends on", refs(p.depends_on + site.derived_depends_on(p.number))),
            ("Enables", refs(p.enables + site.derived_enables(p.number))),
        ]
        return _list_table(None, [r for r in rows if r[1]])

    def history(self, p: Proposal) -> str:
        rows = [(d.isoformat(), f, t, n) for d, f, t, n in p.history]
        header = ("Date", "From", "To", "Notes")
        if "history" in self.features:
            return ".. pep-status-history::\n\n" + _pipe_table(header, rows)
        return _list_table(header, rows)

    def risks(self, p: Proposal) -> str:
        header = ("Risk", "Probability", "Impact", "Mitigation")
        if "risk" in self.features:
            return ".. pep-risk-table::\n   :matrix:\n\n" + _pipe_table(header, p.risks)
        return _list_table(header, list(p.risks))

    def proposal(self, p: Proposal) -> str:
        heading = f"{p.pid}: {p.title}"
        parts = [] if self.pep else [f".. _pep-{p.number}:\n"]
        parts += [_underline(heading, "="), self.header(p), ""]
        for section in SECTIONS:
            parts.append(_underline(section, "-"))
            for kind, value in p.body[section]:
                if kind == "p":
                    parts.append(textwrap.fill(self.inline(str(value)), 79) + "\n")
                elif kind == "ul":
                    items = value  # type: ignore[assignment]
                    parts.append("\n".join(f"- {self.inline(i)}" for i in items) + "\n")  # type: ignore[union-attr]
                elif kind == "h":
                    parts.append(_underline(str(value), "~"))
                elif kind == "risks":
                    parts.append(self.risks(p) + "\n")
                elif kind == "history":
                    parts.append(self.history(p) + "\n")
        return "\n".join(parts)

    def index(self) -> str:
        parts = [
            _underline("Engineering Proposals", "="),
            "Every enhancement proposal of the project.\n",
            ".. toctree::\n   :maxdepth: 1\n   :glob:\n   :hidden:\n\n"
            + ("   pictures\n" if self.pictures else "")
            + "   proposals/*\n",
        ]
        if "index" in self.features:
            parts.append(".. pep-index::\n")
        else:
            rows = [
                (
                    self.ref(p.number),
                    p.title,
                    p.status,
                    ", ".join(name for name, _ in p.authors),
                    p.created.isoformat(),
                    p.updated.isoformat(),
                )
                for p in self.site.proposals
            ]
            header = ("PEP", "Title", "Status", "Authors", "Created", "Updated")
            parts.append(_list_table(header, rows, "Proposals") + "\n")
        if self.pictures:
            parts.append(self.graph())
        return "\n".join(parts)

    def graph(self) -> str:
        """The dependency graph: ``pep-graph``, or the DOT a maintainer would write."""
        if self.pep:
            return ".. pep-graph::\n"
        lines = ["digraph proposals {", '   rankdir="LR";', '   node [shape="box"];']
        for p in self.site.proposals:
            title = p.title.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'   "{p.number}" [label="{p.pid}\\n{title}", URL="{p.docname}.html"];')
        for p in self.site.proposals:
            lines.extend(f'   "{d}" -> "{p.number}";' for d in p.depends_on)
        return ".. graphviz::\n\n" + "\n".join(f"   {line}" for line in lines) + "\n   }\n"

    def pictures_page(self) -> str:
        """The ``--pictures`` page: the directives, or the tables kept by hand without them."""
        parts = [_underline("The process in pictures", "=")]
        if self.pep:
            parts += [f".. {name}::\n" for name in PICTURES]
            return "\n".join(parts)
        counts: dict[str, int] = {}
        for p in self.site.proposals:
            counts[p.status] = counts.get(p.status, 0) + 1
        rows = [(status, str(counts[status])) for status in STATUS_WEIGHTS if status in counts]
        parts.append(_list_table(("Status", "Proposals"), rows, "Proposals by status") + "\n")
        since = [
            (self.ref(p.number), p.status, p.history[-1][0].isoformat())
            for p in self.site.proposals
        ]
        parts.append(_list_table(("PEP", "Status", "Since"), since, "Status timeline") + "\n")
        return "\n".join(parts)

    def conf(self) -> str:
        extensions = '["sphinxext_pep"]' if self.pep else "[]"
        if self.pictures and not self.pep:
            extensions = '["sphinx.ext.graphviz"]\ngraphviz_output_format = "svg"'
        return (
            f'project = "Benchmark ({"sphinxext-pep" if self.pep else "plain"})"\n'
            'copyright = "2026, benchmark"\n'
            f"extensions = {extensions}\n"
            'html_theme = "alabaster"\n'
            # Alabaster's default sidebar renders the whole toctree on every page:
            # O(N) per page, O(N^2) per build, for both variants alike. Off by
            # default so the figures measure the documents, not the theme.
            + ("" if self.sidebar else 'html_sidebars = {"**": ["searchbox.html"]}\n')
        )

    def files(self) -> dict[str, str]:
        files = {"conf.py": self.conf(), "index.rst": self.index()}
        if self.pictures:
            files["pictures.rst"] = self.pictures_page()
        for p in self.site.proposals:
            files[f"{p.docname}.rst"] = self.proposal(p)
        return files


def registered_features() -> frozenset[str]:
    """The optional directives the installed sphinxext-pep registers."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, is_directive_registered

    with tempfile.TemporaryDirectory() as tmp, docutils_namespace():
        root = Path(tmp)
        (root / "conf.py").write_text('extensions = ["sphinxext_pep"]\n')
        (root / "index.rst").write_text("x\n=\n")
        Sphinx(root, root, root / "out", root / "doctrees", "html", status=None, warning=None)
        return frozenset(
            name
            for name, directive in OPTIONAL_DIRECTIVES.items()
            if is_directive_registered(directive)
        )


def write_files(root: Path, files: dict[str, str]) -> list[str]:
    """Write *files* under *root*, touching only those whose text changed."""
    changed = []
    for name, text in files.items():
        path = root / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        changed.append(name)
    return changed


def write_site(
    site: Site,
    outdir: Path,
    features: frozenset[str],
    *,
    sidebar: bool = False,
    pictures: bool = False,
) -> dict[str, list[str]]:
    """Render both variants under *outdir*; the files written, per variant."""
    written = {}
    for variant in ("pep", "plain"):
        renderer = Renderer(site, variant, features, sidebar=sidebar, pictures=pictures)
        written[variant] = write_files(outdir / variant, renderer.files())
    return written


def parse_features(text: str | None) -> frozenset[str]:
    available = registered_features()
    if text is None:
        return available
    wanted = frozenset() if text == "none" else frozenset(t.strip() for t in text.split(","))
    unknown = wanted - set(OPTIONAL_DIRECTIVES)
    if unknown:
        sys.exit(f"unknown features: {', '.join(sorted(unknown))}")
    missing = wanted - available
    if missing:
        sys.exit(f"not registered by this sphinxext-pep: {', '.join(sorted(missing))}")
    return wanted


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("n", type=int, help="number of proposals")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--features",
        help=f"comma list of {', '.join(OPTIONAL_DIRECTIVES)} or 'none' (default: all registered)",
    )
    parser.add_argument(
        "--sidebar", action="store_true", help="keep alabaster's sidebar (global toctree)"
    )
    parser.add_argument(
        "--pictures",
        action="store_true",
        help=(
            "draw the proposals on the front page (pep-graph) "
            f"and add a page with {', '.join(PICTURES)}"
        ),
    )
    args = parser.parse_args(argv)
    features = parse_features(args.features)
    site = build_site(args.n, args.seed)
    write_site(site, args.outdir, features, sidebar=args.sidebar, pictures=args.pictures)
    manifest = {
        "n": args.n,
        "seed": args.seed,
        "features": sorted(features),
        "pictures": args.pictures,
    }
    (args.outdir / "benchmark.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(
        f"{args.n} proposals in {args.outdir}/pep and {args.outdir}/plain "
        f"(directives used: {', '.join(sorted(features)) or 'header and refs only'})"
    )


if __name__ == "__main__":
    main()
