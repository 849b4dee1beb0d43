"""GLEIF Level 2 (RR-CDF): accounting-consolidation parents -> PARENT_OF.

IS_DIRECTLY_CONSOLIDATED_BY -> Parent(level="direct"), IS_ULTIMATELY_CONSOLIDATED_BY ->
Parent(level="ultimate"), from the parent (end node) to the child (start node); start/end from
the RELATIONSHIP_PERIOD. Fund relationships (IS_FUND-MANAGED_BY, IS_SUBFUND_OF, IS_FEEDER_TO)
and reporting exceptions are read and validated but not modelled (Parsed with no records).

Both ends are emitted as minimal companies (key + identifiers). The key must be the one the
Level 1 loader gives that LEI, or the link would hang off a duplicate node: `lei_keys` maps the
LEIs whose L1 record is keyed by a national register number (built by gleif.py from the L1 files
next to the RR file); any other LEI is keyed "XI-LEI-<LEI>", as the L1 loader keys it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph_schema.edges import Parent
from graph_schema.identifiers import SCHEMES
from graph_schema.nodes import CompanyRecord, Identifier, Record
from graph_schema.provenance import Provenance
from loaders.contract import BadRecord
from loaders.gleif.lei import SOURCE, lei_identifier, parse_day
from loaders.gleif.read import CONTENT_DATE, Tree, as_list, text

PARENT_LEVELS = {
    "IS_DIRECTLY_CONSOLIDATED_BY": "direct",
    "IS_ULTIMATELY_CONSOLIDATED_BY": "ultimate",
}
NOT_MODELLED = {"IS_FUND-MANAGED_BY", "IS_SUBFUND_OF", "IS_FEEDER_TO"}
RELATIONSHIP_STATUSES = {"ACTIVE", "INACTIVE", "NULL"}


@dataclass
class Period:
    kind: str | None
    start: str | None
    end: str | None


@dataclass
class RrFacts:
    start: str | None
    end: str | None
    rel_type: str | None
    status: str | None = None
    periods: list[Period] = field(default_factory=list)
    last_update: str | None = None
    node_types: tuple[str | None, str | None] = ("LEI", "LEI")


def rr_from_bf(tree: Tree) -> RrFacts:
    rel = tree.get("Relationship", {})
    periods = [
        Period(text(p, "PeriodType"), text(p, "StartDate"), text(p, "EndDate"))
        for p in as_list((rel.get("RelationshipPeriods") or {}).get("RelationshipPeriod"))
    ]
    return RrFacts(
        start=text(rel, "StartNode", "NodeID"),
        end=text(rel, "EndNode", "NodeID"),
        rel_type=text(rel, "RelationshipType"),
        status=text(rel, "RelationshipStatus"),
        periods=periods,
        last_update=text(tree, "Registration", "LastUpdateDate") or tree.get(CONTENT_DATE),
        node_types=(text(rel, "StartNode", "NodeIDType"), text(rel, "EndNode", "NodeIDType")),
    )


def rr_from_api(item: Tree) -> RrFacts:
    attrs = item.get("attributes") or {}
    rel: dict[str, Any] = attrs.get("relationship") or {}
    start, end = rel.get("startNode") or {}, rel.get("endNode") or {}
    return RrFacts(
        start=start.get("id"),
        end=end.get("id"),
        rel_type=rel.get("type"),
        status=rel.get("status"),
        periods=[
            Period(p.get("type"), p.get("startDate"), p.get("endDate"))
            for p in rel.get("periods") or []
            if isinstance(p, dict)
        ],
        last_update=(attrs.get("registration") or {}).get("lastUpdateDate")
        or item.get(CONTENT_DATE),
        node_types=(start.get("type"), end.get("type")),
    )


def endpoint(lei: str, lei_keys: dict[str, str], prov: Provenance) -> CompanyRecord:
    ident = Identifier(scheme="XI-LEI", value=lei)
    key = lei_keys.get(lei)
    if key is None:
        return CompanyRecord(key=ident.key, identifiers=[ident], provenance=prov)
    return CompanyRecord(key=key, identifiers=[_split_key(key), ident], provenance=prov)


def _split_key(key: str) -> Identifier:
    for code in SCHEMES:
        if key.startswith(code + "-"):
            return Identifier(scheme=code, value=key[len(code) + 1 :])
    raise ValueError(f"not an identifier key: {key}")  # pragma: no cover - keys come from L1


def rr_records(facts: RrFacts, lei_keys: dict[str, str], source_file: str) -> list[Record]:
    if not facts.rel_type:
        raise BadRecord("missing key field RelationshipType")
    if facts.rel_type in NOT_MODELLED:
        return []
    level = PARENT_LEVELS.get(facts.rel_type)
    if level is None:
        raise BadRecord(f"unknown RelationshipType {facts.rel_type!r}")
    for node_type in facts.node_types:
        if node_type not in (None, "LEI"):
            raise BadRecord(f"unsupported NodeIDType {node_type!r}: only LEI nodes are modelled")
    child = lei_identifier(facts.start, "StartNode").value
    parent = lei_identifier(facts.end, "EndNode").value
    if facts.status is not None and facts.status not in RELATIONSHIP_STATUSES:
        raise BadRecord(f"unknown RelationshipStatus {facts.status!r}")
    period = next((p for p in facts.periods if p.kind == "RELATIONSHIP_PERIOD"), None)
    start = parse_day(period.start, "RelationshipPeriod StartDate") if period else None
    end = parse_day(period.end, "RelationshipPeriod EndDate") if period else None
    if start and end and end < start:
        raise BadRecord(f"relationship end {end} is before start {start}")
    prov = Provenance(
        source=SOURCE,
        record_id=f"{child}|{facts.rel_type}|{parent}",
        source_file=source_file,
        seen_at=parse_day(facts.last_update, "LastUpdateDate"),
    )
    parent_node = endpoint(parent, lei_keys, prov)
    child_node = endpoint(child, lei_keys, prov)
    link = Parent(
        key=Parent.make_key(parent_node.key, child_node.key, level),
        src=parent_node.key,
        dst=child_node.key,
        level=level,
        start=start,
        end=end,
        relationship_status=facts.status,
        provenance=prov,
    )
    return [parent_node, child_node, link]
