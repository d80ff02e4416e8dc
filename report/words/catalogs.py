"""Compile the gettext catalogs, locales/<lang>/LC_MESSAGES/messages.po, to messages.mo.

The build hook (hatch_build.py) loads this file by its path while the package is built or
installed, before report/ can be imported: it uses nothing but Babel and the standard library.
`python -m report.words.catalogs [LOCALES]` compiles a checkout's catalogs (make catalogs).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "messages"


def compile_po(po_path: Path, lang: str) -> bytes:
    """The .mo bytes of one .po catalog, fuzzy entries excluded."""
    with Path(po_path).open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def po_files(locales_dir: Path) -> list[Path]:
    """Every locales_dir/<lang>/LC_MESSAGES/messages.po, sorted."""
    return sorted(Path(locales_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compile_catalogs(locales_dir: Path) -> list[Path]:
    """Compile every catalog of locales_dir next to its .po; return the .mo paths.

    A .mo that already holds the same bytes is left untouched; a new one replaces the old
    atomically, so a process reading it never sees half a file."""
    written = []
    for po_path in po_files(locales_dir):
        data = compile_po(po_path, lang=po_path.parent.parent.name)
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.is_file() or mo_path.read_bytes() != data:
            partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}.tmp")
            partial.write_bytes(data)
            os.replace(partial, mo_path)
        written.append(mo_path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Compile the catalogs of the directory given, by default the project's locales/."""
    args = sys.argv[1:] if argv is None else argv
    if args:
        locales_dir = Path(args[0])
    else:
        from report.data import paths

        locales_dir = paths.resource_dir("locales")
    compiled = compile_catalogs(locales_dir)
    if not compiled:
        print(f"error: no */LC_MESSAGES/{DOMAIN}.po in {locales_dir}", file=sys.stderr)
        return 2
    for mo_path in compiled:
        print(f"compiled {mo_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
