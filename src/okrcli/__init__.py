"""okrcli: OKRs as YAML files in git. Imports nothing heavy: `okr --version` stays fast."""

__version__ = "0.1.0"
