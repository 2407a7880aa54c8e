"""Scoring: key results, objectives, teams and periods scored against the time line;
what history adds (forecasts, time in band); the alignment tree; and comparisons of two
states of the OKRs. Pure functions of validated documents: the one computation every
view renders."""
