#!/usr/bin/env bash
# Step 2 of action.yml: validate, then report. Every input arrives as an environment
# variable and is passed to okr as one argument (INPUT_ARGS is split on spaces, never
# evaluated), so nothing in an input runs as shell code.
set -euo pipefail

root="${INPUT_ROOT:-okrs}"
echo "::group::okr validate"
status=0
okr validate --root "$root" --format github || status=$?
echo "::endgroup::"
if [ "$status" -ne 0 ]; then
  echo "okr: the OKR files have errors (annotated above); no report" >&2
  exit "$status"
fi

report=(report --root "$root")
if [ "${INPUT_SUMMARY:-true}" = "true" ]; then
  report+=(--github)
fi
if [ -n "${INPUT_SINCE:-}" ]; then
  report+=(--since "$INPUT_SINCE")
fi
if [ -n "${INPUT_FAIL_UNDER:-}" ]; then
  report+=(--fail-under "$INPUT_FAIL_UNDER")
fi
read -r -a extra <<< "${INPUT_ARGS:-}"
echo "::group::okr report"
okr "${report[@]}" "${extra[@]}"
echo "::endgroup::"
