"""The model of a proposal and every check on it, with no Sphinx in it.

Everything here is a pure function of what an author wrote and of the
templates: records in, records and :class:`~sphinxext_pep.core.problems.Problem`
values out. The Sphinx side (directives, the collector, the domain, the
renderers) adapts these to documents, and :mod:`sphinxext_pep.reporter` turns
problems into located warnings.
"""
