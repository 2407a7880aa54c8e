"""Numbers as people read them: `96.1`, `1200`, `1234567`, `1.23e+15`; `-` for no value."""

from __future__ import annotations


def show_number(value: float | None) -> str:
    """A number as it was written: a whole number without `.0` (`1200`), any other the
    shortest text that reads back as the same float (`96.1`, `0.125`); astronomically
    large ones in three significant digits. Computed values are rounded by the caller."""
    if value is None:
        return "-"
    if abs(value) >= 1e15:
        return f"{value:.3g}"
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return min(high, max(low, value))


EPSILON = 1e-9
"""Scores are compared with thresholds; float noise must not flip a status."""
