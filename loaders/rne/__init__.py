"""The French RNE (INPI's Registre national des entreprises) open-data JSON -> companies,
dirigeants with dated roles, addresses and cessations."""

from loaders.rne.parse import FORMAT

__all__ = ["FORMAT"]
