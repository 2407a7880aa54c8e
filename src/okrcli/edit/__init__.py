"""Editing: round-trip edits that change only the edited lines (`roundtrip`), one atomic
write (`atomic`), check-ins (`checkin`), the files of `okr init` (`scaffold`) and the
demo repository (`demo`)."""
