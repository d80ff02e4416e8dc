"""Hatch build hook: compile the gettext catalogs to .mo before a wheel is built.

Both the wheel and the editable install (pip install -e .) compile locales/*/LC_MESSAGES/
messages.po to messages.mo in the source tree: the wheel's force-include of locales/ then
carries the .mo files as report/_share/locales, and a checkout reads them in place. The
compiling code is report/words/catalogs.py, loaded by its path (report/ and its
dependencies are not importable while the package is being built).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _catalogs_module(root: Path):
    """report/words/catalogs.py, imported from its file without importing report/."""
    source = root / "report" / "words" / "catalogs.py"
    spec = importlib.util.spec_from_file_location("_egdi_report_catalogs", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CompileCatalogsHook(BuildHookInterface):
    """Compiles locales/*/LC_MESSAGES/messages.po to .mo for wheels and editable installs."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the catalogs (the sdist ships only the .po files; its wheel compiles them)."""
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        compiled = _catalogs_module(root).compile_catalogs(root / "locales")
        if not compiled:
            raise RuntimeError(f"no gettext catalogs under {root / 'locales'}")
        for mo_path in compiled:
            self.app.display_info(f"compiled {mo_path.relative_to(root)}")
