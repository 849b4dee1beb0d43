"""`duegraph ledger import` against the real Neo4j: resolution as in `screen`, every row
answered, re-import in place, nothing duplicated, what a newer export drops marked removed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph_schema.settings import Settings
from graphapi.cli.ledger import run_import
from tests.graph.batch.world import BE, SINK, SOLO, TWIN_A, build_world

CLIENTS = f"""\
Client ID,Name,Company number,Register,Country,Payment terms,Credit limit,Currency
K1,Solo Widgets Ltd,{SOLO},,,Net 30,"£20,000.00",GBP
K2,Brouwerij Janssens NV,0403.170.701,KBO,,30,"10,000",EUR
K3,Twin Trading,,,GB,30,,GBP
K4,Nobody Ltd,GB-COH-99999999,,,30,,GBP
K5,Bad Number,XX123,,,30,,GBP
K6,Sinking Ship Ltd,,,GB,30,,GBP
K7,Solo again,{SOLO},,,30,,GBP
K8,,,,,30,,GBP
"""
INVOICES_V1 = """\
Customer,Invoice No,Document type,Invoice date,Due date,Amount,Paid amount,Payment date,Applies to
K1,100,Invoice,01/03/2026,31/03/2026,"1,000.00",,,
K1,101,Invoice,01/04/2026,01/05/2026,"2,000.00","2,000.00",10/05/2026,
K1,102,Invoice,01/05/2026,31/05/2026,500.00,,,
K1,CN1,Credit note,05/05/2026,,100.00,,,102
K2,200,Invoice,01/04/2026,01/05/2026,"3,000.00",,,
K6,600,Invoice,01/01/2026,31/01/2026,750.00,,,
K9,900,Invoice,01/01/2026,31/01/2026,10.00,,,
"""
# A month later: 100 paid in two parts, 102 gone from the export, 103 new, K6 gone.
INVOICES_V2 = """\
Customer,Invoice No,Document type,Invoice date,Due date,Amount,Paid amount,Payment date,Applies to
K1,100,Invoice,01/03/2026,31/03/2026,"1,000.00",,,
K1,P1,Payment,,,,400.00,15/06/2026,100
K1,P2,Payment,,,,600.00,25/06/2026,100
K1,101,Invoice,01/04/2026,01/05/2026,"2,000.00","2,000.00",10/05/2026,
K1,103,Invoice,01/06/2026,01/07/2026,800.00,,,
K2,200,Invoice,01/04/2026,01/05/2026,"3,000.00",,,
"""


def _files(tmp: Path, invoices: str, clients: str = CLIENTS) -> tuple[Path, Path]:
    c, i = tmp / "clients.csv", tmp / "invoices.csv"
    c.write_text(clients, encoding="utf-8")
    i.write_text(invoices, encoding="utf-8")
    return c, i


def _rows(path: Path) -> list[tuple[int, bool, str]]:
    return [
        (r["line"], r["kept"], r["reason"])
        for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())
    ]


def _graph(driver: Driver, settings: Settings) -> dict[str, Any]:
    db = settings.neo4j.database
    clients, _, _ = driver.execute_query(
        "MATCH (c:Client) OPTIONAL MATCH (c)-[:RESOLVES_TO]->(co:Company) "
        "RETURN c.key AS key, c.resolution AS resolution, co.key AS company, "
        "c.status AS status ORDER BY key",
        database_=db,
    )
    invoices, _, _ = driver.execute_query(
        "MATCH (i:Invoice)-[:BILLED_TO]->(c:Client) "
        "RETURN i.key AS key, c.key AS client, i.status AS status, i.open_amount AS open, "
        "i.payment_amounts AS paid ORDER BY key",
        database_=db,
    )
    counts, _, _ = driver.execute_query(
        "MATCH (n) WHERE n:Client OR n:Invoice OR n:Ledger RETURN count(n) AS nodes",
        database_=db,
    )
    rels, _, _ = driver.execute_query(
        "MATCH ()-[r:RESOLVES_TO|BILLED_TO|CREDITS]->() RETURN count(r) AS rels", database_=db
    )
    return {
        "clients": [tuple(r.values()) for r in clients],
        "invoices": [tuple(r.values()) for r in invoices],
        "nodes": counts[0]["nodes"],
        "rels": rels[0]["rels"],
    }


def test_every_client_row_is_answered_and_written(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    build_world(graph, settings.neo4j.database)
    clients, invoices = _files(tmp_path, INVOICES_V1)
    rejects = tmp_path / "rejects.jsonl"
    report = run_import(settings, clients, invoices, "acme", rejects)
    assert report.resolution == {
        "OK": 4, "NOT_FOUND": 1, "AMBIGUOUS": 1, "MALFORMED_IDENTIFIER": 1, "NO_IDENTITY": 1,
    }  # fmt: skip
    assert (report.clients, report.invoices, report.refused, report.warnings) == (8, 6, 1, 5)
    rows = _rows(rejects)
    assert rows[0] == (
        4, True,
        "AMBIGUOUS: name 'Twin Trading (GB)' matches 2 companies: GB-COH-20000001 Twin Trading "
        "Ltd; GB-COH-20000002 Twin Trading Limited: client kept, not linked to a company",
    )  # fmt: skip
    assert rows[1] == (
        5, True,
        "NOT_FOUND: no company with identifier GB-COH-99999999: client kept, not linked to a "
        "company",
    )  # fmt: skip
    assert rows[2][:2] == (6, True) and rows[2][2].startswith("MALFORMED_IDENTIFIER: 'XX123'")
    assert rows[4] == (
        9,
        True,
        "NO_IDENTITY: no registry number and no name: client kept, not linked to a company",
    )
    assert rows[3] == (
        8,
        True,
        f"same company as client 'K1' ({SOLO}): client linked to {SOLO}",
    )  # a second account of the same company: linked, and worth a look
    assert rows[5] == (8, False, "unknown client id 'K9' (not in the client file)")
    state = _graph(graph, settings)
    assert state["clients"] == [
        ("acme|K1", "OK", SOLO, "active"),
        ("acme|K2", "OK", BE, "active"),
        ("acme|K3", "AMBIGUOUS", None, "active"),
        ("acme|K4", "NOT_FOUND", None, "active"),
        ("acme|K5", "MALFORMED_IDENTIFIER", None, "active"),
        ("acme|K6", "OK", SINK, "active"),
        ("acme|K7", "OK", SOLO, "active"),  # a second account of the same company
        ("acme|K8", "NO_IDENTITY", None, "active"),
    ]
    assert TWIN_A not in {c for _, _, c, _ in state["clients"]}


def test_reimport_updates_in_place_and_marks_what_disappeared(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    build_world(graph, settings.neo4j.database)
    clients, invoices = _files(tmp_path, INVOICES_V1)
    first = datetime(2026, 6, 1, tzinfo=UTC)
    run_import(settings, clients, invoices, "acme", tmp_path / "r1.jsonl", now=first)
    before = _graph(graph, settings)
    # The same export again changes nothing.
    run_import(settings, clients, invoices, "acme", tmp_path / "r2.jsonl")
    assert _graph(graph, settings) == before
    assert before["invoices"] == [
        ("acme|credit_note|CN1", "acme|K1", "settled", 0.0, []),
        ("acme|invoice|100", "acme|K1", "open", 1000.0, []),
        ("acme|invoice|101", "acme|K1", "settled", 0.0, [2000.0]),
        ("acme|invoice|102", "acme|K1", "open", 400.0, []),
        ("acme|invoice|200", "acme|K2", "open", 3000.0, []),
        ("acme|invoice|600", "acme|K6", "open", 750.0, []),
    ]
    # The same ledger under another name is another ledger: nothing collides.
    run_import(settings, clients, invoices, "other", tmp_path / "r3.jsonl")
    assert _graph(graph, settings)["nodes"] == 2 * before["nodes"]
    graph.execute_query(
        "MATCH (n) WHERE (n:Client OR n:Invoice OR n:Ledger) AND "
        "coalesce(n.ledger, n.key) = 'other' DETACH DELETE n",
        database_=settings.neo4j.database,
    )
    # A newer export: payments added in place, a new invoice, an invoice and a client gone.
    without_k6 = "".join(line for line in CLIENTS.splitlines(True) if not line.startswith("K6"))
    clients, invoices = _files(tmp_path, INVOICES_V2, without_k6)
    report = run_import(settings, clients, invoices, "acme", tmp_path / "r4.jsonl")
    assert (report.removed_clients, report.removed_invoices) == (1, 3)
    after = _graph(graph, settings)
    assert after["invoices"] == [
        ("acme|credit_note|CN1", "acme|K1", "removed", 0.0, []),
        ("acme|invoice|100", "acme|K1", "settled", 0.0, [400.0, 600.0]),
        ("acme|invoice|101", "acme|K1", "settled", 0.0, [2000.0]),
        ("acme|invoice|102", "acme|K1", "removed", 0.0, []),
        ("acme|invoice|103", "acme|K1", "open", 800.0, []),
        ("acme|invoice|200", "acme|K2", "open", 3000.0, []),
        ("acme|invoice|600", "acme|K6", "removed", 0.0, []),
    ]
    assert ("acme|K6", "OK", SINK, "removed") in after["clients"]
    assert after["nodes"] == before["nodes"] + 1  # invoice 103; nothing else added
