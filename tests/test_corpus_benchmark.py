"""``benchmarks/corpus.py``: the project it builds for our side is what a new user gets.

A tiny checkout shaped like python/peps (``peps/conf.py``, RFC 2822 PEPs from
``tests/migrate/``) is turned into our side's project: a quickstart project
with the extension, the getting-started toctree and index, and the PEPs
converted by ``sphinx-pep migrate``, with the conf.py lines migrate printed
for python/peps' roles pasted and intersphinx offline; it builds, and the
benchmark's edit adds one sentence to the Abstract.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parent.parent
PEPS = ("pep-0008.rst", "pep-0572.rst", "pep-0695.rst")


def corpus() -> ModuleType:
    """The script as a module (registered first: its dataclasses look their module up)."""
    name = "benchmark_corpus"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "corpus.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "peps-checkout"
    (root / "peps").mkdir(parents=True)
    (root / "peps" / "conf.py").write_text('project = "PEPs"\n', encoding="utf-8")
    for name in PEPS:
        shutil.copy(ROOT / "tests" / "migrate" / name, root / "peps" / name)
    return root


def test_our_side_is_a_quickstart_project_with_the_peps_migrated(
    checkout: Path, tmp_path: Path
) -> None:
    module = corpus()
    ours = tmp_path / "work" / "ours"
    ours.parent.mkdir()
    summary = module.prepare_ours(checkout, ours, sys.executable)
    assert summary.startswith("sphinx-pep migrate: 3 converted, 0 already converted")
    # these PEPs use none of python/peps' roles: migrate printed no lines, none pasted
    assert summary.endswith("; 0 conf.py lines it printed appended")
    conf = (ours / "conf.py").read_text(encoding="utf-8")
    assert 'extensions = ["sphinxext_pep"]' in conf
    assert "html_theme = 'alabaster'" in conf  # quickstart's, untouched
    assert "pep_templates['python']" in conf  # what --write-template appended
    assert conf.endswith(module.OFFLINE)
    index = (ours / "index.rst").read_text(encoding="utf-8")
    assert index.endswith(module.OUR_INDEX)
    pep = (ours / "proposals" / "pep-0572.rst").read_text(encoding="utf-8")
    assert ".. pep-header::" in pep and "PEP: 572" not in pep

    module.add_sentence(ours / "proposals" / "pep-0572.rst", 1)
    edited = (ours / "proposals" / "pep-0572.rst").read_text(encoding="utf-8")
    assert "Abstract\n========\n\nThis sentence was added by the corpus benchmark, edit 1.\n\n" in (
        edited
    )
    built = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", ".", "_build/html"],
        cwd=ours,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    page = (ours / "_build" / "html" / "proposals" / "pep-0572.html").read_text(encoding="utf-8")
    assert "edit 1." in page


#: python/peps' extlinks roles and intersphinx references, as their PEPs write them.
ROLES = """
See :pypi:`hatch`, :cpython-issue:`1234`, :external+py3.14:func:`len` and
:ref:`packaging:core-metadata`.
"""


def test_our_side_pastes_the_conf_lines_migrate_printed_and_fetches_nothing(
    checkout: Path, tmp_path: Path
) -> None:
    with (checkout / "peps" / "pep-0695.rst").open("a", encoding="utf-8") as pep:
        pep.write(ROLES)
    module = corpus()
    ours = tmp_path / "work" / "ours"
    ours.parent.mkdir()
    summary = module.prepare_ours(checkout, ours, sys.executable)
    said = (tmp_path / "work" / "migrate.log").read_text(encoding="utf-8")
    # migrate's own check, before the lines are pasted, finds the roles unknown
    assert 'Unknown interpreted text role "pypi"' in said
    printed = module.printed_conf_lines(said)
    assert printed == (
        "extensions += ['sphinx.ext.extlinks', 'sphinx.ext.intersphinx']\n"
        "extlinks = {\n"
        "    'cpython-issue': ('https://github.com/python/cpython/issues/%s', "
        "'python/cpython#%s'),\n"
        "    'pypi': ('https://pypi.org/project/%s/', '%s'),\n"
        "}\n"
        "intersphinx_mapping = {\n"
        "    'packaging': ('https://packaging.python.org/en/latest', None),\n"
        "    'py3.14': ('https://docs.python.org/3.14', None),\n"
        "}\n"
    )
    assert summary.endswith("; 9 conf.py lines it printed appended")
    conf = (ours / "conf.py").read_text(encoding="utf-8")
    assert conf.endswith(printed + module.OFFLINE)  # the empty mapping last: it wins

    built = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", ".", "_build/html"],
        cwd=ours,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert "loading intersphinx inventory" not in built.stdout
    # the roles are known; what an inventory would have resolved is left, located
    kinds = module.warning_kinds(built.stderr)
    assert "docutils (unknown role)" not in kinds and "unknown role name" not in kinds
    assert (kinds["intersphinx.external"], kinds["ref.ref"]) == (1, 1)
    assert "pep-0695.rst:" in built.stderr
    assert "inventory for external cross-reference not found: 'py3.14'" in built.stderr
    assert "undefined label: 'packaging:core-metadata'" in built.stderr
    page = (ours / "_build" / "html" / "proposals" / "pep-0695.html").read_text(encoding="utf-8")
    assert 'href="https://pypi.org/project/hatch/"' in page
    assert 'href="https://github.com/python/cpython/issues/1234"' in page


def test_a_build_log_s_warnings_are_counted_by_kind() -> None:
    log = (
        "reading sources... [ 50%] pep-0001\n"
        '/p/pep-0001.rst:3: ERROR: Unknown interpreted text role "pypi". [docutils]\n'
        '/p/pep-0001.rst:4: ERROR: Duplicate target name, cannot be used: "x". [docutils]\n'
        "WARNING: unknown role name: external+python:ref\n"
        "/p/pep-0002.rst:9: WARNING: undefined label: 'typing:x' [ref.ref]\n"
        "/p/pep-0003.rst:9: WARNING: undefined label: 'y' [ref.ref]\n"
        # as Sphinx writes it with CI set: in colour
        "\x1b[91m/p/pep-0004.rst:2: WARNING: undefined label: 'z' [ref.ref]\x1b[39;49;00m\n"
    )
    assert corpus().warning_kinds(log) == Counter(
        {
            "docutils (unknown role)": 1,
            "docutils": 1,
            "unknown role name": 1,
            "ref.ref": 3,
        }
    )


def test_a_pep_without_an_abstract_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "pep-0001.rst"
    path.write_text("PEP 1\n=====\n\nNo abstract.\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="has no 'Abstract' heading to edit"):
        corpus().add_sentence(path, 1)


def test_their_python_without_their_requirements_says_how_to_make_it(
    checkout: Path, tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as stopped:
        corpus().check_their_python(tmp_path / "missing" / "python", checkout)
    assert f"pip install -r {checkout}/requirements.txt" in str(stopped.value)
