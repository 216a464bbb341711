"""kg's spaCy components: the title/abstract boundary, rule candidates and the resolver.

They are registered with ``@Language.factory`` here and as ``spacy_factories`` entry points,
so a saved pipeline loads without importing kg first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract import rules
from kg.extract.lexicon import GENERIC_WORDS, PROPOSE_CUES, WEAK_HEADS
from kg.normalize import singular
from kg.types import EntityType

GAZETTEER_KEY = "kg_gazetteer"
RESULT_KEY = "kg"

# Which source wins when two candidates cover the same tokens.
PRIORITY = {"abbreviation": 5, "gazetteer": 4, "title": 4, "dataset-cue": 3, "list": 3,
            "ner": 3, "term": 2, "name": 1}


@dataclass(frozen=True)
class Found:
    """What the resolver knows about one span it keeps."""

    start: int
    end: int
    label: EntityType
    source: str
    kb_id: str = ""
    proposed: bool = False
    long_form: str = ""


for _name, _default in (("kg_title_end", None), ("kg_rules", []), ("kg_found", [])):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.factory("kg_fields")
def make_field_boundary(nlp: Language, name: str) -> "FieldBoundary":
    """Create the component that starts a sentence where the abstract starts."""
    return FieldBoundary()


class FieldBoundary:
    """Mark the token after the title's blank line as a sentence start."""

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            if tok.is_space and "\n\n" in tok.text:
                doc._.kg_title_end = tok.idx
                if tok.i + 1 < len(doc):
                    doc[tok.i + 1].is_sent_start = True
                break
        return doc


@Language.factory("kg_candidates")
def make_candidate_finder(nlp: Language, name: str) -> "CandidateFinder":
    """Create the component that finds rule-based candidates."""
    return CandidateFinder()


class CandidateFinder:
    """Store the rule candidates of :mod:`kg.extract.rules` on ``doc._.kg_rules``."""

    def __call__(self, doc: Doc) -> Doc:
        found: list[rules.Candidate] = []
        toks = rules.tokens(doc)
        for sent in doc.sents:
            units = rules.word_units(toks, sent.start, sent.end)
            breaks = [rules.is_break(toks, u) for u in units]
            for run in rules.runs(units, breaks):
                cand = rules.term_candidate(toks, run)
                if cand:
                    found.append(cand)
            found.extend(rules.name_candidates(toks, units, breaks))
        found.extend(rules.list_candidates(toks, found))
        title_end = (doc._.kg_title_end if doc._.kg_title_end is not None
                     else doc[-1].idx + len(doc[-1]) if len(doc) else 0)
        title = rules.title_candidate(doc, title_end)
        if title:
            found.append(title)
        doc._.kg_rules = [replace(c, proposed=c.proposed or rules.proposed_after_cue(toks, c))
                          for c in found]
        return doc


@Language.factory("kg_resolver")
def make_resolver(nlp: Language, name: str) -> "Resolver":
    """Create the component that picks one reading of overlapping candidates."""
    return Resolver()


class Resolver:
    """Merge gazetteer, abbreviation and rule candidates into ``doc.spans["kg"]``."""

    def __call__(self, doc: Doc) -> Doc:
        cands = _name_before_weak_head(doc, [*_gazetteer(doc), *_rules(doc), *_ner(doc)])
        if doc.has_annotation("ENT_IOB"):  # a trained NER ran: weak rules need its support
            cands = _supported(cands)
        cands.extend(_abbreviations(doc, cands))
        untyped = _untyped_short_forms(doc, cands)
        cands = [c for c in cands if not (c.source == "name" and doc[c.start:c.end].text
                                          in untyped)]
        kept = _select(doc, cands)
        doc._.kg_found = kept
        doc.spans[RESULT_KEY] = [Span(doc, f.start, f.end, label=f.label.label, kb_id=f.kb_id)
                                 for f in kept]
        return doc


def _gazetteer(doc: Doc) -> list[Found]:
    return [Found(s.start, s.end, EntityType.from_label(s.label_), "gazetteer", kb_id=s.id_)
            for s in doc.spans.get(GAZETTEER_KEY, [])]


def _ner(doc: Doc) -> list[Found]:
    """Return the trained NER model's entities (none in the fast pipeline)."""
    return [Found(e.start, e.end, EntityType.from_label(e.label_), "ner") for e in doc.ents
            if e.label_.lower() in {t.value for t in EntityType}]


def _name_before_weak_head(doc: Doc, cands: list[Found]) -> list[Found]:
    """Drop "Stable Diffusion model" when the gazetteer knows "Stable Diffusion": a known
    name followed by a vague head (model, framework, network ...) is that name."""
    known = {(c.start, c.end) for c in cands if c.source == "gazetteer"}
    return [c for c in cands if not (
        c.source == "term" and (c.start, c.end - 1) in known
        and singular(doc[c.end - 1].lower_) in WEAK_HEADS)]


WEAK_SOURCES = ("term", "name")


def _supported(cands: list[Found]) -> list[Found]:
    """Drop weak rule candidates (head-noun terms, name-like words) no NER entity overlaps.

    Measured with a checkpoint of the shipped model: SciERC dev span F1 0.578 -> 0.593,
    Daily Papers dev gold 0.507 -> 0.509.
    """
    ner = {t for c in cands if c.source == "ner" for t in range(c.start, c.end)}
    return [c for c in cands if c.source not in WEAK_SOURCES or ner & set(range(c.start, c.end))]


def _rules(doc: Doc) -> list[Found]:
    return [Found(c.start, c.end, c.label, c.rule, proposed=c.proposed) for c in doc._.kg_rules]


def _abbreviations(doc: Doc, cands: list[Found]) -> list[Found]:
    """Type each defined abbreviation from its long form and tag every use of it."""
    out: list[Found] = []
    text = doc.text if doc._.kg_abbreviations else ""  # doc.text joins every token: once
    for short, long in doc._.kg_abbreviations:
        long_cand = _covering(long, cands)
        label = long_cand.label if long_cand else rules.head_type(long[-1].text)
        proposed = any(t.lower_ in PROPOSE_CUES for t in doc[long.sent.start:long.start])
        if label is None and proposed:
            label = EntityType.METHOD
        if label is None:
            continue
        start = min(long.start, long_cand.start) if long_cand else long.start
        long_text = doc[start:long.end].text
        out.append(Found(start, long.end, label, "abbreviation", proposed=proposed))
        for use in _occurrences(doc, text, short.text):
            out.append(Found(use.start, use.end, label, "abbreviation", proposed=proposed,
                             long_form=long_text))
    return out


def _untyped_short_forms(doc: Doc, cands: list[Found]) -> set[str]:
    """Return short forms defined in the doc whose long form has no type ("OOD", "SNR")."""
    typed = {doc[c.start:c.end].text for c in cands if c.source == "abbreviation"}
    return {s.text for s, _ in doc._.kg_abbreviations} - typed


def _occurrences(doc: Doc, doc_text: str, text: str) -> list[Span]:
    """Return every whole-word use of ``text`` (or its plural) in the doc."""
    pattern = re.compile(r"(?<![\w-])" + re.escape(text) + r"s?(?![\w-])")
    spans = (doc.char_span(m.start(), m.end()) for m in pattern.finditer(doc_text))
    return [s for s in spans if s is not None]


def _covering(span: Span, cands: list[Found]) -> Found | None:
    """Return the longest candidate that ends where ``span`` ends and contains it."""
    hits = [c for c in cands if c.end == span.end and c.start <= span.start]
    return max(hits, key=lambda c: (c.end - c.start, PRIORITY[c.source]), default=None)


def _select(doc: Doc, cands: list[Found]) -> list[Found]:
    """Keep non-overlapping candidates: longest first, then by source priority."""
    taken: set[int] = set()
    kept: list[Found] = []
    proposed = {(c.start, c.end) for c in cands if c.proposed}
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -PRIORITY[c.source], c.start)):
        tokens = set(range(c.start, c.end))
        if tokens & taken or _generic(doc[c.start:c.end]):
            continue
        taken |= tokens
        kept.append(replace(c, proposed=c.proposed or (c.start, c.end) in proposed))
    return sorted(kept, key=lambda c: c.start)


def _generic(span: Span) -> bool:
    text = span.text.lower()
    return text in GENERIC_WORDS or singular(text) in GENERIC_WORDS
