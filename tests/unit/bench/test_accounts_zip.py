"""The benchmark's generated bulk accounts zip: members named as Companies House names them,
every filing read by the real reader, balance sheets that add up, negative equity signed."""

from __future__ import annotations

import random
import re
from decimal import Decimal
from pathlib import Path

from graph_schema.financials import AccountsType, FinancialStatement
from graphapi.tooling.bench.accounts_zip import filing, write_accounts_zip
from loaders.accounts.ch_statements import read_ch_filing
from loaders.formats import registry
from loaders.source import ByteCounter

BULK_NAME = re.compile(r"^Prod223_\d{4}_\d{8}_\d{8}\.html$")


def test_generated_filings_read_as_micro_entity_accounts_that_add_up() -> None:
    rng = random.Random(7)
    negative = 0
    for index in range(300):
        name, text = filing(index, rng)
        assert BULK_NAME.match(name), name
        statements = list(read_ch_filing(text.encode(), name))
        assert all(isinstance(s, FinancialStatement) for s in statements), statements
        own, prior = statements  # the year and its comparative
        assert isinstance(own, FinancialStatement) and isinstance(prior, FinancialStatement)
        assert (own.comparative, prior.comparative) == (False, True)
        assert own.accounts_type is AccountsType.MICRO and own.currency == "GBP"
        assert own.company.number == name.split("_")[2]
        for s in (own, prior):
            equity, assets, debts = (s.value(n) for n in ("equity", "total_assets", "total_debts"))
            assert equity is not None and assets is not None and debts is not None
            assert equity == assets - debts
            assert not s.notes  # nothing the reader had to repair
            negative += equity < Decimal(0)
        assert prior.period_end < own.period_end
    assert negative > 0  # some balance sheets are net liabilities, tagged with sign="-"


def test_the_zip_streams_through_the_format(tmp_path: Path) -> None:
    written = write_accounts_zip(tmp_path / "Accounts_Bulk_Data-test.zip", 400, seed=3)
    assert written.filings == 400 and written.bytes > 400 * 10_000
    results = list(registry()["ch-accounts"].parse(written.path, ByteCounter()))
    assert len(results) == 400
    assert all(not hasattr(r, "reason") for r in results)
