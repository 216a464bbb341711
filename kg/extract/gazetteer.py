"""The curated gazetteer: loading ``kg/data/gazetteer.txt`` and matching it in docs.

Each entry becomes spaCy ``PhraseMatcher`` patterns that carry the entry's id, so a
gazetteer hit arrives already linked. Name-like aliases (acronyms, CamelCase, digits) are
matched exactly; other aliases case-insensitively, with the plural of their head added.
The ``kg_gazetteer`` component writes the hits to ``doc.spans["kg_gazetteer"]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from kg.errors import InputError
from kg.extract.components import GAZETTEER_KEY, BatchComponent
from kg.normalize import entity_id, is_name_like, singular
from kg.types import EntityType


@dataclass(frozen=True)
class GazetteerEntry:
    """One known method, dataset, task or metric."""

    id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...]
    origin: str = ""  # the override file that made or changed this entry, if one did

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def default_path() -> Path:
    """Return the path of the gazetteer that ships with kg."""
    return Path(str(resources.files("kg") / "data" / "gazetteer.txt"))


def parse_gazetteer(text: str, *, path: str = "<gazetteer>") -> tuple[GazetteerEntry, ...]:
    """Return the entries of a gazetteer file (``type | name | alias ; alias``).

    A form that two entries claim is an error, as a repeated entry is: the matcher would
    give every hit of it to whichever entry comes first ("AP50" as an alias of AP and an
    entry of its own). Forms are compared as they are matched: name-like ones exactly,
    others case-insensitively, with the plurals and title-case variants added.
    """
    entries: dict[str, GazetteerEntry] = {}
    claimed: dict[str, str] = {}  # match key -> the entry id that claims it
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not parts[1]:
            raise InputError(path, "expected 'type | name | aliases'", line=number)
        try:
            etype = EntityType(parts[0])
        except ValueError:
            raise InputError(path, f"unknown type {parts[0]!r}; valid: "
                             f"{', '.join(t.value for t in EntityType)}", line=number) from None
        aliases = tuple(a.strip() for a in parts[2].split(";") if a.strip())
        eid = entity_id(etype.value, parts[1])
        if eid in entries:
            raise InputError(path, f"duplicate entry {eid}", line=number)
        entries[eid] = GazetteerEntry(eid, etype, parts[1], aliases)
        for form in entries[eid].forms:
            for v in variants(form):
                other = claimed.setdefault(v if is_exact_form(v) else v.lower(), eid)
                if other != eid:
                    raise InputError(path, f"{form!r} also names the entry {other}",
                                     line=number)
    return tuple(entries.values())


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> tuple[GazetteerEntry, ...]:
    """Return the entries of the gazetteer at ``path`` (default: the shipped one)."""
    p = Path(path) if path else default_path()
    try:
        return parse_gazetteer(p.read_text(encoding="utf-8"), path=str(p))
    except OSError as e:
        raise InputError(str(p), f"cannot read gazetteer: {e.strerror}") from None


def is_exact_form(form: str) -> bool:
    """Return True when an alias must match with its case ("SD", "DiT", "CIFAR-10"), as
    does one capitalised word: "Places", "Whisper" or "Habitat" name things where "places",
    "whisper" and "habitat" are words (an entry that is also a lower-case word lists that
    spelling: "Transformer ; transformer")."""
    return any(is_name_like(w) for w in form.split()) or (
        form.isalpha() and form[:1].isupper() and form[1:].islower())


@lru_cache(maxsize=1 << 15)
def variants(form: str) -> frozenset[str]:
    """Return a form and its plural ("diffusion model" -> "... models", "GAN" -> "GANs"),
    and for an exact form with lower-case words, both in title case as well ("CLIP score"
    -> "CLIP Score", "text-to-SQL" -> "Text-to-SQL": titles capitalise the common words,
    not the names). Cached: loading checks them (:func:`parse_gazetteer`) and the matcher
    is built from them (:func:`patterns`)."""
    forms = _number_variants(form)
    if is_exact_form(form) and (" " in form or form[:1].islower()):
        forms |= {" ".join(map(_title_case, f.split(" "))) for f in forms}
    return frozenset(forms)


def _title_case(word: str) -> str:
    """Return a word as a title writes it: "score" -> "Score", "text-to-SQL" -> "Text-to-SQL";
    names keep their case ("CLIP", "mT5")."""
    return word[:1].upper() + word[1:] if word.islower() or (
        "-" in word and word[:1].islower()) else word


def _number_variants(form: str) -> set[str]:
    words = form.split(" ")
    last = words[-1]
    if is_exact_form(last) and last[-1:].isupper():
        return {form, " ".join([*words[:-1], last + "s"])}
    if singular(last) == last and last[-1:].isalpha() and not is_exact_form(last):
        plural = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else (
            last + "es" if last.endswith(("s", "x", "ch", "sh")) else last + "s")
        return {form, " ".join([*words[:-1], plural])}
    return {form}


def versioned_families(entries: tuple[GazetteerEntry, ...]) -> frozenset[str]:
    """Return the ids of entries whose aliases list versions of the entry ("SD 1.5" and "SD
    V2.1" of Stable Diffusion, "Qwen2.5" of Qwen): such an entry holds all its versions, so
    a version written after its name stays that entry."""
    return frozenset(e.id for e in entries if any(
        a != f and a.startswith(f) and _VERSION_TAIL.match(a[len(f):])
        for a in e.aliases for f in e.forms))


_VERSION_TAIL = re.compile(r"[ -]?[vV]?\d")


def patterns(entries: tuple[GazetteerEntry, ...]) -> tuple[list[dict], list[dict]]:
    """Return (exact, case-insensitive) phrase patterns for the entries, in span_ruler's
    format: ``{"label": "METHOD", "pattern": "DDIM", "id": "method/ddim"}``."""
    exact: dict[str, dict] = {}
    lower: dict[str, dict] = {}
    for entry in entries:
        for form in entry.forms:
            for v in sorted(variants(form)):
                target, key = (exact, v) if is_exact_form(v) else (lower, v.lower())
                target.setdefault(key, {"label": entry.type.label, "pattern": v, "id": entry.id})
    return list(exact.values()), list(lower.values())


@Language.factory("kg_gazetteer")
def make_gazetteer_matcher(nlp: Language, name: str) -> "GazetteerMatcher":
    """Create the gazetteer component; :meth:`GazetteerMatcher.add_entries` fills it."""
    return GazetteerMatcher(nlp.vocab)


class GazetteerMatcher(BatchComponent):
    """Write each gazetteer hit to ``doc.spans["kg_gazetteer"]`` as a span labelled with the
    entry's type, its ``id_`` the entry's id; exact forms first, then case-insensitive ones,
    each in span order (what two ``span_ruler``s gave).

    Two spaCy ``PhraseMatcher``s (ORTH and LOWER) and nothing else: ``span_ruler`` wraps the
    same matchers but costs 28 us more per abstract each (a warnings filter, an empty token
    Matcher and string labels on every doc): a third of ``fast``'s matching time.
    """

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.matchers = (PhraseMatcher(vocab, attr="ORTH"), PhraseMatcher(vocab, attr="LOWER"))
        self.keys: dict[int, tuple[int, int]] = {}  # match id -> (label hash, entry id hash)

    def add_entries(self, entries: tuple[GazetteerEntry, ...],
                    make_doc: Callable[[str], Doc]) -> None:
        """Add the patterns of ``entries``; ``make_doc`` tokenises them as the texts are."""
        strings = self.vocab.strings
        for matcher, pats in zip(self.matchers, patterns(entries)):
            for p in pats:
                key = f"{p['label']} {p['id']}"
                self.keys[strings.add(key)] = (strings.add(p["label"]), strings.add(p["id"]))
                matcher.add(key, [make_doc(p["pattern"])])

    def __call__(self, doc: Doc) -> Doc:
        keys = self.keys
        spans: list[Span] = []
        for matcher in self.matchers:
            # span_ruler's order: by start, end, label, then id
            hits = sorted({(start, end, *keys[m]) for m, start, end in matcher(doc)})
            spans.extend(Span(doc, start, end, label=label, span_id=eid)
                         for start, end, label, eid in hits)
        doc.spans[GAZETTEER_KEY] = spans
        return doc

