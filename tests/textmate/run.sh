#!/bin/sh
# The textmate-grammar test: installs the pinned vscode-textmate and
# vscode-oniguruma (package-lock.json) into node_modules/ with `npm ci` when
# they are missing or older than the lock file, then runs test.js.
# Needs node and npm (Debian 12: apt-get install nodejs npm).
set -eu
cd "$(dirname "$0")"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "textmate-grammar: FAILED: '$tool' is not installed (Debian: apt-get install nodejs npm)" >&2
    exit 1
  fi
done

# npm ci writes node_modules/.package-lock.json last, so it marks a complete install.
installed=node_modules/.package-lock.json
if [ ! -f "$installed" ] || [ package-lock.json -nt "$installed" ] || [ package.json -nt "$installed" ]; then
  npm ci --no-audit --no-fund
fi

exec node test.js
