"""A filing's statements as graph records: the company it belongs to and one
`FinancialStatementRecord` per statement (`(:Company)-[:FILED]->(:FinancialStatement)`)."""

from __future__ import annotations

from collections.abc import Sequence

from graph_schema.financials import FinancialStatement
from graph_schema.identifiers import SCHEMES
from graph_schema.nodes import CompanyRecord, FinancialStatementRecord, Identifier, Record


def statement_record(st: FinancialStatement) -> FinancialStatementRecord:
    stated = st.stated()
    return FinancialStatementRecord(
        key=st.key,
        company=st.company.key,
        company_name=st.company_name,
        period_start=st.period_start,
        period_end=st.period_end,
        accounts_type=st.accounts_type.value,
        dormant=st.dormant,
        llp=st.llp,
        consolidated=st.consolidated,
        comparative=st.comparative,
        audited=st.audited,
        accounting_standard=st.accounting_standard,
        model=st.model,
        currency=st.currency,
        source_format=st.source_format.value,
        size_class=st.size_class,
        notes=list(st.notes),
        # Neo4j has no decimal type; a double keeps every figure of up to 15 significant
        # digits exactly (readers turn it back with Decimal(repr(value))).
        figures={name: float(f.value) for name, f in stated.items()},
        figure_sources={name: list(f.sources) for name, f in stated.items()},
        figure_formulas={name: f.formula for name, f in stated.items() if f.formula},
        provenance=st.provenance,
    )


def company_record(st: FinancialStatement) -> CompanyRecord:
    """The company the filing belongs to, without its name: the name printed on a filing is
    often an older spelling of the register's, so it names the company only when nothing else
    does (the statement's `company_name`, see loaders/write/upserts.py)."""
    scheme = SCHEMES.get(st.company.scheme)
    return CompanyRecord(
        key=st.company.key,
        identifiers=[Identifier(scheme=st.company.scheme, value=st.company.number)],
        jurisdiction=scheme.country if scheme is not None else None,
        provenance=st.provenance,
    )


def filing_records(statements: Sequence[FinancialStatement]) -> list[Record]:
    """One filing's statements (all of one company) with their company, company first."""
    out: list[Record] = []
    seen: set[str] = set()
    for st in statements:
        if st.company.key not in seen:
            seen.add(st.company.key)
            out.append(company_record(st))
        out.append(statement_record(st))
    return out
