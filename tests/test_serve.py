"""The SPARQL endpoint on loopback, exercised with real clients (SPARQLWrapper, rdflib)."""

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.pipeline import run_extraction, update_store
from kg.serve import ServerOptions, serve_in_thread
from tests.test_query import PAPERS


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    update_store(path, run_extraction(PAPERS))
    server, pool, _ = serve_in_thread(path, ServerOptions(port=0, timeout=2, max_rows=5))
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()
    pool.close()


COUNT = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kg:Paper }"


def test_binds_loopback_by_default():
    assert ServerOptions().host == "127.0.0.1"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json(endpoint, method):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setMethod(method)
    client.setQuery(COUNT)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert result["results"]["bindings"][0]["n"]["value"] == "3"


@pytest.mark.parametrize("fmt,check", [
    ("xml", lambda body: b"<sparql" in body and b">3<" in body),
    ("csv", lambda body: body.split() == [b"n", b"3"]),
])
def test_sparqlwrapper_other_formats(endpoint, fmt, check):
    from SPARQLWrapper import CSV, XML, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(COUNT)
    client.setReturnFormat({"xml": XML, "csv": CSV}[fmt])
    response = client.query().response.read()
    assert check(response)


def test_rdflib_sparqlstore(endpoint):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    from rdflib import Graph

    g = Graph(store=SPARQLStore(endpoint))
    rows = list(g.query("SELECT ?name WHERE { ?d a <https://w3id.org/kg/ontology#Dataset> ; "
                        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?name } ORDER BY ?name"))
    assert [str(r[0]) for r in rows] == ["COCO", "DIV2K", "Set5"]


def fetch(url, *, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type"), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read()


def test_construct_negotiates_graph_formats(endpoint):
    q = urllib.parse.quote("CONSTRUCT { ?p a kg:Paper } WHERE { ?p a kg:Paper }")
    status, ctype, body = fetch(f"{endpoint}?query={q}", headers={"Accept": "application/n-triples"})
    assert status == 200 and ctype == "application/n-triples" and body.count(b"\n") == 3
    status, ctype, body = fetch(f"{endpoint}?query={q}",
                                headers={"Accept": "text/html, text/turtle;q=0.9"})
    assert ctype == "text/turtle" and b"ontology#Paper" in body
    status, ctype, body = fetch(f"{endpoint}?query={q}", headers={"Accept": "application/ld+json"})
    assert ctype == "application/ld+json" and json.loads(body)


def test_updates_are_refused(endpoint):
    status, _, body = fetch(endpoint, data=b"DROP ALL",
                            headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    status, _, _ = fetch(endpoint, data=b"update=DROP+ALL",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _, body = fetch(f"{endpoint}?query={urllib.parse.quote(COUNT)}",
                            headers={"Accept": "text/csv"})
    assert body.split() == [b"n", b"3"]  # nothing was dropped


def test_result_cap(endpoint):
    q = urllib.parse.quote("SELECT ?s WHERE { ?s ?p ?o }")
    status, ctype, body = fetch(f"{endpoint}?query={q}", headers={"Accept": "application/json"})
    assert status == 200 and "truncated=true" in ctype
    assert len(json.loads(body)["results"]["bindings"]) == 5


def test_timeout_stops_a_runaway_query_and_the_server_keeps_answering(endpoint):
    slow = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    status, _, body = fetch(f"{endpoint}?query={slow}")
    assert status == 503 and b"time limit" in body
    status, _, body = fetch(f"{endpoint}?query={urllib.parse.quote(COUNT)}",
                            headers={"Accept": "text/csv"})
    assert status == 200 and body.split() == [b"n", b"3"]


def test_bad_query_and_page(endpoint):
    status, _, body = fetch(f"{endpoint}?query=SELECT+WHERE")
    assert status == 400 and b"SyntaxError" in body
    status, ctype, body = fetch(endpoint.removesuffix("sparql"))
    assert status == 200 and ctype.startswith("text/html") and b"<form" in body
