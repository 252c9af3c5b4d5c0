extensions = ["sphinxext_pep", "myst_parser"]
pep_ref_format = ""
