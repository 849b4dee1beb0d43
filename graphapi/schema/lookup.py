"""Root lookups by id or registry identifier: company, person, address, entity."""

from __future__ import annotations

from typing import TypeVar

import strawberry
from strawberry.types.nodes import SelectedField

from graph_schema.errors import NotFound
from graph_schema.identifiers import normalise_identifier
from graphapi.context import Info
from graphapi.queries.rows import AddressRow, AnyNodeRow, CompanyRow, PersonRow
from graphapi.schema.common import described
from graphapi.schema.entities import Address, Company, Entity, Person, entity_of
from graphapi.services.lookup import candidate_keys, one_company


async def _node(info: Info, id: str) -> AnyNodeRow:
    row = await info.context.loaders.node.load(id)
    if row is None:
        raise NotFound(f"no entity with id {id!r}")
    return row


def _asks_for(info: Info, name: str) -> bool:
    """Whether `name` is selected directly under this root field (fragments included)."""
    stack = [s for f in info.selected_fields for s in f.selections]
    while stack:
        node = stack.pop()
        if isinstance(node, SelectedField):
            if node.name == name:
                return True
        else:  # an inline fragment or fragment spread: look inside it
            stack.extend(node.selections)
    return False


async def _person_with_history(info: Info, id: str) -> None:
    """For `person(id) { bankruptcyHistory }`: the history query carries the person's node,
    so priming the node loader with it makes the lookup and the history one round trip."""
    data = await info.context.loaders.history.load(id)
    if data.person is not None:
        info.context.loaders.node.prime(id, data.person)


def _not_a(id: str, row: AnyNodeRow, wanted: str) -> NotFound:
    found = type(row).__name__.removesuffix("Row").lower()
    return NotFound(f"{id!r} is a {found}, not a {wanted}")


_E = TypeVar("_E", bound=Entity)


async def _typed(info: Info, id: str, row_type: type[AnyNodeRow], wanted: type[_E]) -> _E:
    """The entity `id` names, which must be a `wanted` (NOT_FOUND naming what it is else)."""
    row = await _node(info, id)
    if not isinstance(row, row_type):
        raise _not_a(id, row, wanted.__name__.lower())
    result = entity_of(info, row)
    assert isinstance(result, wanted)
    return result


async def company_key(info: Info, text: str) -> str:
    """The key of the company `text` names: its id, or a registry number in any common format
    (graphapi/services/lookup.py); NOT_FOUND when none, INVALID_ARGUMENT when several."""
    if await info.context.loaders.node.load(text) is not None:
        return text
    keys = [k for k in candidate_keys(text) if k != text]
    hits = await info.context.loaders.company_by_identifier.load_many(keys)
    key = one_company(text, list(dict.fromkeys(h for h in hits if h is not None)))
    if key is None:
        raise NotFound(f"no company with id or registry number {text!r}")
    return key


@strawberry.type
class EntityQuery:
    @described(
        "A company by its id (graph key, e.g. GB-COH-01234567) or by a registry number in any "
        "common format ('01234567', 'BE 0403.170.701', 'FR40552100554')."
    )
    async def company(self, info: Info, id: strawberry.ID) -> Company | None:
        key = await company_key(info, str(id).strip())
        return await _typed(info, key, CompanyRow, Company)

    @described("A person by id.")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        if _asks_for(info, "bankruptcyHistory"):
            await _person_with_history(info, str(id))
        return await _typed(info, id, PersonRow, Person)

    @described("An address by id.")
    async def address(self, info: Info, id: strawberry.ID) -> Address | None:
        return await _typed(info, id, AddressRow, Address)

    @described("A company, person or address by id.")
    async def entity(self, info: Info, id: strawberry.ID) -> Entity | None:
        return entity_of(info, await _node(info, id))

    @described(
        "A company by registry identifier, typed as people write it: "
        "scheme GB-COH, BE-BCE_KBO, FR-SIREN (or FR-RCS), XI-LEI, NL-KVK…; "
        "value e.g. 'BE 0403 170 701', '0403.170.701' or the id itself, 'BE-BCE_KBO-0403170701'."
    )
    async def company_by_identifier(self, info: Info, scheme: str, value: str) -> Company | None:
        code, number = normalise_identifier(scheme, value)  # InvalidInput -> INVALID_ARGUMENT
        key = await info.context.loaders.company_by_identifier.load(f"{code}-{number}")
        if key is None:
            raise NotFound(f"no company with identifier {code} {number}")
        return await EntityQuery.company(self, info, strawberry.ID(key))
