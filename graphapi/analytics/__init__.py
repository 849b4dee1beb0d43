"""Due-diligence analytics: pure functions over plain data (no database, no GraphQL).

Entry point: `assess(DueDiligenceInput, as_of, SignalParams) -> Assessment`; the parts
(`compute_ubo`, `bankruptcy_history`, the signal functions, `rate`) are usable on their own.
The parameters (graph_schema.signal_params) come from the settings; callers reach the analytics
through graphapi.services.assessment.
"""
