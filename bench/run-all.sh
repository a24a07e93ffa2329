#!/usr/bin/env bash
# Runs the three benchmarks one after the other against one build of the gateway, and keeps a
# copy of the output in bench/results/ (git-ignored).
#   bash bench/run-all.sh              # the working tree
#   BENCH_REF=HEAD bash bench/run-all.sh   # the last commit, whatever is being edited meanwhile
set -uo pipefail
cd "$(dirname "$0")/.."
export SWC_NODE_PROJECT=tsconfig.json
build="node_modules/.cache/p2p-bench/run-all-$$"
mkdir -p bench/results
log="bench/results/run-all-$(date -u +%Y%m%dT%H%M%SZ).log"
trap 'rm -rf "$build"' EXIT
trap 'exit 130' INT TERM

node -r @swc-node/register bench/prepare.ts "$build" 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
export BENCH_BUILD_DIR="$PWD/$build"

failed=0
for bench in delivery release-lateness page-depth; do
  node -r @swc-node/register "bench/$bench.ts" 2>&1 | tee -a "$log"
  if [ "${PIPESTATUS[0]}" -ne 0 ]; then
    echo "bench/$bench.ts failed" | tee -a "$log"
    failed=1
  fi
done
echo "output kept in $log"
exit $failed
