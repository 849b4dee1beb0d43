"""What a user asks of Companies House data loaded as the API publishes it: the corporate
secretary named by its registration number is found by companyByIdentifier and is the same
node as the company itself; one officer id is one person across companies. Records written
from the API documentation (tests/unit/loaders/ch_documented.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from graph_schema.settings import Settings
from loaders.companies_house import api_folders
from tests.api.conftest import GraphQLCall
from tests.graph.loading import load
from tests.unit.loaders.ch_documented import documented_world

pytestmark = pytest.mark.neo4j

QUERY = """
query {
  holdco: companyByIdentifier(scheme: "GB-COH", value: "3849195") { id name status }
  acme: company(id: "GB-COH-01234567") {
    directors(includeHistorical: true) { nodes { role roleLabel director { id name kind } } }
    declaredBeneficialOwners { nodes { owner { id } } }
  }
  beta: company(id: "GB-COH-05555555") {
    directors { nodes { role director { id name } } }
  }
}
"""


async def test_corporate_officer_and_officer_id(
    gql: GraphQLCall, graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    load(graph, settings, api_folders.FORMAT, documented_world(tmp_path / "ch"))
    body = await gql(QUERY)
    assert "errors" not in body, body
    data = body["data"]
    assert data["holdco"] == {"id": "GB-COH-03849195", "name": "HOLDCO LIMITED", "status": "active"}
    officers = {
        n["roleLabel"]: (n["role"], n["director"]["id"], n["director"]["kind"])
        for n in data["acme"]["directors"]["nodes"]
    }
    assert officers["corporate-secretary"] == ("secretary", "GB-COH-03849195", "COMPANY")
    assert officers["nominee-director"] == ("nominee_director", "XI-CH-Nominee1", "COMPANY")
    assert [n["owner"]["id"] for n in data["acme"]["declaredBeneficialOwners"]["nodes"]] == [
        "GB-COH-03849195"
    ]
    (secretary,) = data["beta"]["directors"]["nodes"]
    assert secretary["role"] == "secretary"
    assert secretary["director"]["id"] == officers["director"][1]  # Jane DOE: one person
