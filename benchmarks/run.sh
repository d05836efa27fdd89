#!/usr/bin/env bash
# Runs the JMH benchmarks and the same workloads in PyTorch on this machine, one after the other,
# then matmul and the in-place add once more in alternating turns (benchmarks/turns/turns.py), and
# prints a side-by-side table of medians with ratios. Results land in bench-results/ (gitignored).
#
#   benchmarks/run.sh                 # the JDK of JAVA_HOME or PATH (17 here)
#   benchmarks/run.sh --jdk25         # also run everything on JDK 25
#   benchmarks/run.sh --quick         # short iterations, to check the set-up (numbers not for quoting)
#   benchmarks/run.sh --only 'Tiny'   # only benchmarks matching this regex (JMH and PyTorch; 'steps': the model rows)
#   benchmarks/run.sh --only epochs   # the Fashion-MNIST epoch and memory rows (data: --data DIR or FASHION_MNIST)
#   benchmarks/run.sh --no-vector --no-pytorch --no-build
# MatmulBench runs a second time with --add-modules jdk.incubator.vector once some kernel uses it.
set -euo pipefail
cd "$(dirname "$0")/.."

JDK25_HOME=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PYTHON=${PYTHON:-/usr/bin/python3}   # Debian's python, which has torch 1.13 with OpenBLAS
OUT=bench-results
jdk25=false vector=true pytorch=true build=true quick=false only=''
# Fashion-MNIST's four IDX .gz files, for the epoch rows; unset, epochs.py looks for
# ../shared/datasets/fashion-mnist next to the repository (or next to a worktree's main checkout).
FASHION_MNIST=${FASHION_MNIST:-}

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --jdk25) jdk25=true ;;
    --no-vector) vector=false ;;
    --no-pytorch) pytorch=false ;;
    --no-build) build=false ;;
    --quick) quick=true ;;
    --only) only="$2"; shift ;;
    --data) FASHION_MNIST="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

# Checked before anything runs, so a full run does not stop at its end for want of the data set.
if [[ -z "$only" || "epochs" =~ $only ]]; then
  fashion=$(python3 benchmarks/turns/epochs.py --check-data ${FASHION_MNIST:+--data "$FASHION_MNIST"}) || {
    echo "run.sh: the epoch rows need Fashion-MNIST: --data DIR or FASHION_MNIST=DIR (or --only to skip them)" >&2
    exit 1
  }
fi

JAR=benchmarks/target/benchmarks.jar
if $build; then
  echo "== building $JAR"
  ./mvnw -B -q -pl benchmarks -am -DskipTests package
fi
[ -f "$JAR" ] || { echo "run.sh: $JAR is missing; run without --no-build" >&2; exit 1; }
mkdir -p "$OUT"

# The Vector API run only means something if some kernel uses jdk.incubator.vector.
# grep -c reads all its input: grep -q would exit early, unzip would die of SIGPIPE and pipefail
# would report the pipeline as failed even when the module is used.
if $vector && ! unzip -p "$JAR" 'dev/tinytorch/*' 2>/dev/null | grep -ac 'jdk/incubator/vector' > /dev/null; then
  echo "== no class in $JAR uses jdk.incubator.vector: skipping the Vector API run"
  vector=false
fi

# The annotations' budget (3 x 1 s warm-up, 5 x 1 s measurement) unless --quick.
jmh_budget=()
py_budget=()
if $quick; then
  jmh_budget=(-wi 2 -w 1s -i 3 -r 500ms)
  py_budget=(--rounds 3 --round-seconds 0.3 --warmup-seconds 0.5)
fi
# Given on the command line, -jvmArgsAppend replaces the annotations' value, so repeat the heap here.
HEAP="-Xms2g -Xmx2g"

# jmh LABEL JAVA [extra JMH args...]: one JMH run into $OUT/jmh-LABEL.json
jmh() {
  local label=$1 java=$2
  shift 2
  echo "== JMH [$label] with $("$java" -version 2>&1 | head -1)"
  "$java" -jar "$JAR" "${jmh_budget[@]}" -jvm "$java" -rf json -rff "$OUT/jmh-$label.json" "$@"
}

# Labels come from the JVM itself (jdk17, jdk25), so a JAVA_HOME pointing elsewhere is named right.
major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
default_java=$(command -v java)
if [ -n "${JAVA_HOME:-}" ]; then default_java="$JAVA_HOME/bin/java"; fi
jdks=("jdk$(major "$default_java"):$default_java")
if $jdk25; then
  [ -x "$JDK25_HOME/bin/java" ] || { echo "run.sh: no JDK 25 at $JDK25_HOME (set JDK25_HOME)" >&2; exit 1; }
  [ "$(major "$default_java")" = 25 ] || jdks+=("jdk25:$JDK25_HOME/bin/java")
fi

rm -f "$OUT"/jmh-*.json "$OUT"/pytorch.json "$OUT"/turns.json "$OUT"/steps*.json "$OUT"/epochs.*

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"

for entry in "${jdks[@]}"; do
  label=${entry%%:*} java=${entry#*:}
  "$java" -version 2>&1 | head -1 | sed "s/^/$label: /" >> "$OUT/machine.txt"
  # -prof gc adds gc.alloc.rate.norm (bytes allocated per call) to every benchmark.
  if [ "$only" = steps ] || [ "$only" = epochs ]; then continue; fi  # the model rows only: no JMH benchmark is named so
  jmh "$label" "$java" -prof gc ${only:+"$only"}
  if $vector; then
    vec_regex='MatmulBench'
    if [ -n "$only" ]; then vec_regex="$only"; fi
    if [[ "$vec_regex" == *Matmul* ]] || [ -z "$only" ]; then
      jmh "$label-vector" "$java" -jvmArgsAppend "$HEAP --add-modules jdk.incubator.vector" "$vec_regex"
    fi
  fi
done

if $pytorch && [ "$only" != steps ] && [ "$only" != epochs ]; then
  echo "== PyTorch ($PYTHON)"
  "$PYTHON" benchmarks/pytorch/bench.py "${py_budget[@]}" ${only:+--filter "$only"} --json "$OUT/pytorch.json"
fi
# Matmul and the in-place add once more, in alternating turns against PyTorch (and a C loop for the
# add), so each ratio compares runs that saw the same phase of the host; report.py judges those
# targets on these turns.
if [[ -z "$only" || "MatmulBench" =~ $only || "ElementwiseBench" =~ $only ]]; then
  echo "== matmul and in-place add in alternating turns (benchmarks/turns/turns.py)"
  turn_args=(--jar "$JAR" --rounds 10)
  for entry in "${jdks[@]}"; do turn_args+=(--java "${entry%%:*}=${entry#*:}"); done
  if $vector; then turn_args+=(--vector); fi
  if $quick; then turn_args+=(--rounds 2 --turn-seconds 0.1); fi
  if $pytorch; then turn_args+=(--python "$PYTHON"); else turn_args+=(--no-pytorch); fi
  python3 benchmarks/turns/turns.py "${turn_args[@]}" --json "$OUT/turns.json" 2> >(grep -v 'incubator' >&2)
fi
# Whole training steps and a prediction (issue 13), in alternating turns against PyTorch, one
# thread each side, then two (the issue asks for the CNN and MLP steps on two threads too).
if [[ -z "$only" || "steps" =~ $only ]]; then
  echo "== whole-model steps in alternating turns (benchmarks/turns/steps.py)"
  step_args=(--jar "$JAR" --rounds 10)
  for entry in "${jdks[@]}"; do step_args+=(--java "${entry%%:*}=${entry#*:}"); done
  if $vector; then step_args+=(--vector); fi
  if $quick; then step_args+=(--rounds 2 --turn-seconds 0.2); fi
  if $pytorch; then step_args+=(--python "$PYTHON"); else step_args+=(--no-pytorch); fi
  python3 benchmarks/turns/steps.py "${step_args[@]}" --json "$OUT/steps.json" 2> >(grep -v 'incubator' >&2) \
    | tee "$OUT/steps.txt"
  python3 benchmarks/turns/steps.py "${step_args[@]}" --threads 2 --workloads mlp,cnn --json "$OUT/steps-2threads.json" \
    2> >(grep -v 'incubator' >&2) | tee "$OUT/steps-2threads.txt"
fi
# Fashion-MNIST epochs, data loading included, and their peak heap and RSS (issue 13): one process
# per epoch and side, alternating, 3 rounds (about 6 minutes on one thread).
if [[ -z "$only" || "epochs" =~ $only ]]; then
  echo "== Fashion-MNIST epochs and memory in alternating turns (benchmarks/turns/epochs.py)"
  epoch_args=(--jar "$JAR" --data "$fashion" --rounds 3)
  for entry in "${jdks[@]}"; do epoch_args+=(--java "${entry%%:*}=${entry#*:}"); done
  if $vector; then epoch_args+=(--vector); fi
  if $quick; then epoch_args+=(--rounds 1 --models mlp); fi
  if $pytorch; then epoch_args+=(--python "$PYTHON"); else epoch_args+=(--no-pytorch); fi
  python3 benchmarks/turns/epochs.py "${epoch_args[@]}" --json "$OUT/epochs.json" | tee "$OUT/epochs.txt"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"

echo
python3 benchmarks/report.py "$OUT" | tee "$OUT/table.md"
for f in "$OUT/steps.txt" "$OUT/steps-2threads.txt" "$OUT/epochs.txt"; do
  if [ -f "$f" ]; then echo; grep -v '^  round' "$f"; fi
done
