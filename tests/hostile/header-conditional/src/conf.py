extensions = ["sphinxext_pep", "myst_parser", "sphinx.ext.ifconfig"]
myst_enable_extensions = ["colon_fence"]
