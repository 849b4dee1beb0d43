"""Tooling apart from the request path: the synthetic registry, evaluation, benchmarks and soak."""
