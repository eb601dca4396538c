#!/usr/bin/env bash
# The Azure CLI suite (npm run test:cli): installs Debian's azure-cli when `az` is missing, then drives it against the
# built emulator over HTTPS. The suite keeps the CLI's state in a temporary AZURE_CONFIG_DIR, turns its telemetry off,
# and lets it reach nothing but the emulator. Its tap totals line is summed by .ci/run like the others.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v az >/dev/null 2>&1; then
  echo "cli.sh: installing azure-cli"
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends azure-cli
fi
# The package's version, read without running az: `az version` would be its first run, outside the suite's settings.
dpkg-query --show --showformat='azure-cli ${Version}\n' azure-cli 2>/dev/null || echo "azure-cli (not from a Debian package)"

npm run test:cli
