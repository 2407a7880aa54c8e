"""Numbers as people read them: `96.1`, `1200`, `1.23e+15`; `-` for no value."""

from __future__ import annotations


def show_number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.3g}"


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return min(high, max(low, value))


EPSILON = 1e-9
"""Scores are compared with thresholds; float noise must not flip a status."""
