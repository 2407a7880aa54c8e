"""The practice rules of `okr lint`: the engine (`engine`), the rules (`rules/`, one
module each, depending on the engine and never the reverse), the registry of the rules
okrcli ships (`registry`), their documentation (`docs`) and practice health (`health`)."""
