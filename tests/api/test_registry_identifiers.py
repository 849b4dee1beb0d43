"""One identifier-scheme table for every loader: BODS from GLEIF keys a company by its national
number (GLEIF RA code in `schemeName`), and a number that fails its check is kept, unvalidated."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph_schema.settings import Settings
from loaders.bods import FORMAT
from loaders.rejects import RejectSink
from loaders.write.pipeline import LoadReport, load_paths
from loaders.write.writer import GraphWriter
from tests.api.conftest import GraphQLCall

BY_IDENT = """query($s: String!, $v: String!) {
  companyByIdentifier(scheme: $s, value: $v) { id name identifiers { key validated } }
}"""


def _load(graph: Driver, settings: Settings, path: Path) -> LoadReport:
    with RejectSink(None) as sink:
        return load_paths(FORMAT, [path], GraphWriter(graph, settings.neo4j.database), sink)


async def _by(gql: GraphQLCall, scheme: str, value: str) -> dict[str, Any] | None:
    body = await gql(BY_IDENT, {"s": scheme, "v": value})
    assert "errors" not in body, body
    found: dict[str, Any] | None = body["data"]["companyByIdentifier"]
    return found


async def test_bods_from_gleif_is_found_by_its_companies_house_number(
    graph: Driver, settings: Settings, datasets_dir: Path, gql: GraphQLCall
) -> None:
    """Open Ownership's GLEIF pipeline output (shared sample gleif-0.2): the UK company's
    identifier is {"id": "01403668", "schemeName": "RA000585"}."""
    _load(graph, settings, datasets_dir / "bods" / "gleif-0.2")
    company = await _by(gql, "GB-COH", "1403668")
    assert company is not None and company["id"] == "GB-COH-01403668"
    keys = {i["key"] for i in company["identifiers"]}
    assert "GB-COH-01403668" in keys and any(k.startswith("XI-LEI-") for k in keys)


async def test_a_gleif_ra_code_and_an_invalid_number_in_bods_04(
    graph: Driver, settings: Settings, tmp_path: Path, gql: GraphQLCall
) -> None:
    """Written from the BODS 0.4 schema and the GLEIF pipeline's identifier shape."""

    def entity(record_id: str, name: str, *identifiers: dict[str, str]) -> dict[str, Any]:
        return {
            "statementId": f"{record_id}-2024-06-06".ljust(32, "0"),
            "declarationSubject": record_id,
            "statementDate": "2024-06-06",
            "publicationDetails": {
                "publicationDate": "2024-08-12",
                "bodsVersion": "0.4",
                "publisher": {"name": "Open Ownership"},
            },
            "recordId": record_id,
            "recordType": "entity",
            "recordStatus": "new",
            "recordDetails": {
                "isComponent": False,
                "entityType": {"type": "registeredEntity"},
                "name": name,
                "identifiers": list(identifiers),
            },
        }

    path = tmp_path / "gleif.json"
    statements = [
        entity(
            "213800ABCDEF",
            "Example Holdings Ltd",
            {"id": "10415749", "schemeName": "RA000585"},
        ),
        entity("bad-1", "Odd Number Ltd", {"id": "XE-000079054", "scheme": "GB-COH"}),
    ]
    path.write_text(json.dumps(statements), encoding="utf-8")
    report = _load(graph, settings, path)
    assert (report.rejected, report.warnings) == (0, 1)
    company = await _by(gql, "GB-COH", "10415749")
    assert company is not None and company["name"] == "Example Holdings Ltd"
    odd = await _by(gql, "XI-BODS", "bad-1")
    assert odd is not None and odd["id"] == "XI-BODS-bad-1"  # never keyed by a bad number
    assert {(i["key"], i["validated"]) for i in odd["identifiers"]} == {
        ("GB-COH-XE-000079054", False),
        ("XI-BODS-bad-1", True),
    }
