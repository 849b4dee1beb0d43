"""HTTP plumbing around the GraphQL endpoint: keys, audit, body guard, query limits, protocol."""
