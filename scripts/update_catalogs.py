"""Extract, merge and compile the extension's message catalogs.

The labels sphinxext-pep writes into pages are marked in the code with
``_()`` and ``ngettext()`` from :mod:`sphinxext_pep.locale`. This script

1. extracts them from ``sphinxext_pep/**/*.py`` into the template
   ``sphinxext_pep/locale/sphinxext_pep.pot``;
2. merges the template into every language's
   ``sphinxext_pep/locale/<lang>/LC_MESSAGES/sphinxext_pep.po`` (new messages
   come in untranslated, or fuzzy when Babel finds a close old one; messages
   gone from the code are kept as obsolete ``#~`` entries);
3. compiles each ``.po`` into its ``.mo``, which is what Sphinx reads and what
   the package ships. Fuzzy and empty translations are left out of the
   ``.mo``: Sphinx then shows the English.

Usage::

    python scripts/update_catalogs.py              # extract, merge, compile
    python scripts/update_catalogs.py --add pt_BR  # also start a new language
    python scripts/update_catalogs.py --check      # exit 1 if a file is stale

Babel is a Sphinx dependency, so nothing needs installing. The files are
written without dates (``POT-Creation-Date`` and ``PO-Revision-Date`` are
kept as they are), so running the script on unchanged code changes nothing.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sphinxext_pep"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "sphinxext_pep"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
#: The translator functions of sphinxext_pep.locale and their arguments.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
#: A comment right above a message, starting so, goes to the translators.
COMMENT_TAGS = ("Translators:",)
#: The same date in every file: a rerun on unchanged code leaves them alone.
HEADER = {
    "project": "sphinxext-pep",
    "copyright_holder": "sphinxext-pep developers",
    "msgid_bugs_address": "https://github.com/sphinxext-pep/sphinxext-pep/issues",
}


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def languages() -> list[str]:
    """Every language with a catalog, in name order."""
    return sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract() -> Catalog:
    """The template: every message marked in the package, with its locations."""
    template = Catalog(domain=DOMAIN, fuzzy=False, **HEADER)
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, method_map, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True
    ):
        path = (PACKAGE / filename).relative_to(ROOT).as_posix()
        template.add(
            message,
            None,
            [(path, lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def merge(template: Catalog, language: str) -> Catalog:
    """The language's catalog brought up to the template's messages."""
    path = po_path(language)
    if path.exists():
        with path.open("rb") as file:
            catalog = read_po(file, locale=language, domain=DOMAIN)
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, **HEADER)
    catalog.update(template, update_header_comment=False, update_creation_date=False)
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(
        out,
        catalog,
        width=79,
        sort_output=True,
        # Files, not lines: moving code must not make every catalog stale.
        include_lineno=False,
        ignore_obsolete=False,
        include_previous=True,
        omit_header=False,
    )
    return out.getvalue()


def mo_bytes(po: bytes, language: str) -> bytes:
    """The compiled form of a ``.po`` (fuzzy entries left out, as ``msgfmt`` does)."""
    catalog = read_po(io.BytesIO(po), locale=language, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def planned_files(add: Iterable[str] = ()) -> dict[Path, bytes]:
    """Every catalog file as this script would write it."""
    template = extract()
    files: dict[Path, bytes] = {}
    old_template = TEMPLATE.read_bytes() if TEMPLATE.exists() else b""
    if old_template:
        # Keep the recorded creation date: only the messages decide a change.
        previous = read_po(io.BytesIO(old_template))
        template.creation_date = previous.creation_date
    files[TEMPLATE] = po_bytes(template)
    for language in sorted({*languages(), *add}):
        po = po_bytes(merge(template, language))
        files[po_path(language)] = po
        files[mo_path(language)] = mo_bytes(po, language)
    return files


def untranslated(language: str) -> list[str]:
    """The template's messages that *language* leaves empty or fuzzy."""
    with po_path(language).open("rb") as file:
        catalog = read_po(file, locale=language, domain=DOMAIN)
    missing = []
    for message in extract():
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        if found is None or found.fuzzy:
            strings: tuple[str, ...] = ("",)
        elif isinstance(found.string, str):
            strings = (found.string,)
        else:
            strings = tuple(found.string)
        if not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="LANG",
        help="start a catalog for a new language (e.g. pt_BR)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a catalog file is stale"
    )
    args = parser.parse_args(argv)
    stale = []
    for path, content in planned_files(args.add).items():
        if path.exists() and path.read_bytes() == content:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    for path in stale:
        verb = "stale" if args.check else "wrote"
        print(f"{verb}: {path.relative_to(ROOT)}")
    for language in languages():
        missing = untranslated(language)
        if missing:
            print(f"{language}: {len(missing)} message(s) untranslated or fuzzy", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
