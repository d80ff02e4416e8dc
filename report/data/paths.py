"""Where the project's templates, catalogs and shipped data live."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# An installed wheel carries templates/, locales/ and data/ here (see pyproject.toml);
# a source checkout (editable install) has them at the repository root.
_INSTALLED_SHARE = PACKAGE_DIR / "_share"
_REPOSITORY_ROOT = PACKAGE_DIR.parent

DATA_DIR_ENV = "EGDI_DATA_DIR"


def resource_dir(name: str) -> Path:
    """Return the directory of a shipped resource: 'templates', 'locales' or 'data'."""
    installed = _INSTALLED_SHARE / name
    if installed.is_dir():
        return installed
    return _REPOSITORY_ROOT / name


def shipped_data_dir() -> Path:
    """Return the data directory that ships with the project."""
    return resource_dir("data")


def default_data_dir() -> Path:
    """Return $EGDI_DATA_DIR if set, else the shipped data directory."""
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured) if configured else shipped_data_dir()


def is_installed_copy(path: Path) -> bool:
    """Tell whether a path lies inside the installed package (read-only by convention)."""
    return Path(os.path.realpath(path)).is_relative_to(_INSTALLED_SHARE)  # loops too
