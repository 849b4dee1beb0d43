"""Portfolio jobs: batch UBO checks and risk screening of client lists (CSV in, CSV/JSONL out)."""
