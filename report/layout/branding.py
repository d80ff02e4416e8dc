"""A user's organisation on a document: its name and logo above the title, the PDF's author
and subject, the accent colour, and a "prepared by" line dated by the data."""

from __future__ import annotations

from dataclasses import replace

from report.data.editions import Edition
from report.data.project import Look
from report.layout.model import Document
from report.words.edition_notes import published
from report.words.text import Text


def branded(document: Document, look: Look, text: Text, edition: Edition | None) -> Document:
    """The document with its branding among its parts (none for the shipped look)."""
    b = look.branding
    organisation = b.text("organisation", text.lang)
    if look.is_default or not (organisation or b.logo or b.accent or b.author or b.subject):
        return document
    brand = {
        "organisation": organisation,
        "logo": b.logo.resolve().as_uri() if b.logo else None,
        "accent": b.accent,
        "author": b.text("author", text.lang) or organisation,
        "subject": b.text("subject", text.lang),
        "prepared_by": _prepared_by(text, organisation, edition) if b.prepared_by else None,
    }
    return replace(document, parts={**document.parts, "brand": brand})


def _prepared_by(text: Text, organisation: str | None, edition: Edition | None) -> str | None:
    """'Prepared by: <organisation>. Data: UN E-Government Survey 2024 (published
    17 September 2024)': the date is the edition's, never the clock's."""
    if not organisation or edition is None:
        return None
    return text.gettext(
        "Prepared by: %(organisation)s. Data: UN E-Government Survey %(year)s (%(published)s).",
        organisation=organisation,
        year=edition.year,
        published=published(text, edition),
    )
