"""The write contract, gathered from the record classes, and its spelling in Cypher.

The declarations live on the classes (graph_schema/nodes.py, graph_schema/edges.py): the labels a
node carries, the owner it hangs off, the labels a relationship type connects, how its key is
built. Everything that writes the graph derives from them: the transactional upserts
(loaders/write/upserts.py), the bulk-import stage and files (loaders/bulk/) and the benchmark's
LOAD CSV baseline (graphapi/tooling/bench/cypher.py).

Labels and types cannot be Cypher parameters: the patterns below spell them from the whitelist
enums of graph_schema/labels.py, once, at import; values always travel as parameters.
"""

from __future__ import annotations

from typing import LiteralString, get_args

from graph_schema.edges import Link, LinkRecord
from graph_schema.labels import NodeLabel, RelType
from graph_schema.nodes import Identifier, Node, NodeRecord

LINK_TYPES: dict[RelType, type[Link]] = {cls.rel_type: cls for cls in get_args(LinkRecord)}
NODE_TYPES: dict[NodeLabel, type[Node]] = {cls.label: cls for cls in get_args(NodeRecord)}
# Written by the API (watchlists) and the ledger import, never by a loader.
API_REL_TYPES: frozenset[RelType] = frozenset(
    {RelType.WATCHES, RelType.RESOLVES_TO, RelType.BILLED_TO, RelType.CREDITS}
)


def top_level_nodes() -> list[type[Node]]:
    """Nodes merged on their key alone (companies, persons, addresses), in declaration order."""
    return [cls for cls in NODE_TYPES.values() if cls.owner is None]


def owned_nodes() -> list[type[Node]]:
    """Nodes created only under their owner (events, disqualifications)."""
    return [cls for cls in NODE_TYPES.values() if cls.owner is not None]


def loaded_rel_types() -> frozenset[RelType]:
    """Every relationship type a loader writes: links, owner links, identifier links."""
    owners = {cls.owner.rel_type for cls in NODE_TYPES.values() if cls.owner is not None}
    return frozenset({*LINK_TYPES, *owners, Identifier.linked_from[1]})


def labels_of(label: NodeLabel) -> tuple[NodeLabel, ...]:
    """The node labels a MATCH on `label` finds: :Entity is each node type that also carries it."""
    return tuple(cls.label for cls in NODE_TYPES.values() if label in cls.node_labels())


def cypher_name(value: NodeLabel | RelType) -> LiteralString:
    """A label or type as Cypher spells it: only ever a member of the whitelist enums."""
    if not isinstance(value, NodeLabel | RelType):
        raise TypeError(f"{value!r} is not a whitelisted label or relationship type")
    return value.value


def spelled_labels(cls: type[Node]) -> LiteralString:
    """`Company:Entity`: every label of a node type."""
    return ":".join(cypher_name(label) for label in cls.node_labels())


def merge_node(cls: type[Node]) -> LiteralString:
    """`MERGE (n:Company:Entity {key: row.key})`."""
    return "MERGE (n:" + spelled_labels(cls) + " {key: row.key})"


def match_owner(cls: type[Node]) -> LiteralString:
    """`MATCH (o:Company {key: row.owner})`: the owner an owned node is created under."""
    if cls.owner is None:
        raise ValueError(f"{cls.__name__} has no owner")
    return "MATCH (o:" + cypher_name(cls.owner.label) + " {key: row.owner})"


def merge_owner_link(cls: type[Node]) -> LiteralString:
    """`MERGE (o)-[:HAS_EVENT]->(n)`."""
    if cls.owner is None:
        raise ValueError(f"{cls.__name__} has no owner")
    return "MERGE (o)-[:" + cypher_name(cls.owner.rel_type) + "]->(n)"


def match_link_ends(cls: type[Link]) -> LiteralString:
    """`MATCH (a:Entity {key: row.src})` and `MATCH (b:Company {key: row.dst})`, one a line."""
    return (
        "MATCH (a:"
        + cypher_name(cls.source)
        + " {key: row.src})\nMATCH (b:"
        + cypher_name(cls.target)
        + " {key: row.dst})"
    )


def merge_link(cls: type[Link]) -> LiteralString:
    """`MERGE (a)-[r:DIRECTOR_OF {key: row.key}]->(b)`."""
    return "MERGE (a)-[r:" + cypher_name(cls.rel_type) + " {key: row.key}]->(b)"


def merge_identifier() -> LiteralString:
    """An entity's identifier: merged on its key, first facts kept, linked from the entity."""
    owner, rel_type = Identifier.linked_from
    return (
        "MATCH (c:"
        + cypher_name(owner)
        + " {key: row.company})\nMERGE (i:"
        + cypher_name(Identifier.label)
        + " {key: row.key})\nON CREATE SET i.scheme = row.scheme, i.value = row.value,"
        + " i.validated = row.validated\n"
        + "MERGE (c)-[:"
        + cypher_name(rel_type)
        + "]->(i)"
    )
