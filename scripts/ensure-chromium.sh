#!/usr/bin/env bash
# Makes sure the Debian packages of `npm test` are present (CI runs this before
# it; installs as root, else prints the apt-get line and fails):
# - chromium and fonts-noto-cjk for the e2e tier (without the fonts, Chinese
#   renders as boxes in screenshots);
# - faketime (libfaketime) for the integration tier's fake-clock runs.
set -euo pipefail
exec bash "$(dirname "$0")/ensure-apt.sh" chromium fonts-noto-cjk faketime
