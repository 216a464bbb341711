"""Extraction: find mentions of methods, datasets, tasks and metrics in papers with spaCy."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

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
    out = []
    sents = [(s.start, (s.start_char, s.end_char)) for s in doc.sents] if doc._.kg_found else []
    starts = [start for start, _ in sents]
    for found in doc._.kg_found:
        span = doc[found.start:found.end]
        out.append(Mention(
            paper_id=paper.id, text=span.text, label=found.label,
            start=span.start_char, end=span.end_char,
            sentence=sents[bisect_right(starts, found.start) - 1][1], source=found.source,
            kb_id=found.kb_id, long_form=found.long_form, proposed=found.proposed,
        ))
    return out
