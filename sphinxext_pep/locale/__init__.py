"""The extension's own message catalog: every label it writes into a page.

One translator, :data:`_`, for the labels (header field names, index columns
and controls, the heat map, the table headings). It follows the project's
``language``, as Sphinx's own labels do; console messages (warnings) stay
English, as Sphinx's extension warnings do.

Module-level constants must be written with :data:`_` so that they stay
lazy: :func:`sphinx.locale.get_translation` returns a proxy while no catalog
is registered (at import time), and the proxy looks the message up each time
it is turned into text, so the language of the build being run applies.
Inside functions that run during a build, ``_()`` returns the translated
``str`` at once.

The catalogs live next to this file as ``<lang>/LC_MESSAGES/sphinxext_pep.po``
(and the compiled ``.mo``), with the template ``sphinxext_pep.pot``;
``scripts/update_catalogs.py`` extracts, merges and compiles them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation, get_translator

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The catalog's name: the ``.pot``, ``.po`` and ``.mo`` files are named after it.
CATALOG = "sphinxext_pep"
#: Where ``<lang>/LC_MESSAGES/sphinxext_pep.mo`` is found.
LOCALE_DIR = Path(__file__).resolve().parent

_ = get_translation(CATALOG)


def ngettext(singular: str, plural: str, count: int) -> str:
    """*singular* or *plural* (or the language's own form) for *count*, translated.

    Not lazy: call it while building, never for a module-level constant.
    """
    return get_translator(CATALOG).ngettext(singular, plural, count)


def setup_locale(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, LOCALE_DIR)
