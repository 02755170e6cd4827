#!/usr/bin/env bash
# Makes sure Debian's Chromium and the CJK fonts are present (the e2e tier needs
# both: without fonts-noto-cjk, Chinese renders as boxes in screenshots).
# Installs them when missing and running as root; otherwise prints the command.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
cmd="apt-get update && apt-get install -y --no-install-recommends ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then
  echo "• installing ${need[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "The end-to-end tests need ${need[*]}. Run as root:" >&2
  echo "  sudo sh -c '$cmd'" >&2
  exit 1
fi
