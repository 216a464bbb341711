import os

import pytest

from kg.errors import InputError, RecordError, UnknownNameError
from kg.normalize import paper_id
from kg.sources import ReadOptions, all_readers, detect_format, get_reader, read_papers
from tests.conftest import DATA

FIXTURES = {"jsonl": "papers.jsonl", "json": "papers.json", "csv": "papers.csv",
            "arxiv": "papers.xml", "bibtex": "papers.bib", "daily-papers": "daily_papers.txt"}


def test_every_reader_has_a_fixture():
    assert set(all_readers()) == set(FIXTURES)


@pytest.mark.parametrize("fmt", sorted(FIXTURES))
def test_reader_reads_titles_and_abstracts(fmt):
    path = DATA / FIXTURES[fmt]
    assert detect_format(path) == fmt
    papers = list(read_papers([path]))
    assert papers[0].title == "Sparse Router Distillation"
    assert "SpaRD" in papers[0].abstract
    assert papers[1].title == "Wavelet Segmentation"
    assert all(p.source.startswith(str(path) + ":") for p in papers)


@pytest.mark.parametrize("fmt", sorted(FIXTURES))
def test_ids_are_stable_across_formats(fmt):
    """The same paper read from any format gets the same id (arXiv id, else title hash)."""
    first = list(read_papers([DATA / FIXTURES[fmt]]))[0]
    if fmt == "daily-papers":  # no arXiv id on that page: a title hash
        assert first.id.startswith("t")
    else:
        assert first.id == "arxiv-2403.01234"


def test_same_paper_in_two_files_is_read_once():
    papers = list(read_papers([DATA / "papers.jsonl", DATA / "papers.xml",
                               DATA / "daily_papers.txt"]))
    titles = [p.title for p in papers]
    assert len(titles) == len(set(titles)) == 4


def test_structured_fields():
    jsonl = list(read_papers([DATA / "papers.jsonl"]))
    assert jsonl[0].authors == ("Ada Lovelace", "Alan Turing")
    assert jsonl[0].date == "2024-03-05" and jsonl[1].date == "2023"
    csv_papers = list(read_papers([DATA / "papers.csv"]))
    assert csv_papers[0].authors == ("Ada Lovelace", "Alan Turing")
    assert "ConvNeXt" in csv_papers[1].abstract  # a quoted cell across two lines
    arxiv = list(read_papers([DATA / "papers.xml"]))
    assert arxiv[0].title == "Sparse Router Distillation"  # whitespace in titles folded
    assert arxiv[0].url == "http://arxiv.org/abs/2403.01234v2"
    assert arxiv[1].date == "2023-02-07"
    bib = list(read_papers([DATA / "papers.bib"]))
    assert bib[0].title == "Sparse Router Distillation" and bib[0].arxiv_id == "2403.01234"


class TestDailyPapers:
    def papers(self, **kw):
        return list(read_papers([DATA / "daily_papers.txt"], options=ReadOptions(**kw)))

    def test_header_is_skipped_and_every_entry_read(self):
        titles = [p.title for p in self.papers()]
        assert titles == ["Sparse Router Distillation", "Wavelet Segmentation",
                          "No Author Block Here", "Two Dates On One Entry"]

    def test_dates_and_author_counts(self):
        p = self.papers()
        assert (p[0].date, p[0].author_count) == ("2024-03-05", 2)
        # Year-less "Feb 7 3" (3 upvotes): the listing year is the latest explicit year + 1.
        assert (p[1].date, p[1].author_count) == ("2025-02-07", 1)
        assert (p[2].date, p[2].author_count) == (None, None)
        assert p[3].date == "2023-06-20"  # the first of two date lines

    def test_year_option_wins(self):
        assert self.papers(year=2031)[1].date == "2031-02-07"

    def test_year_from_file_time_when_no_date_has_a_year(self, tmp_path):
        f = tmp_path / "page.txt"
        f.write_text("Daily Papers\n\nA Title\n\nAn abstract.\n\n  • 2 authors\n·\nMay 3\n")
        os.utime(f, (1_700_000_000, 1_700_000_000))  # 2023-11-14
        assert list(read_papers([f]))[0].date == "2023-05-03"

    def test_card_furniture_is_skipped(self, tmp_path):
        f = tmp_path / "page.txt"
        f.write_text(
            "Daily Papers\n\nNov 6\n\nSubmitted by alice\n\nFirst Title\n\nFirst abstract.\n\n"
            "  • 2 authors\n·\nMay 3\n12\n\nSubmitted by\n\nbob_k\n\nUpvote\n7\n\n"
            "Second Title\n\nSecond abstract,\non two lines.\n\nLoad more\n")
        papers = list(read_papers([f]))
        assert [(p.title, p.abstract) for p in papers] == [
            ("First Title", "First abstract."), ("Second Title", "Second abstract, on two lines.")]
        assert papers[0].author_count == 2 and papers[0].source == f"{f}:7"

    def test_wrapped_titles_and_abstracts_in_paragraphs(self, tmp_path):
        f = tmp_path / "page.txt"
        long = "We propose a sparse voxel diffusion model for shape synthesis. " * 8
        f.write_text(
            "Daily Papers\n\nSparse Voxel Diffusion for Fast\nShape Synthesis\n\n"
            "We introduce a voxel diffusion model that synthesises shapes.\n\n"
            "It improves FID on ShapeNet chairs by a wide margin over point-cloud baselines.\n\n"
            "Code: https://example.org/voxels\n\n  • 2 authors\n·\nMay 3, 2024\n\n"
            f"Title Right Above Its Abstract\n{long}\n\nNo Meta Title\n\nShort text.\n\n"
            "A title\nthat wraps\n\nbut is not followed by a sentence start.\n")
        papers = list(read_papers([f]))
        assert [p.title for p in papers] == [
            "Sparse Voxel Diffusion for Fast Shape Synthesis", "Title Right Above Its Abstract",
            "No Meta Title", "A title that wraps"]
        assert papers[0].abstract == (
            "We introduce a voxel diffusion model that synthesises shapes. It improves FID on "
            "ShapeNet chairs by a wide margin over point-cloud baselines. "
            "Code: https://example.org/voxels")
        assert papers[1].abstract == long.strip() and papers[1].source == f"{f}:16"
        assert papers[2].abstract == "Short text."
        assert papers[3].abstract == "but is not followed by a sentence start."

    def test_a_copy_without_blank_lines(self, tmp_path):
        long = lambda task: f"We study {task} with a latent diffusion model on CelebA-HQ. " * 8
        f = tmp_path / "page.txt"
        f.write_text(
            "Daily Papers\nNov 6\nFirst Title\n" + long("inpainting") + "\n"
            "  • 2 authors\n·\nMay 3, 2024\nSecond Title\n" + long("deblurring") +
            "\nThird Title: Without Meta\n" + long("dehazing") + "\n")
        papers = list(read_papers([f]))
        assert [p.title for p in papers] == ["First Title", "Second Title",
                                             "Third Title: Without Meta"]
        assert [p.abstract.split()[2] for p in papers] == ["inpainting", "deblurring", "dehazing"]
        assert papers[2].source == f"{f}:10"

    def test_titles_keep_their_characters_and_abstracts_are_folded(self, tmp_path):
        """A title stays as the page writes it ("Mask²DiT", not NFKC's "Mask2DiT"): tools
        that join papers on their titles, such as the shared scorer, read it so."""
        f = tmp_path / "page.txt"
        f.write_text("Daily Papers\n\nMask²DiT for Eﬃcient\u00a0Video\n\nWe ﬁne-tune it.\n",
                     encoding="utf-8")
        (paper,) = read_papers([f])
        assert paper.title == "Mask²DiT for Eﬃcient Video" and paper.abstract == "We fine-tune it."
        assert paper.id == paper_id("Mask2DiT for Efficient Video")

    def test_an_abstracts_em_dash_stays_a_dash_between_words(self, tmp_path):
        """Folded to a hyphen, "QuillNet\u2014a model" would read as one word "QuillNet-a";
        the abstract keeps the em dash with spaces, the title its hyphen."""
        f = tmp_path / "page.txt"
        f.write_text("Daily Papers\n\nQuill\u2014Net: A Title\n\nWe propose QuillNet\u2014a "
                     "model for quill parsing.\n", encoding="utf-8")
        (paper,) = read_papers([f])
        assert paper.title == "Quill-Net: A Title"
        assert paper.abstract == "We propose QuillNet \u2014 a model for quill parsing."

    def test_site_navigation_and_footer_are_skipped(self, tmp_path):
        f = tmp_path / "page.txt"
        f.write_text("Hugging Face\nModels\nDatasets\nSpaces\nPricing\nLog In\nSign Up\n\n"
                     + (DATA / "daily_papers.txt").read_text(encoding="utf-8")
                     + "\n\nSystem theme\n\nCompany\nTOS\nPrivacy\nAbout\nJobs\n\nWebsite\n"
                     "Models\nDatasets\nSpaces\n", encoding="utf-8")
        fields = lambda p: (p.title, p.abstract, p.date, p.authors, p.author_count)
        assert [fields(p) for p in read_papers([f])] == [fields(p) for p in self.papers()]

    def test_the_shared_dev_page(self, shared):
        papers = list(read_papers([shared / "corpus" / "daily_papers_dev.txt"]))
        assert len(papers) == 31
        assert all(p.abstract for p in papers)
        assert sum(p.date is None for p in papers) == 1

    def test_the_shared_dev_page_without_blank_lines(self, shared, tmp_path):
        page = (shared / "corpus" / "daily_papers_dev.txt").read_text(encoding="utf-8")
        f = tmp_path / "page.txt"
        f.write_text("\n".join(ln for ln in page.splitlines() if ln.strip()), encoding="utf-8")
        fields = lambda p: (p.title, p.abstract, p.date, p.authors, p.author_count)
        assert [fields(p) for p in read_papers([f])] == [
            fields(p) for p in read_papers([shared / "corpus" / "daily_papers_dev.txt"])]


@pytest.mark.parametrize("content,fmt,line,message", [
    ('{"title": "ok", "abstract": "x"}\n{"title": "broken"\n', "jsonl", 2, "not JSON"),
    ('{"title": "ok"}\n{"abstract": "no title"}\n', "jsonl", 2, "no title"),
    ('[{"title": "ok"},\n {"title": 5}]', "json", 2, "no title"),
    ("title,abstract\nok,x\n,missing title\n", "csv", 3, "no title"),
    ("Daily Papers\n\nA title\n\n  • 2 authors\n·\nMay 3\n\nGood\n\nText.\n", "daily-papers", 3,
     "no abstract"),
    (("Daily Papers\n\nA title\n\nText.\n\n  • 2 authors\n·\nMay 3\n\nAn abstract, its title "
      "missing.\n\nGood\n\nText.\n"), "daily-papers", 11, "is a title missing"),
    ("@article{a, title={Ok}, abstract={x}}\n@article{b, title={oops\n@misc{c, title={C}}\n",
     "bibtex", 2, "bad BibTeX"),
])
def test_bad_record_names_file_and_line(tmp_path, content, fmt, line, message):
    f = tmp_path / "input.dat"
    f.write_text(content)
    with pytest.raises(RecordError) as err:
        list(read_papers([f], format=fmt))
    assert f"{f}:{line}:" in str(err.value) and message in str(err.value)
    skipped = []
    good = list(read_papers([f], format=fmt, options=ReadOptions(on_error=skipped.append)))
    assert len(skipped) == 1 and len(good) >= 1


def test_bad_xml_names_the_line(tmp_path):
    f = tmp_path / "feed.xml"
    f.write_text('<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><title>x</entry>\n')
    with pytest.raises(RecordError, match=r"feed.xml:2: not well-formed"):
        list(read_papers([f]))


@pytest.mark.parametrize("content,message", [
    ("", "file is empty"), ("  \n\n", "file is empty"),
])
def test_empty_file(tmp_path, content, message):
    f = tmp_path / "empty.txt"
    f.write_text(content)
    with pytest.raises(InputError, match=message):
        list(read_papers([f]))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_papers([tmp_path / "nope.jsonl"]))
    with pytest.raises(InputError, match="is a directory"):
        list(read_papers([tmp_path]))


def test_not_utf8(tmp_path):
    f = tmp_path / "latin1.jsonl"
    f.write_bytes(b'{"title": "ok"}\n{"title": "caf\xe9"}\n')
    with pytest.raises(InputError, match=r"latin1.jsonl:2: not UTF-8"):
        list(read_papers([f]))


def test_unknown_format_lists_valid_ones():
    with pytest.raises(UnknownNameError, match="valid: arxiv, bibtex"):
        get_reader("docx")


def test_undetectable_format(tmp_path):
    f = tmp_path / "mystery.dat"
    f.write_text("just some words\n")
    with pytest.raises(InputError, match="cannot tell the input format"):
        detect_format(f)
