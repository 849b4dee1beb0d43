"""`duegraph ledger import`: the firm's own ledger (clients, invoices, credit notes, payments)
read from accounting exports (`values.py` the cells, `parse.py` the files), its clients
resolved to registry companies and everything written (`importer.py`). The records are
`graph_schema/ledger.py`; reading them back is `graphapi/queries/ledger.py`."""
