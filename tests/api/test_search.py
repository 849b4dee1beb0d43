"""search: ranking, insensitivity to case/accents/legal forms, identifiers, hostile text."""

from __future__ import annotations

import pytest

from graphapi.queries.search import escape_lucene, lucene_query, search_readings
from tests.api.conftest import GraphQLCall, codes
from tests.api.world import World

SEARCH = """query($t: String!, $k: EntityKind, $first: Int, $after: String) {
  search(text: $t, kind: $k, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor score matchedIdentifier node { id name kind } } } }"""


async def _ids(gql: GraphQLCall, text: str, kind: str | None = None) -> list[str]:
    body = await gql(SEARCH, {"t": text, "k": kind})
    assert "errors" not in body, body
    return [e["node"]["id"] for e in body["data"]["search"]["edges"]]


async def test_name_search_is_case_accent_and_legal_form_insensitive(
    gql: GraphQLCall, world: World
) -> None:
    assert (await _ids(gql, "dupont construct"))[0] == world.construct
    assert (await _ids(gql, "DUPONT CONSTRUCT LTD"))[0] == world.construct
    assert (await _ids(gql, "vlaamse bouwgroep"))[0] == world.vlaamse
    assert (await _ids(gql, "Vlaamse Bouwgroep N.V."))[0] == world.vlaamse
    assert (await _ids(gql, "societe generale de batiment"))[0] == world.sgb
    assert (await _ids(gql, "SOCIÉTÉ GÉNÉRALE"))[0] == world.sgb


async def test_former_names_are_searchable(gql: GraphQLCall, world: World) -> None:
    assert (await _ids(gql, "dupont builders"))[0] == world.construct


async def test_ranking_puts_the_full_match_first(gql: GraphQLCall, world: World) -> None:
    body = await gql(SEARCH, {"t": "dupont holdings"})
    edges = body["data"]["search"]["edges"]
    assert edges[0]["node"]["id"] == world.holdings
    scores = [e["score"] for e in edges]
    assert scores == sorted(scores, reverse=True)
    # Other Duponts still match on one token, ranked below.
    ids = [e["node"]["id"] for e in edges]
    assert world.construct in ids and world.jean in ids


async def test_kind_filter(gql: GraphQLCall, world: World) -> None:
    persons = await _ids(gql, "dupont", "PERSON")
    assert set(persons) == {world.jean, world.marie}
    companies = await _ids(gql, "dupont", "COMPANY")
    assert set(companies) == {world.construct, world.holdings}
    assert (await _ids(gql, "Mr Jean Dupont", "PERSON"))[0] == world.jean


async def test_prefix_and_typo_still_find(gql: GraphQLCall, world: World) -> None:
    assert (await _ids(gql, "vlaamse bouwgr"))[0] == world.vlaamse
    assert (await _ids(gql, "vlaamse bouwgroup"))[0] == world.vlaamse


@pytest.mark.parametrize("text", ["0403.170.701", "BE 0403 170 701", "BE0403170701", "403170701"])
async def test_identifier_typed_any_way_finds_its_company_first(
    gql: GraphQLCall, world: World, text: str
) -> None:
    body = await gql(SEARCH, {"t": text})
    first = body["data"]["search"]["edges"][0]
    assert first["node"]["id"] == world.vlaamse
    assert first["matchedIdentifier"] is True


async def test_lei_finds_the_company_through_its_identifier(gql: GraphQLCall, world: World) -> None:
    assert (await _ids(gql, "529900T8BM49AURSDO55"))[0] == world.sgb


DUPONTS = {"construct", "holdings", "jean", "marie"}


@pytest.mark.parametrize(
    ("text", "first", "found"),
    [
        ('dupont "construct', "construct", DUPONTS),
        ("dupont (construct", "construct", DUPONTS),
        # Words, not operators: NOT excludes nothing, so every Dupont is found.
        ("dupont AND OR NOT", None, DUPONTS),
        # Nothing is a field query or a wildcard: no name holds these words.
        ("a:b~ \\ / * ? [x] {y} ^2 !", None, set()),
        # "-construct" does not exclude DUPONT CONSTRUCT: it is a word of the text.
        ("dupont && || -construct +ltd", "construct", DUPONTS),
    ],
)
async def test_lucene_syntax_in_user_text_is_read_as_plain_words(
    gql: GraphQLCall, world: World, text: str, first: str | None, found: set[str]
) -> None:
    ids = await _ids(gql, text)
    assert set(ids) == {getattr(world, name) for name in found}
    if first is not None:
        assert ids[0] == getattr(world, first)


async def test_no_match_is_an_empty_connection(gql: GraphQLCall, world: World) -> None:
    body = await gql(SEARCH, {"t": "zzzzqqq"})
    assert body["data"]["search"] == {
        "totalCount": 0,
        "pageInfo": {
            "hasNextPage": False,
            "hasPreviousPage": False,
            "startCursor": None,
            "endCursor": None,
        },
        "edges": [],
    }


async def test_empty_text_and_address_kind_are_invalid(gql: GraphQLCall, world: World) -> None:
    assert codes(await gql(SEARCH, {"t": "   "})) == ["INVALID_ARGUMENT"]
    assert codes(await gql(SEARCH, {"t": "dupont", "k": "ADDRESS"})) == ["INVALID_ARGUMENT"]
    assert codes(await gql(SEARCH, {"t": "x" * 201})) == ["INVALID_ARGUMENT"]


def test_escape_lucene_backslashes_every_metacharacter() -> None:
    assert escape_lucene('a+b-c&&d||e!f(g)h{i}j[k]l^m"n~o*p?q:r\\s/t') == (
        'a\\+b\\-c\\&\\&d\\|\\|e\\!f\\(g\\)h\\{i\\}j\\[k\\]l\\^m\\"n\\~o\\*p\\?q\\:r\\\\s\\/t'
    )
    assert escape_lucene("AND") == "and"  # never an operator


def test_query_text_is_normalised_like_stored_names() -> None:
    assert search_readings("Vlaamse Bouwgroep NV", "Company") == [["vlaamse", "bouwgroep"]]
    assert search_readings("Mr. Émile DUPONT", "Person") == [["emile", "dupont"]]
    assert search_readings("Dupont Construct Ltd", None) == [
        ["dupont", "construct"],
        ["dupont", "construct", "ltd"],
    ]
    assert search_readings("!!!", None) == []
    assert lucene_query([]) == ""
    query = lucene_query([["dupont", "construct"], ["dupont", "construct", "ltd"]])
    assert query.startswith('"dupont construct"^8 OR (dupont AND construct)^4')
    assert '"dupont construct ltd"^8' in query and "ltd*" in query


@pytest.mark.parametrize("text", ["GB-COH-01234567", "gb-coh-01234567", "GB-COH-1234567"])
async def test_the_tools_own_id_finds_its_company_first(
    gql: GraphQLCall, world: World, text: str
) -> None:
    body = await gql(SEARCH, {"t": text})
    first = body["data"]["search"]["edges"][0]
    assert first["node"]["id"] == world.construct
    assert first["matchedIdentifier"] is True
