"""Filed accounts loaded into the real Neo4j (`ch-accounts`, `nbb-accounts`): the shared samples,
figures exactly as printed in the filings, comparatives beside the filings' own figures, group
and subsidiary apart, the same Belgian deposit in two formats as one statement, re-loads and
broken input.

The expected values were read in the filings (printed balance sheets and P&L), as in
tests/unit/accounts/test_ch_samples.py and test_nbb.py.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from neo4j import Driver, GraphDatabase

from graph_schema.financials import stored_decimal
from graph_schema.nodes import CompanyRecord
from graph_schema.provenance import Provenance
from graph_schema.settings import Settings
from graphapi.cli.bulk import parse_inputs, run_bulk_import
from loaders.formats import registry
from loaders.rejects import Location, RejectSink
from loaders.write.pipeline import load_paths
from loaders.write.writer import GraphWriter
from tests.graph.graph_hash import graph_digest
from tests.graph.loading import load
from tests.unit.accounts.test_inpi import COMPLETE

CH, NBB, INPI = (registry()[name] for name in ("ch-accounts", "nbb-accounts", "inpi-accounts"))


def _statement(driver: Driver, key: str) -> dict[str, Any]:
    rows = driver.execute_query(
        "MATCH (c:Company)-[:FILED]->(s:FinancialStatement {key: $key}) "
        "RETURN c.key AS company, properties(s) AS s",
        key=key,
    ).records
    assert len(rows) == 1, key
    return {"company": rows[0]["company"], **rows[0]["s"]}


def _money(value: float) -> Decimal:
    return stored_decimal(value)


def test_every_companies_house_sample_loads_with_its_figures(
    graph: Driver, settings: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    ch = datasets_dir / "accounts" / "ch-ixbrl"
    rejects = tmp_path / "rejects.jsonl"
    report = load(graph, settings, CH, ch, rejects=rejects, batch_size=50)
    # 31 filings plus the CIC wrapper zip, which holds the same filing as its extracted member.
    assert (report.read, report.loaded, report.rejected) == (32, 32, 0)
    assert not rejects.exists() or rejects.read_text() == ""
    counts = graph.execute_query(
        "MATCH (c:Company)-[:FILED]->(s:FinancialStatement) "
        "RETURN count(DISTINCT c) AS companies, count(s) AS statements, "
        "sum(CASE WHEN s.comparative THEN 1 ELSE 0 END) AS comparatives, "
        "sum(CASE WHEN s.consolidated THEN 1 ELSE 0 END) AS groups"
    ).records[0]
    # 31 companies; 31 own company statements + 22 prior years; 4 groups x (own + prior).
    assert dict(counts) == {"companies": 31, "statements": 61, "comparatives": 26, "groups": 8}

    bluecrest = _statement(graph, "GB-COH-08119445|company|2020-12-31")
    assert bluecrest["company"] == "GB-COH-08119445"
    assert (bluecrest["period_start"].to_native(), bluecrest["period_end"].to_native()) == (
        date(2020, 1, 1),
        date(2020, 12, 31),
    )
    assert bluecrest["comparative"] is False and bluecrest["consolidated"] is False
    assert bluecrest["currency"] == "GBP" and bluecrest["accounts_type"] == "full"
    assert bluecrest["audited"] is True and bluecrest["source_format"] == "ch-ixbrl"
    expected = {
        "turnover": "13511844",
        "cost_of_sales": "9517081",
        "net_result": "1691419",
        "equity": "2935026",
        "trade_receivables": "1859083",
        "trade_payables": "594739",
        "employees": "243",
    }
    assert {k: str(_money(bluecrest[k])) for k in expected} == expected
    assert bluecrest["turnover_sources"] == ["TurnoverRevenue"]
    # Provenance to the file.
    assert (bluecrest["source"], bluecrest["record_id"]) == (
        "companies-house-accounts",
        "Prod223_2911_08119445_20201231.html",
    )
    prior = _statement(graph, "GB-COH-08119445|company|2019-12-31|comparative")
    assert prior["comparative"] is True and _money(prior["turnover"]) == 15871633

    # Micro-entity: no P&L stored at all (absent is not zero).
    micro = _statement(graph, "GB-COH-14033910|company|2022-08-31")
    assert micro["accounts_type"] == "micro" and _money(micro["equity"]) == -577
    assert not {"turnover", "net_result", "cost_of_sales"} & micro.keys()
    # Dormant LLP: only its headcount (0) is stated.
    llp = _statement(graph, "GB-COH-OC437536|company|2022-05-31")
    assert (llp["dormant"], llp["llp"], llp["employees"]) == (True, True, 0.0)
    assert "equity" not in llp and "total_assets" not in llp


def test_group_and_subsidiary_stay_apart(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    """Luigi TopCo consolidates Teamsport Racing: each keeps its own company and group figures."""
    load(
        graph,
        settings,
        CH,
        datasets_dir / "accounts" / "ch-ixbrl",
        batch_size=50,
    )
    luigi = _statement(graph, "GB-COH-11010959|company|2020-06-30")
    luigi_group = _statement(graph, "GB-COH-11010959|group|2020-06-30")
    teamsport = _statement(graph, "GB-COH-07219455|company|2020-06-30")
    teamsport_group = _statement(graph, "GB-COH-07219455|group|2020-06-30")
    assert _money(luigi["equity"]) == 955000 and "turnover" not in luigi
    assert _money(luigi_group["equity"]) == -23843969
    assert _money(luigi_group["turnover"]) == 27240615
    assert _money(teamsport["equity"]) == 4559460
    assert _money(teamsport_group["equity"]) == 5581930
    assert {luigi["company"], luigi_group["company"]} == {"GB-COH-11010959"}
    assert {teamsport["company"], teamsport_group["company"]} == {"GB-COH-07219455"}
    assert luigi_group["consolidated"] is True and luigi["consolidated"] is False


def test_one_belgian_deposit_in_two_formats_is_one_statement(
    graph: Driver, settings: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    filings = datasets_dir / "accounts" / "nbb-cbso" / "filings"
    rejects = tmp_path / "rejects.jsonl"
    report = load(graph, settings, NBB, filings, rejects=rejects, batch_size=50)
    assert (report.read, report.loaded, report.rejected) == (6, 5, 1)
    [pdf] = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert (pdf["file"], pdf["reason"]) == (
        "jaarrekening-profinance.pdf",
        "not a nbb-accounts file (expected .csv, .xbrl, .xml): not read",
    )
    rows = graph.execute_query(
        "MATCH (:Company {key: 'BE-BCE_KBO-0443246943'})-[:FILED]->(s:FinancialStatement) "
        "RETURN s.key AS key ORDER BY key"
    ).records
    assert [r["key"] for r in rows] == [
        "BE-BCE_KBO-0443246943|company|2023-12-31|comparative",
        "BE-BCE_KBO-0443246943|company|2024-12-31",
    ]
    profinance = _statement(graph, "BE-BCE_KBO-0443246943|company|2024-12-31")
    expected = {
        "equity": "8896856.47",
        "total_assets": "9273680.09",
        "total_debts": "376823.62",
        "turnover": "383495.91",
        "net_result": "334861.19",
        "operating_result": "-4163.25",
        "cash": "674722.57",
        "purchases": "212962.49",
    }
    assert {k: str(_money(profinance[k])) for k in expected} == expected
    assert profinance["cash_sources"] == ["54/58", "50/53"]
    assert profinance["cash_formula"] == "54/58 + 50/53"
    assert profinance["purchases_formula"].startswith("60/61")
    assert "financial_debts" not in profinance  # no rubric 170/4, 42, 43 filled in
    assert (profinance["model"], profinance["currency"]) == ("m01-f", "EUR")
    # Known only from its accounts: the company exists, named as on the deposit.
    company = graph.execute_query(
        "MATCH (c:Company {key: 'BE-BCE_KBO-0443246943'}) RETURN c.name AS name, "
        "c.jurisdiction AS j, c.search_names AS s, [(c)-[:IDENTIFIED_BY]->(i) | i.key] AS ids"
    ).records[0]
    assert company["name"] == "Profinance" and company["j"] == "BE"
    assert company["s"] == ["profinance"] and company["ids"] == ["BE-BCE_KBO-0443246943"]


def test_reloading_changes_nothing_and_the_register_name_wins(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    database = settings.neo4j.database
    # Companies House's profile named Flex Health first; its accounts print another spelling.
    with GraphWriter(graph, database) as writer:
        prov = Provenance(source="companies-house", record_id="profile")
        writer.add(
            [CompanyRecord(key="GB-COH-10087608", name="FLEX HEALTH LIMITED", provenance=prov)],
            Location("profile.json"),
        )
    ch = datasets_dir / "accounts" / "ch-ixbrl"
    first = load(graph, settings, CH, ch, batch_size=50)
    again = load(graph, settings, CH, ch, batch_size=50)
    assert first.nodes.created > 0
    assert (again.nodes.created, again.nodes.updated, again.links.created) == (0, 0, 0)
    names = graph.execute_query(
        "MATCH (c:Company) WHERE c.key IN ['GB-COH-10087608', 'GB-COH-15052776'] "
        "RETURN c.key AS key, c.name AS name, c.sources AS sources ORDER BY key"
    ).records
    assert [(r["key"], r["name"], r["sources"]) for r in names] == [
        ("GB-COH-10087608", "FLEX HEALTH LIMITED", ["companies-house", "companies-house-accounts"]),
        ("GB-COH-15052776", "BSIDES EXETER CIC", ["companies-house-accounts"]),
    ]


def test_a_comparative_never_overwrites_the_filings_own_figures(
    graph: Driver, settings: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    """Profinance's own 2024 deposit, then a later deposit carrying 2024 as its (restated)
    prior year: both are kept, apart; the own figures are untouched whatever the order."""
    filings = datasets_dir / "accounts" / "nbb-cbso" / "filings"
    own_csv = filings / "jaarrekening_profinance.csv"
    later = tmp_path / "later.xbrl"
    xbrl = (filings / "jaarrekening-profinance.xbrl").read_text(encoding="utf-8")
    # The same instance one year on: 2024 becomes the prior year (dim:prd m2).
    later.write_text(xbrl.replace("2024-12-31", "2025-12-31").replace("2023-12-31", "2024-12-31")
                     .replace("2024-01-01", "2025-01-01").replace("2023-01-01", "2024-01-01"),
                     encoding="utf-8")  # fmt: skip
    for order in ((own_csv, later), (later, own_csv)):
        for path in order:
            load(graph, settings, NBB, path, batch_size=50)
        own = _statement(graph, "BE-BCE_KBO-0443246943|company|2024-12-31")
        assert own["comparative"] is False and own["source_format"] == "nbb-csv"
        assert str(_money(own["equity"])) == "8896856.47"
        comparative = _statement(graph, "BE-BCE_KBO-0443246943|company|2024-12-31|comparative")
        assert comparative["comparative"] is True and comparative["source_format"] == "nbb-xbrl"


def test_unreadable_and_contradictory_filings_are_rejected_with_file_and_member(
    graph: Driver, settings: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    ch = datasets_dir / "accounts" / "ch-ixbrl"
    good = (ch / "Prod223_3384_14033910_20220831.html").read_bytes()
    contradictory = good.replace(b"</html>", b"").replace(
        b"</body>",
        # Equity tagged a second time in the same context with another value.
        b'<ix:nonFraction name="core:Equity" contextRef="'
        + _context_of_equity(good)
        + b'" unitRef="GBP" decimals="0">999</ix:nonFraction></body></html>',
    )
    zipped = tmp_path / "Accounts_Bulk_Data-2024-01-02.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("Prod223_4000_14033910_20220831.html", good)
        zf.writestr("Prod223_4000_01234567_20221231.html", b"<html><body>no xbrl")
        zf.writestr("Prod223_4000_07654321_20221231.html", good)  # another company's number
        zf.writestr("Prod223_4001_14033910_20220831.html", contradictory)
    rejects = tmp_path / "rejects.jsonl"
    report = load(graph, settings, CH, zipped, rejects=rejects, batch_size=50)
    assert (report.read, report.loaded, report.rejected) == (4, 1, 3)
    lines = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    by_member = {line["record"]: line for line in lines}
    assert set(by_member) == {
        "Prod223_4000_01234567_20221231.html",
        "Prod223_4000_07654321_20221231.html",
        "Prod223_4001_14033910_20220831.html",
    }
    assert all(line["file"] == zipped.name for line in lines)
    assert all(line["format"] == "ch-accounts" for line in lines)
    reasons = {member: line["reason"] for member, line in by_member.items()}
    assert reasons["Prod223_4000_01234567_20221231.html"].startswith("unreadable accounts")
    assert reasons["Prod223_4000_07654321_20221231.html"] == (
        "company number 14033910 in the filing differs from 07654321 in the file name"
    )
    assert reasons["Prod223_4001_14033910_20220831.html"].startswith("contradictory filing")
    assert graph.execute_query("MATCH (s:FinancialStatement) RETURN collect(s.key) AS k").records[
        0
    ]["k"] == ["GB-COH-14033910|company|2022-08-31"]


def _context_of_equity(html: bytes) -> bytes:
    """The context of the filing's current-year equity fact."""
    text = html.decode("utf-8")
    at = text.index('name="core:Equity"')
    tag = text[text.rindex("<", 0, at) : text.index(">", at)]
    ref = tag.split('contextRef="', 1)[1].split('"', 1)[0]
    return ref.encode()


def test_a_bulk_zip_is_read_member_by_member(
    graph: Driver, settings: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    """A daily bulk zip of real members (as Companies House names them) loads like the files."""
    ch = datasets_dir / "accounts" / "ch-ixbrl"
    zipped = tmp_path / "Accounts_Bulk_Data-2023-03-02.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(ch.glob("Prod223_3384_*.html")):
            zf.writestr(path.name, path.read_bytes())
    zipped.write_bytes(buffer.getvalue())
    report = load(graph, settings, CH, zipped, batch_size=50)
    assert (report.read, report.loaded, report.rejected) == (8, 8, 0)
    row = graph.execute_query(
        "MATCH (s:FinancialStatement {key: 'GB-COH-SC720321|company|2023-01-31'}) "
        "RETURN s.source_file AS f, s.record_id AS r, s.equity AS e"
    ).records[0]
    assert (row["f"], row["r"], row["e"]) == (
        zipped.name,
        "Prod223_3384_SC720321_20230131.html",
        -22737.0,
    )


def test_bulk_import_of_accounts_equals_a_transactional_load(
    graph: Driver, settings: Settings, spare: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    accounts = datasets_dir / "accounts"
    inputs = parse_inputs(
        [
            f"ch-accounts={accounts / 'ch-ixbrl'}",
            f"nbb-accounts={accounts / 'nbb-cbso' / 'filings'}",
        ],
        registry(),
    )
    database = settings.neo4j.database
    with RejectSink(None) as rejects:
        for fmt, path in inputs:
            load_paths(fmt, [path], GraphWriter(graph, database), rejects)
    loaded = graph_digest(graph, database)
    report, run, _ = run_bulk_import(
        spare, inputs, tmp_path / "work", tmp_path / "rejects.jsonl", overwrite=False, workers=2
    )
    bad = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert [line["file"] for line in bad] == ["jaarrekening-profinance.pdf"]
    with GraphDatabase.driver(spare.neo4j.uri) as bulk:
        imported = graph_digest(bulk, spare.neo4j.database)
        names = bulk.execute_query(
            "MATCH (c:Company {key: 'BE-BCE_KBO-0443246943'}) RETURN c.name AS n"
        ).records
    assert imported.nodes == loaded.nodes
    assert imported.relationships == loaded.relationships
    assert imported.content == loaded.content, (imported.describe(), loaded.describe())
    assert [r["n"] for r in names] == ["Profinance"]


def test_french_accounts_load_from_an_inpi_file(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    """No real INPI record exists here: the record is the one WRITTEN FROM THE DOCUMENTATION in
    tests/unit/accounts/test_inpi.py (INPI's RNE shape, the Cerfa forms' line codes)."""
    path = tmp_path / "comptes.jsonl"
    bank = {**COMPLETE, "id": "bank-1", "typeBilan": "B"}
    path.write_text(json.dumps([COMPLETE]) + "\n" + json.dumps(bank) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    report = load(graph, settings, INPI, path, rejects=rejects, batch_size=50)
    assert (report.read, report.loaded, report.rejected) == (2, 1, 1)
    [bad] = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert (bad["file"], bad["record"]) == ("comptes.jsonl", "bank-1")
    statement = _statement(graph, "FR-SIREN-552100554|company|2023-12-31")
    assert _money(statement["turnover"]) == 1_200_000 and statement["turnover_sources"] == ["FJ"]
    assert _money(statement["net_result"]) == -30_000 and statement["model"] == "2050-2053"
    assert statement["seen_at"].to_native() == date(2024, 7, 15)
    name = graph.execute_query(
        "MATCH (c:Company {key: 'FR-SIREN-552100554'}) RETURN c.name AS n, c.jurisdiction AS j"
    ).records[0]
    assert (name["n"], name["j"]) == ("EXEMPLE INDUSTRIES", "FR")
