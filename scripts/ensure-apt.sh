#!/usr/bin/env bash
# Makes sure Debian packages the tests need are installed:
#   bash scripts/ensure-apt.sh <package>…
# Installs the missing ones when running as root (one apt-get update first);
# otherwise prints the command to run and fails, naming what is missing.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 <debian-package>…" >&2; exit 2; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need=()
for pkg in "$@"; do installed "$pkg" || need+=("$pkg"); done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "• installing ${need[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  for pkg in "${need[@]}"; do
    installed "$pkg" || { echo "apt-get did not install $pkg" >&2; exit 1; }
  done
else
  echo "The tests need these Debian packages: ${need[*]} (see tests/README.md). Run as root:" >&2
  echo "  sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends ${need[*]}'" >&2
  exit 1
fi
