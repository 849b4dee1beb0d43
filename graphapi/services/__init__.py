"""Services the API, the CLI and the tools share: fetch, analyse, audit (no GraphQL, no CLI)."""
