"""crosscheck: find where articles about one story disagree on numbers, dates and names."""
from __future__ import annotations

import hashlib
from pathlib import Path

__version__ = "0.1.0"

# What decides the claims read from a text: the extraction code and the lexicon it reads. The
# alignment model (alignment.toml) is read after extraction, so changing it re-extracts nothing.
_EXTRACTION_CODE = ("extract/*.py", "nlp.py", "normalize.py", "lexicon.py", "model.py")
_NOT_READ_BY_EXTRACTION = frozenset({"alignment.toml"})


def _extraction_fingerprint() -> str:
    """A digest of the extraction code and lexicon this crosscheck runs with.

    A store re-extracts an article whose claims another extractor read, so the version must change
    with any edit to the code or to a lexicon file (a word added to a rule file changes claims too):
    computed, never a number someone has to remember to raise.
    """
    from checker.resources import data_dir

    package = Path(__file__).resolve().parent
    files = [path for pattern in _EXTRACTION_CODE for path in sorted(package.glob(pattern))]
    files += [path for path in sorted((data_dir("rules") / "lexicon").glob("*.toml"))
              if path.name not in _NOT_READ_BY_EXTRACTION]
    digest = hashlib.sha1()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = f"{__version__}+extract.{_extraction_fingerprint()}"
