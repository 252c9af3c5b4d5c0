extensions = ["sphinxext_pep", "myst_parser"]
pep_risk_levels = ["Low", "High", "low"]
