"""Detector parameters from settings: defaults of SignalParams, overridden by configuration."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from graph_schema.errors import InvalidInput
from graphapi.analytics.signals.model import SignalParams


def signal_params(overrides: dict[str, Any]) -> SignalParams:
    """SignalParams with DUEGRAPH_SIGNAL_PARAMS applied; unknown names fail loudly."""
    try:
        return SignalParams.model_validate(overrides)
    except ValidationError as exc:
        raise InvalidInput(f"invalid DUEGRAPH_SIGNAL_PARAMS: {exc}", "signal_params") from exc
