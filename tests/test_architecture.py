"""The shape of the package, as docs/architecture.md describes it.

These hold the layout to its promises: the core is pure (no Sphinx, no
docutils), modules import each other without cycles, and no module grows
past the size a reader takes in at once.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sphinxext_pep"
#: A module longer than this is two concerns (docs/architecture.md).
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts).removesuffix(".__init__")
        found[name] = path
    return found


def _imports(path: Path, *, runtime_only: bool) -> set[str]:
    """Modules *path* imports (``TYPE_CHECKING`` blocks left out if *runtime_only*)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for statement in tree.body:
        if (
            runtime_only
            and isinstance(statement, ast.If)
            and "TYPE_CHECKING" in ast.unparse(statement.test)
        ):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # ``from package import submodule`` imports the submodule.
                submodules = {f"{node.module}.{alias.name}" for alias in node.names}
                found.update((submodules & MODULE_NAMES) or {node.module})
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


MODULES = _modules()
MODULE_NAMES = frozenset(MODULES)


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("sphinxext_pep.core")])
def test_the_core_imports_neither_sphinx_nor_docutils(name: str) -> None:
    imported = _imports(MODULES[name], runtime_only=False)
    foreign = sorted(
        module
        for module in imported
        if module.split(".")[0] in {"sphinx", "docutils", "sphinx_design", "myst_parser"}
        or (module.startswith("sphinxext_pep") and not module.startswith("sphinxext_pep.core"))
    )
    assert foreign == [], f"{name} imports {foreign}: the core is pure (docs/architecture.md)"


def test_no_import_cycle() -> None:
    graph = {
        name: {m for m in _imports(path, runtime_only=True) if m in MODULES}
        for name, path in MODULES.items()
    }
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


@pytest.mark.parametrize("name", list(MODULES))
def test_modules_stay_small(name: str) -> None:
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by concern"
