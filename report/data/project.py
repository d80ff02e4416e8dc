"""What a user's project adds to the shipped defaults: groups of their own, branding, and
directories of templates and catalogs that replace the shipped files of the same name.

These are plain values; report/build/project.py reads them from egdi.toml and checks them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from report.data.storage import hash_tree

Forms = tuple[tuple[str, str], ...]  # (form, text): ("label", "OTS"), ("gen", "…")


@dataclass(frozen=True)
class UserGroup:
    """A country group a user defined: its key, its members (ISO3) and, per language, its
    name in every form sentences take (those of locales/groups.csv)."""

    key: str
    members: tuple[str, ...]
    names: tuple[tuple[str, Forms], ...] = ()

    def forms(self, lang: str) -> dict[str, str] | None:
        """The group's forms in a language, or None if the user gave none."""
        return next((dict(forms) for code, forms in self.names if code == lang), None)

    @property
    def definition(self) -> dict:
        """What documents using the group depend on: its members and names."""
        return {"members": list(self.members), "names": {k: dict(v) for k, v in self.names}}


PerLanguage = tuple[tuple[str, str], ...]  # (lang, text)


@dataclass(frozen=True)
class Branding:
    """A user's organisation on the documents: its name per language, a logo, an accent
    colour, the PDF's author and subject, and whether a "prepared by" line is printed."""

    organisation: PerLanguage = ()
    logo: Path | None = None
    accent: str | None = None
    author: PerLanguage = ()
    subject: PerLanguage = ()
    prepared_by: bool = False

    def text(self, name: str, lang: str) -> str | None:
        """A per-language field (organisation, author, subject) in a language, or None."""
        return dict(getattr(self, name)).get(lang)


@dataclass(frozen=True)
class Look:
    """How a project's documents look beyond the data: branding, and the directories whose
    templates and catalogs replace the shipped ones; root is the project directory, the only
    place besides the shipped templates a document may load a file from."""

    branding: Branding = field(default_factory=Branding)
    templates: Path | None = None
    catalogs: Path | None = None
    root: Path | None = None

    @property
    def is_default(self) -> bool:
        """Whether the look is the shipped one (no branding, no overrides)."""
        return self == Look()

    def fingerprint(self) -> str:
        """SHA-256 of what the look takes from outside the package: the override files, the
        logo and the branding's values ("" for the shipped look); taken once per process."""
        return _fingerprint(self)


@cache
def _fingerprint(look: Look) -> str:
    if look.is_default:
        return ""
    b = look.branding
    # the logo by its bytes, not its path: the same project reached another way is the same
    values = [b.organisation, b.accent, b.author, b.subject, b.prepared_by, b.logo is None]
    digest = hashlib.sha256(json.dumps(values).encode())
    for directory in (look.templates, look.catalogs):
        digest.update(hash_tree(directory).encode() if directory else b"-")
    digest.update(hashlib.sha256(b.logo.read_bytes()).digest() if b.logo else b"-")
    return digest.hexdigest()
