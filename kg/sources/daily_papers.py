"""Read the text of a Hugging Face Daily Papers page, pasted into a file.

A page header (``Daily Papers``, ``byAK and the research community``, the listing date) is
followed by one block a paper::

    Binary Latent Diffusion                  <- title
                                             <- blank line
    In this paper, we show that ...          <- abstract (one or more lines)
                                             <- blank line
      • 4 authors                            <- optional author/date block
    ·
    Apr 10, 2023                             <- or "Mar 25 2": no year, upvotes after it

A copy of the page may also carry the card's furniture, which kg skips wherever it stands:
"Submitted by NAME" (or "Submitted by" with the name on the next line), a count alone on a
line (upvotes, comments), "Upvote", "Load more", and the site's navigation and footer lines
of a whole-page copy ("Models", "Pricing", "System theme", ...: :data:`SITE_LINES`).

Copies differ in their line breaks, and kg reads them alike: a title may wrap over up to
three lines; an abstract may have more paragraphs (a second one of running text, or a line
with a link: "Code: https://..."); and a copy without blank lines runs title, abstract and
the next title together, which kg splits where a title-like line stands between the end of
one text and an abstract written on one line.

Dates without a year belong to the listing's year. The page only writes the year for dates
outside its own year, so the listing is later than every explicit year on it: unless
``ReadOptions.year`` says otherwise, kg takes the smallest year consistent with the page
(the largest explicit year plus one), and the file's modification year when no date on the
page has a year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import RecordError
from kg.normalize import fold, paper_id
from kg.sources.common import MONTHS, ReadOptions, Reader, parse_date, read_text, readers
from kg.types import Paper

# Lines of the page's own header (lower-cased), in no particular order.
HEADER_LINES = frozenset({
    "daily papers", "trending papers", "papers", "subscribe", "new",
    "byak and the research community", "get trending papers in your email inbox!",
})
_AUTHORS = re.compile(r"^\s*[•·*-]?\s*(\d+)\s+authors?\s*$", re.IGNORECASE)
_AUTHOR_NAMES = re.compile(r"^\s*•\s*(?P<names>\S.*)$")
_DOT = re.compile(r"^\s*[·•]\s*$")
_DATE = re.compile(
    r"^\s*(?:(?P<mon>[A-Z][a-z]{2})[a-z]*\.?\s+(?P<day>\d{1,2})(?:,\s*(?P<year>\d{4}))?)"
    r"\s*(?:·\s*)?(?P<votes>\d+)?\s*(?:·\s*)?$"
)
MAX_TITLE_CHARS = 400
MAX_TITLE_LINES = 3  # a long title wraps in a narrow window
MIN_PROSE_WORDS = 12  # a sentence this long after an abstract continues it
_URL = re.compile(r"https?://|www\.|github\.com", re.IGNORECASE)
_SENTENCE_ENDS = (".", "!", "?")
# The site's navigation and footer, which a whole-page copy carries (lower-cased; a line
# that is exactly one of these is no title and no abstract).
SITE_LINES = frozenset({
    "hugging face", "models", "datasets", "spaces", "community", "posts", "docs",
    "enterprise", "pricing", "log in", "sign up", "system theme", "company", "tos",
    "privacy", "about", "jobs", "careers", "website", "resources", "learn", "changelog",
    "status", "blog", "forum", "discord", "github", "twitter", "linkedin", "daily", "weekly",
    "monthly", "previous", "next", "submit", "submit paper", "search", "trending",
})
# Card furniture (see the module docstring): not a title, not an abstract, not metadata.
_FURNITURE = re.compile(r"^\s*(?:submitted\s+by\b.*|\d+|upvotes?|load\s+more|show\s+more)\s*$",
                        re.IGNORECASE)


@dataclass
class _Entry:
    title: str
    line: int
    abstract_lines: list[str] = field(default_factory=list)
    author_count: int | None = None
    authors: tuple[str, ...] = ()
    dates: list[tuple[str, str, str | None]] = field(default_factory=list)  # mon, day, year


def _is_date(line: str) -> bool:
    m = _DATE.match(line)
    return bool(m) and m["mon"].lower() in MONTHS


def _is_meta(line: str) -> bool:
    return bool(_AUTHORS.match(line) or _DOT.match(line) or _is_date(line)
                or line.lstrip().startswith("•"))


def sniff(head: str) -> bool:
    """Return True when the text looks like a pasted Daily Papers page."""
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    return any(ln.lower() == "daily papers" for ln in lines[:12]) or any(
        _AUTHORS.match(ln) for ln in lines)


def _without_furniture(lines: list[str]) -> list[str]:
    """Return ``lines`` with card furniture blanked (line numbers stay)."""
    out = list(lines)
    for i, line in enumerate(lines):
        if _FURNITURE.match(line) or line.strip().lower() in SITE_LINES:
            out[i] = ""
            # "Submitted by" alone: the submitter's name is the next non-blank line
            if line.strip().lower().replace(" ", "") == "submittedby":
                j = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
                if j is not None and len(lines[j].split()) == 1:
                    out[j] = ""
    return out


def _paragraphs(lines: list[str]) -> Iterator[tuple[int, list[str], bool]]:
    """Yield (first line number, lines, is_meta) for runs of non-blank lines of one kind."""
    run: list[str] = []
    start, kind = 0, False
    for number, line in enumerate(_without_furniture(lines), start=1):
        meta = _is_meta(line) if line.strip() else None
        if meta is None or (run and meta != kind):
            if run:
                yield start, run, kind
            run = []
        if meta is not None:
            if not run:
                start, kind = number, meta
            run.append(line)
    if run:
        yield start, run, kind


def _skip_header(paragraphs: list[tuple[int, list[str], bool]]) -> int:
    """Return the index of the first paragraph after the page header."""
    i = 0
    while i < len(paragraphs):
        _, lines, meta = paragraphs[i]
        if meta and all(_is_date(ln) for ln in lines):
            i += 1
        elif not meta and all(ln.strip().lower() in HEADER_LINES for ln in lines):
            i += 1
        else:
            break
    return i


def _split_runs(paragraphs: list[tuple[int, list[str], bool]]
                ) -> Iterator[tuple[int, list[str], bool]]:
    """Split text runs where a copy without blank lines runs one paper into the next: a
    title-like line between a line that ends a text (a sentence, or a whole abstract on one
    line) and an abstract on one line."""
    for start, lines, meta in paragraphs:
        cut = 0
        for i in range(1, len(lines) - 1):
            before, title, after = lines[i - 1].strip(), lines[i], lines[i + 1].strip()
            if (i > cut + 1 and _title_like([title]) and len(after) > MAX_TITLE_CHARS
                    and not after[:1].islower()
                    and (len(before) > MAX_TITLE_CHARS or before.endswith(_SENTENCE_ENDS))):
                yield start + cut, lines[cut:i], meta
                cut = i
        yield start + cut, lines[cut:], meta


def _parse_entries(path: str, paragraphs: list[tuple[int, list[str], bool]],
                   options: ReadOptions) -> list[_Entry]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    for line, lines, meta in _split_runs(paragraphs[_skip_header(paragraphs):]):
        if meta:
            if current is None or not current.abstract_lines:
                where, what = (current.line, f"title {current.title[:60]!r} has no abstract"
                               ) if current else (line, "author/date block without a paper above it")
                options.report(RecordError(path, what, line=where))
                current = None
                continue
            _read_meta(current, lines)
        elif current is not None and not current.abstract_lines and not current.dates:
            current.abstract_lines = [ln.strip() for ln in lines]
        else:
            split = _title_and_abstract(lines)
            if current is not None and not current.dates and _continues_abstract(lines, split):
                current.abstract_lines += [ln.strip() for ln in lines]
                continue
            _close(path, current, entries, options)
            if split is None:
                options.report(RecordError(
                    path, "expected a title here, found a paragraph "
                    "(is a title missing above this abstract?)", line=line))
                current = None
                continue
            current = _Entry(title=" ".join(split[0]), line=line, abstract_lines=split[1])
    _close(path, current, entries, options)
    return entries


def _title_like(lines: list[str]) -> bool:
    """A title: at most :data:`MAX_TITLE_LINES` lines, :data:`MAX_TITLE_CHARS` characters,
    not ending like a sentence or a clause."""
    text = " ".join(lines).strip()
    return len(lines) <= MAX_TITLE_LINES and len(text) <= MAX_TITLE_CHARS and not (
        text.endswith((".", ",", ";")))


def _prose(lines: list[str]) -> bool:
    """Running text, not a title: longer than a title can be, or a sentence of some length."""
    text = " ".join(lines).strip()
    return len(text) > MAX_TITLE_CHARS or (
        text.endswith(_SENTENCE_ENDS) and len(text.split()) >= MIN_PROSE_WORDS)


def _title_and_abstract(lines: list[str]) -> tuple[list[str], list[str]] | None:
    """Read a paragraph that starts a paper: a title wrapped over a few lines, or a title
    with its abstract on the next line (a copy without blank lines between them); None
    when no title can be read off it."""
    lines = [ln.strip() for ln in lines]
    for k in range(1, min(len(lines), MAX_TITLE_LINES) + 1):
        if not _title_like(lines[:k]):
            break
        if k == len(lines):
            return lines, []
        # the abstract starts a sentence: a lower-case line continues a wrapped text
        if _prose(lines[k:]) and not lines[k][:1].islower():
            return lines[:k], lines[k:]
    return None


def _continues_abstract(lines: list[str], split: tuple[list[str], list[str]] | None) -> bool:
    """Return True for a paragraph that goes on with the abstract above it (a second
    paragraph, "Code: https://..."), not a new paper's title (and abstract); ``split`` is
    :func:`_title_and_abstract` of ``lines``."""
    return bool(_prose(lines) or _URL.search(" ".join(lines))) and (split is None or not split[1])


def _close(path: str, entry: _Entry | None, entries: list[_Entry],
           options: ReadOptions) -> None:
    if entry is None:
        return
    if entry.abstract_lines:
        entries.append(entry)
    else:
        options.report(RecordError(path, f"title {entry.title[:60]!r} has no abstract",
                                   line=entry.line))


def _read_meta(entry: _Entry, lines: list[str]) -> None:
    for ln in lines:
        if m := _AUTHORS.match(ln):
            entry.author_count = int(m[1])
        elif _is_date(ln):
            d = _DATE.match(ln)
            entry.dates.append((d["mon"], d["day"], d["year"]))
        elif (m := _AUTHOR_NAMES.match(ln)) and not _DOT.match(ln):
            entry.authors = tuple(fold(a) for a in m["names"].split(",") if a.strip())
            entry.author_count = len(entry.authors)


def listing_year(entries: list[_Entry], path: Path, options: ReadOptions) -> int:
    """Return the year that year-less dates on this page belong to (see module docstring)."""
    if options.year is not None:
        return options.year
    years = [int(y) for e in entries for (_, _, y) in e.dates if y]
    if years:
        return max(years) + 1
    return dt.datetime.fromtimestamp(path.stat().st_mtime).year


def read_daily_papers(path: Path, *, options: ReadOptions = ReadOptions()) -> Iterator[Paper]:
    """Yield the papers of a pasted Daily Papers page."""
    lines = read_text(path).splitlines()
    entries = _parse_entries(str(path), list(_paragraphs(lines)), options)
    if not entries:
        raise RecordError(str(path), "no paper found (expected title, blank line, abstract)",
                          line=1)
    year = listing_year(entries, path, options)
    for e in entries:
        title = fold(e.title, compat=False)
        date = None
        if e.dates:
            mon, day, y = e.dates[0]
            date = parse_date(f"{mon} {day}" + (f", {y}" if y else ""), year=year)
        abstract = fold(" ".join(e.abstract_lines), prose=True)
        yield Paper(id=paper_id(title), title=title, abstract=abstract, authors=e.authors,
                    author_count=e.author_count, date=date, source=f"{path}:{e.line}")


readers.register("daily-papers", func=Reader(
    "daily-papers", read_daily_papers, (".txt", ".md"), sniff,
    "text pasted from a Hugging Face Daily Papers page"))
