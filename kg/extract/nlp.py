"""Build kg's spaCy pipelines from components and the shipped gazetteer."""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from thinc.api import NumpyOps

from kg.errors import KGError, UnknownNameError
from kg.extract import abbreviations, components  # noqa: F401  (registers the factories)
from kg.extract.gazetteer import GazetteerEntry, load_gazetteer, versioned_families

PIPELINES = ("fast", "accurate")
MODEL_DIR = Path(str(resources.files("kg") / "models" / "ner"))


# "(RL)-based": spaCy keeps "RL)-based" as one token, so a short form defined in brackets
# before a hyphen could not be found as a word; these split a closing bracket off a hyphen.
BRACKET_HYPHEN_INFIXES = (r"\)(?=-)", r"(?<=\))-")
# "on GSM8K." / "Llama-3-8B." / "OWL-ViT." / "MetricX." / "MuST-C.": spaCy keeps a full
# stop after a capital (as in "U.S." or an initial) and after a digit and a letter on the
# word, so a name ending a sentence was "GSM8K."; this splits it off after a digit or a
# lower-case letter and a letter, and after a hyphen or an @ and a letter ("Show-o.",
# "NDCG@K."; "U.S." and "Ph.D." keep theirs).
DIGIT_LETTER_STOP_SUFFIX = r"(?:(?<=[0-9a-z][A-Za-z])|(?<=[-@][A-Za-z]))\."


# spaCy keeps a lower-case letter and a full stop as one token ("o."), so a name ending a
# sentence with such a piece was "Show-o."; kg drops those special cases (an initial is a
# capital, and "e.g.", "i.e." are cases of their own).
_LETTER_STOP = re.compile(r"[a-z]\.")


@spacy.registry.tokenizers("kg.Tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """Return spaCy's English tokenizer factory with :data:`BRACKET_HYPHEN_INFIXES` and
    :data:`DIGIT_LETTER_STOP_SUFFIX` added
    (set at construction: setting ``infix_finditer`` afterwards reloads every special
    case, 0.2 s a pipeline)."""
    def tokenizer_factory(nlp: Language) -> Tokenizer:
        d = nlp.Defaults
        return Tokenizer(
            nlp.vocab, rules={k: v for k, v in d.tokenizer_exceptions.items()
                              if not _LETTER_STOP.fullmatch(k)},
            prefix_search=compile_prefix_regex(d.prefixes).search,
            suffix_search=compile_suffix_regex([*d.suffixes, DIGIT_LETTER_STOP_SUFFIX]).search,
            infix_finditer=compile_infix_regex([*d.infixes, *BRACKET_HYPHEN_INFIXES]).finditer,
            token_match=d.token_match, url_match=d.url_match)
    return tokenizer_factory


def build_fast(*, gazetteer: str | None = None,
               entries: tuple[GazetteerEntry, ...] | None = None) -> Language:
    """Return the rules + gazetteer + abbreviations pipeline (no trained weights).

    ``entries`` (a gazetteer with overrides applied) replaces the file ``gazetteer``.
    """
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "kg.Tokenizer.v1"}}})
    nlp.add_pipe("kg_sentencizer")
    nlp.add_pipe("kg_fields")
    entries = entries if entries is not None else load_gazetteer(gazetteer)
    nlp.add_pipe("kg_gazetteer").add_entries(entries, nlp.make_doc)
    nlp.add_pipe("kg_abbreviations")
    nlp.add_pipe("kg_candidates")
    nlp.add_pipe("kg_resolver").families = versioned_families(entries)
    return nlp


def build_accurate(*, gazetteer: str | None = None, model: str | Path | None = None,
                   entries: tuple[GazetteerEntry, ...] | None = None) -> Language:
    """Return the fast pipeline plus kg's trained NER model, whose spans join the candidates."""
    path = Path(model) if model else MODEL_DIR
    if not (path / "config.cfg").exists():
        raise KGError(f"{path}: no trained NER model here; train one with `kg train` "
                      "(see README) or use --pipeline fast")
    nlp = build_fast(gazetteer=gazetteer, entries=entries)
    trained = spacy.load(path)
    nlp.add_pipe("ner", source=trained, before="kg_abbreviations")
    # Matrix products through numpy's BLAS (OpenBLAS) instead of thinc's default, blis: the
    # same numbers, and on one core here 3.7x the GEMM rate, so the NER runs at 1.5x the
    # abstracts per second (bench/throughput.py).
    ops = NumpyOps(use_blis=False)
    for node in nlp.get_pipe("ner").model.walk():
        node.ops = ops
    return nlp


def load_pipeline(name: str = "fast", *, gazetteer: str | None = None,
                  entries: tuple[GazetteerEntry, ...] | None = None) -> Language:
    """Return the pipeline called ``name``: ``fast`` (rules) or ``accurate`` (rules + NER)."""
    if name not in PIPELINES:
        raise UnknownNameError("pipeline", name, PIPELINES)
    if name == "accurate":
        return build_accurate(gazetteer=gazetteer, entries=entries)
    return build_fast(gazetteer=gazetteer, entries=entries)
