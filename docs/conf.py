"""Sphinx configuration for the sphinxext-pep documentation (MyST, built with -W -n)."""

project = "sphinxext-pep"
author = "sphinxext-pep developers"
copyright = "2026, sphinxext-pep developers"

extensions = ["myst_parser", "sphinx_design", "sphinxext_pep"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "tasklist"]
myst_heading_anchors = 3

html_theme = "furo"
# -n everywhere, Read the Docs included (it passes -W but not -n).
nitpicky = True
html_title = "sphinxext-pep"
exclude_patterns = ["_build", "snippets/**"]

# Pages that demonstrate a directive live are proposals themselves (one header
# per page) but have none of a real proposal's sections: silence only that.
suppress_warnings = ["pep.section"]
