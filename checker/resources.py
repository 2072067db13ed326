"""Where the bundled rule files and report templates are, installed or in a checkout.

A wheel carries them as `checker/_data/{rules,reports}`; a source checkout (and an editable
install) has them as the top-level `rules/` and `reports/` folders beside `checker/`.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The bundled folder `name` ("rules" or "reports")."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"crosscheck is installed without its '{name}' folder")
