import pytest

from kg.pipeline import run_extraction
from kg.view import ViewError, ViewOptions, build_view, find_entity
from tests.conftest import make_paper

PAPERS = [
    make_paper("PatchFlow: Flows for Super-Resolution", "We propose PatchFlow for image "
               "super-resolution on DIV2K and Set5 with a U-Net.", url="https://example.org/a"),
    make_paper("Faster Upscaling", "An image super-resolution method evaluated on Set5.",
               url="javascript:alert(1)"),
    make_paper("FogNet: Detection", "We propose FogNet for object detection on COCO with a U-Net."),
]


@pytest.fixture(scope="module")
def data():
    return run_extraction(PAPERS)


def ids(view, kind=None):
    return {n["id"] for n in view["nodes"] if kind is None or n["type"] == kind}


def test_full_view_has_papers_entities_and_positions(data):
    view = build_view(data)
    assert len(ids(view, "paper")) == 3 and len(view["nodes"]) == 3 + len(data.entities)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in view["nodes"])
    rels = {e["rel"] for e in view["edges"]}
    assert {"mentions", "proposes"} <= rels
    assert rels - {"mentions", "proposes"} <= {"usedFor", "evaluatedOn", "evaluatedWith",
                                               "comparedWith", "hyponymOf", "broader"}
    # roles repeat "mentions" and are not drawn twice
    assert len([e for e in view["edges"] if e["from"].startswith("paper/")]) == \
        len([r for r in data.relations if r.predicate in ("mentions", "proposes")])
    assert view["omitted"]["entities"] == 0


def test_entity_relations_are_arrows_with_their_sentence(data):
    view = build_view(data)
    between = [e for e in view["edges"] if not e["from"].startswith("paper/")]
    stated = {(r.subject, r.predicate, r.object) for r in data.relations
              if r.subject != r.paper_id}
    assert between and {(e["from"], e["rel"], e["to"]) for e in between} == stated
    for e in between:
        assert e["arrows"] == "to" and "confidence" in e["title"]


def test_layout_is_deterministic(data):
    a, b = build_view(data), build_view(data)
    assert [(n["x"], n["y"]) for n in a["nodes"]] == [(n["x"], n["y"]) for n in b["nodes"]]


def test_cap_keeps_the_most_supported_and_says_so(data):
    view = build_view(data, ViewOptions(max_nodes=4))
    kept = [n for n in view["nodes"] if n["type"] != "paper"]
    assert len(view["nodes"]) <= 4
    best = max(e.support for e in data.entities)
    assert kept and all(n["support"] == best for n in kept[:1])
    assert view["omitted"]["entities"] == len(data.entities) - len(kept) > 0


def test_cooccurrence_view(data):
    view = build_view(data, ViewOptions(kind="cooccurrence"))
    assert ids(view, "paper") == set()
    weights = {(e["from"], e["to"]): e["value"] for e in view["edges"]}
    sr = find_entity(data, "image super-resolution")
    assert weights[tuple(sorted((sr, "dataset/set5")))] == 2


def test_around_view_by_alias_and_depth(data):
    # depth 1: Set5, its papers and what they name; depth 2: one more paper hop.
    one = build_view(data, ViewOptions(kind="around", around="Set5", depth=1))
    assert {"dataset/set5", "method/u-net", "method/patchflow"} <= ids(one)
    assert "method/fognet" not in ids(one) and f"paper/{PAPERS[2].id}" not in ids(one)
    two = build_view(data, ViewOptions(kind="around", around="set5", depth=2))
    assert "method/fognet" in ids(two)  # via U-Net, shared with the FogNet paper


def test_unknown_entity_and_view(data):
    with pytest.raises(ViewError, match="no entity named 'Set55'; did you mean: Set5"):
        build_view(data, ViewOptions(kind="around", around="Set55"))
    with pytest.raises(ViewError, match="unknown view"):
        build_view(data, ViewOptions(kind="sideways"))


def test_panel_data(data):
    view = build_view(data)
    set5 = next(n for n in view["nodes"] if n["id"] == "dataset/set5")
    titles = {view["papers"][i]["title"] for i in set5["papers"]}
    assert titles == {PAPERS[0].title, PAPERS[1].title}
    for paper_index, sentence, start, end in set5["evidence"]:
        assert sentence[start:end] == "Set5"
    assert view["papers"][1]["url"] == ""  # a javascript: link is never shown
    assert view["papers"][0]["url"] == "https://example.org/a"


def test_cli_view_from_store_and_files(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli
    from kg.pipeline import update_store

    update_store(tmp_path / "store", run_extraction(PAPERS))
    runner = CliRunner()
    out = runner.invoke(cli, ["view", str(tmp_path / "store"), "--around", "Set5", "-o",
                              str(tmp_path / "a.html")])
    assert out.exit_code == 0, out.output
    html = (tmp_path / "a.html").read_text()
    assert "dataset/set5" in html and "method/fognet" not in html
    example = tmp_path.parent / "x.jsonl"
    example.write_text('{"title": "T", "abstract": "We use ResNet on COCO."}\n')
    out = runner.invoke(cli, ["view", str(example), "--kind", "cooccurrence", "-o",
                              str(tmp_path / "c.html")])
    assert out.exit_code == 0 and "dataset/coco" in (tmp_path / "c.html").read_text()
