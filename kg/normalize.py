"""Pure, idempotent string functions: folding, singular heads, match keys, ids and names."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
import unicodedata

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"), "-")
# in prose an em dash sets a phrase off ("QuillNet\u2014a model for ..."): folded to a hyphen
# it would glue the words around it into one ("QuillNet-a"), so abstracts keep it, spaced
_PROSE_DASHES = {**_DASHES, ord("\u2014"): " \u2014 ", ord("\u2015"): " \u2014 "}
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201b\u2032"), "'")
_INVARIANT = frozenset(
    "data series species physics dynamics analysis basis mathematics statistics genomics "
    "robotics graphics linguistics economics semantics pragmatics news gaussians lens "
    "corpus bias status process class loss less mass thesis synthesis hypothesis "
    "diagnosis axis chassis bus gas alias focus consensus census radius apparatus "
    "virus campus bonus chorus stimulus calculus locus nucleus cosmos chaos ethos".split()
)
_ARXIV_RE = re.compile(
    r"(?:arxiv[:/ ]|abs/|pdf/)?(?P<id>\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 16)
def fold(text: str, *, compat: bool = True, prose: bool = False) -> str:
    """Return ``text`` with Unicode compatibility forms, dashes, quotes and spaces folded.

    ``compat=False`` keeps compatibility characters as written ("Mask²DiT", not "Mask2DiT"):
    readers fold titles so, because tools that join papers on their titles (the shared
    scorer among them) read the title as the page writes it. ``prose=True`` (abstracts)
    keeps an em dash, with spaces around it, where other dashes become hyphens.
    """
    text = unicodedata.normalize("NFKC" if compat else "NFC", text)
    text = text.translate(_PROSE_DASHES if prose else _DASHES).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1 << 16)
def singular(word: str) -> str:
    """Return the singular of an English noun (rules, not a dictionary; idempotent).

    Acronym plurals ("GANs", "LoRAs", "ODEs") lose their final lower-case ``s``; a final
    capital S is part of the acronym ("CRPS", "LPIPS").
    """
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper() and word[-2].isalpha():
        return word[:-1]
    if word.endswith("S"):
        return word
    if "-" in word:  # "encoder-decoders": the head is the last part
        head, _, last = word.rpartition("-")
        return f"{head}-{singular(last)}"
    low = word.lower()
    if len(low) <= 3 or not low.endswith("s") or low in _INVARIANT or not low.isalpha():
        return word
    if low.endswith(("ss", "us", "is", "ics")):
        return word
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if low.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    return word[:-1]


def singular_phrase(phrase: str) -> str:
    """Return ``phrase`` with its last word (the English head noun) made singular."""
    words = phrase.split(" ")
    words[-1] = singular(words[-1])
    return " ".join(words)


# LaTeX in names: \underline{X}, \text{X}, \mathbf{X} ... -> X; math dollars dropped
# ("$\text{S}^3$Diff" and "S$^3$Diff" share a key)
_MARKUP = re.compile(r"\\(?:underline|text|textbf|textit|textrm|mathrm|mathbf|mathit|mathcal|"
                     r"mathbb|operatorname)\{([^}]*)\}|\$")
_KEY_SEPARATORS = re.compile(r"[-_/]+")  # hyphens, underscores, slashes: one space
_KEY_DROPS = re.compile(r"[^\w\s.+^']")  # all punctuation but . + ^ and the apostrophe


@lru_cache(maxsize=1 << 16)
def match_key(text: str) -> str:
    """Return the key under which surface forms of one name are merged.

    Case, dashes, underscores, slashes, punctuation, a leading "the" and the plural of the
    head word are ignored: "Super-Resolution", "super resolution" and "the super-resolutions"
    share one key.
    """
    s = fold(text)
    if s[-1:] == "s" and s[-2:-1].isupper():  # an acronym's plural: "BCs" (not "bcs": 3 letters)
        s = s[:-1]
    s = s.lower()
    if "$" in s or "\\" in s:  # a template substitution is slow: only when needed
        s = _MARKUP.sub(r"\1", s)
    words = _KEY_DROPS.sub("", _KEY_SEPARATORS.sub(" ", s)).split()
    if words[:1] == ["the"]:
        del words[0]
    if words:
        words[-1] = singular(words[-1])
    return " ".join(words)


def initials(text: str) -> str:
    """Return the upper-cased first letters of a phrase's words, hyphen parts counted as
    words ("Bayesian Flow Networks": "BFN"; "Fukunaga-Koontz Transform": "FKT")."""
    return "".join(w[0] for w in _WORD_SEPARATORS.split(text) if w).upper()


_WORD_SEPARATORS = re.compile(r"[\s-]+")


@lru_cache(maxsize=1 << 16)
def is_name_like(word: str) -> bool:
    """Return True for a word whose casing carries meaning (acronyms, CamelCase, digits).

    Each part of a hyphenated word is judged alone, so "One-Step" (title case) is not
    name-like but "CIFAR-10", "U-Net", "SkyReel-I2V" and "d-Reasoner" are.
    """
    parts = [p for p in word.split("-") if p]
    return any(
        any(c.isupper() for c in p[1:]) or any(c.isdigit() for c in p)
        or (len(p) == 1 and p.isupper())
        for p in parts
    ) or (len(parts) > 1 and len(parts[0]) == 1 and parts[0].islower()
          and parts[1][:1].isupper())  # "d-Reasoner": a one-letter prefix before a capital


@lru_cache(maxsize=1 << 16)
def is_acronym(text: str) -> bool:
    """Return True for short forms such as "DDIM", "LoRA", "SD", "GPT-2" or "AO-ARMs"."""
    t = singular(text)
    letters = [c for c in t if c.isalpha()]
    uppers = sum(c.isupper() for c in letters)
    return 2 <= len(t) <= 12 and " " not in t and uppers >= 2 and uppers * 2 >= len(letters)


def canonical_case(surface: str) -> str:
    """Return a surface form in the guideline's case: names kept, common nouns lower-cased.

    A word keeps its case when it is name-like (acronym, CamelCase, digits); other words
    are lower-cased, so "Diffusion Models" becomes "diffusion models" but "CIFAR-10" and
    "DiT" stay.
    """
    return " ".join(w if is_name_like(w) else w.lower() for w in fold(surface).split(" "))


def canonical_name(surface: str, *, keep_case: bool = False) -> str:
    """Return the canonical form of one surface form: singular head, guideline case."""
    text = fold(surface)
    if not keep_case:
        text = canonical_case(text)
    last = text.split(" ")[-1]
    if keep_case and not is_acronym(last) and last[:1].isupper():
        return text  # a proper name such as "Concept Sliders" keeps its plural
    return singular_phrase(text)


def slug(text: str) -> str:
    """Return an IRI-safe slug: ASCII letters, digits and single dashes, never empty. A
    "+" is spelled out, so "PointNet++" and "ScanNet++" do not take the ids of PointNet
    and ScanNet, and so are Greek letters: "π0" is pi0 (as its alias "pi0"), "β-DPO" not
    DPO, "PixArt-α" pixart-alpha."""
    ascii_text = unicodedata.normalize("NFKD", fold(text).translate(_GREEK)).encode(
        "ascii", "ignore").decode()
    ascii_text = ascii_text.replace("+", " plus ")
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return s or "x" + short_hash(text)


_GREEK = str.maketrans({g: name for g, name in zip(
    "αβγδεζηθικλμνξοπρστυφχψωΓΔΘΛΞΠΣΦΨΩ",
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
    "sigma tau upsilon phi chi psi omega gamma delta theta lambda xi pi sigma phi psi "
    "omega".split())})


def entity_id(entity_type: str, name: str) -> str:
    """Return the stable id of an entity: ``<type>/<slug of name>``."""
    return f"{entity_type}/{slug(name)}"


def short_hash(text: str, length: int = 12) -> str:
    """Return a hex digest prefix of ``text`` (stable across runs and machines)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def title_key(title: str) -> str:
    """Return a normalised title: case, accents, punctuation and spacing ignored."""
    ascii_title = unicodedata.normalize("NFKD", fold(title)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_title.lower()).strip()


def parse_arxiv_id(text: str | None) -> str | None:
    """Return the version-less arXiv id in an id, URL or DOI-like string, or None."""
    if not text:
        return None
    m = _ARXIV_RE.search(text.strip())
    return m.group("id") if m else None


def paper_id(title: str, arxiv_id: str | None = None) -> str:
    """Return a stable paper id: ``arxiv-<id>`` when known, else a hash of the title."""
    if arxiv_id:
        return "arxiv-" + arxiv_id.replace("/", "-")
    return "t" + short_hash(title_key(title))
