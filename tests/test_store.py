import subprocess
import sys
import textwrap

import pytest
from rdflib import Graph

from kg.errors import InputError
from kg.pipeline import run_extraction, update_store
from kg.store import StoreLockedError, open_store
from kg.store_read import stats
from tests.conftest import ROOT, make_paper

A = make_paper("FogNet: Detection in Fog", "We propose FogNet for object detection on COCO.",
               date="2025-03-10")
B = make_paper("Rain Removal", "We improve object detection on KITTI and COCO with ResNet.",
               date="2025-03-12")
B2 = make_paper("Rain Removal", "We study image deraining on Cityscapes.", date="2025-03-12")


def support(store, entity_id):
    q = (f"SELECT ?n WHERE {{ GRAPH ?g {{ <https://w3id.org/kg/resource/{entity_id}> "
         f"<https://w3id.org/kg/ontology#support> ?n }} }}")
    rows = list(store.query(q))
    return int(rows[0]["n"].value) if rows else 0


def test_adding_is_incremental_and_idempotent(tmp_path):
    path = tmp_path / "store"
    update_store(path, run_extraction([A]))
    update_store(path, run_extraction([B]))
    store = open_store(path)
    assert stats(store)["Paper"] == 2 and support(store, "dataset/coco") == 2
    before = sorted(map(str, store))
    del store
    update_store(path, run_extraction([A, B]))  # the same papers again
    store = open_store(path)
    after = sorted(map(str, store))
    strip = lambda quads: [q for q in quads if "graph/void" not in q]  # VoID holds a time
    assert strip(after) == strip(before)


def test_re_adding_a_paper_replaces_what_it_contributed(tmp_path):
    path = tmp_path / "store"
    update_store(path, run_extraction([A, B]))
    update_store(path, run_extraction([B2]))  # same title: same paper, new abstract
    store = open_store(path)
    assert stats(store)["Paper"] == 2
    assert support(store, "dataset/coco") == 1  # only A still mentions COCO
    assert support(store, "dataset/kitti") == 0  # nobody does any more: gone
    assert not bool(store.query(
        "ASK { GRAPH ?g { <https://w3id.org/kg/resource/dataset/kitti> ?p ?o } }"))
    assert support(store, "dataset/cityscapes") == 1


def test_store_contents_conform_to_the_shapes(tmp_path):
    import pyshacl

    path = tmp_path / "store"
    update_store(path, run_extraction([A, B]))
    update_store(path, run_extraction([B2]))
    g = Graph()
    g.parse(data=open_store(path).dump(format=__import__("pyoxigraph").RdfFormat.N_QUADS)
            .decode(), format="nquads")
    union = Graph()
    for t in g.triples((None, None, None)):
        union.add(t)
    conforms, _, text = pyshacl.validate(
        union, shacl_graph=Graph().parse(ROOT / "ontology" / "shapes.ttl"),
        ont_graph=Graph().parse(ROOT / "ontology" / "kg.ttl"), inference="rdfs")
    assert conforms, text


def test_second_writer_gets_a_clear_error(tmp_path):
    path = tmp_path / "store"
    update_store(path, run_extraction([A]))
    holder = open_store(path)  # this process holds the write lock
    code = f"from kg.store import open_store; open_store({str(path)!r})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode != 0 and "store is locked" in out.stderr
    del holder


def test_lock_error_type_in_process(tmp_path):
    path = tmp_path / "store"
    update_store(path, run_extraction([A]))
    code = textwrap.dedent(f"""
        import time
        from kg.store import open_store
        s = open_store({str(path)!r}); print("open", flush=True); time.sleep(30)""")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "open"
        with pytest.raises(StoreLockedError, match="store is locked"):
            open_store(path)
    finally:
        proc.kill()
        proc.wait()


KILLER = """
import sys
import kg.store as st
from kg.pipeline import run_extraction, update_store

class Announcing:  # says when the store write itself starts, so the test kills inside it
    def __init__(self, store):
        self.store = store
    def __len__(self):
        return len(self.store)
    def __getattr__(self, name):
        attr = getattr(self.store, name)
        if name in ("update", "bulk_load"):
            print("writing", flush=True)
        return attr

real_open = st.open_store
st.open_store = lambda *a, **k: Announcing(real_open(*a, **k))
from kg.types import Paper
papers = [Paper(id=f"p{i}", title=f"Paper {i}", abstract="We propose FogNet%d on COCO "
          "and compare ResNet, ViT and BERT for object detection and image segmentation." % i)
          for i in range(int(sys.argv[2]))]
data = run_extraction(papers)
print("extracted", flush=True)
update_store(sys.argv[1], data)
print("done", flush=True)
"""


@pytest.mark.parametrize("existing", [True, False])
def test_killed_build_leaves_the_store_as_it_was(tmp_path, existing):
    import time

    path = tmp_path / "store"
    if existing:
        update_store(path, run_extraction([A]))
        before = len(open_store(path, read_only=True))
    proc = subprocess.Popen([sys.executable, "-c", KILLER, str(path), "3000"],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout.readline().strip() == "extracted"
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(0.5)  # the write takes seconds for 3000 papers: kill it half-way
    proc.kill()
    proc.wait()
    assert proc.returncode != 0  # it was killed, not finished
    if not path.exists():
        assert not existing  # a new store appears whole or not at all
        update_store(path, run_extraction([A]))  # and the half-built one is cleaned up
        assert not list(tmp_path.glob(".store.building-*"))
        return
    store = open_store(path, read_only=True)
    n_papers = stats(store)["Paper"]
    # All or nothing: either the store as before, or with all 3000 papers added.
    if existing:
        assert (n_papers, len(store)) == (1, before) or n_papers == 3001
    else:
        assert n_papers == 3000


def test_read_only_open_of_a_missing_store(tmp_path):
    from kg.store import StoreError

    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "nope", read_only=True)


def test_query_source_errors(tmp_path):
    from kg.query import open_source

    with pytest.raises(InputError, match="no such store or file"):
        open_source(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    with pytest.raises(InputError, match="not valid RDF"):
        open_source(bad)


@pytest.mark.parametrize("suffix", [".nq", ".trig", ".ttl", ".nt", ".jsonld", ".rdf"])
def test_export_the_whole_store(tmp_path, suffix):
    from click.testing import CliRunner
    from rdflib import Dataset

    from kg.cli import cli

    path = tmp_path / "store"
    update_store(path, run_extraction([A]))
    update_store(path, run_extraction([B]))
    out = tmp_path / f"all{suffix}"
    result = CliRunner().invoke(cli, ["export", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    store = open_store(path, read_only=True)
    n_quads = len(store)
    # triple formats hold the union: a relation two papers state is one triple
    n_triples = len({(q.subject, q.predicate, q.object) for q in store})
    del store
    fmt = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "nt",
           ".jsonld": "json-ld", ".rdf": "xml"}[suffix]
    if suffix in (".nq", ".trig", ".jsonld"):  # JSON-LD keeps named graphs too
        ds = Dataset()
        ds.parse(out, format=fmt)
        assert len(list(ds.quads())) == n_quads
        assert len(list(ds.graphs())) >= 4  # two papers, entities, VoID (+ default)
    else:
        assert len(Graph().parse(out, format=fmt)) == n_triples


def test_void_description_stays_exact_through_adds_and_replacements(tmp_path):
    from rdflib.namespace import VOID

    from kg.store import _described, write_description

    path = tmp_path / "store"
    update_store(path, run_extraction([A]))
    update_store(path, run_extraction([B]))
    update_store(path, run_extraction([B2, A]))  # one replaced twice over, one re-added
    store = open_store(path)
    kept = _described(store)
    write_description(store)  # count everything from scratch
    assert _described(store) == kept
    triples, classes = kept
    assert classes[__import__("kg.rdf", fromlist=["KG"]).KG.Paper] == 2 and triples > 100


def test_load_data_rebuilds_what_was_added(tmp_path):
    from kg.store_read import load_data

    data = run_extraction([A, B])
    update_store(tmp_path / "store", data)
    back = load_data(open_store(tmp_path / "store", read_only=True))
    assert [p.id for p in back.papers] == sorted(p.id for p in data.papers)
    key = lambda m: (m.paper_id, m.start, m.end, m.text, m.label, m.entity_id, m.source, m.proposed)
    assert sorted(map(key, back.mentions)) == sorted(map(key, data.mentions))
    assert {(e.id, e.type, e.name, e.support) for e in back.entities} == \
        {(e.id, e.type, e.name, e.support) for e in data.entities}
    rel = lambda r: (r.subject, r.predicate, r.object, r.evidence, round(r.confidence, 4))
    assert sorted(map(rel, back.relations)) == sorted(map(rel, data.relations))


def broader(store):
    q = "SELECT ?a ?b WHERE { GRAPH ?g { ?a <http://www.w3.org/2004/02/skos/core#broader> ?b } }"
    return {(r["a"].value.rsplit("/", 1)[-1], r["b"].value.rsplit("/", 1)[-1])
            for r in store.query(q)}


LDM = make_paper("Faster Sampling", "We speed up latent diffusion models for image synthesis.")
DM = make_paper("Audio Generation", "A diffusion model for audio generation.")
DM2 = make_paper("Audio Generation", "A GAN for audio generation.")


def test_broader_links_follow_the_names_in_the_store(tmp_path):
    path = tmp_path / "store"
    update_store(path, run_extraction([LDM]))
    assert broader(open_store(path)) == set()  # nothing broader known yet
    update_store(path, run_extraction([DM]))  # the head appears later: the link is made
    incremental = broader(open_store(path))
    assert ("latent-diffusion-model", "diffusion-model") in incremental
    update_store(tmp_path / "batch", run_extraction([LDM, DM]))
    assert broader(open_store(tmp_path / "batch")) == incremental
    update_store(path, run_extraction([DM2]))  # the only paper naming the head changes
    assert ("latent-diffusion-model", "diffusion-model") not in broader(open_store(path))


def test_a_build_links_names_to_the_entities_earlier_builds_stored(tmp_path):
    """Day one defines "sparse token mixer (STM)"; day two writes "STM" and another
    spelling of a name: one entity each in the store, and day two again changes nothing."""
    import json

    from kg.pipeline import build

    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    day1.write_text(json.dumps({"title": "Mixing Tokens Sparsely", "abstract": (
        "We introduce a sparse token mixer (STM) for video prediction. Frames pass through a "
        "wave-let autoencoder first.")}) + "\n")
    day2.write_text(json.dumps({"title": "Video Prediction Revisited", "abstract": (
        "We compare our predictor with STM on video prediction. We also train a wavelet "
        "auto-encoder.")}) + "\n")
    path = tmp_path / "store"
    build([day1], tmp_path / "out1", outputs=(), store=path)
    data, _, _ = build([day2], tmp_path / "out2", outputs=(), store=path)
    assert {m.entity_id for m in data.mentions if m.text in ("STM", "wavelet auto-encoder")} == {
        "method/sparse-token-mixer", "method/wave-let-autoencoder"}
    store = open_store(path)
    assert support(store, "method/sparse-token-mixer") == 2
    assert support(store, "method/wave-let-autoencoder") == 2
    assert support(store, "method/stm") == 0
    before = sorted(q for q in map(str, store) if "graph/void" not in q)
    del store
    build([day2], tmp_path / "out3", outputs=(), store=path)
    store = open_store(path)
    assert sorted(q for q in map(str, store) if "graph/void" not in q) == before
