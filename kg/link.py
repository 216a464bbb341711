"""Linking: turn mentions into one entity per real thing, within and across papers.

Order of evidence (DESIGN.md section 4): gazetteer id, exact normalised alias (case, dashes,
plural and a leading "the" ignored), abbreviation long form (in the paper, then an acronym
defined once anywhere in the corpus), else a new entity. Every merge keeps its reason.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg.extract.gazetteer import GazetteerEntry
from kg.normalize import canonical_case, canonical_name, entity_id, fold, is_acronym, match_key
from kg.types import Entity, EntityType, KGData, Mention, Paper, Relation

# How much one mention from each source is trusted; a paper's confidence in an entity
# combines its mentions as independent evidence: 1 - prod(1 - c).
SOURCE_CONFIDENCE = {"gazetteer": 0.9, "abbreviation": 0.85, "title": 0.8, "dataset-cue": 0.8,
                     "list": 0.7, "term": 0.6, "name": 0.5, "ner": 0.8}


@dataclass
class _Cluster:
    """Mentions believed to name one thing; grows as evidence arrives."""

    type: EntityType
    key: str
    kb_id: str = ""
    mentions: list[Mention] = field(default_factory=list)
    long_forms: set[str] = field(default_factory=set)
    reasons: set[str] = field(default_factory=set)


def link(results: Iterable[tuple[Paper, list[Mention]]], *,
         gazetteer: tuple[GazetteerEntry, ...] = ()) -> KGData:
    """Return the papers, merged entities, paper-entity relations and linked mentions."""
    alias_index = _alias_index(gazetteer)
    names = {e.id: e.name for e in gazetteer}
    papers: list[Paper] = []
    clusters: dict[tuple[EntityType, str], _Cluster] = {}
    for paper, mentions in results:
        papers.append(paper)
        for m in mentions:
            _add(clusters, m, alias_index)
    _merge_acronyms(clusters)
    entities, by_key = _entities(clusters, names, papers)
    linked = tuple(sorted(
        (replace(m, entity_id=by_key[k]) for k, c in clusters.items() for m in c.mentions),
        key=lambda m: (m.paper_id, m.start, m.end)))
    return KGData(papers=tuple(papers), entities=entities, relations=paper_relations(linked),
                  mentions=linked)


def _alias_index(gazetteer: tuple[GazetteerEntry, ...]) -> dict[tuple[EntityType, str], str]:
    index: dict[tuple[EntityType, str], str] = {}
    for entry in gazetteer:
        for form in entry.forms:
            index.setdefault((entry.type, match_key(form)), entry.id)
    return index


def _cluster_key(m: Mention, alias_index: dict[tuple[EntityType, str], str]) -> tuple[str, str]:
    """Return (key, reason) for the cluster a mention belongs to."""
    if m.kb_id:
        return "kb:" + m.kb_id, f"gazetteer entry {m.kb_id}"
    for text, how in ((m.long_form, "abbreviation of"), (m.text, "same normalised form as")):
        if text and (m.label, match_key(text)) in alias_index:
            kb = alias_index[(m.label, match_key(text))]
            return "kb:" + kb, f"{how} gazetteer alias {text!r}"
    if m.long_form:
        return match_key(m.long_form), f"{m.text!r} defined as {m.long_form!r} in {m.paper_id}"
    return match_key(m.text), f"same normalised form {match_key(m.text)!r}"


def _add(clusters: dict[tuple[EntityType, str], _Cluster], m: Mention,
         alias_index: dict[tuple[EntityType, str], str]) -> None:
    key, reason = _cluster_key(m, alias_index)
    cluster = clusters.setdefault((m.label, key), _Cluster(m.label, key))
    cluster.kb_id = cluster.kb_id or (key[3:] if key.startswith("kb:") else "")
    cluster.mentions.append(m)
    cluster.reasons.add(reason)
    if m.long_form:
        cluster.long_forms.add(m.long_form)


def _merge_acronyms(clusters: dict[tuple[EntityType, str], _Cluster]) -> None:
    """Merge a bare acronym into the one entity whose definition uses it, corpus-wide."""
    defined: dict[tuple[EntityType, str], set[tuple[EntityType, str]]] = defaultdict(set)
    for k, c in clusters.items():
        for m in c.mentions:
            if m.long_form:
                defined[(c.type, match_key(m.text))].add(k)
    for k in list(clusters):
        targets = defined.get(k, set()) - {k}
        if k in clusters and len(targets) == 1 and is_acronym(clusters[k].mentions[0].text):
            target = clusters[targets.pop()]
            source = clusters.pop(k)
            target.mentions.extend(source.mentions)
            target.reasons |= source.reasons | {
                f"acronym {source.mentions[0].text!r} is defined as "
                f"{sorted(target.long_forms)[0]!r} elsewhere in the corpus"}


def _entities(clusters: dict[tuple[EntityType, str], _Cluster], names: dict[str, str],
              papers: list[Paper]) -> tuple[tuple[Entity, ...], dict]:
    titles = {p.id: len(p.title) for p in papers}
    ids: dict[str, tuple[EntityType, str]] = {}
    by_key: dict[tuple[EntityType, str], str] = {}
    entities = []
    for k, c in sorted(clusters.items(), key=lambda kv: (kv[0][0].value, kv[0][1])):
        name = names.get(c.kb_id) or choose_name(c.mentions, c.long_forms, titles)
        # The id depends on the merge key only, so a later build that sees other surface
        # forms (and may choose another name) still gives the thing the same id.
        eid = c.kb_id or entity_id(c.type.value, c.key)
        if eid in ids and ids[eid] != k:  # two different things with one slug
            eid = f"{eid}-{len([i for i in ids if i.startswith(eid)]) + 1}"
        ids[eid] = k
        by_key[k] = eid
        entities.append(Entity(
            id=eid, type=c.type, name=name,
            aliases=tuple(sorted({fold(m.text) for m in c.mentions})),
            support=len({m.paper_id for m in c.mentions}),
            merged_because=tuple(sorted(c.reasons)),
        ))
    return tuple(sorted(entities, key=lambda e: e.id)), by_key


def choose_name(mentions: list[Mention], long_forms: set[str], title_len: dict[str, int]) -> str:
    """Return the canonical name of a new entity from its surface forms.

    A defined abbreviation is named by its long form when that is written as a name
    (Title Case), else by the acronym. Otherwise the most frequent form written inside an
    abstract sentence wins (where its case is meaningful); forms from titles and sentence
    starts are lower-cased unless name-like.
    """
    if long_forms:
        long = Counter(long_forms).most_common(1)[0][0]
        short = next((m.text for m in mentions if m.long_form and is_acronym(m.text)), "")
        if short and not all(w[:1].isupper() for w in long.split()):
            return canonical_name(short, keep_case=True)
        return canonical_name(long, keep_case=True)
    inside = [m.text for m in mentions
              if m.start >= title_len.get(m.paper_id, 0) and m.start != m.sentence[0]]
    if inside:
        return canonical_name(Counter(inside).most_common(1)[0][0], keep_case=True)
    return canonical_name(canonical_case(Counter(m.text for m in mentions).most_common(1)[0][0]))


def paper_relations(mentions: tuple[Mention, ...]) -> tuple[Relation, ...]:
    """Return paper->entity ``mentions`` and ``proposes`` relations with their evidence."""
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.paper_id, m.entity_id)].append(m)
    out = []
    for (paper_id, eid), ms in sorted(groups.items()):
        doubt = 1.0
        for m in ms:
            doubt *= 1 - SOURCE_CONFIDENCE.get(m.source, 0.5)
        evidence = tuple(m.id for m in ms)
        out.append(Relation(paper_id, "mentions", eid, paper_id, evidence, round(1 - doubt, 4)))
        if any(m.proposed for m in ms):
            out.append(Relation(paper_id, "proposes", eid, paper_id,
                                tuple(m.id for m in ms if m.proposed), round(1 - doubt, 4)))
    return tuple(out)
