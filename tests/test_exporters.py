import re

import networkx as nx
import pytest
from rdflib import Graph

from kg.exporters import all_exporters, write
from kg.graph import to_networkx
from kg.pipeline import run_extraction
from tests.conftest import make_paper

EVIL = make_paper('<script>window.pwned=1</script> Evil <img src=x onerror="window.pwned=2">',
                  "We propose <b>EvilNet</b> on COCO. </script><script>window.pwned=3</script>")


@pytest.fixture(scope="module")
def data():
    return run_extraction([make_paper("FogNet: Detection", "We propose FogNet on COCO with ResNet."),
                           EVIL])


@pytest.mark.parametrize("name", sorted(all_exporters()))
def test_every_exporter_writes_a_readable_file(tmp_path, data, name):
    path = write(name, data, tmp_path)
    assert path.exists() and path.stat().st_size > 0
    assert not list(tmp_path.glob("*.tmp"))
    readers = {"turtle": lambda p: Graph().parse(p), "graphml": nx.read_graphml,
               "html": lambda p: p.read_text(encoding="utf-8")}
    assert readers[name](path)  # every exporter has a reader check here


def test_graphml_round_trips(tmp_path, data):
    g = to_networkx(data)
    back = nx.read_graphml(write("graphml", data, tmp_path))
    assert set(back.nodes) == set(g.nodes) and back.number_of_edges() == g.number_of_edges()
    assert all(not isinstance(v, (list, dict)) for _, a in g.nodes(data=True) for v in a.values())


def test_node_link_round_trips(data):
    g = to_networkx(data)
    back = nx.node_link_graph(nx.node_link_data(g, edges="links"), edges="links")
    assert nx.utils.graphs_equal(g, back)


def test_html_is_self_contained_and_escaped(tmp_path, data):
    html = write("html", data, tmp_path).read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<script>window.pwned" not in html and "onerror=\"window" not in html
    clean = write("html", run_extraction([make_paper("Plain", "We use ResNet.")]),
                  tmp_path / "clean" if (tmp_path / "clean").mkdir() is None else tmp_path)
    # The input adds no script element: the page has as many as a page of harmless text.
    assert html.count("<script") == clean.read_text(encoding="utf-8").count("<script")
