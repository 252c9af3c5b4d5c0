"""Build the generated site with and without sphinxext-pep and compare.

Usage::

    python benchmarks/run.py                    # N=300, 3 repeats
    python benchmarks/run.py --n 300 --repeat 5 --jobs 2
    python benchmarks/run.py --scaling          # time per proposal, N=200 vs N=2000
    python benchmarks/run.py --profile          # cProfile of one full build, our code only
    python benchmarks/run.py --profile body     # ... of the incremental build after a body edit

Each repeat, for each variant (``pep`` and ``plain``, alternating which goes
first): a full build into an empty output directory, an incremental build after
editing one paragraph of one proposal, and an incremental build after changing
one proposal's status (plus its history row and ``updated`` date, and, in the
plain variant, its row in the hand-written index table). Every build runs in
its own ``python -m sphinx`` subprocess; wall time, CPU time (user + system,
children included) and peak RSS come from ``os.wait4``.

After the status change the HTML files whose mtime changed are listed and
checked against the pages that show that proposal: its own page, the index, the
pages that link to it, and the pages whose header lists it or shows it as a
derived reverse link (plus the pages Sphinx writes on every build: genindex,
search and domain indices).

The machine is shared: use medians, look at CPU time as well as wall time, and
quote the conditions (load average is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import generate

#: Pages Sphinx writes on every build, whatever changed.
ALWAYS_WRITTEN = {"genindex", "search", "py-modindex", "pep-proposals"}

TARGETS = {
    "full": 1.15,
    "body": 1.5,
    "memory": 1.2,
    "scaling": 1.2,
}


@dataclass
class Measure:
    wall: float
    cpu: float
    maxrss_kb: int
    warnings: list[str]


def sphinx_build(src: Path, out: Path, jobs: int, extra: list[str] | None = None) -> Measure:
    cmd = [sys.executable, *(extra or []), "-m", "sphinx", "-b", "html", "-q"]
    if jobs > 1:
        cmd += ["-j", str(jobs)]
    cmd += [str(src), str(out), "-d", str(out.parent / f"{out.name}-doctrees")]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"sphinx-build failed ({proc.returncode}) on {src}:\n{stderr}")
    warnings = [line for line in stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, warnings)


def compile_extension() -> str:
    """Byte-compile the installed sphinxext_pep, as installing a package does.

    pip writes a package's ``.pyc`` files when it installs it, Sphinx's
    included; an editable install has none until Python writes them, and
    under ``PYTHONDONTWRITEBYTECODE`` it never does, so every build of the
    pep variant would compile the extension's source again (about 0.1 s of
    CPU), which no installed copy does. Returns what was done, to print.
    """
    import compileall

    try:
        import sphinxext_pep
    except ImportError:
        return "sphinxext_pep not importable: nothing compiled"
    package = Path(sphinxext_pep.__file__).parent
    compileall.compile_dir(str(package), quiet=1)
    return f"byte-compiled {package}"


def html_mtimes(out: Path) -> dict[str, int]:
    return {
        str(path.relative_to(out).with_suffix("")): path.stat().st_mtime_ns
        for path in out.rglob("*.html")
        if "_static" not in path.parts
    }


def pick_proposals(site: generate.Site) -> tuple[generate.Proposal, generate.Proposal]:
    """The proposal whose body is edited and the one whose status changes.

    The status one is a Proposed proposal that many pages show (so the check
    of rewritten pages means something); moving it to Accepted is allowed by
    the lifecycle and breaks no dependency rule.
    """
    body = site.proposals[len(site.proposals) // 2]
    proposed = [p for p in site.proposals if p.status == "Proposed" and p is not body]
    status = max(proposed, key=lambda p: (len(site.pages_showing(p.number)), -p.number))
    return body, status


def edit_body(proposal: generate.Proposal) -> None:
    kind, text = proposal.body["Rationale"][0]
    proposal.body["Rationale"][0] = (kind, f"{text} This sentence was added by the benchmark.")


def edit_status(proposal: generate.Proposal) -> None:
    when = proposal.history[-1][0] + timedelta(days=7)
    proposal.history.append((when, proposal.status, "Accepted", "Approved by the benchmark"))
    proposal.status = "Accepted"


def run_variant(
    variant: str, args: argparse.Namespace, features: frozenset[str], work: Path
) -> dict[str, object]:
    site = generate.build_site(args.n, args.seed)
    src, out = work / variant, work / f"{variant}-html"
    for path in (src, out, work / f"{variant}-html-doctrees"):
        shutil.rmtree(path, ignore_errors=True)
    renderer = generate.Renderer(
        site, variant, features, sidebar=args.sidebar, pictures=args.pictures
    )
    generate.write_files(src, renderer.files())
    body_p, status_p = pick_proposals(site)
    result: dict[str, object] = {}
    result["full"] = sphinx_build(src, out, args.jobs)

    edit_body(body_p)
    time.sleep(0.01)  # distinct mtimes on coarse filesystems
    changed = generate.write_files(src, renderer.files())
    before = html_mtimes(out)
    result["body"] = sphinx_build(src, out, args.jobs)
    result["body_files"] = changed
    result["body_rewritten"] = sorted(k for k, v in html_mtimes(out).items() if before.get(k) != v)

    edit_status(status_p)
    changed = generate.write_files(src, renderer.files())
    before = html_mtimes(out)
    result["status"] = sphinx_build(src, out, args.jobs)
    result["status_files"] = changed
    rewritten = {k for k, v in html_mtimes(out).items() if before.get(k) != v}
    if variant == "pep":
        expected = site.pages_showing(status_p.number) | {"index"}
    else:
        expected = {status_p.docname, "index"}
    if args.pictures:
        expected.add("pictures")  # a listing (pep), the hand-kept tables (plain)
    result["status_rewritten"] = sorted(rewritten)
    result["status_unexpected"] = sorted(rewritten - expected - ALWAYS_WRITTEN)
    result["status_missing"] = sorted(expected - rewritten)
    result["status_expected"] = len(expected)
    result["status_proposal"] = status_p.pid
    return result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summarise(runs: dict[str, list[dict[str, object]]]) -> dict[str, dict[str, float]]:
    summary: dict[str, dict[str, float]] = {}
    for variant, results in runs.items():
        for phase in ("full", "body", "status"):
            measures = [r[phase] for r in results]
            summary.setdefault(phase, {})
            summary[phase][f"{variant}_wall"] = median([m.wall for m in measures])  # type: ignore[attr-defined]
            summary[phase][f"{variant}_wall_min"] = min(m.wall for m in measures)  # type: ignore[attr-defined]
            summary[phase][f"{variant}_cpu"] = median([m.cpu for m in measures])  # type: ignore[attr-defined]
            summary[phase][f"{variant}_rss_mb"] = median([m.maxrss_kb / 1024 for m in measures])  # type: ignore[attr-defined]
    return summary


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def report(args: argparse.Namespace, features: frozenset[str], runs: dict) -> dict:
    summary = summarise(runs)
    print()
    print(
        f"N={args.n}, {args.repeat} repeats, -j {args.jobs}, directives: "
        f"{', '.join(sorted(features)) or 'header and refs only'}; load average now {loadavg()}"
    )
    print(
        f"{'build':<22}{'pep wall':>10}{'plain wall':>12}{'ratio':>7}"
        f"{'pep cpu':>10}{'plain cpu':>11}{'ratio':>7}"
    )
    labels = {"full": "full", "body": "incremental (body)", "status": "incremental (status)"}
    for phase, label in labels.items():
        s = summary[phase]
        print(
            f"{label:<22}{s['pep_wall']:>9.2f}s{s['plain_wall']:>11.2f}s"
            f"{s['pep_wall'] / s['plain_wall']:>7.2f}"
            f"{s['pep_cpu']:>9.2f}s{s['plain_cpu']:>10.2f}s{s['pep_cpu'] / s['plain_cpu']:>7.2f}"
        )
    print(f"{'(best of runs)':<22}", end="")
    for phase in ("full", "body", "status"):
        s = summary[phase]
        print(
            f"  {phase} {s['pep_wall_min']:.2f}s/{s['plain_wall_min']:.2f}s"
            f" = {s['pep_wall_min'] / s['plain_wall_min']:.2f}",
            end="",
        )
    print()
    full = summary["full"]
    print(
        f"{'peak RSS (full)':<22}{full['pep_rss_mb']:>8.0f}MB{full['plain_rss_mb']:>10.0f}MB"
        f"{full['pep_rss_mb'] / full['plain_rss_mb']:>7.2f}"
    )
    for variant, results in runs.items():
        warnings = {
            w for r in results for phase in ("full", "body", "status") for w in r[phase].warnings
        }
        if warnings:
            print(f"\n{variant}: {len(warnings)} distinct warning lines, first ones:")
            for line in sorted(warnings)[:5]:
                print(f"  {line}")
    print()
    for variant, results in runs.items():
        last = results[-1]
        print(
            f"{variant}: body edit of 1 file rewrote {len(last['body_rewritten'])} pages "
            f"({', '.join(last['body_rewritten'])})"
        )
        print(
            f"{variant}: status change of {last['status_proposal']} "
            f"(files edited: {', '.join(last['status_files'])}) rewrote "
            f"{len(last['status_rewritten'])} pages; expected {last['status_expected']} "
            f"+ always-written {sorted(ALWAYS_WRITTEN & set(last['status_rewritten']))}"
        )
        print(f"    unexpected: {last['status_unexpected'] or 'none'}")
        print(f"    missing:    {last['status_missing'] or 'none'}")
    checks = {
        "full build <= 1.15x plain (wall)": full["pep_wall"] / full["plain_wall"]
        <= TARGETS["full"],
        "full build <= 1.15x plain (cpu)": full["pep_cpu"] / full["plain_cpu"] <= TARGETS["full"],
        "incremental body edit <= 1.5x plain (wall)": summary["body"]["pep_wall"]
        / summary["body"]["plain_wall"]
        <= TARGETS["body"],
        "incremental body edit <= 1.5x plain (cpu)": summary["body"]["pep_cpu"]
        / summary["body"]["plain_cpu"]
        <= TARGETS["body"],
        "peak memory <= 1.2x plain": full["pep_rss_mb"] / full["plain_rss_mb"] <= TARGETS["memory"],
        "status change rewrites exactly the pages showing it": all(
            not r["status_unexpected"] and not r["status_missing"] for r in runs["pep"]
        ),
    }
    print()
    for name, ok in checks.items():
        print(f"  [{'PASS' if ok else 'FAIL'}] {name}")
    return {"summary": summary, "checks": checks}


def scaling(args: argparse.Namespace, features: frozenset[str], work: Path) -> dict:
    per: dict[int, dict[str, float]] = {}
    for n in (args.small, args.large):
        site = generate.build_site(n, args.seed)
        per[n] = {}
        for variant in ("pep", "plain"):
            src, out = work / f"{variant}-{n}", work / f"{variant}-{n}-html"
            shutil.rmtree(src, ignore_errors=True)
            generate.write_files(
                src,
                generate.Renderer(
                    site, variant, features, sidebar=args.sidebar, pictures=args.pictures
                ).files(),
            )
            walls, cpus = [], []
            for _ in range(args.repeat):
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(work / f"{variant}-{n}-html-doctrees", ignore_errors=True)
                m = sphinx_build(src, out, args.jobs)
                walls.append(m.wall)
                cpus.append(m.cpu)
                print(f"  N={n} {variant}: {m.wall:.2f}s wall, {m.cpu:.2f}s cpu", flush=True)
            per[n][f"{variant}_wall"] = median(walls) / n * 1000
            per[n][f"{variant}_cpu"] = median(cpus) / n * 1000
    print(f"\nTime per proposal (ms, full build, median of {args.repeat}); load {loadavg()}")
    print(f"{'N':>6}{'pep wall':>10}{'pep cpu':>10}{'plain wall':>12}{'plain cpu':>11}")
    for n, s in per.items():
        print(
            f"{n:>6}{s['pep_wall']:>10.1f}{s['pep_cpu']:>10.1f}"
            f"{s['plain_wall']:>12.1f}{s['plain_cpu']:>11.1f}"
        )
    small, large = per[args.small], per[args.large]
    ratios = {k: large[k] / small[k] for k in small}
    print(
        "ratio N={}/N={}: pep {:.2f} wall, {:.2f} cpu; plain {:.2f} wall, {:.2f} cpu".format(
            args.large,
            args.small,
            ratios["pep_wall"],
            ratios["pep_cpu"],
            ratios["plain_wall"],
            ratios["plain_cpu"],
        )
    )
    ok = ratios["pep_cpu"] <= TARGETS["scaling"]
    print(
        f"  [{'PASS' if ok else 'FAIL'}] pep time per proposal at N={args.large} "
        f"within {TARGETS['scaling']}x of N={args.small} (cpu)"
    )
    return {"per_proposal_ms": per, "ratios": ratios}


def profile(args: argparse.Namespace, features: frozenset[str], work: Path) -> None:
    import pstats

    site = generate.build_site(args.n, args.seed)
    src, out = work / "pep", work / "pep-html"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(work / "pep-html-doctrees", ignore_errors=True)
    generate.write_files(
        src,
        generate.Renderer(
            site, "pep", features, sidebar=args.sidebar, pictures=args.pictures
        ).files(),
    )
    stats_file = work / "full.prof"
    build = "Full build"
    if args.profile == "body":
        sphinx_build(src, out, 1)  # the full build, unprofiled
        body_p, _status_p = pick_proposals(site)
        edit_body(body_p)
        time.sleep(0.01)  # distinct mtimes on coarse filesystems
        generate.write_files(
            src,
            generate.Renderer(
                site, "pep", features, sidebar=args.sidebar, pictures=args.pictures
            ).files(),
        )
        stats_file, build = work / "body.prof", "Incremental build after a body edit"
    sphinx_build(src, out, 1, ["-m", "cProfile", "-o", str(stats_file)])
    stats = pstats.Stats(str(stats_file))
    stats.sort_stats("cumulative")
    print(f"{build} of N={args.n}, cumulative time, functions of sphinxext_pep:")
    stats.print_stats("sphinxext_pep", 25)
    print("Whole build, top 25 by own time:")
    stats.sort_stats("tottime").print_stats(25)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=300, help="number of proposals (300)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (3)")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="sphinx-build -j (1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--features", help="as for generate.py (default: all registered)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/sphinxext-pep-bench"))
    parser.add_argument("--scaling", action="store_true", help="compare N=--small and --large")
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=2000)
    parser.add_argument(
        "--profile",
        nargs="?",
        const="full",
        choices=("full", "body"),
        help="cProfile one pep build: full (the default), or the incremental one after a body edit",
    )
    parser.add_argument(
        "--sidebar", action="store_true", help="keep alabaster's sidebar (O(N^2) toctrees)"
    )
    parser.add_argument(
        "--pictures",
        action="store_true",
        help=(
            f"a pep-graph on the front page and a page with {', '.join(generate.PICTURES)} "
            "(generate.py --pictures)"
        ),
    )
    parser.add_argument(
        "--no-compile",
        action="store_true",
        help="do not byte-compile sphinxext_pep first (as an installed package is)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    features = generate.parse_features(args.features)
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    print(f"load average {loadavg()}, {os.cpu_count()} CPUs, python {sys.version.split()[0]}")
    if not args.no_compile:
        print(compile_extension())
    if args.profile:
        profile(args, features, work)
        return
    if args.scaling:
        result = scaling(args, features, work)
    else:
        runs: dict[str, list[dict[str, object]]] = {"pep": [], "plain": []}
        for i in range(args.repeat):
            order = ("pep", "plain") if i % 2 == 0 else ("plain", "pep")
            for variant in order:
                r = run_variant(variant, args, features, work)
                runs[variant].append(r)
                print(
                    f"  run {i + 1} {variant}: full {r['full'].wall:.2f}s "  # type: ignore[attr-defined]
                    f"body {r['body'].wall:.2f}s status {r['status'].wall:.2f}s "  # type: ignore[attr-defined]
                    f"(load {loadavg()})",
                    flush=True,
                )
        result = report(args, features, runs)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
