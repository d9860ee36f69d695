#!/usr/bin/env bash
# Runs every check and test suite: format, typecheck, lint, promises, infra, web, API integration
# and security suites against the embedded stack, and the browser tests in Chromium.
#
#   bash scripts/test.sh               everything
#   bash scripts/test.sh lint e2e      only the steps whose names contain these words
set -euo pipefail

# shellcheck source=scripts/bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

# --- Chromium for the browser tests (Debian's package; nothing downloads its own browser) ------
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    printf 'holdfast: installing Chromium from Debian for the browser tests\n' >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    printf 'holdfast: ERROR: the browser tests need Chromium at /usr/bin/chromium.\n  Debian/Ubuntu: sudo apt-get install -y chromium\nthen run this command again.\n' >&2
    exit 1
  fi
fi

cd "${HOLDFAST_ROOT}"
exec node --import tsx scripts/src/test-all.ts "$@"
