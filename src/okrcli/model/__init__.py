"""The file format: pydantic models of the OKR file and its configuration, one module per
key-result kind (its fields and its behaviour), periods, and the JSON Schema.

No I/O. The models import pydantic, so modules outside this package import them lazily
(inside the function that needs them) to keep `okr --help` fast.
"""
