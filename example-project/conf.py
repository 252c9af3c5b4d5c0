"""Lumen Engineering Proposals: an example proposals site built with sphinxext-pep."""

import os

project = "Lumen Engineering Proposals"
author = "The Lumen team"
copyright = "2026, The Lumen team"

extensions = ["myst_parser", "sphinxext_pep"]
myst_enable_extensions = ["colon_fence", "tasklist"]

exclude_patterns = ["_build"]
html_theme = "alabaster"
# Each proposal's header is followed by the graph of its neighbours.
pep_header_graph = True
# -n everywhere, Read the Docs included (it passes -W but not -n).
nitpicky = True
# The day this example's process is judged on: the day it was last revised.
# Its review windows end on 2027-06-30 while the proposals are still in
# review, which is the point of showing them; a showcase judged on the real
# calendar would fail -W from 2027-07-01 on. A real project leaves this out,
# so that a window that ends or a proposal that goes quiet is reported on the
# day it happens.
pep_build_date = "2026-12-01"
# Absolute links for the Atom feed of status changes (proposals.atom); on Read
# the Docs, the site's own address.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://lumen.example.org/")

# Lumen's own process rules on top of the long-form template: a Process
# proposal changes how the team works, so it names who decides it; and the
# "By category" index lists the long-form proposals as PEP 0 does.
pep_templates = {
    "pep-full": {
        "rules": [
            {"when": {"type": "Process"}, "require": ["delegate"]},
            {
                "when": {"type": "Informational"},
                "allow": {"status": ["Draft", "Final", "Withdrawn"]},
            },
        ],
        "index_categories": [
            {"name": "Process and informational", "when": {"type": ["Process", "Informational"]}},
            {"name": "Standards in progress", "when": {"status-group": ["open", "accepted"]}},
            {"name": "Finished standards", "when": {"status-group": "done"}},
            {
                "name": "Deferred, withdrawn, rejected and superseded",
                "when": {"status-group": ["deferred", "closed"]},
            },
        ],
    },
}
