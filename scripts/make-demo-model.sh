#!/usr/bin/env bash
# Trains the bundled demo face model on the built-in synthetic faces ONLY (no third-party data) with the
# `quickstart` configuration, copies it to models/demo.densereg.zip and prints its SHA-256 and held-out NME.
# Usage: scripts/make-demo-model.sh [RUN_DIR]   (build first: mvn -B -q -DskipTests package)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="${1:-$ROOT/runs/demo}"
"$ROOT/densereg" train --config quickstart --run-dir "$RUN"
cp "$RUN/model-best.densereg.zip" "$ROOT/models/demo.densereg.zip"
sha256sum "$ROOT/models/demo.densereg.zip"
echo "validation metrics: see $RUN (docs/training.md describes the run folder)"
