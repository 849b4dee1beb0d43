"""Exposure through the graph: which of the firm's clients are linked to each other in the
registers, by what, and what each of them owes, in ONE parameterised query.

Four kinds of link between two clients' companies (docs/analytics.md, "Exposure through the
graph"), each valid at `$as_of`:

- `group`: the same ultimate parent. A parent link is a consolidation (`PARENT_OF`), control
  (`CONTROLS`, or a declaration with `control`), or more than half of the shares (`OWNS`, or a
  `DECLARED_BO_OF` range above 50 %: the PSC register's relevant legal entities), followed
  up to 8 levels; the top is the ancestor nothing above controls (the company itself when it
  has no parent). The path from the top to each client is the evidence.
- `director`: a person (or corporate officer) in office as director of both (secretaries are
  not directors).
- `owner`: a natural person beneficially owning or controlling both, directly or through the
  group above them (declared, controlling, or holding more than 25 % of the shares).
- `address`: the same registered address, with how many companies are registered there (a
  mass-registration address is flagged by the analytics, graphapi/analytics/exposure.py).

The query returns one row: `links` (each link kind and entity with the clients it joins, at
least two companies, and for a person the companies it directed that became insolvent) and
`accounts` (each linked client with its documents), so the amounts are computed by the same
pure code as every other ledger figure (graphapi/analytics/payment.py). With `$client` set
(`LINKED_TO_CLIENT`), the query starts from that client's neighbourhood and returns only its
links: the same answer as the whole ledger's, without working out every client's anchors.
"""

from __future__ import annotations

from datetime import date
from typing import Any, LiteralString

from graphapi.analytics.exposure import Anchor, Failure, Hop, LinkedClients, LinkRow, Member
from graphapi.graph import Graph
from graphapi.queries.ledger import accounts_from_rows

MAX_GROUP_DEPTH = 8

# Validity of a relationship `r` at $as_of (start inclusive, end exclusive).
_VALID: LiteralString = (
    "(r.start IS NULL OR r.start <= $as_of) AND (r.end IS NULL OR r.end > $as_of)"
)
_VALID_Q: LiteralString = (
    "(q.start IS NULL OR q.start <= $as_of) AND (q.end IS NULL OR q.end > $as_of)"
)
# A company-to-company link that makes the first a parent of the second.
_PARENT: LiteralString = (
    "(type(r) IN ['PARENT_OF', 'CONTROLS'] OR r.control = true "
    "OR coalesce(r.share_exact, 0) > 50 OR coalesce(r.share_min, 0) > 50 "
    "OR (r.share_min = 50 AND r.share_min_exclusive = true))"
)
_PARENT_Q: LiteralString = (
    "(type(q) IN ['PARENT_OF', 'CONTROLS'] OR q.control = true "
    "OR coalesce(q.share_exact, 0) > 50 OR coalesce(q.share_min, 0) > 50 "
    "OR (q.share_min = 50 AND q.share_min_exclusive = true))"
)
# A person's holding that makes them a beneficial owner.
_OWNER: LiteralString = (
    "(type(r) IN ['DECLARED_BO_OF', 'CONTROLS'] OR r.control = true "
    "OR coalesce(r.share_exact, 0) > 25 OR coalesce(r.share_min, 0) > 25 "
    "OR (r.share_min = 25 AND r.share_min_exclusive = true))"
)

# Every current, resolved client of the ledger.
_ALL_CLIENTS: LiteralString = """
MATCH (cl:Client {ledger: $ledger})-[:RESOLVES_TO]->(co:Company)
WHERE cl.removed_at IS NULL
"""

# With `$client`: only the clients whose companies could share an anchor with the client's
# (a superset: the anchors below decide), so one client's links do not cost the whole ledger's.
# The companies under its group's tops; every company of its directors and of the persons
# owning it or a company above it, and the companies under those; the companies at its
# registered addresses.
_NEAR_CLIENT: LiteralString = (
    """
MATCH (:Client {key: $client})-[:RESOLVES_TO]->(sc:Company)
CALL (sc) {
  OPTIONAL MATCH (up:Company)
        ((:Company)-[r:PARENT_OF|OWNS|DECLARED_BO_OF|CONTROLS]->(:Company)
         WHERE """
    + _VALID
    + " AND "
    + _PARENT
    + """){0,8}(sc)
  RETURN collect(DISTINCT up) AS line
}
CALL (sc, line) {
  UNWIND line AS held
  OPTIONAL MATCH (p:Person)-[r:OWNS|CONTROLS|DECLARED_BO_OF|DIRECTOR_OF]->(held)
  WHERE """
    + _VALID
    + """ AND (held = sc OR type(r) <> 'DIRECTOR_OF')
  WITH p WHERE p IS NOT NULL
  MATCH (p)-[r:OWNS|CONTROLS|DECLARED_BO_OF|DIRECTOR_OF]->(theirs:Company)
  WHERE """
    + _VALID
    + """
  RETURN collect(DISTINCT theirs) AS people
}
CALL (sc) {
  OPTIONAL MATCH (sc)-[r:REGISTERED_AT]->(:Address)<-[q:REGISTERED_AT]-(x:Company)
  WHERE """
    + _VALID
    + " AND "
    + _VALID_Q
    + """
  RETURN collect(DISTINCT x) AS neighbours
}
UNWIND line + people AS root
CALL (root) {
  MATCH (root)
        ((:Company)-[r:PARENT_OF|OWNS|DECLARED_BO_OF|CONTROLS]->(:Company)
         WHERE """
    + _VALID
    + " AND "
    + _PARENT
    + """){0,8}(down:Company)
  RETURN collect(DISTINCT down) AS below
}
WITH collect(below) AS belows, neighbours
UNWIND reduce(acc = neighbours, b IN belows | acc + b) AS co
WITH DISTINCT co
MATCH (cl:Client {ledger: $ledger})-[:RESOLVES_TO]->(co)
WHERE cl.removed_at IS NULL
"""
)

# Each client and the anchors it can share with another.
_ANCHORS: LiteralString = (
    """
CALL (co) {
  OPTIONAL MATCH path = (top:Company)
        ((:Company)-[r:PARENT_OF|OWNS|DECLARED_BO_OF|CONTROLS]->(:Company)
         WHERE """
    + _VALID
    + " AND "
    + _PARENT
    + """){1,8}(co)
  WHERE top <> co AND NOT EXISTS {
    MATCH (:Company)-[q:PARENT_OF|OWNS|DECLARED_BO_OF|CONTROLS]->(top)
    WHERE """
    + _VALID_Q
    + " AND "
    + _PARENT_Q
    + """
  }
  WITH co, collect(path) AS paths
  WITH co, paths, CASE WHEN size(paths) = 0 THEN [co] ELSE [] END AS alone
  RETURN [p IN paths | {kind: 'group', key: nodes(p)[0].key, name: nodes(p)[0].name,
            hops: [r IN relationships(p) | {src: startNode(r).key, src_name: startNode(r).name,
                   type: type(r), dst: endNode(r).key, dst_name: endNode(r).name,
                   share_exact: r.share_exact, share_min: r.share_min, share_max: r.share_max,
                   control: r.control, source_file: r.source_file, record_id: r.record_id}]}]
       + [c IN alone | {kind: 'group', key: c.key, name: c.name, hops: []}] AS groups,
       [n IN reduce(acc = [co], p IN paths | acc + nodes(p)) | n] AS line
}
CALL (co) {
  OPTIONAL MATCH (d:Entity)-[r:DIRECTOR_OF]->(co)
  WHERE """
    + _VALID
    + """ AND r.role <> 'secretary'
  RETURN collect(DISTINCT {kind: 'director', key: d.key, name: d.name,
                 detail: r.role, since: r.start}) AS directors
}
CALL (co, line) {
  UNWIND line AS held
  OPTIONAL MATCH (p:Person)-[r:OWNS|CONTROLS|DECLARED_BO_OF]->(held)
  WHERE """
    + _VALID
    + " AND "
    + _OWNER
    + """
  WITH p, held, r WHERE p IS NOT NULL
  RETURN collect(DISTINCT {kind: 'owner', key: p.key, name: p.name, detail: type(r),
                 through: CASE WHEN held = co THEN null ELSE held.key END,
                 through_name: CASE WHEN held = co THEN null ELSE held.name END}) AS owners
}
CALL (co) {
  OPTIONAL MATCH (co)-[r:REGISTERED_AT]->(a:Address)
  WHERE """
    + _VALID
    + """ AND coalesce(r.kind, 'registered') = 'registered'
  RETURN collect(DISTINCT {kind: 'address', key: a.key, name: a.text}) AS addresses
}
WITH cl, co, groups + directors + owners + addresses AS anchors
UNWIND anchors AS a
WITH a.kind AS kind, a.key AS key, a.name AS name,
     collect({client: cl.key, company: co.key, company_name: co.name, anchor: a}) AS members
WHERE size(members) >= 2
  AND size(reduce(acc = [], m IN members |
        CASE WHEN m.company IN acc THEN acc ELSE acc + m.company END)) >= 2
  AND ($client IS NULL OR any(m IN members WHERE m.client = $client))
"""
)

_LINKED: LiteralString = (
    _ANCHORS
    + """
CALL (kind, key) {
  OPTIONAL MATCH (p:Person {key: key})-[m:DIRECTOR_OF]->(x:Company)-[:HAS_EVENT]->(e:Event)
  WHERE kind IN ['director', 'owner'] AND e.insolvency = true AND e.date <= $as_of
  RETURN collect(DISTINCT {company: x.key, name: x.name, role: m.role, start: m.start,
                 end: m.end, kind: e.kind, date: e.date}) AS failures
}
CALL (kind, key) {
  OPTIONAL MATCH (a:Address {key: key})<-[r:REGISTERED_AT]-(c:Company)
  WHERE kind = 'address' AND """
    + _VALID
    + """ AND coalesce(r.kind, 'registered') = 'registered'
  RETURN count(DISTINCT c) AS companies_there
}
WITH collect({kind: kind, key: key, name: name, members: members, failures: failures,
              companies_there: companies_there}) AS links
CALL (links) {
  UNWIND links AS l
  UNWIND l.members AS m
  WITH DISTINCT m.client AS ck
  MATCH (c:Client {key: ck})
  OPTIONAL MATCH (c)<-[:BILLED_TO]-(i:Invoice)
  WITH c, collect(properties(i)) AS invoices
  RETURN collect({client: properties(c), invoices: invoices}) AS accounts
}
RETURN links, accounts
"""
)

LINKED_CLIENTS: LiteralString = _ALL_CLIENTS + _LINKED
LINKED_TO_CLIENT: LiteralString = _NEAR_CLIENT + _LINKED


def _link(row: dict[str, Any]) -> LinkRow:
    members = []
    for m in row["members"]:
        a = dict(m["anchor"])
        a["hops"] = tuple(Hop.model_validate(h) for h in a.get("hops") or ())
        members.append(
            Member(
                client=m["client"],
                company=m["company"],
                company_name=m["company_name"],
                anchor=Anchor.model_validate({k: _plain(v) for k, v in a.items()}),
            )
        )
    failures = [
        Failure.model_validate({k: _plain(v) for k, v in f.items()})
        for f in row["failures"]
        if f.get("company")
    ]
    return LinkRow(
        kind=row["kind"],
        key=row["key"],
        name=row["name"],
        members=tuple(sorted(members, key=lambda m: m.client)),
        failures=tuple(sorted(failures, key=lambda f: (f.date, f.company))),
        companies_there=int(row["companies_there"] or 0),
    )


def _plain(value: Any) -> Any:
    """Neo4j temporal values as Python ones (the driver's Date has `to_native`)."""
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


async def linked_clients(
    graph: Graph, ledger: str, as_of: date, *, client: str | None = None
) -> LinkedClients:
    """Every link between two or more current clients of `ledger` at `as_of` (only those of
    `client` when given), with the linked clients' documents: one round trip."""
    query = LINKED_CLIENTS if client is None else LINKED_TO_CLIENT
    rows = await graph.read(query, {"ledger": ledger, "as_of": as_of, "client": client})
    if not rows:
        return LinkedClients(links=(), accounts=())
    row = rows[0]
    links = sorted((_link(r) for r in row["links"]), key=lambda x: (x.kind, x.key))
    return LinkedClients(links=tuple(links), accounts=accounts_from_rows(row["accounts"]))
