"""One font subsetter on every machine: HarfBuzz as pinned by the uharfbuzz wheel.

WeasyPrint subsets the embedded fonts with the system's libharfbuzz-subset where there is one
and with fontTools where there is none, and each HarfBuzz release writes its own bytes: the
same document came out in different bytes on different machines. The subsetter installed here
replaces that choice with the HarfBuzz inside uharfbuzz, whose version the project pins, with
the options WeasyPrint gives its own HarfBuzz path (glyph ids kept, layout tables dropped).
"""

from __future__ import annotations

from functools import cache

import uharfbuzz as hb

# Tables a PDF font has no use for: WeasyPrint positions every glyph itself.
DROPPED_TABLES = tuple(
    int.from_bytes(tag.encode(), "big")  # HarfBuzz takes a tag as its four bytes in one number
    for tag in (
        "BASE",
        "DSIG",
        "EBDT",
        "EBLC",
        "EBSC",
        "GPOS",
        "GSUB",
        "JSTF",
        "LTSH",
        "PCLT",
        "SVG ",
    )
)


def subset_font(data: bytes, index: int, glyphs: set[int], hinting: bool, notdef: bool) -> bytes:
    """The font file `data` cut down to the given glyph ids, each glyph keeping its id."""
    common = hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    if notdef:
        common |= hb.SubsetFlags.NOTDEF_OUTLINE
    # First the unused glyphs are emptied in place, then the empty ones after the last used
    # glyph are cut off: the two passes of WeasyPrint's own HarfBuzz subsetting.
    face = hb.subset(
        hb.Face(data, index), _input(sorted(glyphs), common | hb.SubsetFlags.RETAIN_GIDS)
    )
    tail = common if hinting else common | hb.SubsetFlags.NO_HINTING
    return hb.subset(face, _input(range(max(glyphs) + 1), tail)).blob.data


def _input(glyphs, flags) -> hb.SubsetInput:
    subset_input = hb.SubsetInput()
    subset_input.glyph_set.update(glyphs)
    subset_input.drop_table_tag_set.update(DROPPED_TABLES)
    subset_input.flags = flags
    return subset_input


@cache
def pin_subsetter() -> None:
    """Make WeasyPrint subset every embedded font with subset_font (once per process)."""
    from weasyprint.pdf.fonts import Font

    def subset(font, to_unicode, hinting):
        if to_unicode:
            font.file_content = subset_font(
                font.file_content, font.index, set(to_unicode), hinting, bool(font.missing)
            )

    Font.subset = subset
