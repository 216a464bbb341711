import json

import pytest

from kg.errors import UnknownNameError
from kg.pipeline import run_extraction, update_store
from kg.query import NAMED_QUERIES, QueryError, format_results, open_source, run, run_named
from tests.conftest import make_paper

PAPERS = [
    make_paper("PatchFlow: Flows for Super-Resolution",
               "We propose PatchFlow for image super-resolution, trained on DIV2K and tested "
               "on Set5.", date="2025-03-11"),
    make_paper("Faster Upscaling", "An image super-resolution method evaluated on Set5 with "
               "PSNR, built on a U-Net.", date="2025-03-02"),
    make_paper("FogNet: Detection", "We propose FogNet for object detection on COCO.",
               date="2025-02-01"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "store"
    update_store(path, run_extraction(PAPERS))
    return open_source(path)


def column(results, name):
    return [row[name].value for row in results]


def test_top_datasets_counts_papers(store):
    rows = {r["name"].value: int(r["papers"].value) for r in run_named(store, "top-datasets")}
    assert rows["Set5"] == 2 and rows["DIV2K"] == 1 and rows["COCO"] == 1


def test_datasets_for_task_matches_any_label_part(store):
    names = column(run_named(store, "datasets-for-task", "super-resolution"), "name")
    assert names == ["Set5", "DIV2K"]  # most papers first


def test_methods_for_task_and_on_dataset(store):
    assert "PatchFlow" in column(run_named(store, "methods-for-task", "Super-Resolution"), "name")
    assert "FogNet" in column(run_named(store, "methods-on-dataset", "coco"), "name")


def test_papers_using_dataset_newest_first(store):
    titles = column(run_named(store, "papers-using-dataset", "set5"), "title")
    assert titles == ["PatchFlow: Flows for Super-Resolution", "Faster Upscaling"]


def test_co_occurring(store):
    shared = {r["name"].value: int(r["shared"].value) for r in run_named(store, "co-occurring", "Set5")}
    assert shared["image super-resolution"] == 2 and "COCO" not in shared


def test_proposed_this_week(store):
    newest = column(run_named(store, "proposed-this-week"), "name")
    assert newest == ["PatchFlow"]  # the week up to the newest date, 2025-03-11
    assert column(run_named(store, "proposed-this-week", "2025-02-03"), "name") == ["FogNet"]
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        run_named(store, "proposed-this-week", "last week")


def test_relations_of_an_entity_with_support_and_evidence(store):
    rows = list(run_named(store, "relations-of", "FogNet"))
    found = {(r["subject"].value, r["relation"].value, r["object"].value): r for r in rows}
    r = found[("FogNet", "usedFor", "object detection")]
    assert int(r["papers"].value) == 1 and 0 < float(r["confidence"].value) < 1
    assert r["evidence"].value == "We propose FogNet for object detection on COCO."


def test_kinds_of_follow_noun_phrase_heads(tmp_path):
    path = tmp_path / "store"
    update_store(path, run_extraction([
        make_paper("A", "We distil latent diffusion models and video diffusion models."),
        make_paper("B", "A diffusion model for audio.")]))
    names = column(run_named(open_source(path), "kinds-of", "diffusion model"), "name")
    assert names == ["latent diffusion model", "video diffusion model"]


def test_every_named_query_runs(store):
    for name, q in NAMED_QUERIES.items():
        arg = {"DATASET": "set5", "TASK": "detection", "NAME": "COCO", "DATE": None}.get(q.argument)
        assert list(run_named(store, name, arg)) is not None


def test_arguments_cannot_inject(store):
    evil = 'x")) } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER(("'
    assert list(run_named(store, "papers-using-dataset", evil)) == []
    assert len(list(run_named(store, "top-datasets"))) >= 3


def test_errors(store):
    with pytest.raises(UnknownNameError, match="valid: co-occurring"):
        run_named(store, "nope")
    with pytest.raises(QueryError, match="needs an argument"):
        run_named(store, "datasets-for-task")
    with pytest.raises(QueryError, match="bad SPARQL"):
        run(store, "SELECT WHERE")


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_result_formats(store, fmt):
    text = format_results(run_named(store, "top-datasets"), fmt)
    if fmt == "json":
        assert len(json.loads(text)["results"]["bindings"]) >= 3
    elif fmt == "table":
        assert text.splitlines()[0].split() == ["entity", "name", "papers"]
        assert "kgr:dataset/set5" in text and text.rstrip().endswith("rows)")
    else:
        assert text.splitlines()[0].replace("?", "").split("," if fmt == "csv" else "\t") == \
            ["entity", "name", "papers"]


def test_ask_and_construct(store):
    assert format_results(run(store, "ASK { ?p a kg:Paper }")) == "true\n"
    nt = format_results(run(store, "CONSTRUCT { ?p a kg:Paper } WHERE { ?p a kg:Paper }"), "csv")
    assert nt.count("\n") == 3


def test_query_a_file(tmp_path):
    from kg.exporters import write

    path = write("turtle", run_extraction(PAPERS), tmp_path)
    rows = column(run_named(open_source(path), "top-datasets"), "name")
    assert "Set5" in rows


def test_cli_query(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    path = tmp_path / "store"
    update_store(path, run_extraction(PAPERS))
    runner = CliRunner()
    out = runner.invoke(cli, ["query", str(path), "--name", "datasets-for-task", "super-resolution"])
    assert out.exit_code == 0 and "Set5" in out.output
    out = runner.invoke(cli, ["query", str(path), "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }",
                              "--format", "csv"])
    assert out.output.split() == ["n", "3"]
    assert "datasets-for-task" in runner.invoke(cli, ["query", str(path), "--list"]).output
