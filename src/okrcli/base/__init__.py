"""The vocabulary every layer shares: expected errors, findings and their codes, and
"did you mean" suggestions. Imports nothing of okrcli's own."""
