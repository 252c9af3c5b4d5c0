"""The CSS and JavaScript shipped in ``sphinxext_pep/static/`` (no CDN, no library)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
#: Styles every HTML page may need (headers, badges, tables).
CSS_FILES = ("sphinxext-pep.css", "sphinxext-pep-risk.css")


def _copy_static(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static"
    for path in sorted(STATIC_DIR.iterdir()):
        if path.is_file():
            copy_asset_file(path, target, force=True)


def setup_assets(app: Sphinx) -> None:
    for name in CSS_FILES:
        app.add_css_file(name)
    app.connect("build-finished", _copy_static)
