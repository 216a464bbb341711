"""Read the Atom XML that the arXiv API returns for a query.

    <feed xmlns="http://www.w3.org/2005/Atom"><entry>
      <id>http://arxiv.org/abs/2401.01234v2</id><title>Sparse Mixture Routing</title>
      <summary>We propose ...</summary><published>2024-01-03T00:00:00Z</published></entry></feed>
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from kg.errors import RecordError
from kg.normalize import fold, paper_id, parse_arxiv_id
from kg.sources.common import ReadOptions, Reader, parse_date, read_text, readers
from kg.types import Paper

ATOM = "{http://www.w3.org/2005/Atom}"


def read_arxiv(path: Path, *, options: ReadOptions = ReadOptions()) -> Iterator[Paper]:
    """Yield one paper for each ``<entry>`` of an arXiv API Atom feed."""
    parser = ET.XMLPullParser(events=("start", "end"))
    starts: list[int] = []
    for number, line in enumerate(read_text(path).splitlines(keepends=True), start=1):
        try:
            parser.feed(line)
            events = list(parser.read_events())
        except ET.ParseError as e:
            raise RecordError(str(path), f"not well-formed XML: {e}", line=number) from None
        for event, elem in events:
            if event == "start" and elem.tag == ATOM + "entry":
                starts.append(number)
            elif event == "end" and elem.tag == ATOM + "entry":
                try:
                    yield _paper(elem, path=str(path), line=starts.pop())
                except RecordError as e:
                    options.report(e)
                elem.clear()
    try:
        parser.close()
    except ET.ParseError as e:
        raise RecordError(str(path), f"not well-formed XML: {e}", line=e.position[0]) from None


def _paper(entry: ET.Element, *, path: str, line: int) -> Paper:
    def text(tag: str, *, compat: bool = True, prose: bool = False) -> str:
        return fold(entry.findtext(ATOM + tag) or "", compat=compat, prose=prose)

    title = text("title", compat=False)
    if not title:
        raise RecordError(path, "entry has no title", line=line)
    arxiv_id = parse_arxiv_id(text("id"))
    authors = tuple(fold(a.findtext(ATOM + "name") or "") for a in entry.findall(ATOM + "author"))
    link = next((a.get("href") for a in entry.findall(ATOM + "link")
                 if a.get("rel") == "alternate"), None) or text("id") or None
    return Paper(id=paper_id(title, arxiv_id), title=title, abstract=text("summary", prose=True),
                 authors=tuple(a for a in authors if a), date=parse_date(text("published")[:10]),
                 url=link, arxiv_id=arxiv_id, source=f"{path}:{line}")


def _sniff(head: str) -> bool:
    return "<feed" in head and "http://www.w3.org/2005/Atom" in head


readers.register("arxiv", func=Reader("arxiv", read_arxiv, (".xml", ".atom"), _sniff,
                                      "arXiv API Atom XML"))
