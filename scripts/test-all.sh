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
jest_tier() { # name, extra args…
  local name=$1; shift
  npx jest --ci --json --outputFile="tests/artifacts/jest-$name.json" "$@"
}

step "type-check";            npm run -s typecheck
step "lint";                  npm run -s lint
step "format";                npm run -s format:check
step "build cloud functions"; npx tsx scripts/build-functions.ts
step "unit (TZ=UTC)";         TZ=UTC jest_tier unit-utc --selectProjects unit
step "unit (TZ=Asia/Shanghai)"; TZ=Asia/Shanghai jest_tier unit-cst --selectProjects unit
step "emulator conformance";  TZ=UTC jest_tier emulator --selectProjects emulator --runInBand
step "integration (TZ=UTC)";  TZ=UTC jest_tier integration --selectProjects integration --runInBand
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
