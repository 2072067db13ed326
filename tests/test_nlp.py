"""Where the pipeline ends sentences: at line breaks, at full stops a scraper glued to the next
word, and after a wire dateline, which the parser would otherwise read as the lede's subject; and
which lemma a verb's past form gets when the tagger takes it for a base form."""
from __future__ import annotations

import pytest

CASES = [
    # (text, the sentences it must be read as)
    ("LISBON, March 21 (Reuters) - The alliance will have 80 seats.",
     ["LISBON, March 21 (Reuters) -", "The alliance will have 80 seats."]),
    ("Aug 14 (Reuters) - Norwind Energy said it would cut 1,200 jobs.",
     ["Aug 14 (Reuters) -", "Norwind Energy said it would cut 1,200 jobs."]),
    # the day first, as European agencies write it, and a year after it
    ("Lisbon, 03 Dec 2025 (Lusa) - The executive approved the budget.",
     ["Lisbon, 03 Dec 2025 (Lusa) -", "The executive approved the budget."]),
    ("Jakarta, Nov 7, 2025 (Antara) - The shares rose.", ["Jakarta, Nov 7, 2025 (Antara) -", "The shares rose."]),
    ("HOUSTON -- Three people were killed Sunday.", ["HOUSTON --", "Three people were killed Sunday."]),
    ("MEMPHIS, Tenn. (WMC)- Eight teens were shot.", ["MEMPHIS, Tenn. (WMC)-", "Eight teens were shot."]),
    ("WASHINGTON—The House voted on Friday.", ["WASHINGTON—", "The House voted on Friday."]),
    # a hyphen inside a name, and dashes inside a sentence, end nothing
    ("Kim Yong-Hyun, South Korea's defense minister, told lawmakers.",
     ["Kim Yong-Hyun, South Korea's defense minister, told lawmakers."]),
    ("Three people - two men and a woman - were shot.", ["Three people - two men and a woman - were shot."]),
    ("The victims were taken to hospital.\nPolice said two died.",
     ["The victims were taken to hospital.", "Police said two died."]),
    # a lower-case word after no full stop begins no sentence, where the small parser would cut one
    ("The Socialist Party (PS) will have 78 lawmakers and the far-right Chega party 50, after Chega won two of "
     "the four overseas seats and the AD and PS one each, final results showed.\n\nIncluding overseas ballots, "
     "the AD's share of the national vote was 29.2%. Chega received more than 1.1 million votes, about 18%, "
     "quadrupling its representation in the 230-seat assembly.",
     ["The Socialist Party (PS) will have 78 lawmakers and the far-right Chega party 50, after Chega won two of "
      "the four overseas seats and the AD and PS one each, final results showed.",
      "Including overseas ballots, the AD's share of the national vote was 29.2%.",
      "Chega received more than 1.1 million votes, about 18%, quadrupling its representation in the 230-seat "
      "assembly."]),
]


@pytest.mark.parametrize(("text", "sentences"), CASES, ids=[text[:24] for text, _ in CASES])
def test_sentences(text: str, sentences: list[str], nlp) -> None:  # noqa: ANN001
    assert [sentence.text.strip() for sentence in nlp(text).sents] == sentences


LEMMAS = [
    # (text, word, its lemma): a past form tagged as a base form keeps its verb's lemma...
    ("Police are looking for a woman they say shot two men during an argument on Friday.", "shot", "shoot"),
    # ...and so does one the tagger takes for a noun although it heads a clause on a noun
    ("Police: One of two boys, 9 and 6, critically shot Saturday has died in Houston.", "shot", "shoot"),
    # ...and a base form that is also another verb's past form stays itself
    ("The company said it would lay off 300 workers.", "lay", "lay"),
    ("They hope to found a new party next year.", "found", "found"),
    # a silent "e" the rules cut with the ending is put back, where the verb has one...
    ("Luu Thi Ha, 42, was fined 85 million dong on Friday.", "fined", "fine"),
    ("The regulator is fining the company for the leak.", "fining", "fine"),
    # ...and never where the doubled consonant tells it has none
    ("The officer pinned the man to the ground.", "pinned", "pin"),
]


@pytest.mark.parametrize(("text", "word", "lemma"), LEMMAS, ids=[word for _, word, _ in LEMMAS])
def test_verb_lemmas(text: str, word: str, lemma: str, nlp) -> None:  # noqa: ANN001
    assert next(token.lemma_ for token in nlp(text) if token.text == word) == lemma
