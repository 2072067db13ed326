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


def test_a_site_named_for_a_title_holder_holds_no_office(nlp, lexicon) -> None:  # noqa: ANN001
    """NER, in some articles, takes "George Hospital" of "King George Hospital" for a person: a
    "name" that ends in a site's kind is no person, and "king" no office of it."""
    from spacy.tokens import Span

    from checker.extract.context import Prose
    from checker.extract.roles import role_claims

    text = "Patients were rushed to King George Hospital in Visakhapatnam."
    doc = nlp(text)
    person = Span(doc, 5, 7, label="PERSON")
    assert person.text == "George Hospital"
    assert not list(role_claims([person], source_id="a", lexicon=lexicon, prose=Prose.of(text), extractor="test"))
