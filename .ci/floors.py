"""Print a pip requirement pinning each runtime dependency to its declared floor.

CI's oldest environment installs these next to the package, so the floors in
pyproject.toml (``sphinx>=8.0`` -> ``sphinx==8.0``) are exactly what CI tests:
pip has no "lowest versions" resolution of its own. The runtime dependencies
are ``[project].dependencies`` and the ``myst`` extra, what a user installs.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
FLOOR = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*>=\s*(?P<version>[0-9][0-9.]*)(\s*,.*)?"
)


def floors(project: dict) -> list[str]:
    pins = []
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["myst"]]:
        match = FLOOR.fullmatch(requirement.strip())
        if match is None:
            sys.exit(f"floors.py: {requirement!r} in pyproject.toml declares no '>=' floor")
        pins.append(f"{match['name']}=={match['version']}")
    return pins


if __name__ == "__main__":
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    print("\n".join(floors(project)))
