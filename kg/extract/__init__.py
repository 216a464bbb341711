"""Extraction: find mentions of methods, datasets, tasks and metrics in papers with spaCy."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import tokens
from kg.extract.nlp import PIPELINES, load_pipeline
from kg.types import Mention, Paper

__all__ = ["PIPELINES", "load_pipeline", "extract", "mentions_from_doc"]


def extract(papers: Iterable[Paper], *, nlp: Language, batch_size: int = 64
            ) -> Iterator[tuple[Paper, list[Mention]]]:
    """Yield each paper with the mentions the pipeline finds in its text."""
    stream = ((p.text, p) for p in papers)
    for doc, paper in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield paper, mentions_from_doc(doc, paper)


def mentions_from_doc(doc: Doc, paper: Paper) -> list[Mention]:
    """Return the mentions a processed doc holds, as plain records."""
    found = doc._.kg_found
    if not found:
        return []
    toks = tokens.doc_tokens(doc)
    sents = tokens.sentences(toks)
    starts = [a for a, _ in sents]
    bounds = [(toks.idx[a], tokens.end_char(toks, b)) for a, b in sents]
    out = []
    for f in found:
        out.append(Mention(
            paper_id=paper.id, text=tokens.span_text(toks, f.start, f.end), label=f.label,
            start=toks.idx[f.start], end=tokens.end_char(toks, f.end),
            sentence=bounds[bisect_right(starts, f.start) - 1], source=f.source,
            kb_id=f.kb_id, long_form=f.long_form, proposed=f.proposed,
        ))
    return out
