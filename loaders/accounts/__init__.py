"""Filed annual accounts: Companies House (i)XBRL, NBB deposits, French RNE comptes annuels.

Pure parsing: bytes in, `graph_schema.financials.FinancialStatement` records or
`loaders.rejects.Rejection`s out. Nothing here talks to the database.
"""
