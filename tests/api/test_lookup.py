"""company / person / entity / address / companyByIdentifier through real HTTP requests."""

from __future__ import annotations

from tests.api.conftest import GraphQLCall, codes
from tests.api.world import LEI, World

COMPANY = """
query($id: ID!) {
  company(id: $id) {
    id name kind formerNames legalForm status jurisdiction incorporatedOn dissolvedOn
    activityCodes
    identifiers { scheme value key }
    provenance { source recordId sourceFile seenAt sources }
    addresses { kind start isCurrent address { id text city country } }
  }
}
"""


async def test_company_by_id_has_its_registry_fields(gql: GraphQLCall, world: World) -> None:
    body = await gql(COMPANY, {"id": world.construct})
    assert "errors" not in body, body
    c = body["data"]["company"]
    assert c["id"] == world.construct
    assert c["name"] == "DUPONT CONSTRUCT LTD"
    assert c["kind"] == "COMPANY"
    assert c["formerNames"] == ["DUPONT BUILDERS LTD"]
    assert c["legalForm"] == "Private Limited Company"
    assert c["status"] == "active"
    assert c["incorporatedOn"] == "2015-03-01"
    assert c["dissolvedOn"] is None
    assert c["activityCodes"] == ["SIC:41201"]
    assert c["identifiers"] == [{"scheme": "GB-COH", "value": "01234567", "key": world.construct}]
    assert c["provenance"] == {
        "source": "test-world",
        "recordId": "w-1",
        "sourceFile": "world.jsonl",
        "seenAt": "2024-01-31",
        "sources": ["test-world"],
    }
    assert c["addresses"] == [
        {
            "kind": "registered",
            "start": "2015-03-01",
            "isCurrent": True,
            "address": {
                "id": world.london,
                "text": "1 High Street, London EC1A 1AA",
                "city": "London",
                "country": "GB",
            },
        }
    ]


async def test_a_dissolved_company_shows_its_dates(gql: GraphQLCall, world: World) -> None:
    body = await gql(COMPANY, {"id": world.failed})
    assert body["data"]["company"]["status"] == "dissolved"
    assert body["data"]["company"]["dissolvedOn"] == "2021-02-01"


async def test_unknown_id_is_not_found(gql: GraphQLCall, world: World) -> None:
    body = await gql(COMPANY, {"id": "GB-COH-99999999"})
    assert body["data"] == {"company": None}
    assert codes(body) == ["NOT_FOUND"]
    assert "GB-COH-99999999" in body["errors"][0]["message"]


async def test_a_person_id_is_not_a_company(gql: GraphQLCall, world: World) -> None:
    body = await gql(COMPANY, {"id": world.jean})
    assert codes(body) == ["NOT_FOUND"]
    assert "is a person, not a company" in body["errors"][0]["message"]


async def test_person_fields(gql: GraphQLCall, world: World) -> None:
    query = """query($id: ID!) { person(id: $id) {
        id name kind birthYearMonth nationality matchBasis
        addresses { kind address { id } } } }"""
    body = await gql(query, {"id": world.jean})
    assert body["data"]["person"] == {
        "id": world.jean,
        "name": "Jean Dupont",
        "kind": "PERSON",
        "birthYearMonth": "1970-05",
        "nationality": "FR",
        "matchBasis": "name+birth_year_month",
        "addresses": [{"kind": "service", "address": {"id": world.london}}],
    }


async def test_entity_resolves_each_kind(gql: GraphQLCall, world: World) -> None:
    query = """query($a: ID!, $b: ID!, $c: ID!) {
      a: entity(id: $a) { id name kind ... on Company { status } }
      b: entity(id: $b) { id name kind ... on Person { birthYearMonth } }
      c: entity(id: $c) { id name kind ... on Address { postcode } } }"""
    body = await gql(query, {"a": world.vlaamse, "b": world.piet, "c": world.london})
    assert "errors" not in body, body
    assert body["data"] == {
        "a": {
            "id": world.vlaamse,
            "name": "Vlaamse Bouwgroep NV",
            "kind": "COMPANY",
            "status": "active",
        },
        "b": {
            "id": world.piet,
            "name": "Piet Janssens",
            "kind": "PERSON",
            "birthYearMonth": "1965-02",
        },
        "c": {
            "id": world.london,
            "name": "1 High Street, London EC1A 1AA",
            "kind": "ADDRESS",
            "postcode": "EC1A 1AA",
        },
    }


BY_IDENT = "query($s: String!, $v: String!) { companyByIdentifier(scheme: $s, value: $v) { id } }"


async def test_identifier_in_any_common_format(gql: GraphQLCall, world: World) -> None:
    cases = [
        ("BE-BCE_KBO", "0403.170.701", world.vlaamse),
        ("BE-BCE_KBO", "BE 0403 170 701", world.vlaamse),
        ("be-bce_kbo", "403170701", world.vlaamse),
        ("GB-COH", "1234567", world.construct),
        ("FR-SIREN", "552 100 554", world.sgb),
        ("FR-RCS", "552100554", world.sgb),
        ("XI-LEI", LEI.lower(), world.sgb),
    ]
    for scheme, value, expected in cases:
        body = await gql(BY_IDENT, {"s": scheme, "v": value})
        assert body["data"]["companyByIdentifier"] == {"id": expected}, (scheme, value, body)


async def test_bad_identifiers_are_invalid_arguments(gql: GraphQLCall, world: World) -> None:
    for scheme, value, field in [
        ("BE-BCE_KBO", "0403.170.702", "value"),  # check digits wrong
        ("NL-KVK", "123", "value"),
        ("XX-NOPE", "123", "scheme"),
    ]:
        body = await gql(BY_IDENT, {"s": scheme, "v": value})
        assert codes(body) == ["INVALID_ARGUMENT"], body
        assert body["errors"][0]["extensions"]["field"] == field


async def test_valid_identifier_without_company_is_not_found(
    gql: GraphQLCall, world: World
) -> None:
    body = await gql(BY_IDENT, {"s": "NL-KVK", "v": "12345678"})
    assert codes(body) == ["NOT_FOUND"]


async def test_the_tools_own_id_works_as_an_identifier_value(
    gql: GraphQLCall, world: World
) -> None:
    for scheme, value, expected in [
        ("GB-COH", "GB-COH-01234567", world.construct),
        ("GB-COH", "gb-coh-1234567", world.construct),
        ("BE-BCE_KBO", "BE-BCE_KBO-0403170701", world.vlaamse),
        ("KBO", "BE-BCE_KBO-0403170701", world.vlaamse),
    ]:
        body = await gql(BY_IDENT, {"s": scheme, "v": value})
        assert body["data"]["companyByIdentifier"] == {"id": expected}, (scheme, value, body)


COMPANY_ID = "query($id: ID!) { company(id: $id) { id name } }"


async def test_company_takes_an_id_or_a_number_in_any_common_format(
    gql: GraphQLCall, world: World
) -> None:
    for text, expected in [
        (world.construct, world.construct),
        ("01234567", world.construct),
        ("1234567", world.construct),
        ("GB-COH-1234567", world.construct),
        ("BE 0403.170.701", world.vlaamse),
        ("0403170701", world.vlaamse),
        ("FR 552 100 554", world.sgb),
        ("FR40552100554", world.sgb),
        (LEI, world.sgb),
    ]:
        body = await gql(COMPANY_ID, {"id": text})
        assert "errors" not in body, (text, body)
        assert body["data"]["company"]["id"] == expected, text
    missing = await gql(COMPANY_ID, {"id": "12345670"})
    assert codes(missing) == ["NOT_FOUND"]
    assert missing["errors"][0]["message"] == "no company with id or registry number '12345670'"
