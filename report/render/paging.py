"""One layout pass fewer for the page numbers of a contents list (target-counter).

WeasyPrint (70) lays out every page once, then lays the page holding the contents out twice
more: in the second pass with the numbers still unknown, re-reading them only after that
layout, and in the third with them. What makes it re-read is a change of the total page
count ('pages', 0 in the first pass), which such a number does not show. Before each later
pass, this re-reads the contents whose numbers point to targets (with the targets' pages
the last pass found) and records the total they were read with, so that the second pass
lays the page out with its numbers and the third finds nothing to do. A content that shows
the page total itself is left to WeasyPrint. Every document comes out in the same bytes as
with the three passes (tests/oracle), each brief's first page laid out twice, not three
times (tests/test_paging.py).
"""

from __future__ import annotations

from functools import cache


@cache
def read_numbers_before_each_pass() -> None:
    """Make WeasyPrint's later layout passes start from the contents' known numbers (once
    per process)."""
    import weasyprint.layout as layout

    original = layout.make_all_pages

    def make_all_pages(context, root_box, html, pages):
        if pages:  # a later pass: the pages and the targets' places of the last are known
            reread(context.target_collector, len(pages))
        return original(context, root_box, html, pages)

    layout.make_all_pages = make_all_pages


def reread(collector, total: int) -> None:
    """Re-read the contents that point to targets, with the total page count of the last pass."""
    for lookup in collector.counter_lookup_items.values():
        cached = lookup.cached_page_counter_values
        if not cached or not lookup.missing_target_counters or "pages" in lookup.missing_counters:
            continue
        if "pages" in cached:
            cached["pages"] = [total]  # what WeasyPrint sets the page counters to between passes
        lookup.parse_again(cached)
