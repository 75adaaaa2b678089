#!/usr/bin/env bash
# Side-by-side timing of the DenseReg network: DL4J (densereg bench network) vs PyTorch (reference_net.py).
# Installs nothing. Needs: the built CLI (mvn -B -q -DskipTests package) and /usr/bin/python3 with torch
# (Debian/Ubuntu: apt-get install -y python3-torch).
# Environment: DEPTH (18), WIDTH (1.0), BATCH (8), WARMUP (10), ITERATIONS (20), THREADS (nproc): both sides use the
# same thread count (OMP_NUM_THREADS for ND4J, torch.set_num_threads for PyTorch).
# Per size: both result lines (they include the mean time of the untimed warm-up iterations), a "gflops" line
# (achieved convolution GFLOP/s of each side) and a "memory" line (peak resident set of each process).
# WARMUP defaults to 10: DL4J's workspaces grow over the first iterations (each growth reallocates them), which
# takes about 5 iterations of this network, and the JIT compiler is still compiling DL4J's and this project's Java
# code up to iteration 8 or 9 (a large method takes 100-150 ms of a core, and the oneDNN threads wait for the core
# it takes); PyTorch settles after 1-2. ITERATIONS defaults to 20: a single slow iteration (a compilation, a
# collection) weighs half as much in the mean as with 10.
# REPEATS (3): each size is measured REPEATS times, alternating the two sides (DL4J, PyTorch, DL4J, PyTorch, ...),
# so that the slow drift of this VM's speed (±15-20 % from run to run) falls on both sides alike; each ratio is
# then taken from the MEDIANS of the repeated per-image times, which one slow run (a neighbour's load, a
# collection) does not move the way it moves a mean. Every run prints its result, gflops and memory lines as one
# run always did; with REPEATS>1, each size then adds a "runs" line (the per-run times, in run order) and a
# "median" line (the medians the ratios use). REPEATS=1 gives the output of a single measurement, as before.
# Reduced precision: each size is then measured REPEATS times more in bf16, alternating as above: DL4J with
# "bench network --precision bf16" (bf16 inference in the fused oneDNN layers) and PyTorch with
# "reference_net.py --precision bf16" (torch.autocast("cpu", dtype=torch.bfloat16)); their result lines carry
# infer_precision=bf16 / precision=bf16, and with REPEATS>1 "runs_lowp"/"median_lowp" lines follow.
# Second-to-last line: ratios train128=R infer128=R train256=R infer256=R   (DL4J time / PyTorch time, fp32 against
# fp32), as before.
# Last line: ratios_lowp train128=n/a infer128=R train256=n/a infer256=R   (DL4J bf16 inference time / PyTorch
# autocast-bf16 inference time). bf16 training is not implemented in DL4J here (its training runs fp32 whatever
# --precision says), so the training fields are n/a. On a CPU without bf16 instructions (avx512_bf16 or AMX) the
# DL4J side refuses bf16 and every field of ratios_lowp is n/a.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PY=/usr/bin/python3
DEPTH="${DEPTH:-18}"; WIDTH="${WIDTH:-1.0}"; BATCH="${BATCH:-8}"
WARMUP="${WARMUP:-10}"; ITERATIONS="${ITERATIONS:-20}"; THREADS="${THREADS:-$(nproc)}"; REPEATS="${REPEATS:-3}"
if ! [[ $REPEATS =~ ^[1-9][0-9]*$ ]]; then echo "compare.sh: REPEATS must be a positive integer, not '$REPEATS'" >&2; exit 1; fi

missing=0
if ! command -v java >/dev/null; then echo "compare.sh: java 17+ not found (install a JDK 17)" >&2; missing=1; fi
if [[ ! -f "$ROOT/densereg-cli/target/densereg-cli.jar" ]]; then
  echo "compare.sh: the CLI is not built: (cd $ROOT && mvn -B -q -DskipTests package)" >&2; missing=1
fi
if [[ ! -x "$PY" ]] || ! "$PY" -c "import torch" 2>/dev/null; then
  echo "compare.sh: PyTorch for $PY not found: apt-get install -y python3-torch" >&2; missing=1
fi
[[ $missing == 0 ]] || exit 1

field() { # field NAME LINE -> value of NAME=... in LINE
  sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { # median V1 V2 ... -> the middle value (the mean of the two middle ones for an even count)
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
    else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
join() { local IFS=,; echo "$*"; } # join V1 V2 ... -> V1,V2,...

echo "# $(date -u +%FT%TZ) $(uname -m), $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg), threads $THREADS"
echo "# ResNet-$DEPTH width $WIDTH batch $BATCH, warmup $WARMUP, timed $ITERATIONS$( ((REPEATS > 1)) &&
  echo ", repeats $REPEATS (DL4J and PyTorch alternating, ratios of the medians)")"
declare -A R L
for size in 128 256; do
  dt=(); di=(); pt_=(); pi=()
  for ((rep = 1; rep <= REPEATS; rep++)); do
    dl=$(OMP_NUM_THREADS="$THREADS" DENSEREG_JAVA_OPTS="${DENSEREG_JAVA_OPTS:--Xmx4g -XX:+UseSerialGC -Xms32m -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=1000 -Dorg.bytedeco.javacpp.maxbytes=12g -Dorg.bytedeco.javacpp.maxphysicalbytes=16g}" \
         "$ROOT/densereg" bench network --depth "$DEPTH" --width "$WIDTH" --size "$size" --batch "$BATCH" \
         --warmup "$WARMUP" --iterations "$ITERATIONS" 2>/dev/null | grep '^result ')
    echo "$dl"
    pt=$(OMP_NUM_THREADS="$THREADS" "$PY" "$ROOT/scripts/bench/reference_net.py" --depth "$DEPTH" --width "$WIDTH" \
         --size "$size" --batch "$BATCH" --warmup "$WARMUP" --iterations "$ITERATIONS" --threads "$THREADS" | grep '^result ')
    echo "$pt"
    dt+=("$(field train_ms_per_image "$dl")"); di+=("$(field infer_ms_per_image "$dl")")
    pt_+=("$(field train_ms_per_image "$pt")"); pi+=("$(field infer_ms_per_image "$pt")")
    # achieved GFLOP/s of the convolutions (the network's arithmetic, counted once by reference_net.py):
    # inference = forward FLOPs / time, training = 3 x forward FLOPs (forward, backward-data, backward-weights) / time
    flop=$(field conv_gflop_per_image "$pt")
    gf() { awk -v f="$flop" -v k="$1" -v ms="$2" 'BEGIN { printf "%.1f", k * f * 1000 / ms }'; }
    echo "gflops size=$size conv_gflop_per_image=$flop" \
      "dl4j_train=$(gf 3 "$(field train_ms_per_image "$dl")") pytorch_train=$(gf 3 "$(field train_ms_per_image "$pt")")" \
      "dl4j_infer=$(gf 1 "$(field infer_ms_per_image "$dl")") pytorch_infer=$(gf 1 "$(field infer_ms_per_image "$pt")")"
    echo "memory size=$size dl4j_peak_rss_mib=$(field peak_rss_mib "$dl") pytorch_peak_rss_mib=$(field peak_rss_mib "$pt")"
  done
  mdt=$(median "${dt[@]}"); mdi=$(median "${di[@]}"); mpt=$(median "${pt_[@]}"); mpi=$(median "${pi[@]}")
  if ((REPEATS > 1)); then
    echo "runs size=$size dl4j_train=$(join "${dt[@]}") pytorch_train=$(join "${pt_[@]}")" \
      "dl4j_infer=$(join "${di[@]}") pytorch_infer=$(join "${pi[@]}")"
    echo "median size=$size runs=$REPEATS dl4j_train=$mdt pytorch_train=$mpt dl4j_infer=$mdi pytorch_infer=$mpi"
  fi
  R[train$size]=$(ratio "$mdt" "$mpt")
  R[infer$size]=$(ratio "$mdi" "$mpi")

  # reduced precision: DL4J bf16 inference against PyTorch autocast bf16 (inference ratio only; see the header)
  li=(); lpi=(); lowp=yes
  for ((rep = 1; rep <= REPEATS; rep++)); do
    if ! dl=$(OMP_NUM_THREADS="$THREADS" DENSEREG_JAVA_OPTS="${DENSEREG_JAVA_OPTS:--Xmx4g -XX:+UseSerialGC -Xms32m -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=1000 -Dorg.bytedeco.javacpp.maxbytes=12g -Dorg.bytedeco.javacpp.maxphysicalbytes=16g}" \
         "$ROOT/densereg" bench network --depth "$DEPTH" --width "$WIDTH" --size "$size" --batch "$BATCH" \
         --warmup "$WARMUP" --iterations "$ITERATIONS" --precision bf16 2>/dev/null | grep '^result '); then
      echo "# bf16: the DL4J side refused or failed (no bf16 on this CPU?): ratios_lowp is n/a" >&2
      lowp=no; break
    fi
    echo "$dl"
    pt=$(OMP_NUM_THREADS="$THREADS" "$PY" "$ROOT/scripts/bench/reference_net.py" --depth "$DEPTH" --width "$WIDTH" \
         --size "$size" --batch "$BATCH" --warmup "$WARMUP" --iterations "$ITERATIONS" --threads "$THREADS" \
         --precision bf16 | grep '^result ')
    echo "$pt"
    li+=("$(field infer_ms_per_image "$dl")"); lpi+=("$(field infer_ms_per_image "$pt")")
  done
  if [[ $lowp == yes ]]; then
    mli=$(median "${li[@]}"); mlpi=$(median "${lpi[@]}")
    if ((REPEATS > 1)); then
      echo "runs_lowp size=$size dl4j_infer_bf16=$(join "${li[@]}") pytorch_infer_bf16=$(join "${lpi[@]}")"
      echo "median_lowp size=$size runs=$REPEATS dl4j_infer_bf16=$mli pytorch_infer_bf16=$mlpi"
    fi
    L[infer$size]=$(ratio "$mli" "$mlpi")
  else
    L[infer$size]=n/a
  fi
done
echo "ratios train128=${R[train128]} infer128=${R[infer128]} train256=${R[train256]} infer256=${R[infer256]}"
echo "ratios_lowp train128=n/a infer128=${L[infer128]} train256=n/a infer256=${L[infer256]}"
