"""The hostile-input corpus (issue 15): each case a project that once broke a build.

Every folder of ``tests/hostile/`` holds a project (``src/``) and its outcome
(``case.json``): the exact ``pep.*`` warnings, as ``[type, file, line,
message start]``, any other warning types it may raise (MyST's own), the exit
status, and what some output files must be. Every case is built for real and
must obey the rules every build obeys (SPEC §8):

- the build ends (within ``time_limit`` seconds where one is set) with no
  traceback;
- every problem is a located ``pep.*`` warning, exactly those expected;
- ``proposals.json`` parses as JSON and ``proposals.atom`` as XML, wherever
  they are written, and no output file was replaced by another: every page
  is still HTML, ``objects.inv`` still an inventory.

``case.json`` also says what the input did before the fix (``before``).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import _WARNING_RE, Build, BuildProject, Warning
from defusedxml import ElementTree as SafeET
from sphinx.util.console import strip_escape_sequences

CORPUS = Path(__file__).parent / "hostile"
CASES = sorted(path.name for path in CORPUS.iterdir() if (path / "case.json").is_file())


def _sources(case: str) -> dict[str, str]:
    src = CORPUS / case / "src"
    return {
        str(path.relative_to(src)): path.read_text(encoding="utf-8")
        for path in sorted(src.rglob("*"))
        if path.is_file()
    }


@contextmanager
def _time_limit(seconds: int | None) -> Iterator[None]:
    """Fail, not hang, when a build takes longer than *seconds*."""
    if not seconds:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"the build took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _parse(text: str, srcdir: Path) -> list[Warning]:
    found = []
    for raw in text.splitlines():
        match = _WARNING_RE.match(raw)
        if not match:
            continue
        path = match["path"] or ""
        if path and Path(path).is_relative_to(srcdir):
            path = str(Path(path).relative_to(srcdir))
        line = int(match["line"]) if match["line"] else None
        found.append(Warning(path, line, match["message"], match["type"]))
    return found


def _check_warnings(warnings: list[Warning], expected: dict[str, Any]) -> None:
    allowed_other = set(expected.get("other_warnings", ()))
    pep = [w for w in warnings if w.type and w.type.startswith("pep.")]
    others = [w for w in warnings if w not in pep and w.type not in allowed_other]
    assert others == [], f"warnings that are not pep.* warnings: {others}"
    wanted = [tuple(item) for item in expected["warnings"]]
    unmatched = list(pep)
    for subtype, file, line, start in wanted:
        hits = [
            w
            for w in unmatched
            if (w.type, w.file, w.line) == (subtype, file, line) and w.message.startswith(start)
        ]
        assert hits, f"missing {subtype} at {file}:{line} starting {start!r}; got {pep}"
        unmatched.remove(hits[0])
    assert unmatched == [], f"unexpected pep warnings: {unmatched}"


def _check_outputs(outdir: Path, outputs: dict[str, str]) -> None:
    for page in outdir.rglob("*.html"):
        assert page.read_text(encoding="utf-8").lstrip().startswith("<!DOCTYPE html>"), page
    for data in outdir.rglob("*.json"):
        if data.is_file():
            json.loads(data.read_text(encoding="utf-8"))
    for feed in outdir.rglob("*.atom"):
        if feed.is_file():
            SafeET.fromstring(feed.read_bytes())
    for name, kind in outputs.items():
        path = outdir / name
        if kind == "absent":
            assert not path.exists(), name
            continue
        assert path.is_file(), f"{name} was not written"
        if kind == "inventory":
            assert path.read_bytes().startswith(b"# Sphinx inventory version 2"), name
        elif kind.startswith("contains:"):
            assert kind.removeprefix("contains:") in path.read_text(encoding="utf-8"), name
        else:  # html, json, atom: checked above for every such file; here it must exist
            assert path.suffix == {"html": ".html", "json": ".json", "atom": ".atom"}[kind], name
    inventory = outdir / "objects.inv"
    if inventory.exists():
        assert inventory.read_bytes().startswith(b"# Sphinx inventory version 2")


def _build_failing(case: str, tmp_path: Path) -> tuple[int, str, Path]:
    """A case whose configuration stops the build: run sphinx-build and keep its stderr."""
    srcdir = tmp_path / "src"
    for name, text in _sources(case).items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-E", str(srcdir), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        check=False,
    )
    # Sphinx colours its output under CI=true (and FORCE_COLOR); a user's
    # terminal may too. The text is what counts here.
    return run.returncode, strip_escape_sequences(run.stderr), srcdir


@pytest.mark.parametrize("case", CASES)
def test_hostile_case(case: str, build_project: BuildProject, tmp_path: Path) -> None:
    expected = json.loads((CORPUS / case / "case.json").read_text(encoding="utf-8"))
    if expected.get("exit", 0):
        status, stderr, srcdir = _build_failing(case, tmp_path)
        assert "Traceback" not in stderr and "Exception occurred" not in stderr, stderr
        assert status == expected["exit"], stderr
        _check_warnings(_parse(stderr, srcdir), expected)
        return
    with _time_limit(expected.get("time_limit")):
        build: Build = build_project(_sources(case))
    assert "Traceback" not in build.warning_text
    _check_warnings(build.warnings, expected)
    _check_outputs(build.outdir, expected["outputs"])


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (800 * 2**20, 800 * 2**20))


def test_new_reads_the_alias_bomb_in_bounded_time(tmp_path: Path) -> None:
    """``sphinx-pep new`` reads every page's front matter too, with the build's converter.

    Before: 18 s and 1.3 GB to find the next free number next to the bomb;
    the command runs here with at most 800 MB of address space.
    """
    srcdir = tmp_path / "src"
    for name, text in _sources("yaml-alias-bomb").items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "sphinxext_pep", "new", "Another one", "-d", str(srcdir)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
        preexec_fn=_limit_memory,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert (srcdir / "pep-0013.md").is_file()
