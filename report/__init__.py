"""egdi-report: publication-ready documents from the UN E-Government Survey data.

The pipeline runs in stages, one module each:
data (:mod:`report.ingest`, :mod:`report.dataset`) -> indicators (:mod:`report.indicators`)
-> charts (:mod:`report.charts`) -> text (:mod:`report.text`) -> render (:mod:`report.render`).
:mod:`report.documents` assembles documents from the stages; :mod:`report.cli` is a thin
command line over it.
"""

__version__ = "0.1.0"
