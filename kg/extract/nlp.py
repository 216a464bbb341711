"""Build kg's spaCy pipelines from components and the shipped gazetteer."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex
from thinc.api import NumpyOps

from kg.errors import KGError, UnknownNameError
from kg.extract import abbreviations, components  # noqa: F401  (registers the factories)
from kg.extract.gazetteer import GazetteerEntry, load_gazetteer

PIPELINES = ("fast", "accurate")
MODEL_DIR = Path(str(resources.files("kg") / "models" / "ner"))


def build_fast(*, gazetteer: str | None = None,
               entries: tuple[GazetteerEntry, ...] | None = None) -> Language:
    """Return the rules + gazetteer + abbreviations pipeline (no trained weights).

    ``entries`` (a gazetteer with overrides applied) replaces the file ``gazetteer``.
    """
    nlp = spacy.blank("en")
    # "(RL)-based": spaCy keeps "RL)-based" as one token, so the short form defined in
    # brackets could not be found as a word; split a closing bracket off a hyphen
    nlp.tokenizer.infix_finditer = compile_infix_regex(
        [*nlp.Defaults.infixes, r"\)(?=-)", r"(?<=\))-"]).finditer
    nlp.add_pipe("kg_sentencizer")
    nlp.add_pipe("kg_fields")
    nlp.add_pipe("kg_gazetteer").add_entries(
        entries if entries is not None else load_gazetteer(gazetteer), nlp.make_doc)
    nlp.add_pipe("kg_abbreviations")
    nlp.add_pipe("kg_candidates")
    nlp.add_pipe("kg_resolver")
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
