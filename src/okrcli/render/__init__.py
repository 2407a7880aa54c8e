"""Renderers: turn results of the core library into text, JSON and CI formats."""
