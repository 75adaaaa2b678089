#!/usr/bin/env bash
# gpu-check.sh: is this GPU box ready for densereg's CUDA build? One command for a user's machine (docs/gpu.md).
#
#   mvn -B -q -Pcuda -DskipTests package && scripts/gpu-check.sh [--keep DIR]
#
# 1. prints the NVIDIA driver and every GPU with its compute capability and memory (nvidia-smi);
# 2. refuses a GPU that ND4J 1.0.0-M2.1 has no kernels for: compute capability 9.0 and newer (Hopper: H100, H200;
#    Blackwell), because its CUDA 11.6 build carries machine code for sm_37 to sm_86 only and no PTX that the driver
#    could compile for a newer GPU;
# 3. runs `densereg env` (must show CudaBackend), `densereg bench network` at 129² and 257², and a short training run
#    of the quick-start network (with trainer.workers = number of GPUs when there are several);
# 4. ends with one line starting "gpu-check:" to paste into a bug report.
#
# Exit codes: 0 all steps passed; 1 a densereg step failed (its output is above and in the log folder);
# 2 usage; 3 no NVIDIA driver or no GPU on this machine; 4 a GPU that ND4J 1.0.0-M2.1 cannot run (compute
# capability >= 9.0); 5 the command line is not built with the CUDA backend (build with -Pcuda).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEEP=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep) KEEP="${2:?--keep needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-check: unknown argument '$1' (usage: scripts/gpu-check.sh [--keep DIR])" >&2; exit 2 ;;
  esac
done

fail() { # code, message
  echo "gpu-check: $2" >&2
  echo "gpu-check: FAILED (exit $1) | $SUMMARY"
  exit "$1"
}
SUMMARY="host $(uname -srm)"

# --- 1. driver and GPUs ------------------------------------------------------------------------------------------
if ! command -v nvidia-smi >/dev/null 2>&1; then
  fail 3 "no NVIDIA driver here: nvidia-smi is not on the PATH, so this machine has no usable NVIDIA GPU. The CUDA
build needs the NVIDIA driver (nothing else: the CUDA and cuDNN libraries come as jars). On a machine without a GPU
use the default CPU build: mvn -B -q -DskipTests package && ./densereg env"
fi
if ! GPUS="$(nvidia-smi --query-gpu=name,driver_version,compute_cap,memory.total --format=csv,noheader 2>&1)"; then
  fail 3 "nvidia-smi could not list the GPUs (a driver too old for --query-gpu=compute_cap, or no device): $GPUS"
fi
if [[ -z "$GPUS" ]]; then
  fail 3 "nvidia-smi lists no GPU"
fi
echo "GPUs (name, driver, compute capability, memory):"
echo "$GPUS" | sed 's/^/  /'
COUNT=0
UNSUPPORTED=""
DESCRIBED=""
DRIVER=""
while IFS=',' read -r name driver cap memory; do
  name="$(echo "$name" | xargs)"; driver="$(echo "$driver" | xargs)"; cap="$(echo "$cap" | xargs)"
  memory="$(echo "$memory" | xargs)"
  COUNT=$((COUNT + 1))
  DRIVER="$driver"
  DESCRIBED="${DESCRIBED:+$DESCRIBED; }$name (sm ${cap}, ${memory})"
  major="${cap%%.*}"
  if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 9 )); then
    UNSUPPORTED="${UNSUPPORTED:+$UNSUPPORTED, }GPU $((COUNT - 1)) $name (compute capability $cap)"
  fi
done <<< "$GPUS"
SUMMARY="driver $DRIVER | $COUNT GPU(s): $DESCRIBED"
if [[ -n "$UNSUPPORTED" ]]; then
  fail 4 "$UNSUPPORTED: ND4J 1.0.0-M2.1 cannot run here. Its CUDA build (CUDA 11.6) contains machine code for
compute capabilities 3.7 to 8.6 only and no PTX, so the driver has nothing to compile for compute capability 9.0
(Hopper: H100, H200) or newer, and every kernel launch would fail. Use an Ampere or Ada GPU (A100, A10, L4, RTX
30xx/40xx), hide this one with CUDA_VISIBLE_DEVICES if the box has others, or use the CPU build. docs/gpu.md,
\"Hopper and later\", has the plan."
fi
DRIVER_MAJOR="${DRIVER%%.*}"
if [[ "$DRIVER_MAJOR" =~ ^[0-9]+$ ]] && (( DRIVER_MAJOR < 450 )); then
  echo "gpu-check: warning: driver $DRIVER is older than CUDA 11's minimum (450.80.02); expect a failure below" >&2
fi

# --- 2. the densereg steps ---------------------------------------------------------------------------------------
LOGS="${KEEP:-$(mktemp -d -t densereg-gpu-check.XXXXXX)}"
mkdir -p "$LOGS"
echo "logs in $LOGS"
step() { # name, command...
  local name="$1"; shift
  echo "== $name: $*"
  "$@" > "$LOGS/$name.out" 2> "$LOGS/$name.err"
  local rc=$?
  cat "$LOGS/$name.out"
  if [[ $rc -ne 0 ]]; then
    tail -n 20 "$LOGS/$name.err" >&2
    fail 1 "step '$name' failed with exit code $rc (full log: $LOGS/$name.err)"
  fi
}
step env "$ROOT/densereg" env
if ! grep -q "CudaBackend" "$LOGS/env.out"; then
  fail 5 "densereg runs on $(grep '^nd4j backend' "$LOGS/env.out" | sed 's/^nd4j backend *//'), not on the GPU:
build the CUDA version first: mvn -B -q -Pcuda -DskipTests package"
fi
SUMMARY="$SUMMARY | $(grep '^densereg ' "$LOGS/env.out" | sed 's/  */ /g') | cudnn: $(grep '^cudnn ' "$LOGS/env.out" | cut -c15- | cut -c1-60)"
for side in 129 257; do
  step "bench-$side" "$ROOT/densereg" bench network --size "$side"
  train="$(grep '^training ' "$LOGS/bench-$side.out" | sed 's/^training *//')"
  infer="$(grep '^inference ' "$LOGS/bench-$side.out" | sed 's/^inference *//')"
  SUMMARY="$SUMMARY | ${side}²: train $train, infer $infer"
done
WORKERS=1
if (( COUNT > 1 )) && (( 8 % COUNT == 0 )); then
  WORKERS="$COUNT"
fi
step train "$ROOT/densereg" train --config quickstart --set trainer.iterations=30 --set trainer.validateEvery=0 \
  --set trainer.checkpointEvery=30 --set trainer.workers="$WORKERS" --run-dir "$LOGS/run"
TRAINED="$(grep -h 'training done' "$LOGS/train.err" "$LOGS/train.out" | tail -n 1 | sed 's/.*training done: //; s/; outputs in.*//')"
SUMMARY="$SUMMARY | train quickstart x$WORKERS workers: ${TRAINED:-done}"
echo "gpu-check: OK | $SUMMARY"
