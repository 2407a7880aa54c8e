"""History: the git boundary (`git`, the one module that runs git), key results over
time (`timeline`), and what changed between two points (`changes`)."""
