#!/usr/bin/env bash
# The three-variant LSP body experiment of docs/bodies.md ("privileged information", issue 17), repeated with
# several seeds: supervision for all 2000 LSP images at 129², then for every seed and variant a train-body run of
# the bundled lsp-body-heatmap, lsp-body-heatmap-dense and lsp-body-dense configs (train on images 1-900,
# model-best chosen on 901-1000; network.seed = trainer.seed = the seed), each timed; then PCK@0.2 of each
# model-best on the test images 1001-2000 with densereg evaluate by the standard protocol on whole images
# (WORK_DIR/eval-VARIANT-sSEED/), variant 2 also with its dense joints; finally WORK_DIR/seeds.md, the table of
# mean ± sample standard deviation over the seeds per variant and joint group, and the validation curves
# (WORK_DIR/curves-*.png, first seed).
#
#   scripts/lsp-body-experiment.sh [LSP_ROOT] [WORK_DIR] [extra train-body options...]
#
# LSP_ROOT defaults to ../shared/data/lsp, WORK_DIR to work/lsp-experiment. Extra options (for example
# --set trainer.iterations=40) are passed to every train-body run. Environment: SEEDS (default "42 43 44"),
# GTCROP=1 adds the secondary ground-truth-crop evaluation of every run (WORK_DIR/eval-VARIANT-sSEED-gtcrop/),
# DENSEREG names the launcher (default: ./densereg of this checkout; build first with
# mvn -B -q -DskipTests package). Needs jq (Debian: apt-get install jq) for the table. A run folder that already
# holds model-best.densereg.zip is not trained again, so an interrupted experiment continues where it stopped
# (a run stopped mid-training is resumed with train-body --resume).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LSP_ROOT="${1:-$ROOT/../shared/data/lsp}"
WORK_DIR="${2:-work/lsp-experiment}"
shift $(( $# < 2 ? $# : 2 ))
DENSEREG="${DENSEREG:-$ROOT/densereg}"
SEEDS="${SEEDS:-42 43 44}"
VARIANTS="heatmap heatmap-dense dense"
command -v jq >/dev/null || { echo "lsp-body-experiment.sh: jq not found (Debian: apt-get install jq)" >&2; exit 2; }

mkdir -p "$WORK_DIR"
SUPERVISION="$WORK_DIR/lsp-body-129"
if [ ! -f "$SUPERVISION/summary.json" ]; then
  start=$(date +%s)
  "$DENSEREG" -q supervise-body --dataset lsp --root "$LSP_ROOT" --out "$SUPERVISION" --size 129 --split all --threads 2
  echo "supervision: $(( $(date +%s) - start )) s"
fi

for seed in $SEEDS; do
  for variant in $VARIANTS; do
    run="$WORK_DIR/run-$variant-s$seed"
    if [ -f "$run/model-best.densereg.zip" ]; then continue; fi
    resume=()
    if [ -d "$run" ]; then resume=(--resume); fi
    start=$(date +%s)
    "$DENSEREG" -q train-body --config "lsp-body-$variant" --set "data.source=$SUPERVISION" \
      --set "network.seed=$seed" --set "trainer.seed=$seed" --run-dir "$run" "${resume[@]}" "$@"
    echo "variant $variant seed $seed: $(( $(date +%s) - start )) s wall clock"
  done
done

GT="$LSP_ROOT/joints.mat"
evaluate() { # model out [options...]
  local model="$1" out="$2"; shift 2
  if [ ! -f "$out/metrics.json" ]; then
    "$DENSEREG" -q evaluate --dataset lsp --model "$model" --out "$out" "$@"
  fi
}
for seed in $SEEDS; do
  for variant in $VARIANTS; do
    model="$WORK_DIR/run-$variant-s$seed/model-best.densereg.zip"
    evaluate "$model" "$WORK_DIR/eval-$variant-s$seed" --root "$LSP_ROOT"
    if [ "${GTCROP:-0}" = 1 ]; then
      evaluate "$model" "$WORK_DIR/eval-$variant-s$seed-gtcrop" --gt "$GT" --supervision "$SUPERVISION"
    fi
  done
  evaluate "$WORK_DIR/run-heatmap-dense-s$seed/model-best.densereg.zip" \
    "$WORK_DIR/eval-heatmap-dense-dense-joints-s$seed" --root "$LSP_ROOT" --joints dense
done

# seeds.md: one row per variant, mean ± sample standard deviation over the seeds of each joint group's PCK@0.2.
GROUPS_="head shoulder elbow wrist hip knee ankle mean"
{
  echo "LSP PCK@0.2 (%), test images 1001-2000, whole images (standard protocol); mean ± sd over seeds: $SEEDS"
  echo
  echo "| variant (joints from) | Head | Shoulder | Elbow | Wrist | Hip | Knee | Ankle | Mean |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for row in "heatmap:1 heatmap only (heatmap head)" "heatmap-dense:2 heatmap + dense (heatmap head)" \
      "dense:3 dense only (dense maps)" "heatmap-dense-dense-joints:2 heatmap + dense (dense maps)"; do
    name="${row%%:*}"
    files=()
    for seed in $SEEDS; do files+=("$WORK_DIR/eval-$name-s$seed/metrics.json"); done
    line="| ${row#*:} |"
    for g in $GROUPS_; do
      cell=$(jq -s -r --arg k "pck.$g" '[.[].metrics[$k]] as $x | ($x | add / length) as $m
        | (if ($x | length) > 1 then ([$x[] | (. - $m) * (. - $m)] | add / (($x | length) - 1) | sqrt) else 0 end) as $s
        | "\($m) \($s)"' "${files[@]}")
      line="$line $(printf '%.1f ± %.1f' $cell) |"
    done
    echo "$line"
  done
  echo
  echo "Per seed (mean PCK@0.2):"
  echo
  for name in heatmap heatmap-dense dense heatmap-dense-dense-joints; do
    printf '%s:' "$name"
    for seed in $SEEDS; do
      printf ' s%s=%.1f' "$seed" "$(jq -r '.metrics["pck.mean"]' "$WORK_DIR/eval-$name-s$seed/metrics.json")"
    done
    echo
  done
} > "$WORK_DIR/seeds.md"
cat "$WORK_DIR/seeds.md"

first="${SEEDS%% *}"
for metric in pckHeatmap pckDense; do
  "$DENSEREG" -q curves --metric "$metric" --out "$WORK_DIR/curves-$metric.png" "$WORK_DIR/run-heatmap-s$first=heatmap" \
    "$WORK_DIR/run-heatmap-dense-s$first=heatmap+dense" "$WORK_DIR/run-dense-s$first=dense"
done
