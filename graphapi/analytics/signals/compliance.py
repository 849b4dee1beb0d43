"""Compliance signals from FollowTheMoney topics (docs/analytics.md, "Topics and what they mean").

Only a designation (`sanction`) makes SANCTIONED; an entity owned 50 % or more, alone or
together, or controlled by designated parties is SANCTIONED_OWNERSHIP, with the ownership paths
as evidence (OFAC's 50 % rule; the EU's "owned or controlled" guidance). `sanction.linked`
(OpenSanctions: a direct relationship with a designated party) and `debarment` (excluded from
public procurement) are lower findings of their own; `sanction.counter` (designated by Russia,
China, Iran… in retaliation, e.g. Lockheed Martin or Western officials) is shown as information
and never raises a rating. PEP covers politically exposed persons and, lower, their relatives
and close associates (`role.rca`).
"""

from __future__ import annotations

from datetime import date

import networkx as nx

from graph_schema.signal_params import SignalParams
from graphapi.analytics.inputs import Index
from graphapi.analytics.signals.model import EvidencePath, Signal, SignalKind
from graphapi.analytics.ubo.graph import OwnershipGraph, build_graph, integrated
from graphapi.analytics.ubo.owners import UboResult
from graphapi.analytics.ubo.paths import path_graph, paths_to


def topics_of(ix: Index, key: str) -> tuple[str, ...]:
    if key in ix.persons:
        return ix.persons[key].topics
    if key in ix.companies:
        return ix.companies[key].topics
    return ()


def has_topic(ix: Index, key: str, topics: tuple[str, ...]) -> bool:
    return any(t in topics for t in topics_of(ix, key))


def _graph(ix: Index, as_of: date, params: SignalParams) -> OwnershipGraph:
    listed = {c.key for c in ix.data.companies if c.listed}
    return build_graph(
        ix.data.target,
        ix.data.holdings,
        ix.data.controls,
        ix.natural_persons,
        listed,
        as_of,
        params.ubo.max_depth,
        params.ubo.max_nodes,
    )


def _paths(
    ix: Index, graph: OwnershipGraph, sources: set[str], params: SignalParams
) -> tuple[EvidencePath, ...]:
    g = path_graph(graph)
    found: list[EvidencePath] = []
    for source in sorted(sources):
        for path in paths_to(graph, g, source, params.ubo.max_paths):
            found.append(
                EvidencePath(
                    description=f"{ix.name(source)}: {path.product_lo:.2f} % through this path",
                    hops=ix.path_hops(path),
                )
            )
    return tuple(found)


def _related(ix: Index, as_of: date, graph: OwnershipGraph) -> dict[str, str]:
    """Current directors, and every owner or controller upstream: key -> how it is related."""
    target = ix.data.target
    related = {m.person: "director" for m in ix.directors(target, as_of)}
    for key in sorted(set(graph.entities) | graph.persons):
        if key != target:
            related.setdefault(key, "owner or controller")
    return related


def sanctioned(ix: Index, as_of: date, params: SignalParams) -> list[Signal]:
    """Every compliance signal of the topics but PEP, on one ownership graph."""
    graph = _graph(ix, as_of, params)
    owned = sanctioned_ownership(ix, params, graph)
    covered = set(owned[0].entities) if owned else set()
    return [
        *designated(ix, params),
        *owned,
        *sanction_linked(ix, as_of, params, graph, covered),
        *debarred(ix, params),
        *counter_sanctioned(ix, as_of, params, graph),
    ]


def designated(ix: Index, params: SignalParams) -> list[Signal]:
    """SANCTIONED: the company itself is on a sanctions list."""
    target = ix.data.target
    if not has_topic(ix, target, params.sanction_topics):
        return []
    return [
        Signal(
            kind=SignalKind.SANCTIONED,
            severity=5,
            summary=f"{ix.target.display} is designated on a sanctions list.",
            entities=(target,),
            params={"topics": ",".join(params.sanction_topics)},
        )
    ]


def debarred(ix: Index, params: SignalParams) -> list[Signal]:
    target = ix.data.target
    if not has_topic(ix, target, params.debarment_topics):
        return []
    return [
        Signal(
            kind=SignalKind.DEBARRED,
            severity=3,
            summary=f"{ix.target.display} is excluded from public procurement (debarred).",
            entities=(target,),
            params={"topics": ",".join(params.debarment_topics)},
        )
    ]


def sanctioned_ownership(ix: Index, params: SignalParams, graph: OwnershipGraph) -> list[Signal]:
    """SANCTIONED_OWNERSHIP: owned 50 % or more, alone or together, or controlled by
    designated parties (or so marked by the source), with the ownership paths."""
    target = ix.data.target
    flagged = {
        k for k in [*ix.persons, *ix.companies] if has_topic(ix, k, params.sanction_topics)
    } - {target}
    control = nx.DiGraph(list(graph.control_certain))
    controllers = (set(nx.ancestors(control, target)) if target in control else set()) & flagged
    holders = flagged & (set(graph.entities) | graph.persons)
    share = integrated(graph, target, upper=False, absorbing=frozenset(holders)) if holders else {}
    aggregate = sum(share.get(k, 0.0) for k in holders) * 100
    owners = {k for k in holders if share.get(k, 0.0) > 0}
    marked = has_topic(ix, target, params.sanction_ownership_topics)
    threshold = params.sanction_ownership_threshold
    reasons = []
    if aggregate >= threshold - 1e-9 and owners:
        names = ", ".join(ix.name(k) for k in sorted(owners))
        reasons.append(f"owned {aggregate:.2f} % by sanctioned {names}")
    if controllers:
        reasons.append(
            "controlled by sanctioned " + ", ".join(ix.name(k) for k in sorted(controllers))
        )
    if marked and not reasons:
        reasons.append("marked by its source as owned or controlled by a sanctioned party")
    if not reasons:
        return []
    parties = controllers | (owners if aggregate >= threshold - 1e-9 else set())
    return [
        Signal(
            kind=SignalKind.SANCTIONED_OWNERSHIP,
            severity=5,
            summary=f"{ix.target.display} is {'; '.join(reasons)}: blocked as its owners are "
            f"(owned {threshold:g} % or more, alone or together, or controlled).",
            entities=(target, *sorted(parties)),
            evidence=_paths(ix, graph, parties, params),
            params={"aggregate_percent": round(aggregate, 4), "threshold": threshold},
        )
    ]


def sanction_linked(
    ix: Index, as_of: date, params: SignalParams, graph: OwnershipGraph, covered: set[str]
) -> list[Signal]:
    """The target marked sanction-linked, or a director, owner or controller that is designated
    or linked without making the company blocked."""
    target = ix.data.target
    reasons = []
    parties: set[str] = set()
    if has_topic(ix, target, params.sanction_linked_topics):
        reasons.append(f"{ix.target.display} is marked sanction-linked by its source")
    topics = (*params.sanction_topics, *params.sanction_linked_topics)
    for key, role in _related(ix, as_of, graph).items():
        if key not in covered and has_topic(ix, key, topics):
            what = "designated" if has_topic(ix, key, params.sanction_topics) else "linked"
            reasons.append(f"its {role} {ix.name(key)} is sanction-{what}")
            parties.add(key)
    if not reasons:
        return []
    return [
        Signal(
            kind=SignalKind.SANCTION_LINKED,
            severity=4,
            summary=_sentence("; ".join(reasons)),
            entities=(target, *sorted(parties)),
            evidence=_paths(ix, graph, parties & (set(graph.entities) | graph.persons), params),
            params={"topics": ",".join(topics)},
        )
    ]


def counter_sanctioned(
    ix: Index, as_of: date, params: SignalParams, graph: OwnershipGraph
) -> list[Signal]:
    """COUNTER_SANCTIONED: information only (severity 1, never in the rating)."""
    target = ix.data.target
    parties = [target] if has_topic(ix, target, params.counter_sanction_topics) else []
    parties += [
        k for k in _related(ix, as_of, graph) if has_topic(ix, k, params.counter_sanction_topics)
    ]
    if not parties:
        return []
    names = ", ".join(ix.name(k) for k in parties)
    return [
        Signal(
            kind=SignalKind.COUNTER_SANCTIONED,
            severity=1,
            summary=f"For information: {names} counter-sanctioned (designated by a state in "
            "retaliation for sanctions or criticism); not a risk factor and not in the rating.",
            entities=tuple(parties),
            params={"topics": ",".join(params.counter_sanction_topics)},
        )
    ]


def pep(ix: Index, as_of: date, ubo: UboResult, params: SignalParams) -> list[Signal]:
    people = {m.person: "director" for m in ix.directors(ix.data.target, as_of)}
    for o in ubo.beneficial_owners:
        people.setdefault(o.person, "beneficial owner")
    out = []
    for p, role in sorted(people.items()):
        if has_topic(ix, p, params.pep_topics):
            what, severity = "a politically exposed person", 3
        elif has_topic(ix, p, params.rca_topics):
            what, severity = "a relative or close associate of a politically exposed person", 2
        else:
            continue
        out.append(
            Signal(
                kind=SignalKind.PEP,
                severity=severity,
                summary=f"The {role} {ix.name(p)} is {what}.",
                entities=(p, ix.data.target),
                params={"topics": ",".join((*params.pep_topics, *params.rca_topics))},
            )
        )
    return out


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."
