"""Build the real Python PEP corpus their way and ours, alternating, and compare.

Usage::

    python benchmarks/corpus.py PATH                  # PATH: a checkout of github:python/peps
    python benchmarks/corpus.py PATH --repeat 3 -j 2 --their-python VENV/bin/python
    python benchmarks/corpus.py PATH --profile        # plus a cProfile of our full build

Nothing is fetched: PATH is read, and both builds run offline.

**Theirs** is built as their README and ``Makefile`` document it (``make
html``): ``sphinx-build --builder html --jobs J --fail-on-warning --keep-going
peps build`` in a copy of PATH (a ``git clone --shared`` when PATH is a git
checkout, so that their footer's ``git log`` finds the history), with the
Python of their virtual environment: by default ``PATH/.venv``, the one ``make
venv`` makes; create it with::

    python3 -m venv PATH/.venv && PATH/.venv/bin/pip install -r PATH/requirements.txt

The one change to their project: ``intersphinx_mapping = {}`` is appended to
the copy's ``conf.py`` (``OFFLINE``), since intersphinx would download eleven
inventories.

**Ours** is what a new user gets: ``sphinx-quickstart`` (alabaster and its
default sidebars), ``extensions = ["sphinxext_pep"]``, the root document's
toctree of ``proposals/*`` and a ``pep-index`` (as getting-started.md says),
their ``peps/pep-*`` copied into ``proposals/`` and converted by ``sphinx-pep
migrate proposals --write-template`` (which appends the ``python`` template
it proposes to ``conf.py``); then the ``conf.py`` lines migrate prints for
python/peps' roles (``extlinks`` for ``:pypi:``, ``:cpython-issue:``...,
intersphinx for ``:external+py3.14:func:``..., PEP 12's template left out) are
taken from its output and appended, as the user is told to, followed by the
same ``OFFLINE`` line as theirs. It runs with this script's Python, which must
have sphinxext-pep installed.

Each repeat builds each side (the order alternating between repeats): a full
build into an empty directory, a rebuild with nothing changed, and a rebuild
after one sentence was added to one PEP's Abstract (``--edit-pep``, the same
file on both sides). Each build is one ``sphinx-build`` process; wall time,
CPU time and peak memory (user + system time and ``ru_maxrss`` of it and its
workers) come from ``os.wait4``. Medians are printed with the ratios
ours/theirs. On a shared machine, trust the CPU-time ratios most.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

PHASES = ("full", "no-change", "one-edit")
SIDES = ("theirs", "ours")
QUICKSTART = ("-m", "sphinx.cmd.quickstart", "--no-sep", "-q", "-p", "PEPs", "-a", "Python")
#: Their Makefile's ``html`` target: ``sphinx-build $(ALLSPHINXOPTS)`` (less jobs and paths).
THEIR_BUILD = ("-m", "sphinx", "--builder", "html", "--fail-on-warning", "--keep-going")
THEIR_BUILD += ("--warning-file", "sphinx-warnings.txt")
#: getting-started.md's ``sphinx-build docs ...``, in the project; the last item is the output.
OUR_BUILD = ("-m", "sphinx", "-b", "html", ".", "_build/html")
#: The lines added to the root document of the quickstart project (getting-started.md).
OUR_INDEX = """
.. toctree::
   :glob:
   :caption: Proposals

   proposals/*

.. pep-index::
"""
#: Appended to both sides' ``conf.py``: intersphinx must not download inventories.
OFFLINE = """
# corpus.py: fetch nothing (intersphinx would download inventories)
intersphinx_mapping = {}
"""
#: The line ``sphinx-pep migrate`` prints above the conf.py lines python/peps' roles need.
PYTHON_CONF_HEADING = "The converted PEPs need these lines of python/peps' conf.py"
#: A build log's warning: ``WARNING: message [type.subtype]`` (the tag since Sphinx 8).
WARNING_RE = re.compile(
    r"\b(?:WARNING|ERROR|CRITICAL): (?P<message>.*?)(?: \[(?P<tag>[\w.-]+)\])?$"
)
#: Sphinx colours its warnings where it thinks a terminal shows them: with
#: ``CI`` set, in a log file too (``\x1b[91m...[ref.ref]\x1b[39;49;00m``).
COLOUR_RE = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Measure:
    wall: float
    cpu: float
    maxrss_mb: float
    status: int
    warnings: int


def run_measured(
    cmd: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None
) -> Measure:
    """Run *cmd*; its wall time, its CPU time and peak RSS (workers included)."""
    with log.open("w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    text = log.read_text(encoding="utf-8", errors="replace")
    warnings = sum(warning_kinds(text).values())
    return Measure(
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
        warnings,
    )


def warning_kinds(log_text: str) -> Counter[str]:
    """The warnings of a build log by kind: the tag Sphinx appends, else the message's start.

    docutils' "Unknown interpreted text role" errors are told apart from its other
    ``[docutils]`` ones: they are what a missing ``extlinks``/intersphinx causes.
    """
    kinds: Counter[str] = Counter()
    for line in COLOUR_RE.sub("", log_text).splitlines():
        found = WARNING_RE.search(line)
        if found is None:
            continue
        message, tag = found["message"], found["tag"]
        if tag == "docutils" and message.startswith("Unknown interpreted text role"):
            tag = "docutils (unknown role)"
        kinds[tag or message.split(":")[0]] += 1
    return kinds


def check_their_python(python: Path, checkout: Path) -> str:
    """Their Sphinx and docutils versions, or exit saying how to make the venv."""
    probe = "import sphinx, docutils, notfound; print(sphinx.__version__, docutils.__version__)"
    try:
        out = subprocess.run([str(python), "-c", probe], capture_output=True, text=True)
    except OSError:
        out = None
    if out is None or out.returncode:
        sys.exit(
            f"corpus.py: {python} cannot build their side (it needs their requirements). "
            f"Make their venv with:\n  python3 -m venv {checkout}/.venv && "
            f"{checkout}/.venv/bin/pip install -r {checkout}/requirements.txt\n"
            "or give another one with --their-python."
        )
    return out.stdout.strip()


def prepare_theirs(checkout: Path, dest: Path) -> str:
    """A copy of their repository to build in; says how it was made."""
    if (checkout / ".git").exists():
        subprocess.run(
            ["git", "clone", "--quiet", "--shared", str(checkout), str(dest)], check=True
        )
        how = "git clone --shared (their footer reads the history)"
    else:
        shutil.copytree(checkout, dest, ignore=shutil.ignore_patterns("build", ".venv"))
        how = "a copy without history (their footer shows no 'last modified')"
    with (dest / "peps" / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(OFFLINE)
    return how


def printed_conf_lines(migrate_output: str) -> str:
    """The conf.py lines migrate printed under ``PYTHON_CONF_HEADING``, as a user copies them.

    The block starts after the heading's blank line and ends at the next blank
    line; "" if migrate printed none (the PEPs use no role that needs one).
    """
    lines = migrate_output.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(PYTHON_CONF_HEADING)]
    if not starts:
        return ""
    block = lines[starts[-1] + 1 :]
    while block and not block[0].strip():
        block.pop(0)
    end = next((i for i, line in enumerate(block) if not line.strip()), len(block))
    return "".join(f"{line}\n" for line in block[:end])


def prepare_ours(checkout: Path, dest: Path, python: str) -> str:
    """The quickstart project with their PEPs migrated and migrate's conf.py lines; what it did."""
    subprocess.run(
        [python, *QUICKSTART, str(dest)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    conf = dest / "conf.py"
    text = conf.read_text(encoding="utf-8")
    conf.write_text(
        text.replace("extensions = []", 'extensions = ["sphinxext_pep"]'), encoding="utf-8"
    )
    with (dest / "index.rst").open("a", encoding="utf-8") as index:
        index.write(OUR_INDEX)
    proposals = dest / "proposals"
    proposals.mkdir()
    for path in sorted((checkout / "peps").glob("pep-*")):
        if path.is_dir():
            shutil.copytree(path, proposals / path.name)
        else:
            shutil.copy2(path, proposals / path.name)
    result = subprocess.run(
        [python, "-m", "sphinxext_pep", "migrate", "proposals", "--write-template"],
        cwd=dest,
        capture_output=True,
        text=True,
    )
    (dest.parent / "migrate.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    pasted = printed_conf_lines(result.stdout)
    with conf.open("a", encoding="utf-8") as out:
        if pasted:
            out.write("\n# corpus.py: what sphinx-pep migrate printed for python/peps' roles\n")
            out.write(pasted)
        out.write(OFFLINE)
    summary = [line for line in result.stdout.splitlines() if line.startswith("sphinx-pep migrate")]
    said = summary[-1] if summary else f"sphinx-pep migrate exited {result.returncode}"
    return f"{said}; {len(pasted.splitlines())} conf.py lines it printed appended"


def add_sentence(path: Path, count: int) -> None:
    """One sentence more, as the first paragraph of the Abstract."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i in range(len(lines) - 2):
        if lines[i].strip() == "Abstract" and re.fullmatch(r"=+\s*", lines[i + 1]):
            sentence = f"This sentence was added by the corpus benchmark, edit {count}.\n\n"
            lines.insert(i + 3, sentence)
            path.write_text("".join(lines), encoding="utf-8")
            return
    sys.exit(f"corpus.py: {path} has no 'Abstract' heading to edit (choose another --edit-pep)")


@dataclass(frozen=True)
class Side:
    name: str
    cwd: Path
    command: list[str]
    output: Path  # removed before a full build
    edited: Path
    env: dict[str, str] | None = None


def build_side(side: Side, logs: Path, repeat: int, edits: list[int]) -> dict[str, Measure]:
    measures = {}
    for phase in PHASES:
        if phase == "full":
            shutil.rmtree(side.output, ignore_errors=True)
        if phase == "one-edit":
            edits[0] += 1
            add_sentence(side.edited, edits[0])
        log = logs / f"{side.name}-{repeat}-{phase}.log"
        measures[phase] = run_measured(side.command, side.cwd, log, side.env)
        m = measures[phase]
        print(
            f"  {side.name:6} {phase:9} wall {m.wall:7.1f} s  cpu {m.cpu:7.1f} s  "
            f"peak {m.maxrss_mb:6.0f} MB  exit {m.status}  warnings {m.warnings}"
            + ("  (Sphinx stopped: see the log)" if m.status not in (0, 1) else ""),
            flush=True,
        )
        if phase == "full":
            kinds = warning_kinds(log.read_text(encoding="utf-8", errors="replace"))
            shown = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())
            print(f"  {side.name:6} full warnings by kind: {shown or 'none'}", flush=True)
    return measures


def median(values: list[float]) -> float:
    return statistics.median(values)


def report(runs: dict[str, list[dict[str, Measure]]]) -> dict[str, dict[str, float]]:
    summary: dict[str, dict[str, float]] = {}
    print("\nmedians                theirs              ours        ours/theirs")
    print("                    wall     cpu      wall     cpu     wall   cpu")
    for phase in PHASES:
        row: dict[str, float] = {}
        for side in SIDES:
            row[f"{side}_wall"] = median([r[phase].wall for r in runs[side]])
            row[f"{side}_cpu"] = median([r[phase].cpu for r in runs[side]])
            row[f"{side}_rss_mb"] = median([r[phase].maxrss_mb for r in runs[side]])
        row["ratio_wall"] = row["ours_wall"] / row["theirs_wall"]
        row["ratio_cpu"] = row["ours_cpu"] / row["theirs_cpu"]
        row["ratio_rss"] = row["ours_rss_mb"] / row["theirs_rss_mb"]
        summary[phase] = row
        print(
            f"{phase:12} {row['theirs_wall']:7.1f} {row['theirs_cpu']:7.1f}   "
            f"{row['ours_wall']:7.1f} {row['ours_cpu']:7.1f}    "
            f"{row['ratio_wall']:5.2f} {row['ratio_cpu']:5.2f}"
        )
    full = summary["full"]
    print(
        f"peak memory (full)  theirs {full['theirs_rss_mb']:.0f} MB, ours "
        f"{full['ours_rss_mb']:.0f} MB: ours/theirs {full['ratio_rss']:.2f}"
    )
    for phase in PHASES:
        verdict = "PASS" if summary[phase]["ratio_cpu"] < 1 else "FAIL"
        print(f"{verdict} ours/theirs < 1, {phase} (CPU time): {summary[phase]['ratio_cpu']:.2f}")
    return summary


def profile_ours(side: Side, work: Path, python: str) -> None:
    """One full build of ours under cProfile, serial; the top functions by cumulative time."""
    shutil.rmtree(side.output, ignore_errors=True)
    stats = work / "ours-full.prof"
    subprocess.run(
        [python, "-m", "cProfile", "-o", str(stats), *OUR_BUILD[:-1], str(side.output / "html")],
        cwd=side.cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    code = (
        "import pstats, sys; s = pstats.Stats(sys.argv[1]); "
        "s.sort_stats('cumulative').print_stats(40)"
    )
    subprocess.run([python, "-c", code, str(stats)])
    print(f"profile: {stats}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkout", type=Path, help="a checkout of github:python/peps")
    parser.add_argument("--repeat", type=int, default=2, help="repeats per side (median)")
    parser.add_argument("-j", "--jobs", default="2", help="sphinx-build -j (default 2)")
    parser.add_argument("--their-python", type=Path, help="default: CHECKOUT/.venv/bin/python")
    parser.add_argument("--edit-pep", type=int, default=572, help="the PEP edited (default 572)")
    parser.add_argument("--work", type=Path, help="where to build (default: a temporary dir)")
    parser.add_argument("--json", type=Path, help="write every measure and the medians here")
    parser.add_argument("--profile", action="store_true", help="cProfile one full build of ours")
    args = parser.parse_args(argv)

    checkout = args.checkout.resolve()
    if not (checkout / "peps" / "conf.py").is_file():
        sys.exit(f"corpus.py: {checkout} is not a checkout of python/peps (no peps/conf.py)")
    their_python = (args.their_python or checkout / ".venv" / "bin" / "python").absolute()
    their_versions = check_their_python(their_python, checkout)
    our_python = sys.executable
    work = (args.work or Path(tempfile.mkdtemp(prefix="peps-corpus-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    for name in (*SIDES, "logs"):
        shutil.rmtree(work / name, ignore_errors=True)
    logs = work / "logs"
    logs.mkdir()

    how = prepare_theirs(checkout, work / "theirs")
    migrated = prepare_ours(checkout, work / "ours", our_python)
    import sphinx

    edit = f"pep-{args.edit_pep:04d}.rst"
    their_env = dict(os.environ, PATH=f"{their_python.parent}{os.pathsep}{os.environ['PATH']}")
    sides = {
        "theirs": Side(
            "theirs",
            work / "theirs",
            [str(their_python), *THEIR_BUILD, "--jobs", args.jobs, "peps", "build"],
            work / "theirs" / "build",
            work / "theirs" / "peps" / edit,
            their_env,
        ),
        "ours": Side(
            "ours",
            work / "ours",
            [our_python, *OUR_BUILD[:-1], "-j", args.jobs, OUR_BUILD[-1]],
            work / "ours" / "_build",
            work / "ours" / "proposals" / edit,
        ),
    }
    print(f"corpus: {checkout} ({len(list((checkout / 'peps').glob('pep-*.rst')))} PEPs)")
    print(f"theirs: {their_python} (Sphinx, docutils {their_versions}), {how}")
    print(f"ours:   {our_python} (Sphinx {sphinx.__version__}); {migrated}")
    print(f"work:   {work}; -j {args.jobs}; {args.repeat} repeats; edit {edit}")
    print(f"load average at start: {os.getloadavg()[0]:.1f}", flush=True)

    runs: dict[str, list[dict[str, Measure]]] = {side: [] for side in SIDES}
    edits = [0]
    for repeat in range(args.repeat):
        order = SIDES if repeat % 2 == 0 else SIDES[::-1]
        print(f"repeat {repeat + 1} (load average {os.getloadavg()[0]:.1f})", flush=True)
        for name in order:
            runs[name].append(build_side(sides[name], logs, repeat, edits))
    summary = report(runs)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    if args.json:
        data = {
            "runs": {
                side: [{p: asdict(m) for p, m in r.items()} for r in runs[side]] for side in SIDES
            },
            "summary": summary,
        }
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")
    if args.profile:
        profile_ours(sides["ours"], work, our_python)


if __name__ == "__main__":
    main()
