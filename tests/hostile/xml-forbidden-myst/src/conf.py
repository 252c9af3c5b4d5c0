extensions = ["sphinxext_pep", "myst_parser"]
html_baseurl = "https://example.org/"
project = "Demo\x01\x0b"
