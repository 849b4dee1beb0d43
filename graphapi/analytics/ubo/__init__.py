"""Beneficial ownership: the ownership maths, evidence paths and declared-vs-computed checks."""
