#!/usr/bin/env bash
# The Go track-1 SDK suite (npm run test:go): installs Go and Debian's packages of the SDK and of go-autorest when
# they are missing (no Go module can be downloaded here; the suite builds in GOPATH mode from /usr/share/gocode), then
# runs it. Its tap totals line is summed by .ci/run like the others.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(golang-go golang-github-azure-azure-sdk-for-go-dev golang-github-azure-go-autorest-dev)
sdk=/usr/share/gocode/src/github.com/Azure/azure-sdk-for-go/services/customerinsights/mgmt/2017-04-26/customerinsights
autorest=/usr/share/gocode/src/github.com/Azure/go-autorest/autorest/azure

if ! command -v go >/dev/null 2>&1 || [ ! -d "$sdk" ] || [ ! -d "$autorest" ]; then
  echo "go.sh: installing ${packages[*]}"
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
go version

npm run test:go
