#!/usr/bin/env bash
# Regenerates the bundled face detector weights in densereg-core/src/main/resources/org/densereg/detect/ from the
# npm package @vladmandic/face-api (MIT): face-api's "tiny face detector", a Tiny-YOLOv2-style network with
# depthwise-separable convolutions (docs/face-detector.md), as the package ships it:
#   tiny_face_detector_model.bin                      the weights, uint8-quantised, in manifest order
#   tiny_face_detector_model-weights_manifest.json    TF.js weights manifest: names, shapes, scale and min per tensor
#   tiny_face_detector.LICENSE                        the package's MIT licence text
# The files are copied byte for byte (the reader, org.densereg.detect.TinyFaceDetectorWeights, decodes the TF.js
# format), so the committed files can be checked against the registry with sha256sum:
#   b7503ce7df31039b1c43316a9b865cab6a70dd748cc602d3fa28b551503c3871  tiny_face_detector_model.bin
#   5d1af4849ac48d5b985f4a9b16010c512353ddd6fcc63d50fd0bc9e9e64296e5  tiny_face_detector_model-weights_manifest.json
#
# Needs: bash, npm, tar, sha256sum. Usage: scripts/extract-face-detector.sh [output-folder]
# The files are committed, so builds never need the network; rerun this only to verify or update them.
set -euo pipefail

PACKAGE="@vladmandic/face-api@1.7.15"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/densereg-core/src/main/resources/org/densereg/detect}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "$PACKAGE" >/dev/null 2>&1 && tar xzf ./*.tgz)

mkdir -p "$OUT"
for f in tiny_face_detector_model.bin tiny_face_detector_model-weights_manifest.json; do
  cp "$WORK/package/model/$f" "$OUT/.$f.tmp"
  mv -f "$OUT/.$f.tmp" "$OUT/$f"
done
cp "$WORK/package/LICENSE" "$OUT/.tiny_face_detector.LICENSE.tmp"
mv -f "$OUT/.tiny_face_detector.LICENSE.tmp" "$OUT/tiny_face_detector.LICENSE"
(cd "$OUT" && sha256sum tiny_face_detector_model.bin tiny_face_detector_model-weights_manifest.json) >&2
echo "wrote $OUT" >&2
