"""Build kg's spaCy pipelines from components and the shipped gazetteer."""

from __future__ import annotations

import spacy
from spacy.language import Language

from kg.errors import UnknownNameError
from kg.extract import abbreviations, components  # noqa: F401  (registers the factories)
from kg.extract.gazetteer import load_gazetteer, patterns

PIPELINES = ("fast",)


def build_fast(*, gazetteer: str | None = None) -> Language:
    """Return the rules + gazetteer + abbreviations pipeline (no trained weights)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_fields")
    exact, lower = patterns(load_gazetteer(gazetteer))
    for name, attr, pats in (("gazetteer_names", "ORTH", exact),
                             ("gazetteer_terms", "LOWER", lower)):
        ruler = nlp.add_pipe("span_ruler", name=name, config={
            "spans_key": components.GAZETTEER_KEY, "phrase_matcher_attr": attr,
            "overwrite": False})
        ruler.add_patterns(pats)
    nlp.add_pipe("kg_abbreviations")
    nlp.add_pipe("kg_candidates")
    nlp.add_pipe("kg_resolver")
    return nlp


def load_pipeline(name: str = "fast", *, gazetteer: str | None = None) -> Language:
    """Return the pipeline called ``name``."""
    if name not in PIPELINES:
        raise UnknownNameError("pipeline", name, PIPELINES)
    return build_fast(gazetteer=gazetteer)
