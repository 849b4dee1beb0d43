"""Due-diligence reports an analyst can file as evidence (self-contained HTML)."""
