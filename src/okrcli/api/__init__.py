"""The library API: one function per command, each returning a result for a renderer.

The CLI parses arguments, calls one of these, and hands the result to a renderer; tests
and other programs can call them the same way. Expected failures raise
`okrcli.base.errors.OkrError`.
"""
