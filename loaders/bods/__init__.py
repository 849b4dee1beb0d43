"""Open Ownership BODS 0.2, 0.3 and 0.4: statements -> companies, persons and dated interests."""

from loaders.bods.parse import FORMAT

__all__ = ["FORMAT"]
