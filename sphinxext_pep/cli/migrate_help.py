"""The text of ``sphinx-pep migrate --help`` below the options (kept out of ``main.py``)."""

EPILOG = """\
Recognised forms, the template each gets (--template overrides it):
  seed 000 field table  (| **PEP** | 0014 | under the title)      -> pep
  seed 001 header block (PEP: 15 / Title: ... in a code block)    -> pep-full
  seed 002 front matter (YAML title:, status:, rfc: ...)          -> enhancement
  RFC 2822 header       (Python's PEPs: PEP: 8 / Title: ... first) -> python
  MADR front matter     (status:, date:, deciders:)               -> adr

Only the metadata is rewritten: into pep-header options (or, for front
matter, a pep-header naming the template), status-history and risk tables
into pep-status-history and pep-risk-table with their rows unchanged, and
"PEP 0012" in relation fields into 12. Every other line stays as it was,
line endings included. Source fields without a pep-header field are kept in
a comment under the header. A status or value the template lacks, or a
template the project does not have, is reported with the pep_templates entry
that fits; --write-template appends it to conf.py between marker comments.

Files are replaced atomically (a temporary file in the same folder, then a
rename); a file that already has a pep-header is left alone, so running the
command twice changes nothing the second time. The run ends with a summary
and the sphinx-pep check result of the project (not with --dry-run).

examples:
  sphinx-pep migrate docs/proposals --dry-run
  sphinx-pep migrate docs/proposals
  sphinx-pep migrate peps/ --write-template
  sphinx-pep migrate docs/proposals/pep-0014.md --format rst

exit status: 0 all converted and the check clean; 1 a file skipped for a
problem (unreadable, binary, not UTF-8, read-only, a named file without a
header), a misfit whose template entry was not written, or pep.* warnings
from the check; 2 a usage error or an unreadable conf.py.
"""
