"""The CSS and JavaScript shipped in ``sphinxext_pep/static/`` (no CDN, no library)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
#: Styles every HTML page may need (headers, badges, tables).
CSS_FILES = ("sphinxext-pep.css", "sphinxext-pep-risk.css")


def _add_static_path(app: Sphinx) -> None:
    # Through html_static_path, so each HTML-family builder copies the files in
    # its own finish step: the EPUB builder zips its book there, before
    # build-finished, and a copy made later would be missing from the book.
    static = str(STATIC_DIR)
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)


def setup_assets(app: Sphinx) -> None:
    for name in CSS_FILES:
        app.add_css_file(name)
    app.connect("builder-inited", _add_static_path)
