#!/usr/bin/env bash
# Reproduces the bundled lsp-body model (models/lsp-body.md): supervision at 129² for LSP (all 2000 images, once
# around the joints and once as whole images, --framing image) and LSP Extended; stage 1, train-body with the
# bundled config `lsp-body` (LSP 1-900 + LSPet joint crops, 18,000 iterations); stage 2, the same run resumed with
# `lsp-body-stage2` (whole LSP images, zoom/shift/rotation, 24,000 iterations, model-best chosen by the standard
# protocol on LSP 901-1000); then the standard-protocol score of model-best on the LSP test images 1001-2000 (whole
# images), with the model's default test-time flip and without it.
#
#   scripts/train-lsp-body.sh [LSP_ROOT] [LSPET_ROOT] [WORK_DIR] [extra train-body options...]
#
# Defaults: ../shared/data/lsp, ../shared/data/lspet, work/lsp-body. Extra options (e.g. --set trainer.seed=43
# --set network.seed=43) go to train-body. DENSEREG names the launcher (default ./densereg of this checkout; build
# first with mvn -B -q -DskipTests package). Resumable: supervision folders with a summary.json are kept, a
# stopped stage is continued with train-body --resume, a finished one is not retrained (stage 1 is done when the run
# folder holds the stage's last checkpoint, ckpt-18000, or later ones; stage 2 when model-best exists after it).
# The training took 3 h 52 min on the 2-core development machine, shared with other jobs all along (about 0.28 s
# per iteration with the machine to itself: an estimated 1 h 52 min in all).
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
if [ ! -f "$WORK_DIR/lsp-body-129-image/summary.json" ]; then
  "$DENSEREG" -q supervise-body --dataset lsp --root "$LSP_ROOT" --out "$WORK_DIR/lsp-body-129-image" --size 129 \
    --split all --framing image
fi
if [ ! -f "$WORK_DIR/lspet-body-129/summary.json" ]; then
  "$DENSEREG" -q supervise-body --dataset lspet --root "$LSPET_ROOT" --out "$WORK_DIR/lspet-body-129" --size 129
fi

run="$WORK_DIR/run"
extra=(--set "data.extraSources=[$WORK_DIR/lspet-body-129]")
stage1=(--config lsp-body --set "data.source=$WORK_DIR/lsp-body-129" "${extra[@]}")
stage2=(--config lsp-body-stage2 --set "data.source=$WORK_DIR/lsp-body-129-image" "${extra[@]}")
# the iteration of the run's last complete checkpoint (0 when none)
last_iteration() {
  local name
  name="$(cat "$run/last_checkpoint" 2>/dev/null || true)"
  echo "${name#ckpt-}" | grep -E '^[0-9]+$' || echo 0
}
if [ -f "$run/model-best.densereg.zip" ] && [ "$(last_iteration)" -gt 18000 ]; then
  echo "training: $run/model-best.densereg.zip of stage 2 exists, not retrained"
else
  if [ -d "$run" ] && [ ! -f "$run/last_checkpoint" ]; then
    echo "train-lsp-body.sh: $run stopped before its first checkpoint: remove it and run again" >&2; exit 2
  fi
  if [ ! -d "$run" ]; then
    "$DENSEREG" train-body "${stage1[@]}" "$@" --run-dir "$run"
  elif [ "$(last_iteration)" -lt 18000 ]; then
    "$DENSEREG" train-body --resume "${stage1[@]}" "$@" --run-dir "$run"
  fi
  "$DENSEREG" train-body --resume "${stage2[@]}" "$@" --run-dir "$run"
fi

"$DENSEREG" evaluate --dataset lsp --model "$run/model-best.densereg.zip" --root "$LSP_ROOT" --out "$WORK_DIR/eval"
"$DENSEREG" evaluate --dataset lsp --model "$run/model-best.densereg.zip" --root "$LSP_ROOT" --flip-test off \
  --out "$WORK_DIR/eval-noflip"
