"""egdi-report: publication-ready documents from the UN E-Government Survey data.

The pipeline runs in stages, one package each, and no stage imports a later one:
data -> compute (language-free facts) -> words (catalogs, labels, sentences) -> layout (the
document model) -> render (charts, HTML, PDF, tables) -> build (requests, cache, batch) -> cli.
:func:`report.build.documents.build` runs them for one document; :mod:`report.cli.app` is a
thin command line over the library.
"""

__version__ = "0.1.0"
