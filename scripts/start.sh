#!/usr/bin/env bash
# Runs the whole product on this machine: DynamoDB Local, S3 and SES emulators, the API and the
# SPA dev server, with demo data. Ctrl-C stops everything.
#
#   bash scripts/start.sh            start (data kept in .holdfast/data across restarts)
#   bash scripts/start.sh --clean    wipe the local data first
#   bash scripts/start.sh --help
#
# Environment: HOLDFAST_API_PORT (default: a free port), HOLDFAST_WEB_PORT (default: 5173 if
# free, else a free port), LOG_LEVEL (default: info).
set -euo pipefail

# shellcheck source=scripts/bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

cd "${HOLDFAST_ROOT}"
# `exec` and a single Node process (tsx as a loader, rather than `pnpm exec tsx`, which adds a
# pnpm and a tsx process in between): the PID of this script becomes the launcher itself, so a
# SIGINT or SIGTERM sent to it reaches the code that stops every child.
exec node --import tsx scripts/src/start.ts "$@"
