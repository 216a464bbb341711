"""Linking: turn mentions into one entity per real thing, within and across papers.

Order of evidence (DESIGN.md section 4): gazetteer id (the user's override merges are
gazetteer entries too), exact normalised alias (case, dashes, plural and a leading "the"
ignored), abbreviation long form (in the paper, then an acronym defined once anywhere in the
corpus, then an undefined acronym spelling the initials of one name in the same paper),
else a new entity; a store's earlier builds (:class:`Known`) lend their entities to
names they already know. Every merge keeps its reason. A paper's only passing mention of
a two-word method term is dropped here, where the whole entity is known; ``skos:broader``
links come from noun-phrase heads. Relations are :mod:`kg.relate`'s.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.extract.gazetteer import GazetteerEntry
from kg.extract.lexicon import (
    ARTICLES, GENERIC_WORDS, OF_TASK_HEADS, TASK_VERBS, TECHNIQUE_HEADS,
)
from kg.normalize import (
    canonical_case, canonical_name, entity_id, fold, initials, is_acronym, is_name_like,
    match_key, singular,
)
from kg.relate import relations
from kg.types import Entity, EntityType, KGData, Mention, Paper, Relation

@dataclass
class _Cluster:
    """Mentions believed to name one thing; grows as evidence arrives."""

    type: EntityType
    key: str
    kb_id: str = ""
    mentions: list[Mention] = field(default_factory=list)
    long_forms: set[str] = field(default_factory=set)
    reasons: set[str] = field(default_factory=set)
    known_id: str = ""  # an entity an earlier build stored

    def absorb(self, source: "_Cluster", reason: str = "") -> None:
        """Take over the mentions, long forms and reasons of a cluster merged into this one."""
        self.mentions.extend(source.mentions)
        self.long_forms |= source.long_forms
        self.reasons |= source.reasons
        if reason:
            self.reasons.add(reason)


@dataclass(frozen=True)
class Known:
    """Entities earlier builds stored, by the names they were seen under.

    ``ids``: {(type, match key): entity id}, also under the key without spaces, only for
    keys that name one entity; ``names``: {id: canonical name}; ``bare``: {(type, match
    key): id} of stored entities named by an undefined acronym ("LDM").
    """

    ids: dict[tuple[EntityType, str], str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    bare: dict[tuple[EntityType, str], str] = field(default_factory=dict)


def known_entities(entities: Iterable[tuple[str, EntityType, str, Iterable[str]]]) -> Known:
    """Return the :class:`Known` index of stored entities: (id, type, name, aliases)."""
    seen: dict[tuple[EntityType, str], set[str]] = defaultdict(set)
    names, bare = {}, {}
    for eid, etype, name, aliases in entities:
        names[eid] = name
        if is_acronym(name):
            bare[(etype, match_key(name))] = eid
        for form in {name, *aliases}:
            key = match_key(form)
            seen[(etype, key)].add(eid)
            seen[(etype, _compact(key))].add(eid)
    return Known({k: next(iter(v)) for k, v in seen.items() if len(v) == 1}, names, bare)


def link(results: Iterable[tuple[Paper, list[Mention]]], *,
         gazetteer: tuple[GazetteerEntry, ...] = (), known: Known | None = None) -> KGData:
    """Return the papers, merged entities, their relations (``kg.relate``) and linked mentions.

    ``known``: the entities of earlier builds (a store's); a new entity one of their names
    names (a spelling, an acronym they were defined with) takes that entity's id and name.
    """
    alias_index = _alias_index(gazetteer)
    names = {e.id: e.name for e in gazetteer}
    origins = {e.id: e.origin for e in gazetteer if e.origin}
    forms = {e.id: e.forms for e in gazetteer}
    papers: list[Paper] = []
    clusters: dict[tuple[EntityType, str], _Cluster] = {}
    for paper, mentions in results:
        papers.append(paper)
        for m in mentions:
            _add(clusters, m, alias_index, origins, forms)
    _split_named_kinds(clusters)
    _merge_acronyms(clusters)
    _merge_long_forms(clusters)
    _merge_initials(clusters)
    _merge_spelled_out(clusters)
    _merge_spellings(clusters)
    _merge_sizes(clusters)
    _merge_gapped(clusters)
    starts = {p.id: p.abstract_offset for p in papers if p.abstract}
    _merge_title_variants(clusters, starts)
    _drop_passing_mentions(clusters, starts)
    if known is not None:
        _join_known(clusters, known)
        names = {**known.names, **names}
    entities, by_key = _entities(clusters, names, papers)
    linked = tuple(sorted(
        (m.linked(by_key[k]) for k, c in clusters.items() for m in c.mentions),
        key=lambda m: (m.paper_id, m.start, m.end)))
    return KGData(papers=tuple(papers), entities=entities,
                  relations=relations(papers, linked) + broader_relations(entities),
                  mentions=linked)


def _alias_index(gazetteer: tuple[GazetteerEntry, ...]) -> dict[tuple[EntityType, str], str]:
    """Return {(type, match key): entry id} for every form of every entry, and the same
    under the forms' keys without spaces ("autoencoder" finds "auto-encoder"), where no
    form has that key already."""
    index: dict[tuple[EntityType, str], str] = {}
    for entry in gazetteer:
        for form in entry.forms:
            index.setdefault((entry.type, match_key(form)), entry.id)
    for (etype, key), eid in list(index.items()):
        index.setdefault((etype, _compact(key)), eid)
    return index


def _compact(key: str) -> str:
    """Return a match key without its spaces: spellings that differ only in spaces and
    hyphens ("pre-training", "pretraining", "pre training") share it."""
    return key.replace(" ", "")


def _lookup(index: dict[tuple[EntityType, str], str], etype: EntityType, key: str) -> str:
    """Return the id an index gives a match key, or the key without spaces ("" if none)."""
    return index.get((etype, key)) or index.get((etype, _compact(key)), "")


def _content_words(*names: str) -> frozenset[str]:
    """Return the words of names' match keys that say what they are: no function word, no
    generic word ("model", "network")."""
    return frozenset(w for n in names for w in match_key(n).split()
                     if w not in _FUNCTION_WORDS and w not in GENERIC_WORDS)


def _cluster_key(m: Mention, alias_index: dict[tuple[EntityType, str], str],
                 origins: dict[str, str], forms: dict[str, tuple[str, ...]]) -> tuple[str, str]:
    """Return (key, reason) for the cluster a mention belongs to.

    A short form the paper defines joins the gazetteer entry its letters name only when its
    long form shares a content word with that entry ("low-rank adapters (LoRA)" is LoRA;
    "dialogue model (DM)" is no diffusion model)."""
    kb, reason = m.kb_id, f"gazetteer entry {m.kb_id}"
    for text, how in ((m.long_form, "abbreviation of"), (m.text, "same normalised form as")):
        if kb or not text:
            continue
        kb = _lookup(alias_index, m.label, match_key(text))
        if kb and text is m.text and m.long_form and m.source == "abbreviation" and not (
                _content_words(m.long_form) & _content_words(*forms.get(kb, ()))):
            kb = ""
        if kb:
            reason = f"{how} gazetteer alias {text!r}"
    if kb:
        if kb in origins:
            reason = f"{m.text!r} merged into {kb} by the override file {origins[kb]}"
        return "kb:" + kb, reason
    if m.long_form and m.source == "coordination":
        return match_key(m.long_form), (f"{m.text!r} stands for {m.long_form!r} (a head shared "
                                        f"in a coordination) in {m.paper_id}")
    if m.long_form:
        return match_key(m.long_form), f"{m.text!r} defined as {m.long_form!r} in {m.paper_id}"
    return match_key(m.text), f"same normalised form {match_key(m.text)!r}"


def _add(clusters: dict[tuple[EntityType, str], _Cluster], m: Mention,
         alias_index: dict[tuple[EntityType, str], str], origins: dict[str, str],
         forms: dict[str, tuple[str, ...]]) -> None:
    key, reason = _cluster_key(m, alias_index, origins, forms)
    if m.label is EntityType.TASK and not key.startswith("kb:"):
        compound, reason = task_key(key, reason)
        # "segmentation of medical images": the compound may be a gazetteer name
        kb = _lookup(alias_index, m.label, compound) if compound != key else ""
        key, reason = ("kb:" + kb, f"{reason}, gazetteer entry {kb}") if kb else (compound, reason)
    _put(clusters, (m.label, key), m, reason)


def _put(clusters: dict[tuple[EntityType, str], _Cluster], key: tuple[EntityType, str],
         m: Mention, reason: str) -> None:
    """Add mention ``m`` to the cluster under ``key`` (made if new), with why it is there."""
    cluster = clusters.setdefault(key, _Cluster(key[0], key[1]))
    cluster.kb_id = cluster.kb_id or (key[1][3:] if key[1].startswith("kb:") else "")
    cluster.mentions.append(m)
    cluster.reasons.add(reason)
    if m.long_form:
        cluster.long_forms.add(m.long_form)


def task_key(key: str, reason: str = "") -> tuple[str, str]:
    """Return a task's match key in the word order of a compound, and the reason with what
    was changed: "estimation of (the) diffusion coefficient" and "estimating diffusion
    coefficient" are "diffusion coefficient estimation", and a synthesis task is the
    generation task ("visual synthesis": "visual generation")."""
    compound = _compound(key)
    if compound:
        reason = f"{reason}; {key!r} names the task {compound!r}"
        key = compound
    if key.endswith(" synthesis"):
        key = key[:-len("synthesis")] + "generation"
        reason = f"{reason}; a task's synthesis and generation are one task"
    return key, reason


def _compound(key: str) -> str:
    """Return "X estimation" for the match key "estimation of (the) X" or "estimating X"
    ("" for any other key)."""
    words = key.split()
    i = 2 if len(words) > 3 and words[2] == "of" and words[1] in OF_TASK_HEADS else 1
    if len(words) > i + 1 and words[i] == "of" and words[i - 1] in OF_TASK_HEADS:
        obj = words[i + 2:] if words[i + 1] in ARTICLES else words[i + 1:]
        return " ".join([*obj, *words[:i]]) if obj else ""  # "structure prediction of X"
    if len(words) > 1 and words[0] in TASK_VERBS:
        return " ".join([*words[1:], TASK_VERBS[words[0]]])
    return ""


def _split_named_kinds(clusters: dict[tuple[EntityType, str], _Cluster]) -> None:
    """Give a name each paper describes by a kind its own entity: "SpeakerLM, a speech
    language model" and "VoxMind, a speech language model" are two models, and a third paper's
    "speech language model" is the kind, neither of them. Only acronyms ("latent diffusion
    model (LDM)") keep their long form corpus-wide; a name with lower-case runs
    ("SpeakerLM") is a name, its description a kind."""
    for key in list(clusters):
        c = clusters[key]
        names: dict[str, str] = {}
        for m in c.mentions:
            if m.long_form and m.paper_id not in names:
                names[m.paper_id] = m.text
        if c.kb_id or not names or any(is_acronym(t) for t in names.values()):
            continue
        if len(set(names.values())) == 1 and all(m.paper_id in names for m in c.mentions):
            continue  # one name, and no paper writes its description alone
        del clusters[key]
        for m in c.mentions:
            name = names.get(m.paper_id)
            _put(clusters, (c.type, match_key(name)) if name else key, m,
                 f"{name!r} is described as a kind, {m.long_form or m.text!r}, in {m.paper_id}"
                 if name else f"same normalised form {key[1]!r}")


def _merge_acronyms(clusters: dict[tuple[EntityType, str], _Cluster]) -> None:
    """Merge a bare acronym into the one entity whose definition uses it, corpus-wide."""
    defined: dict[tuple[EntityType, str], set[tuple[EntityType, str]]] = defaultdict(set)
    for k, c in clusters.items():
        for m in c.mentions:
            if m.long_form:
                defined[(c.type, match_key(m.text))].add(k)
    for k in list(clusters):
        targets = defined.get(k, set()) - {k}
        if k in clusters and len(targets) == 1 and _short_name(clusters[k].mentions[0].text):
            target = clusters[targets.pop()]
            source = clusters.pop(k)
            target.absorb(source, f"acronym {source.mentions[0].text!r} is defined as "
                                  f"{sorted(target.long_forms)[0]!r} elsewhere in the corpus")


def _merge_long_forms(clusters: dict[tuple[EntityType, str], _Cluster]) -> None:
    """Merge a long form into the gazetteer entry its short form joined: "the equivariant
    graph neural network (EGNN)" is the entry EGNN, whose own alias is spelled "E(n)
    equivariant graph neural network"."""
    joined: dict[tuple[EntityType, str], tuple[EntityType, str]] = {}
    for k, c in clusters.items():
        if c.kb_id:
            for m in c.mentions:
                if m.long_form and m.source == "abbreviation":
                    joined.setdefault((c.type, match_key(m.long_form)), k)
    for k, target in joined.items():
        if k in clusters and target in clusters and k != target:
            source = clusters.pop(k)
            clusters[target].absorb(source, f"{source.mentions[0].text!r} is the long form of "
                                            f"{clusters[target].kb_id} in a paper")


def _merge_initials(clusters: dict[tuple[EntityType, str], _Cluster]) -> None:
    """Merge an acronym a paper never defines into the one entity of its type whose name,
    written in the same paper, has the acronym's letters as its words' initials:
    "Bayesian Flow Networks" ... "the original BFN". Gazetteer acronyms keep their entry."""
    by_paper: dict[tuple[EntityType, str, str], set[tuple[EntityType, str]]] = defaultdict(set)
    for k, c in clusters.items():
        for m in c.mentions:
            if " " in m.text.strip():
                by_paper[(c.type, m.paper_id, initials(m.text))].add(k)
    for k in list(clusters):
        short = clusters.get(k)
        if short is None or short.kb_id or short.long_forms or not all(
                is_acronym(m.text) for m in short.mentions):
            continue
        letters = _acronym_letters(short.mentions[0].text)
        found = _sole_match(by_paper, k, short, letters) if len(letters) >= 2 else None
        if found is not None:
            target = clusters[found]
            name = next(m.text for m in target.mentions if initials(m.text) == letters)
            target.absorb(clusters.pop(k), f"{short.mentions[0].text!r} is the initials of "
                                           f"{name!r}, written in the same paper")


def _merge_spelled_out(clusters: dict[tuple[EntityType, str], _Cluster]) -> None:
    """Merge a capitalised name into the acronym of its type that a paper writing it
    defines, when the name's initials spell the acronym: the title "SMPL: A Skinned
    Multi-Person Linear Model" names "Skinned Multi-Person Linear" (its "Model" dropped as
    a weak head), the abstract defines SMPL as "Skinned Multi-Person Linear model"."""
    acronyms: dict[tuple[EntityType, str, str], set[tuple[EntityType, str]]] = defaultdict(set)
    for k, c in clusters.items():
        if c.long_forms:
            for m in c.mentions:
                if is_acronym(m.text):
                    acronyms[(c.type, m.paper_id, _acronym_letters(m.text))].add(k)
    if not acronyms:
        return
    for k in list(clusters):
        c = clusters[k]
        if c.kb_id or c.long_forms or not all(
                " " in m.text.strip() and all(w[:1].isupper() for w in m.text.split())
                for m in c.mentions):
            continue
        found = _sole_match(acronyms, k, c)
        if found is not None:
            target = clusters[found]
            short = next(m.text for m in target.mentions if is_acronym(m.text))
            target.absorb(clusters.pop(k), f"{c.mentions[0].text!r} spells out {short!r}, "
                                           "defined in the same paper")


def _sole_match(by_paper: dict[tuple[EntityType, str, str], set[tuple[EntityType, str]]],
                k: tuple[EntityType, str], c: _Cluster,
                letters: str | None = None) -> tuple[EntityType, str] | None:
    """Return the one cluster other than ``c`` (key ``k``) that ``by_paper`` files under
    ``c``'s type, a paper of ``c``'s mentions and ``letters`` (or, without them, each
    mention's initials); None when there is none or more than one."""
    targets: set[tuple[EntityType, str]] = set()
    for m in c.mentions:
        key = letters if letters is not None else initials(m.text)
        targets |= by_paper.get((c.type, m.paper_id, key), set())
    targets.discard(k)
    return targets.pop() if len(targets) == 1 else None


def _acronym_letters(text: str) -> str:
    """Return an acronym's letters, upper-cased, without a plural "s" ("BFNs": BFN): those
    of its match key, which drops the plural already."""
    return "".join(ch for ch in match_key(text) if ch.isalpha()).upper()


def _merge_spellings(clusters: dict[tuple[EntityType, str], _Cluster]) -> None:
    """Merge entities of one type whose names differ only in spaces and hyphens
    ("pre-training", "pretraining"; "auto-encoder", "autoencoder"; a line-break hyphen
    "proba-bilistic") into the most mentioned spelling, on a tie the one written with the
    most separators: its id is the one that spelling gives on its own."""
    groups: dict[tuple[EntityType, str], list[tuple[EntityType, str]]] = defaultdict(list)
    for k in clusters:
        if not k[1].startswith("kb:"):
            groups[(k[0], _compact(k[1]))].append(k)
    for keys in groups.values():
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: (-len(clusters[k].mentions), -k[1].count(" "), k[1]))
        target = clusters[keys[0]]
        for k in keys[1:]:
            source = clusters.pop(k)
            target.absorb(source, f"{source.key!r} and {target.key!r} differ only in spaces "
                                  "or hyphens")


def _merge_sizes(clusters: dict[tuple[EntityType, str], _Cluster]) -> None:
    """Merge a size or backbone variant of a name a paper proposes into that name:
    "TabRL-7B" and "Orion-2-72B" are the TabRL and Orion-2 the paper proposes ("we propose
    TabRL ... TabRL-7B outperforms"). Only where the same paper proposes the bare name, so
    "Llama-3-8B" stays apart from "Llama-3" elsewhere."""
    proposed: dict[tuple[EntityType, str], set[str]] = {}
    for k, c in clusters.items():
        papers = {m.paper_id for m in c.mentions if m.proposed}
        if papers and not k[1].startswith("kb:"):
            proposed[k] = papers
    if not proposed:
        return
    for k in list(clusters):
        match = _SIZE_SUFFIX.search(k[1])
        if not match or k[1].startswith("kb:"):
            continue
        base = (k[0], k[1][:match.start()])
        if base in proposed and base in clusters and k in clusters and (
                proposed[base] & {m.paper_id for m in clusters[k].mentions}):
            source = clusters.pop(k)
            clusters[base].absorb(source, f"{source.key!r} is a size of {base[1]!r}, which "
                                          "the same paper proposes")


_SIZE_SUFFIX = re.compile(r" (?:\d+(?:\.\d+)?[bmk]|r\d+|tiny|small|base|large|xl)$")  # of a key


def _merge_gapped(clusters: dict[tuple[EntityType, str], _Cluster]) -> None:
    """Merge a name into the shorter name of every paper that uses it when the shorter one
    is the same words with some left out of the middle: "Multi-Scene Long Video
    Generation" in a title is the "multi-scene video generation" of its abstract. (Not a
    name the short one starts or ends: "unconditional image generation" is a kind of
    "image generation", a hyponym, and stays apart; nor words left out of a hyphen
    compound: "Motion-Appearance Distillation" is no "motion distillation".)"""
    by_first: dict[tuple[EntityType, str], list[tuple[EntityType, str]]] = defaultdict(list)
    for k in clusters:
        words = k[1].split()
        if not k[1].startswith("kb:") and len(words) > 1:
            by_first[(k[0], words[0])].append(k)
    for keys in by_first.values():
        if len(keys) < 2:
            continue
        papers = {k: {m.paper_id for m in clusters[k].mentions} for k in keys}
        written = {k: clusters[k].mentions[0].text.lower().split() for k in keys}
        for long in sorted(keys, key=lambda k: -len(k[1])):
            words = long[1].split()
            for short in keys:
                sw = short[1].split()
                if (short != long and short in clusters
                        and 1 < len(sw) < len(words) and sw[-1] == words[-1]
                        and _subsequence(sw, words)
                        # as written, too: no piece of a hyphen compound left out
                        and _subsequence(written[short], written[long])
                        and papers[long] <= papers[short]):
                    clusters[short].absorb(clusters.pop(long), (
                        f"{long[1]!r} is {short[1]!r} with words between, in the same papers"))
                    break


def _merge_title_variants(clusters: dict[tuple[EntityType, str], _Cluster],
                          abstract_starts: dict[str, int]) -> None:
    """Merge a task or method named only in titles into the one its last words name in the
    abstract of each of its papers: "High-Resolution Image Inpainting" in a title is the
    "image inpainting" its abstract studies, "Shot-Aware Diffusion Transformers" the
    abstract's "diffusion transformer"; the title's words before it frame the paper, as the
    Daily Papers gold reads them ("Zero-Shot Semantic Correspondence" is "semantic
    correspondence"). A name the abstract uses too stays apart: there "unconditional image
    generation" is a kind of "image generation" (see :func:`_merge_gapped`); so does a
    method the title proposes or opens with ("Improved Immiscible Diffusion: ...")."""
    def in_title(m: Mention) -> bool:
        return m.start < abstract_starts.get(m.paper_id, 0)

    # (type, key of a form written in an abstract) -> its cluster
    by_key: dict[tuple[EntityType, str], tuple[EntityType, str]] = {}
    for k, c in clusters.items():
        if c.type in (EntityType.TASK, EntityType.METHOD):
            for m in c.mentions:
                if not in_title(m):
                    by_key.setdefault((c.type, match_key(m.text)), k)
    for k in [k for k, c in clusters.items()
              if c.type in (EntityType.TASK, EntityType.METHOD) and not c.kb_id]:
        c = clusters[k]
        words = k[1].split()
        if len(words) < 3 or not all(in_title(m) for m in c.mentions) or (
                c.type is EntityType.METHOD and any(m.proposed or m.start == 0 for m in c.mentions)):
            continue
        papers = {m.paper_id for m in c.mentions}
        for i in range(1, len(words) - 1):
            short = by_key.get((k[0], " ".join(words[i:])))
            if short and short != k and short in clusters and papers <= {
                    m.paper_id for m in clusters[short].mentions if not in_title(m)}:
                clusters[short].absorb(clusters.pop(k), (
                    f"{k[1]!r}, named only in titles, ends with the {k[0].value} "
                    f"{' '.join(words[i:])!r} their abstracts name"))
                break


def _subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(w in rest for w in short)


def _join_known(clusters: dict[tuple[EntityType, str], _Cluster], known: Known) -> None:
    """Give a new entity the id of the stored entity that one of its names names.

    An entity defined here (an abbreviation's long form) is looked up by its long forms,
    then joins the entity an earlier build made of its acronym undefined ("LDM"); others
    are looked up by their key, with or without spaces. New entities that join one stored
    entity become one.
    """
    groups: dict[str, list[tuple[EntityType, str]]] = defaultdict(list)
    for k in sorted(clusters):
        c = clusters[k]
        if c.kb_id:
            continue
        form, eid = _known_as(c, known)
        if eid:
            groups[eid].append(k)
            if eid != entity_id(c.type.value, c.key):
                c.reasons.add(f"{form!r} names the stored entity {eid} (an earlier build)")
    for eid, keys in groups.items():
        target = clusters[keys[0]]
        target.known_id = eid
        for k in keys[1:]:
            target.absorb(clusters.pop(k))


def _known_as(c: _Cluster, known: Known) -> tuple[str, str]:
    """Return (the name, the stored entity id) a new entity is known by, or ("", "")."""
    forms = [(f, match_key(f)) for f in sorted(c.long_forms)] or [(c.mentions[0].text, c.key)]
    for form, key in forms:
        eid = _lookup(known.ids, c.type, key)
        if eid:
            return form, eid
    own = entity_id(c.type.value, c.key)
    if own in known.names:  # the same key gives the same id (its names were ambiguous)
        return c.key, own
    for m in c.mentions if c.long_forms else ():
        eid = known.bare.get((c.type, match_key(m.text)), "") if m.long_form else ""
        if eid:
            return m.text, eid
    return "", ""


def _short_name(text: str) -> bool:
    """Return True for an acronym or a one-word name-like form ("BDIA", "Mask^2DiT")."""
    return is_acronym(text) or (" " not in text and is_name_like(text))


def _drop_passing_mentions(clusters: dict[tuple[EntityType, str], _Cluster],
                           abstract_starts: dict[str, int]) -> None:
    """Drop a paper's only mention of a two-word method term met in passing.

    "student generator", "noise selection", "attention layer": the head-noun rule finds
    them, but named once in an abstract (not in the title, not proposed) they are parts of
    a method, rarely what a reader looks for. Entities the gazetteer or an abbreviation
    defines are kept, and so are methods named after a person ("Hutchinson's estimator"). On the Daily Papers dev gold such mentions were right 26% of the
    time; dropping them took micro-F1 0.629 -> 0.670, and 0.566 -> 0.579 with the gold's
    names removed from the gazetteer (an estimate for unseen papers).
    """
    for key in list(clusters):
        c = clusters[key]
        if c.kb_id or c.long_forms or c.type is not EntityType.METHOD:
            continue
        per_paper: dict[str, list[Mention]] = defaultdict(list)
        for m in c.mentions:
            per_paper[m.paper_id].append(m)
        passing = {pid for pid, ms in per_paper.items()
                   if len(ms) == 1 and ms[0].source == "term" and len(ms[0].text.split()) == 2
                   and singular(ms[0].text.split()[-1].lower()) not in TECHNIQUE_HEADS
                   and not _POSSESSIVE.search(ms[0].text) and not _eponym(ms[0])
                   and not ms[0].proposed and ms[0].start >= abstract_starts.get(pid, 0) > 0}
        if passing:
            c.mentions = [m for m in c.mentions if m.paper_id not in passing]
            if not c.mentions:
                del clusters[key]


_POSSESSIVE = re.compile(r"\w['\u2019]s\b")  # "Hutchinson's estimator" names a method


def _eponym(m: Mention) -> bool:
    """Return True for a term whose first word is a capitalised adjective or names joined by
    hyphens inside a sentence ("Bayesian inference", "Gaussian diffusion", "Newton-Schulz
    iterations"): named after people, an established technique rather than a part met in
    passing."""
    first = m.text.split()[0]
    return m.start != m.sentence[0] and all(  # "Bayesian", "Newton-Schulz", "Bradley-Terry"
        part[:1].isupper() and part[1:].islower() for part in first.split("-"))


def _entities(clusters: dict[tuple[EntityType, str], _Cluster], names: dict[str, str],
              papers: list[Paper]) -> tuple[tuple[Entity, ...], dict]:
    titles = {p.id: len(p.title) for p in papers}
    ids: dict[str, tuple[EntityType, str]] = {}
    by_key: dict[tuple[EntityType, str], str] = {}
    entities = []
    for k, c in sorted(clusters.items(), key=lambda kv: (kv[0][0].value, kv[0][1])):
        name = (names.get(c.kb_id) or names.get(c.known_id)
                or choose_name(c.mentions, c.long_forms, titles))
        if c.type is EntityType.TASK and not c.kb_id and not c.known_id:
            compound = _compound(match_key(name))  # "estimation of diffusion coefficients"
            if compound and task_key(compound)[0] == c.key:
                name = _cased_as(compound, name)  # "diffusion coefficient estimation"
        # The id depends on the merge key only, so a later build that sees other surface
        # forms (and may choose another name) still gives the thing the same id.
        eid = c.kb_id or c.known_id or entity_id(c.type.value, c.key)
        if eid in ids and ids[eid] != k:  # two different things with one slug
            eid = f"{eid}-{len([i for i in ids if i.startswith(eid)]) + 1}"
        ids[eid] = k
        by_key[k] = eid
        entities.append(Entity(
            id=eid, type=c.type, name=name,
            # an elliptic conjunct ("conditional" in "conditional and unconditional image
            # generation") is no name of the thing; what it stands for is
            aliases=tuple(sorted({fold(m.long_form if m.source == "coordination" else m.text)
                                  for m in c.mentions})),
            support=len({m.paper_id for m in c.mentions}),
            merged_because=tuple(sorted(c.reasons)),
        ))
    return tuple(sorted(entities, key=lambda e: e.id)), by_key


def _cased_as(key: str, name: str) -> str:
    """Return the words of a match key written as in ``name``: "3d gaussian scene editing"
    from "editing of 3D Gaussian scenes" is "3D Gaussian scene editing", and "generation of
    artist-like meshes" keeps its hyphen: "artist-like mesh generation"."""
    written: dict[str, str] = {}
    for word in name.split():
        low = word.lower()
        written.setdefault(low, word)
        written.setdefault(singular(low), singular(word))
    out = " ".join(written.get(w, w) for w in key.split())
    for word in name.split():
        if "-" in word.strip("-"):
            for form in dict.fromkeys((word, singular(word))):  # in order, once each
                out = re.sub(rf"(?<!\S){re.escape(form.replace('-', ' '))}(?!\S)", form, out,
                             flags=re.IGNORECASE)
    return out


def choose_name(mentions: list[Mention], long_forms: set[str], title_len: dict[str, int]) -> str:
    """Return the canonical name of a new entity from its surface forms.

    A defined short form that is a coined name, not its long form's initials, names the
    entity ("Mask²DiT", "CNS-Bench"); an initialism is named by its long form when that is
    written as a name (Title Case), else by the acronym; the same mentions give the same
    name in every run.
    Otherwise the most frequent form written inside an
    abstract sentence wins (where its case is meaningful); forms from titles and sentence
    starts are lower-cased unless name-like.
    """
    if long_forms:
        # the most used definition; on a tie the one written as a name, then the first in
        # sorted order (never set order: that changes from run to run)
        uses = Counter(m.long_form for m in mentions if m.long_form in long_forms)
        long = max(sorted(long_forms), key=lambda f: (uses[f], all(
            w[:1].isupper() for w in f.split())))
        # a coined name ("Mask²DiT", "CNS-Bench", "LDFaceNet": not the long form's
        # initials) is what the paper calls its method, whatever the long form
        coined = next((m.text for m in mentions if m.long_form in long_forms
                       and m.source == "abbreviation" and not _initialism(m.text, m.long_form)
                       and match_key(m.text) != match_key(m.long_form)), "")
        if coined:
            return canonical_name(coined, keep_case=True)
        short = next((m.text for m in mentions if m.long_form and is_acronym(m.text)), "")
        if short and not all(w[:1].isupper() for w in long.split()):
            return canonical_name(short, keep_case=True)
        return canonical_name(long, keep_case=True)
    inside = [m.text for m in mentions
              if m.start >= title_len.get(m.paper_id, 0) and m.start != m.sentence[0]]
    if inside:
        return canonical_name(_most_common(inside), keep_case=True)
    return canonical_name(canonical_case(_most_common([m.text for m in mentions])))


def _initialism(short: str, long: str) -> bool:
    """Return True when ``short`` spells the initials of ``long`` ("ADS": "Active
    Diffusion Subsampling"; "ODEs": "ordinary differential equations")."""
    return _acronym_letters(short) == initials(long)


def _most_common(items: list[str]) -> str:
    """Return the most frequent item, the first seen on a tie (``Counter.most_common``)."""
    if len(items) == 1:  # most entities: no Counter needed
        return items[0]
    return Counter(items).most_common(1)[0][0]


def broader_relations(entities: Iterable[Entity]) -> tuple[Relation, ...]:
    """Return ``broader`` relations from noun-phrase heads: a "latent diffusion model" is a
    kind of "diffusion model" when both are entities of one type.

    Corpus-level, so ``paper_id`` is empty; :func:`broader_target` says which pairs count.
    """
    entities = list(entities)
    index = broader_index((e.id, e.type, e.name) for e in entities)
    return tuple(Relation(e.id, "broader", target, "", (), BROADER_CONFIDENCE)
                 for e in entities if (target := broader_target(e.id, e.type, e.name, index)))


BROADER_CONFIDENCE = 0.9


def broader_index(entities: Iterable[tuple[str, EntityType, str]]
                  ) -> dict[tuple[EntityType, str], str]:
    """Return {(type, match key): id} of the entities that can be broader than others.

    Only common noun phrases (no capital letters: "diffusion model", not "Stable
    Diffusion" or "CNN") are kinds that other names specialise.
    """
    return {(t, match_key(name)): eid for eid, t, name in entities if name == name.lower()}


def broader_target(eid: str, etype: EntityType, name: str,
                   index: dict[tuple[EntityType, str], str]) -> str | None:
    """Return the id of the entity directly broader than this one, if there is one.

    That is the entity of the same type whose match key is the longest word-final part
    of this name's ("video super-resolution" -> "super-resolution"). Acronyms have no
    head to strip.
    """
    if is_acronym(name):
        return None
    for head in head_keys(match_key(name)):
        target = index.get((etype, head))
        if target and target != eid:
            return target
    return None


def head_keys(key: str) -> Iterator[str]:
    """Yield the word-final parts of a match key, longest first.

    ``"latent diffusion model"`` -> ``"diffusion model"``, ``"model"``; a part never
    starts with a function word ("text to image generation" skips "to image generation").
    """
    words = key.split()
    for i in range(1, len(words)):
        if words[i] not in _FUNCTION_WORDS:
            yield " ".join(words[i:])


_FUNCTION_WORDS = ARTICLES | frozenset("to of for and or in on with from by via".split())
