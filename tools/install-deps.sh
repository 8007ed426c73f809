#!/bin/sh
# Installs the Debian 12 packages perfeval builds with, if any are missing.
# Works as root or through sudo; does nothing when everything is there.
set -eu

packages="g++ cmake ninja-build pkg-config ccache tao-pegtl-dev libfmt-dev nlohmann-json3-dev
catch2 libcli11-dev libutf8proc-dev"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

as_root=""
[ "$(id -u)" -eq 0 ] || as_root="sudo"
echo "perfeval: installing$missing" >&2
$as_root apt-get update -qq
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
