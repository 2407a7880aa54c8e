"""Reading: bytes -> YAML events -> data and positions -> validated documents; the
configuration file, the OKR root, which files are OKR files, and the cache of parses."""
