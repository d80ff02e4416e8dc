"""The compute stage: language-free facts of the documents (no pandas at import here, so the
command line can name its defaults cheaply)."""

DYNAMICS_SINCE = 2016  # the article follows the focus country from the 2016 Survey on
