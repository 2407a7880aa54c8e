"""Checking: structure checks of each document, references across the root (ids,
alignment, cycles), validation of a whole root, and the practice rules (`lint/`)."""
