"""``example-project/`` built for the tests: one build, per theme, for every test that needs it.

The build is ``scripts/screenshot_themes.py``'s own (a fresh ``sphinx-build``
of the example with ``-D html_theme=THEME``, everything else from its
``conf.py``), so the example the tests check is the one the script shoots
and the one a user's ``sphinx-build`` writes; the tests read its warnings
from that command's output.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "example-project"
SCREENSHOT_SCRIPT = ROOT / "scripts" / "screenshot_themes.py"


@cache
def screenshot_script() -> ModuleType:
    """``scripts/screenshot_themes.py`` as a module (it is not part of the package)."""
    spec = importlib.util.spec_from_file_location("screenshot_themes", SCREENSHOT_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: Theme name -> the module that must be importable to build with it: the five
#: themes the project checks, as the screenshot script names them.
THEMES: Mapping[str, str] = screenshot_script().THEMES


def require_theme(theme: str) -> None:
    """Skip the test where *theme*'s package is not installed."""
    if importlib.util.find_spec(THEMES[theme]) is None:
        pytest.skip(f"theme {theme} is not installed (pip install -e '.[themes]')")


@dataclass(frozen=True)
class ExampleBuild:
    """A finished build of the example: where its HTML is, and what the build printed."""

    outdir: Path
    #: ``sphinx-build -q``'s output: its warnings and errors, nothing else.
    warnings: str

    def pages(self) -> list[str]:
        """Every HTML page written from a document (not Sphinx's ``_static`` and the like)."""
        return sorted(
            page.relative_to(self.outdir).as_posix()
            for page in self.outdir.rglob("*.html")
            if not page.relative_to(self.outdir).parts[0].startswith("_")
        )


def build_example(
    outdir: Path,
    theme: str = "alabaster",
    *,
    overrides: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> ExampleBuild:
    """Build the example into *outdir* with *theme* (skipped if it is not installed).

    *overrides* are ``-D name=value`` settings; *environ* is added to the
    build's environment (``SOURCE_DATE_EPOCH``). A build that stops (an
    exit status other than 0) fails the test with its output.
    """
    require_theme(theme)
    ok, output = screenshot_script().build(theme, outdir, overrides=overrides, environ=environ)
    if not ok:
        pytest.fail(f"the example project did not build with {theme}:\n{output}")
    return ExampleBuild(outdir, output)
