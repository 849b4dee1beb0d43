"""Per-request DataLoaders over the key-batched queries (built in get_context, never global).

Keyed loaders take `(key, filter)`: requests with equal filters are batched into one query, so
a nested selection costs one round trip per level and distinct argument set, not per parent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from strawberry.dataloader import DataLoader

from graphapi.analytics.financials.analysis import PeerGroup, PeerStatement
from graphapi.graph import Graph
from graphapi.queries import entities, events, financials, links
from graphapi.queries.events import EventFilter
from graphapi.queries.financials import CompanyAccounts
from graphapi.queries.history import HistoryInput, history_inputs
from graphapi.queries.links import LinkFilter
from graphapi.queries.rows import (
    AnyNodeRow,
    ControlRow,
    DeclaredOwnershipRow,
    DirectorshipRow,
    EventRow,
    IdentifierRow,
    Page,
    ParentRow,
    RegistrationRow,
    ShareholdingRow,
)

F = TypeVar("F", bound=Hashable)
T = TypeVar("T")


@dataclass(frozen=True)
class RegistrationFilter:
    label: str  # "Company" | "Person"
    skip: int
    limit: int


def keyed(
    graph: Graph, fetch: Callable[[Graph, Sequence[str]], Awaitable[list[T]]]
) -> DataLoader[str, T]:
    async def batch(keys: list[str]) -> list[T]:
        return await fetch(graph, keys)

    return DataLoader(load_fn=batch)


def filtered(
    graph: Graph, fetch: Callable[[Graph, Sequence[str], F], Awaitable[list[T]]]
) -> DataLoader[tuple[str, F], T]:
    """One query per distinct filter in the batch; results put back in request order."""

    async def batch(requests: list[tuple[str, F]]) -> list[T]:
        groups: dict[F, list[str]] = {}
        for key, flt in requests:
            groups.setdefault(flt, []).append(key)
        answers: dict[tuple[str, F], T] = {}
        for flt, keys in groups.items():
            unique = list(dict.fromkeys(keys))
            for key, result in zip(unique, await fetch(graph, unique, flt), strict=True):
                answers[(key, flt)] = result
        return [answers[r] for r in requests]

    return DataLoader(load_fn=batch)


def peer_loader(graph: Graph) -> DataLoader[PeerGroup, list[PeerStatement]]:
    async def batch(groups: list[PeerGroup]) -> list[list[PeerStatement]]:
        return await financials.peers_of(graph, groups)

    return DataLoader(load_fn=batch)


async def _registered_at(
    graph: Graph, keys: Sequence[str], flt: RegistrationFilter
) -> list[Page[RegistrationRow]]:
    return await entities.registered_at(graph, keys, flt.label, flt.skip, flt.limit)


@dataclass
class Loaders:
    node: DataLoader[str, AnyNodeRow | None]
    identifiers: DataLoader[str, list[IdentifierRow]]
    company_by_identifier: DataLoader[str, str | None]
    addresses: DataLoader[str, list[RegistrationRow]]
    registered_at: DataLoader[tuple[str, RegistrationFilter], Page[RegistrationRow]]
    directors: DataLoader[tuple[str, LinkFilter], Page[DirectorshipRow]]
    mandates: DataLoader[tuple[str, LinkFilter], Page[DirectorshipRow]]
    shareholders: DataLoader[tuple[str, LinkFilter], Page[ShareholdingRow]]
    holdings: DataLoader[tuple[str, LinkFilter], Page[ShareholdingRow]]
    declared_bos: DataLoader[tuple[str, LinkFilter], Page[DeclaredOwnershipRow]]
    controllers: DataLoader[tuple[str, LinkFilter], Page[ControlRow]]
    parents: DataLoader[tuple[str, LinkFilter], Page[ParentRow]]
    subsidiaries: DataLoader[tuple[str, LinkFilter], Page[ParentRow]]
    events: DataLoader[tuple[str, EventFilter], Page[EventRow]]
    history: DataLoader[str, HistoryInput]
    accounts: DataLoader[str, CompanyAccounts | None]
    peers: DataLoader[PeerGroup, list[PeerStatement]]


def build_loaders(graph: Graph) -> Loaders:
    return Loaders(
        node=keyed(graph, entities.nodes_by_keys),
        identifiers=keyed(graph, entities.identifiers_of),
        company_by_identifier=keyed(graph, entities.company_keys_by_identifier),
        addresses=keyed(graph, entities.addresses_of),
        registered_at=filtered(graph, _registered_at),
        directors=filtered(graph, links.directors_of),
        mandates=filtered(graph, links.mandates_of),
        shareholders=filtered(graph, links.shareholders_of),
        holdings=filtered(graph, links.holdings_of),
        declared_bos=filtered(graph, links.declared_bos_of),
        controllers=filtered(graph, links.controllers_of),
        parents=filtered(graph, links.parents_of),
        subsidiaries=filtered(graph, links.subsidiaries_of),
        events=filtered(graph, events.events_of),
        history=keyed(graph, history_inputs),
        accounts=keyed(graph, financials.accounts_of),
        peers=peer_loader(graph),
    )
