#!/usr/bin/env bash
# One-time set-up of the peers that scripts/peers-300w.sh measures (the only step that downloads anything):
#   - dlib's 68-point shape predictor: Debian packages g++, libdlib-dev and libdlib-data (apt; needs root). Debian has
#     no Python binding, so the script builds a small C++ program (scripts/peers/dlib_landmarks.cpp) against it.
#   - face-api's 68-point landmark net: npm packages @vladmandic/face-api 1.7.15 (MIT; its model/ folder holds the
#     weights), @tensorflow/tfjs 4.22 (pure-JavaScript CPU backend), the WASM backend package the Node bundle requires,
#     jpeg-js and pngjs, installed into $DENSEREG_PEERS_HOME/node (default ~/.cache/densereg-peers/node), outside the
#     repository. Needs node >= 18 and npm.
# Usage: scripts/peers/setup.sh [--no-apt] [--no-npm]
set -euo pipefail

PEERS_HOME="${DENSEREG_PEERS_HOME:-$HOME/.cache/densereg-peers}"
NPM_PACKAGES=(@vladmandic/face-api@1.7.15 @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0 jpeg-js@0.4.4
  pngjs@7.0.0)
APT=1
NPM=1
for a in "$@"; do
  case "$a" in
    --no-apt) APT=0 ;;
    --no-npm) NPM=0 ;;
    *) echo "usage: $0 [--no-apt] [--no-npm]" >&2; exit 2 ;;
  esac
done

if [[ $APT == 1 ]]; then
  SUDO=""
  [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update
  $SUDO apt-get install -y g++ libdlib-dev libdlib-data
fi
if [[ $NPM == 1 ]]; then
  mkdir -p "$PEERS_HOME/node"
  cd "$PEERS_HOME/node"
  [[ -f package.json ]] || npm init -y >/dev/null
  npm install --no-audit --no-fund "${NPM_PACKAGES[@]}"
fi
echo "peers set up (node packages in $PEERS_HOME/node)" >&2
