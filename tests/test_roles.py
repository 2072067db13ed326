"""Names read after an office title, whether or not the small NER model tagged them: the title
says a person follows, and a spelling never read is never merged with the others."""
from __future__ import annotations

import pytest

from checker.extract.roles import titled_names

CASES = [
    # (text, the names the titles introduce)
    ("Defense Minister Rustem Umerov arrived in Seoul.", ["Rustem Umerov"]),
    ('"We have stopped shipping," Hartwell spokesperson Elena Ruiz said.', ["Elena Ruiz"]),
    ("Police chief Mark Jones said three people were shot.", ["Mark Jones"]),
    # a title in lower case needs a given name and a surname after it: "the coroner Tuesday" has none
    ("The coroner Tuesday said two died.", []),
    ("The spokesperson Ruiz declined to comment.", []),
]


@pytest.mark.parametrize(("text", "names"), CASES, ids=[text[:28] for text, _ in CASES])
def test_titled_names(text: str, names: list[str], nlp, lexicon) -> None:  # noqa: ANN001
    assert [span.text for span in titled_names(nlp(text), lexicon)] == names
