#!/usr/bin/env bash
# Images/s of `densereg infer` against `densereg-spark infer --master local[2]` on the same folder: the overhead of
# the Spark engine on one machine (docs/spark.md). Build first: mvn -B -q -DskipTests package
#   scripts/bench/spark-vs-infer.sh IMAGES [REPEATS] [MODEL]
# e.g.  ./densereg synth --count 50 --out /tmp/bench50 && scripts/bench/spark-vs-infer.sh /tmp/bench50 3
# Each repeat runs both, alternating, into fresh output folders; prints per run the wall time of the whole command
# (JVM start, model load, Spark start included) and summary.json's faces_per_second (the run itself: after the model
# is read and the inputs scanned; for Spark, from planning to the last partition, executors' model load included).
# Environment: MASTER (default local[2]); OMP_NUM_THREADS reaches both JVMs (ND4J's threads per operation).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
IMAGES="${1:?usage: spark-vs-infer.sh IMAGES [REPEATS] [MODEL]}"
REPEATS="${2:-3}"
MODEL="${3:-demo}"
MASTER="${MASTER:-local[2]}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
n=$(find "$IMAGES" -maxdepth 1 -type f \( -name '*.png' -o -name '*.jpg' \) | wc -l)
echo "images: $n in $IMAGES, model $MODEL, Spark master $MASTER, $(getconf _NPROCESSORS_ONLN) cores, OMP_NUM_THREADS=${OMP_NUM_THREADS:-unset}," \
  "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-14s %10s %14s %18s\n' repeat runner wall_s images/s_wall faces_per_second
run() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>"$OUT/$name.log" || { rc=$?; [[ $rc == 3 ]] || { cat "$OUT/$name.log" >&2; exit $rc; }; }
  t1=$(date +%s.%N)
  local fps
  fps=$(grep -o '"faces_per_second" : [0-9.]*' "$OUT/$name/summary.json" | awk '{print $3}')
  printf '%-8s %-14s %10.1f %14.2f %18.2f\n' "$r" "$name" "$(echo "$t1 - $t0" | bc)" \
    "$(echo "$n / ($t1 - $t0)" | bc -l)" "$fps"
}
for r in $(seq 1 "$REPEATS"); do
  rm -rf "$OUT/infer" "$OUT/spark"
  run infer "$ROOT/densereg" infer --model "$MODEL" --input "$IMAGES" --threads 2 --out "$OUT/infer"
  run spark "$ROOT/scripts/densereg-spark" infer --master "$MASTER" --model "$MODEL" --input "$IMAGES" \
    --threads 2 --out "$OUT/spark"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
