"""The practice rules, one module each: `RULE` (code, name, level, docs, examples) and its
`check`. Each imports the engine; the engine imports none of them."""
