#!/usr/bin/env bash
# Per-block side-by-side timing: `densereg bench block` (DL4J + oneDNN) vs scripts/bench/reference_block.py
# (PyTorch) for each block type of the backbone, shapes as in the full-width ResNet-18 network at SIZE.
# Needs what compare.sh needs (the built CLI, /usr/bin/python3 with torch).
# Environment: SIZE (256), BATCH (8), WARMUP (3), ITERATIONS (10), THREADS (nproc), BLOCKS (all five).
# Per block: both result lines and "block NAME forward_ratio=R train_ratio=R" (DL4J time / PyTorch time);
# last line: block-ratios NAME=FORWARD/TRAIN ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PY=/usr/bin/python3
SIZE="${SIZE:-256}"; BATCH="${BATCH:-8}"; WARMUP="${WARMUP:-3}"; ITERATIONS="${ITERATIONS:-10}"
THREADS="${THREADS:-$(nproc)}"; BLOCKS="${BLOCKS:-stem basic projection dilated2 dilated4}"

if [[ ! -f "$ROOT/densereg-cli/target/densereg-cli.jar" ]]; then
  echo "compare-blocks.sh: the CLI is not built: (cd $ROOT && mvn -B -q -DskipTests package)" >&2; exit 1
fi
if [[ ! -x "$PY" ]] || ! "$PY" -c "import torch" 2>/dev/null; then
  echo "compare-blocks.sh: PyTorch for $PY not found: apt-get install -y python3-torch" >&2; exit 1
fi

field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "# $(date -u +%FT%TZ) $(uname -m), $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg), threads $THREADS"
echo "# blocks of ResNet-18 at input $SIZE, batch $BATCH, warmup $WARMUP, timed $ITERATIONS"
summary="block-ratios"
for block in $BLOCKS; do
  dl=$(OMP_NUM_THREADS="$THREADS" DENSEREG_JAVA_OPTS="${DENSEREG_JAVA_OPTS:--Xmx4g -XX:+UseSerialGC -Xms32m -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=1000 -Dorg.bytedeco.javacpp.maxbytes=12g -Dorg.bytedeco.javacpp.maxphysicalbytes=16g}" \
       "$ROOT/densereg" bench block --block "${block^^}" --size "$SIZE" --batch "$BATCH" --warmup "$WARMUP" \
       --iterations "$ITERATIONS" 2>/dev/null | grep '^result ')
  echo "$dl"
  pt=$(OMP_NUM_THREADS="$THREADS" "$PY" "$ROOT/scripts/bench/reference_block.py" --block "$block" --size "$SIZE" \
       --batch "$BATCH" --warmup "$WARMUP" --iterations "$ITERATIONS" --threads "$THREADS" | grep '^result ')
  echo "$pt"
  f=$(ratio "$(field forward_ms "$dl")" "$(field forward_ms "$pt")")
  t=$(ratio "$(field train_ms "$dl")" "$(field train_ms "$pt")")
  echo "block $block forward_ratio=$f train_ratio=$t"
  summary="$summary $block=$f/$t"
done
echo "$summary"
