"""The command-line layer: parses arguments, calls the core, hands results to renderers."""
