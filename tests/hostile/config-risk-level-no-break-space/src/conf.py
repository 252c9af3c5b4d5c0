extensions = ["sphinxext_pep", "myst_parser"]
pep_risk_levels = ["Bas", "Moyen", "Tr\u00e8s\u00a0\u00e9lev\u00e9"]
