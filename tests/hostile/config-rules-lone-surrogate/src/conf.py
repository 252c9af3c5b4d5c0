extensions = ["sphinxext_pep", "myst_parser"]
pep_templates = {"pep": {"rules": [{"when": {"category": "Core\ud800"}, "require": ["type"]}]}}
