"""Financial health from filed accounts: ratios, trends, peer positions and findings.

Pure functions over `graph_schema.financials.FinancialStatement` records (no database, no
GraphQL); defaults and their reasons are in docs/accounts.md.
"""
