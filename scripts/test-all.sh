#!/usr/bin/env bash
# `npm test`: every tier, in order of cost. Fails on the first failing tier.
# Each jest tier writes its JSON report under tests/artifacts/ and the last
# line sums them up as "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p tests/artifacts
rm -f tests/artifacts/jest-*.json
export TENCENTCLOUD=true

step() { printf '\n=== %s ===\n' "$1"; }
jest_tier() { # name, extra args… (CLOCK_AT set: under libfaketime, see fake_clock)
  local name=$1; shift
  local run=(npx jest --ci --json --outputFile="tests/artifacts/jest-$name.json" "$@")
  if [ -n "${CLOCK_AT:-}" ]; then
    # Offset mode (not "@…", which restarts the clock in every child process):
    # one clock for jest, the emulator and its function workers, ticking from
    # CLOCK_AT. Monotonic clocks (timers) stay real. tests/README.md says why.
    SGZ_FAKE_CLOCK_START="$(date -u -d "$CLOCK_AT" +%Y-%m-%dT%H:%M:%SZ)" \
      faketime --exclude-monotonic "$CLOCK_AT" "${run[@]}"
  else
    "${run[@]}"
  fi
}
# The integration tier with the clock faked to start at a Beijing instant:
# no test may depend on the time of day it runs at.
fake_clock() { # name, Beijing "YYYY-MM-DD HH:MM:SS", what is special about it
  step "integration, clock from $2 Beijing: $3"
  TZ=UTC CLOCK_AT="$2 +0800" jest_tier "integration-fake-$1" --selectProjects integration --runInBand
}

step "type-check";            npm run -s typecheck
step "lint";                  npm run -s lint
step "format";                npm run -s format:check
step "build cloud functions"; npx tsx scripts/build-functions.ts
step "unit (TZ=UTC)";         TZ=UTC jest_tier unit-utc --selectProjects unit
step "unit (TZ=Asia/Shanghai)"; TZ=Asia/Shanghai jest_tier unit-cst --selectProjects unit
step "emulator conformance";  TZ=UTC jest_tier emulator --selectProjects emulator --runInBand
step "integration (TZ=UTC)";  TZ=UTC jest_tier integration --selectProjects integration --runInBand
step "faketime (Debian)";     bash scripts/ensure-apt.sh faketime
fake_clock before-slot  "2026-12-07 08:59:00" "Monday, a minute before the week's first slot"
fake_clock new-year     "2026-12-31 23:59:30" "30 s before midnight and a new year"
fake_clock early-monday "2026-12-07 07:59:00" "Monday morning, still Sunday in UTC (00:00 UTC at 08:00)"
step "component";             jest_tier component --selectProjects component
step "build weapp";           npm run -s build:weapp
step "weapp package sizes";   npx tsx scripts/check-weapp-size.ts
step "miniprogram-simulate";  jest_tier simulate --selectProjects simulate --runInBand
step "build h5";              npm run -s build:h5 && touch client/dist/h5/.build-stamp
step "e2e (Chromium)";        bash scripts/ensure-chromium.sh && TZ=UTC jest_tier e2e --selectProjects e2e --runInBand

node -e '
const fs = require("fs");
let p = 0, f = 0, s = 0;
for (const file of fs.readdirSync("tests/artifacts").filter((x) => /^jest-.*\.json$/.test(x))) {
  const r = JSON.parse(fs.readFileSync("tests/artifacts/" + file, "utf8"));
  p += r.numPassedTests; f += r.numFailedTests; s += r.numPendingTests;
}
console.log("\ntests: " + p + " passed, " + f + " failed, " + s + " skipped");
'
