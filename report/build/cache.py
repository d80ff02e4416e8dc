"""Incremental builds: a document is rebuilt only when something it is made from changed.

The fingerprint of a document hashes (SHA-256):
- every file of the data directory (panel, country table, income, errata, provenance, claims);
- every file of templates/ (HTML, the stylesheet, the fonts) and the document language's
  catalog in locales/;
- the source of the report package, its version, and the versions of the libraries that
  shape the output (WeasyPrint, pydyf, fontTools, uharfbuzz, matplotlib, Babel, Jinja2,
  pandas, NumPy, openpyxl);
- the document's options (kind, country, group, year, language, ...).
OUT/.egdi-build.json records, per document, that fingerprint and the SHA-256 of each file
written, once the files are in place; a document is up to date when both still match. A
cache used as a context manager holds OUT's lock, so that builds into one directory take
turns and none loses another's entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

from report import __version__
from report.data import paths, storage
from report.data.storage import atomic_write_bytes, check_writable_dir, hash_tree
from report.errors import ReportError, shown

MANIFEST = ".egdi-build.json"
OUT_DEPTH = 3  # OUT/<lang>/<a supplement's tables>/: where builds write, and sweep
OUTPUT_LIBRARIES = (
    "weasyprint",
    "pydyf",
    "fonttools",
    "uharfbuzz",
    "matplotlib",
    "babel",
    "jinja2",
    "pandas",
    "numpy",
    "openpyxl",
)


@cache
def code_fingerprint() -> str:
    """The package's source, its version and the versions of the libraries behind the output."""
    digest = hashlib.sha256(hash_tree(paths.PACKAGE_DIR, "*.py").encode())
    digest.update(__version__.encode())
    for name in OUTPUT_LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


@cache
def assets_fingerprint(lang: str) -> str:
    """Templates, stylesheet and fonts, and the language's catalog."""
    digest = hashlib.sha256(hash_tree(paths.resource_dir("templates")).encode())
    digest.update(hash_tree(paths.resource_dir("locales") / lang).encode())
    return digest.hexdigest()


def check_out_dir(out_dir: Path, data_dir: Path) -> None:
    """Refuse an output directory inside the data directory: documents would be inputs of
    themselves, and rebuilt every time."""
    if Path(os.path.realpath(out_dir)).is_relative_to(os.path.realpath(data_dir)):
        raise ReportError(
            f"{shown(out_dir)}: inside the data directory ({shown(data_dir)}); choose another --out"
        )


def _is_manifest(entries: object) -> bool:
    def text_map(value: object) -> bool:
        return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())

    return isinstance(entries, dict) and all(
        isinstance(e, dict) and isinstance(e.get("inputs"), str) and text_map(e.get("outputs"))
        for e in entries.values()
    )


class BuildCache:
    """What earlier builds wrote into an output directory, read from and saved to MANIFEST."""

    def __init__(self, out_dir: Path, force: bool = False):
        self.out_dir = Path(out_dir)
        self.force = force
        self.path = self.out_dir / MANIFEST
        self.entries = self._read()
        self.built: list[Path] = []
        self.skipped: list[Path] = []
        self._held = contextlib.ExitStack()

    def _read(self) -> dict:
        """The manifest's entries; none (everything is built again) where there is no
        manifest or one this tool did not write."""
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        return entries if _is_manifest(entries) else {}

    def __enter__(self) -> BuildCache:
        """Hold the output directory: other builds into it wait; what a killed build left is
        completed or removed (storage.recover), and the manifest is read afresh."""
        check_writable_dir(self.out_dir)
        storage.check_target(self.path)  # before any document, not after them all
        self._held.enter_context(storage.locked(self.out_dir))
        storage.recover(self.out_dir, OUT_DEPTH)
        self.entries = self._read()
        return self

    def __exit__(self, *exc) -> None:
        self._held.close()

    def fingerprint(self, data_print: str, lang: str, options: dict) -> str:
        """The fingerprint of one document, from that of its data (Dataset.fingerprint, taken
        as the data were read)."""
        digest = hashlib.sha256()
        for part in (
            code_fingerprint(),
            assets_fingerprint(lang),
            data_print,
            json.dumps(options, sort_keys=True),
        ):
            digest.update(part.encode())
        return digest.hexdigest()

    def _key(self, target: Path) -> str:
        return str(Path(target).relative_to(self.out_dir))

    def fresh(self, target: Path, print_: str) -> bool:
        """Whether the document at target was built from these inputs and is untouched."""
        entry = self.entries.get(self._key(target))
        if self.force or not entry or entry["inputs"] != print_:
            return False
        for name, digest in entry["outputs"].items():
            output = self.out_dir / name
            if not output.is_file() or hashlib.sha256(output.read_bytes()).hexdigest() != digest:
                return False
        return True

    def record(
        self, target: Path, print_: str, outputs: list[Path], about: dict | None = None
    ) -> None:
        """Remember the inputs of a document just built, the files it wrote and what it is
        (its language and options: egdi site lists the documents from them)."""
        self.entries[self._key(target)] = {
            "inputs": print_,
            "outputs": {
                self._key(p): hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in outputs
            },
            **({"document": about} if about else {}),
        }
        self.built.append(Path(target))

    def save(self) -> None:
        """Write the manifest (atomically; after a stop signal too, as it records only
        documents already in place)."""
        text = json.dumps(self.entries, indent=2, sort_keys=True) + "\n"
        atomic_write_bytes(self.path, text.encode(), abandon_on_stop=False)

    def build(
        self,
        target: Path,
        data_print: str,
        lang: str,
        options: dict,
        make: Callable[[], list[Path]],
    ) -> list[Path]:
        """Make a document unless it is up to date; return the files it consists of."""
        print_ = self.fingerprint(data_print, lang, options)
        if self.fresh(target, print_):
            self.skipped.append(Path(target))
            return [self.out_dir / name for name in self.entries[self._key(target)]["outputs"]]
        outputs = make()
        self.record(target, print_, outputs, {"lang": lang, **options})
        self.save()
        return outputs
