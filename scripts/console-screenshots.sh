#!/usr/bin/env bash
# Makes the console screenshots in docs/screenshots/ (the ones README and docs/console.md show) by running the
# console's browser tests, which take them along the way against a real gateway and agent.
#
# Usage: scripts/console-screenshots.sh [output-folder]    (default: docs/screenshots)
# Needs a Chromium: Debian's 'chromium-headless-shell' (or 'chromium') package, CONSOLE_CHROMIUM=/path/to/it, or Playwright's own download.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 1 ] || [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
out="$(mkdir -p "${1:-docs/screenshots}" && cd "${1:-docs/screenshots}" && pwd)"

CONSOLE_SCREENSHOTS="$out" dotnet test tests/Console.Tests --nologo -v quiet
ls -1 "$out"/*.png
