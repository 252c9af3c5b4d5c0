extensions = ["sphinxext_pep", "myst_parser"]
html_baseurl = "https://example.org/"
