"""`duegraph soak`: a bounded load on loopback against a running server."""
