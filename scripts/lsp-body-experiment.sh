#!/usr/bin/env bash
# The three-variant LSP body experiment of docs/bodies.md: supervision for all 2000 LSP images at 129²,
# then train-body with the bundled lsp-body-heatmap, lsp-body-heatmap-dense and lsp-body-dense configs
# (train on images 1-900, model-best chosen on 901-1000), each timed; then PCK@0.2 of each model-best on all of
# the test images 1001-2000 with densereg evaluate: by the standard protocol on whole images
# (WORK_DIR/eval-VARIANT/report.md) and, secondary, on crops around the ground-truth joints
# (WORK_DIR/eval-VARIANT-gtcrop/report.md); and the validation curves (WORK_DIR/curves-*.png).
#
#   scripts/lsp-body-experiment.sh [LSP_ROOT] [WORK_DIR] [extra train-body options...]
#
# LSP_ROOT defaults to ../shared/data/lsp, WORK_DIR to work/lsp-experiment. Extra options (for example
# --set trainer.iterations=40) are passed to every train-body run. DENSEREG names the launcher to use
# (default: ./densereg of this checkout; build first with mvn -B -q -DskipTests package).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LSP_ROOT="${1:-$ROOT/../shared/data/lsp}"
WORK_DIR="${2:-work/lsp-experiment}"
shift $(( $# < 2 ? $# : 2 ))
DENSEREG="${DENSEREG:-$ROOT/densereg}"

mkdir -p "$WORK_DIR"
SUPERVISION="$WORK_DIR/lsp-body-129"
start=$(date +%s)
"$DENSEREG" -q supervise-body --dataset lsp --root "$LSP_ROOT" --out "$SUPERVISION" --size 129 --split all --threads 2
echo "supervision: $(( $(date +%s) - start )) s"

for variant in heatmap heatmap-dense dense; do
  start=$(date +%s)
  "$DENSEREG" train-body --config "lsp-body-$variant" --set "data.source=$SUPERVISION" \
    --run-dir "$WORK_DIR/run-$variant" "$@"
  echo "variant $variant: $(( $(date +%s) - start )) s wall clock"
done

GT="$LSP_ROOT/joints.mat"
for variant in heatmap heatmap-dense dense; do
  start=$(date +%s)
  "$DENSEREG" -q evaluate --dataset lsp --root "$LSP_ROOT" --model "$WORK_DIR/run-$variant/model-best.densereg.zip" \
    --out "$WORK_DIR/eval-$variant"
  echo "evaluation $variant (whole images): $(( $(date +%s) - start )) s"
  start=$(date +%s)
  "$DENSEREG" -q evaluate --dataset lsp --gt "$GT" --model "$WORK_DIR/run-$variant/model-best.densereg.zip" \
    --supervision "$SUPERVISION" --out "$WORK_DIR/eval-$variant-gtcrop"
  echo "evaluation $variant (ground-truth crops): $(( $(date +%s) - start )) s"
done
"$DENSEREG" -q evaluate --dataset lsp --root "$LSP_ROOT" --model "$WORK_DIR/run-heatmap-dense/model-best.densereg.zip" \
  --joints dense --out "$WORK_DIR/eval-heatmap-dense-dense-joints"
for metric in pckHeatmap pckDense; do
  "$DENSEREG" -q curves --metric "$metric" --out "$WORK_DIR/curves-$metric.png" "$WORK_DIR/run-heatmap=heatmap" \
    "$WORK_DIR/run-heatmap-dense=heatmap+dense" "$WORK_DIR/run-dense=dense"
done
