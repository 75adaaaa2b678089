#!/usr/bin/env bash
# Reproduces the bundled lsp-body model (models/lsp-body.md): supervision for LSP (all 2000 images) and LSP
# Extended at 129², then train-body with the bundled config `lsp-body` (LSP 1-900 + LSPet, 18,000 iterations,
# model-best chosen on LSP 901-1000), then the standard-protocol score of model-best on the LSP test images
# 1001-2000 (whole images), without and with the test-time flip.
#
#   scripts/train-lsp-body.sh [LSP_ROOT] [LSPET_ROOT] [WORK_DIR] [extra train-body options...]
#
# Defaults: ../shared/data/lsp, ../shared/data/lspet, work/lsp-body. Extra options (e.g. --set trainer.seed=43
# --set network.seed=43) go to train-body. DENSEREG names the launcher (default ./densereg of this checkout; build
# first with mvn -B -q -DskipTests package). Resumable: supervision folders with a summary.json are kept, a
# stopped training is continued with train-body --resume, a finished one (model-best present) is not retrained.
# The training took 3 h 05 min on the 2-core development machine, shared with other jobs most of the time (about
# 0.28 s per iteration with the machine to itself: an estimated 1 h 25 min in all).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LSP_ROOT="${1:-$ROOT/../shared/data/lsp}"
LSPET_ROOT="${2:-$ROOT/../shared/data/lspet}"
WORK_DIR="${3:-work/lsp-body}"
shift $(( $# < 3 ? $# : 3 ))
DENSEREG="${DENSEREG:-$ROOT/densereg}"
for d in "$LSP_ROOT" "$LSPET_ROOT"; do
  [ -f "$d/joints.mat" ] || { echo "train-lsp-body.sh: $d has no joints.mat (expected an LSP / LSPet folder)" >&2; exit 2; }
done

mkdir -p "$WORK_DIR"
if [ ! -f "$WORK_DIR/lsp-body-129/summary.json" ]; then
  "$DENSEREG" -q supervise-body --dataset lsp --root "$LSP_ROOT" --out "$WORK_DIR/lsp-body-129" --size 129 --split all
fi
if [ ! -f "$WORK_DIR/lspet-body-129/summary.json" ]; then
  "$DENSEREG" -q supervise-body --dataset lspet --root "$LSPET_ROOT" --out "$WORK_DIR/lspet-body-129" --size 129
fi

run="$WORK_DIR/run"
sources=(--set "data.source=$WORK_DIR/lsp-body-129" --set "data.extraSources=[$WORK_DIR/lspet-body-129]")
if [ -f "$run/model-best.densereg.zip" ]; then
  echo "training: $run/model-best.densereg.zip exists, not retrained"
elif [ -f "$run/last_checkpoint" ]; then
  "$DENSEREG" train-body --resume --run-dir "$run"
elif [ -d "$run" ]; then
  echo "train-lsp-body.sh: $run stopped before its first checkpoint: remove it and run again" >&2; exit 2
else
  "$DENSEREG" train-body --config lsp-body "${sources[@]}" "$@" --run-dir "$run"
fi

"$DENSEREG" evaluate --dataset lsp --model "$run/model-best.densereg.zip" --root "$LSP_ROOT" --out "$WORK_DIR/eval"
"$DENSEREG" evaluate --dataset lsp --model "$run/model-best.densereg.zip" --root "$LSP_ROOT" --flip-test \
  --out "$WORK_DIR/eval-flip"
