#!/usr/bin/env bash
# The full-length reliability runs of issue 15, which CI runs shortened:
#   - LongRunTest: 10,000 MLP training steps in a child JVM under -Xmx256m, live heap after GC every
#     1,000 steps must stay flat (CI: 2,000 steps);
#   - CheckpointKillTest: 20 rounds of kill -9 during repeated checkpoint saves (CI: 4).
#
#   benchmarks/longrun.sh [steps] [kill-rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-10000}
rounds=${2:-20}
./mvnw -B -q -pl tinytorch-nn -am verify -Dtest='LongRunTest,CheckpointKillTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtinytorch.longRunSteps="$steps" -Dtinytorch.killRounds="$rounds" 2>&1 | grep -E '^(Long run|Checkpoint kill)|ERROR|FAIL'
