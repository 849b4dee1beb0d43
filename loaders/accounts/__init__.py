"""Filed annual accounts: Companies House (i)XBRL, NBB deposits, French RNE comptes annuels.

The readers are pure parsing: bytes in, `graph_schema.financials.FinancialStatement` records or
`loaders.rejects.Rejection`s out. `parse.py` makes them the formats `ch-accounts`,
`nbb-accounts` and `inpi-accounts` (`records.py`: statements as graph records).
"""

from __future__ import annotations

from loaders.accounts.parse import CH_ACCOUNTS, INPI_ACCOUNTS, NBB_ACCOUNTS
from loaders.contract import Format

FORMATS: list[Format] = [CH_ACCOUNTS, NBB_ACCOUNTS, INPI_ACCOUNTS]
