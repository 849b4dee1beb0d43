"""GLEIF: Level 1 LEI records ("gleif-lei") and Level 2 relationships ("gleif-rr")."""

from loaders.gleif.parse import FORMATS

__all__ = ["FORMATS"]
