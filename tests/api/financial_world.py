"""A small generated sector with filed accounts, written through the real loaders' records.

- ACME BUILD LTD (SIC 41201, class SIC:4120): three years of accounts that deteriorate (losses
  in 2023 and 2024, equity negative at the end of 2024, turnover and headcount falling), and
  the 2024 filing's comparative of 2023 restating 2023 differently (the own figures must win).
- 20 peers in class SIC:4120, all small companies, with figures spread evenly so that medians
  and percentiles can be computed by hand in the tests.
- NICHE WORKS LTD (SIC 43999, class SIC:4399) with only 3 class peers and 12 more companies in
  its division SIC:43: its peers fall back to the division.
- LATE FILER LTD: Companies House says its next accounts were due on 2024-06-30.
- BELGIAN BV (BE): its last NBB deposit covers 2022.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from neo4j import Driver

from graph_schema.financials import (
    AccountsType,
    CompanyRef,
    Figure,
    FinancialStatement,
    SourceFormat,
)
from graph_schema.nodes import CompanyRecord, Identifier, Record
from graph_schema.provenance import Provenance
from loaders.accounts.records import filing_records
from tests.api.world import write_records

ACME = "GB-COH-00000001"
NICHE = "GB-COH-00000002"
LATE = "GB-COH-00000003"
BELGIAN = "BE-BCE_KBO-0403170701"
PEERS = [f"GB-COH-001000{i:02d}" for i in range(1, 21)]
NICHE_CLASS_PEERS = [f"GB-COH-002000{i:02d}" for i in range(1, 4)]
NICHE_DIVISION_PEERS = [f"GB-COH-003000{i:02d}" for i in range(1, 13)]
YEARS = (2022, 2023, 2024)


def _statement(
    company: str,
    end: date,
    figures: Mapping[str, int],
    comparative: bool = False,
    currency: str = "GBP",
    record: str | None = None,
) -> FinancialStatement:
    scheme, _, number = company.rpartition("-")
    return FinancialStatement(
        company=CompanyRef(scheme=scheme, number=number),
        company_name=None,
        period_start=date(end.year, 1, 1),
        period_end=end,
        accounts_type=AccountsType.FULL,
        comparative=comparative,
        currency=currency,
        source_format=SourceFormat.CH_IXBRL if currency == "GBP" else SourceFormat.NBB_CSV,
        provenance=Provenance(
            source="test-accounts",
            record_id=record or f"{company}-{end.year}",
            source_file="accounts.zip",
        ),
        **{
            k: Figure(value=Decimal(str(v)), sources=(f"Tag{k.title().replace('_', '')}",))
            for k, v in figures.items()
        },
    )


def _company(key: str, name: str, sic: str | None, **fields: object) -> CompanyRecord:
    scheme, _, number = key.rpartition("-")
    prov = Provenance(source="test-register", record_id=key)
    return CompanyRecord(
        key=key,
        name=name,
        identifiers=[Identifier(scheme=scheme, value=number)],
        activity_codes=[sic] if sic else [],
        status="active",
        incorporated_on=date(2005, 1, 1),
        provenance=prov,
        **fields,
    )


def peer_figures(i: int, year: int) -> dict[str, int]:
    """Peer i (1..20) in `year`: gearing (fd - cash) / equity = (200k + 40k i) / 1M."""
    grow = year - 2022
    return {
        "equity": 1_000_000,
        "financial_debts": 300_000 + 40_000 * i + 10_000 * grow,
        "cash": 100_000 + 10_000 * grow,
        "total_assets": 3_000_000,
        "total_debts": 2_000_000 - 50_000 * i,
        "current_assets": 1_500_000,
        "current_liabilities": 1_000_000,
        "turnover": 5_000_000 + 100_000 * i,
        "trade_receivables": 500_000,
        "employees": 30,
        "net_result": 100_000,
    }


ACME_YEARS: dict[int, dict[str, int]] = {
    2022: {
        "equity": 800_000,
        "financial_debts": 600_000,
        "cash": 100_000,
        "total_assets": 2_500_000,
        "total_debts": 1_700_000,
        "current_assets": 1_200_000,
        "current_liabilities": 900_000,
        "turnover": 5_000_000,
        "trade_receivables": 600_000,
        "employees": 40,
        "net_result": 50_000,
    },
    2023: {
        "equity": 500_000,
        "financial_debts": 900_000,
        "cash": 50_000,
        "total_assets": 2_200_000,
        "total_debts": 1_700_000,
        "current_assets": 1_000_000,
        "current_liabilities": 1_100_000,
        "turnover": 4_000_000,
        "trade_receivables": 700_000,
        "employees": 35,
        "net_result": -300_000,
    },
    2024: {
        "equity": -100_000,
        "financial_debts": 1_100_000,
        "cash": 20_000,
        "total_assets": 1_900_000,
        "total_debts": 2_000_000,
        "current_assets": 800_000,
        "current_liabilities": 1_300_000,
        "turnover": 2_500_000,
        "trade_receivables": 650_000,
        "employees": 20,
        "net_result": -600_000,
    },
}
# What the 2024 filing restates as its 2023 comparative: never to replace the 2023 filing.
ACME_2023_RESTATED = {**ACME_YEARS[2023], "equity": 450_000, "turnover": 3_900_000}


def financial_records() -> list[Record]:
    records: list[Record] = [
        _company(ACME, "ACME BUILD LTD", "SIC:41201"),
        _company(NICHE, "NICHE WORKS LTD", "SIC:43999"),
        _company(
            LATE,
            "LATE FILER LTD",
            "SIC:41201",
            accounts_next_due=date(2024, 6, 30),
            accounts_next_made_up_to=date(2023, 9, 30),
            accounts_overdue=True,
        ),
        _company(BELGIAN, "Belgian BV", "NACE:41.201", jurisdiction="BE"),
    ]
    for year, figures in ACME_YEARS.items():
        filing = [_statement(ACME, date(year, 12, 31), figures)]
        if year == 2024:
            record = f"{ACME}-2024"
            restated = _statement(
                ACME, date(2023, 12, 31), ACME_2023_RESTATED, comparative=True, record=record
            )
            filing.append(restated)
        records += filing_records(filing)
    for i, key in enumerate(PEERS, start=1):
        records.append(_company(key, f"PEER {i} LTD", "SIC:41202"))
        for year in YEARS:
            records += filing_records([_statement(key, date(year, 12, 31), peer_figures(i, year))])
    niche = {**peer_figures(1, 2024), "financial_debts": 500_000}  # gearing 0.38
    records += filing_records([_statement(NICHE, date(2024, 12, 31), niche)])
    for i, key in enumerate(NICHE_CLASS_PEERS, start=1):
        records.append(_company(key, f"NICHE PEER {i}", "SIC:43991"))
        records += filing_records([_statement(key, date(2024, 12, 31), peer_figures(i, 2024))])
    for i, key in enumerate(NICHE_DIVISION_PEERS, start=4):
        records.append(_company(key, f"DIVISION PEER {i}", "SIC:43210"))
        records += filing_records([_statement(key, date(2024, 12, 31), peer_figures(i, 2024))])
    records += filing_records([_statement(LATE, date(2022, 9, 30), peer_figures(3, 2022))])
    records += filing_records(
        [_statement(BELGIAN, date(2022, 12, 31), peer_figures(5, 2022), currency="EUR")]
    )
    return records


def build_financial_world(driver: Driver, database: str) -> None:
    write_records(driver, database, financial_records())
