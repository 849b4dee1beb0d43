"""Belgian KBO/BCE open data (the CSV set) -> companies, addresses, activities, events."""

from loaders.kbo.parse import FORMAT

__all__ = ["FORMAT"]
