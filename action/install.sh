#!/usr/bin/env bash
# Step 1 of action.yml: install okrcli (the action's own version, or INPUT_VERSION).
set -euo pipefail
if [ -n "${INPUT_VERSION:-}" ]; then
  python -m pip install --quiet --disable-pip-version-check "$INPUT_VERSION"
else
  python -m pip install --quiet --disable-pip-version-check "$OKR_ACTION_PATH"
fi
okr --version
