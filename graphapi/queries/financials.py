"""Filed accounts: each company's statements, and the peer groups' statements for ratios.

Statements are stored as `(:Company)-[:FILED]->(:FinancialStatement)` with one property per
stated figure (a double), `<figure>_sources` and `<figure>_formula` (loaders/accounts/records.py);
`statement_of` turns them back into `graph_schema.financials.FinancialStatement`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from graph_schema.financials import (
    FIGURE_NAMES,
    AccountsType,
    CompanyRef,
    Figure,
    FinancialStatement,
    SourceFormat,
    stored_decimal,
)
from graph_schema.identifiers import SCHEMES
from graph_schema.provenance import Provenance
from graphapi.analytics.financials.analysis import PeerGroup, PeerStatement
from graphapi.graph import Graph

# A peer group holds at most this many statements: a sample that size puts the median within
# about two percentiles of the whole group's, and keeps one request's work bounded whatever
# the size of a sector (70.22 counts some 200,000 UK companies).
PEER_SAMPLE = 1000

STATEMENTS_OF: LiteralString = """
UNWIND $keys AS key
MATCH (c:Company {key: key})
CALL (c) {
  OPTIONAL MATCH (c)-[:FILED]->(s:FinancialStatement)
  RETURN collect(properties(s)) AS statements
}
RETURN key, c.sector_class AS sector_class, c.sector_division AS sector_division, statements
"""

# The figures the ratios read (graphapi/analytics/financials/ratios.py), and nothing else.
PEERS_OF: LiteralString = """
UNWIND $groups AS g
CALL (g) {
  MATCH (c:Company {sector_class: g.code})-[:FILED]->(s:FinancialStatement)
  WHERE g.digits = 4 AND s.size_class = g.size_class AND s.consolidated = g.consolidated
    AND s.period_end >= g.first AND s.period_end <= g.last
  RETURN c, s LIMIT $sample
  UNION ALL
  MATCH (c:Company {sector_division: g.code})-[:FILED]->(s:FinancialStatement)
  WHERE g.digits = 2 AND s.size_class = g.size_class AND s.consolidated = g.consolidated
    AND s.period_end >= g.first AND s.period_end <= g.last
  RETURN c, s LIMIT $sample
}
RETURN g.id AS id, c.key AS company, c.sector_class AS sector_class,
       s.comparative AS comparative, s.period_start AS start, s.period_end AS end,
       s {.financial_debts, .cash, .equity, .total_assets, .total_debts, .current_assets,
          .current_liabilities, .inventories, .trade_receivables, .turnover, .trade_payables,
          .purchases, .cost_of_sales} AS figures
"""


@dataclass(frozen=True)
class CompanyAccounts:
    key: str
    sector_class: str | None
    sector_division: str | None
    statements: tuple[FinancialStatement, ...]


def company_ref(key: str) -> CompanyRef:
    """`BE-BCE_KBO-0443246943` -> scheme BE-BCE_KBO, number 0443246943 (longest scheme first)."""
    for code in sorted(SCHEMES, key=len, reverse=True):
        if key.startswith(code + "-"):
            return CompanyRef(scheme=code, number=key[len(code) + 1 :])
    scheme, _, number = key.rpartition("-")
    return CompanyRef(scheme=scheme or "XI", number=number or key)


def statement_of(company: str, props: Mapping[str, Any]) -> FinancialStatement:
    """A stored statement back to the canonical model (figures as printed, with evidence)."""
    figures: dict[str, Figure] = {}
    for name in FIGURE_NAMES:
        value = props.get(name)
        if value is None:
            continue
        sources = tuple(props.get(f"{name}_sources") or (name,))
        figures[name] = Figure(
            value=stored_decimal(value), sources=sources, formula=props.get(f"{name}_formula")
        )
    return FinancialStatement(
        company=company_ref(company),
        company_name=props.get("company_name"),
        period_start=props.get("period_start"),
        period_end=props["period_end"],
        accounts_type=AccountsType(props.get("accounts_type") or AccountsType.UNKNOWN.value),
        dormant=props.get("dormant"),
        llp=bool(props.get("llp")),
        consolidated=bool(props.get("consolidated")),
        comparative=bool(props.get("comparative")),
        audited=props.get("audited"),
        accounting_standard=props.get("accounting_standard"),
        model=props.get("model"),
        currency=props.get("currency"),
        source_format=SourceFormat(props["source_format"]),
        provenance=Provenance(
            source=props.get("source") or "unknown",
            record_id=props.get("record_id") or props.get("key") or "",
            source_file=props.get("source_file"),
            seen_at=props.get("seen_at"),
        ),
        notes=tuple(props.get("notes") or ()),
        **figures,
    )


def statements_from_rows(
    company: str, rows: Sequence[Mapping[str, Any]]
) -> tuple[FinancialStatement, ...]:
    found = [statement_of(company, props) for props in rows if props]
    return tuple(sorted(found, key=lambda s: (s.period_end, s.consolidated, s.comparative)))


async def accounts_of(graph: Graph, keys: Sequence[str]) -> list[CompanyAccounts | None]:
    """Each company's statements and activity class/division (None: no such company)."""
    records = await graph.read(STATEMENTS_OF, {"keys": list(keys)})
    found = {
        r["key"]: CompanyAccounts(
            key=r["key"],
            sector_class=r["sector_class"],
            sector_division=r["sector_division"],
            statements=statements_from_rows(r["key"], r["statements"]),
        )
        for r in records
    }
    return [found.get(k) for k in keys]


def _days(start: date | None, end: date) -> int | None:
    return None if start is None else (end - start).days + 1


async def peers_of(graph: Graph, groups: Sequence[PeerGroup]) -> list[list[PeerStatement]]:
    """Each group's statements (at most PEER_SAMPLE), the ratio inputs only."""
    params = [
        {
            "id": i,
            "code": g.code,
            "digits": g.digits,
            "size_class": g.size_class,
            "consolidated": g.consolidated,
            "first": date(g.year, 1, 1),
            "last": date(g.year, 12, 31),
        }
        for i, g in enumerate(groups)
    ]
    records = await graph.read(PEERS_OF, {"groups": params, "sample": PEER_SAMPLE})
    out: list[list[PeerStatement]] = [[] for _ in groups]
    for r in records:
        out[r["id"]].append(
            PeerStatement(
                company=r["company"],
                sector_class=r["sector_class"],
                period_end=r["end"],
                comparative=bool(r["comparative"]),
                days=_days(r["start"], r["end"]),
                figures={k: stored_decimal(v) for k, v in r["figures"].items() if v is not None},
            )
        )
    return out
