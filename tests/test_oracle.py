"""The documents are byte-for-byte those recorded in tests/oracle/manifest.json (issue 12:
the refactoring into stages must not change a single output byte)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ORACLE = Path(__file__).parent / "oracle" / "oracle.py"


def _oracle():
    spec = importlib.util.spec_from_file_location("oracle", ORACLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_recorded_document_is_byte_identical(tmp_path):
    oracle = _oracle()
    recorded = json.loads(oracle.MANIFEST.read_text(encoding="utf-8"))
    assert sum(len(files) for files in recorded.values()) >= 50
    built = oracle.build(tmp_path)
    differences = oracle.differences(recorded, built)
    assert not differences, (
        "documents differ from tests/oracle/manifest.json; if the change of output is "
        "deliberate, run 'python tests/oracle/oracle.py record':\n" + "\n".join(differences)
    )


def test_a_changed_byte_is_reported():
    oracle = _oracle()
    recorded = {"case": {"en/a.pdf": "1" * 64, "en/b.pdf": "2" * 64}}
    built = {"case": {"en/a.pdf": "1" * 64, "en/b.pdf": "3" * 64, "en/c.pdf": "4" * 64}}
    assert oracle.differences(recorded, built) == ["case: en/b.pdf differs", "case: en/c.pdf new"]
