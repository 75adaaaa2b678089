#!/usr/bin/env bash
# Regenerates the figures of docs/inference.md with the bundled demo model on a project-made synthetic face.
# Usage: scripts/inference-figures.sh   (build first: mvn -B -q -DskipTests package)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mktemp -d)"
"$ROOT/densereg" -q infer --model demo --input "$ROOT/src-test-data/faces/synth_00003.png" --out "$OUT"
mkdir -p "$ROOT/docs/images"
for kind in vis parts iuv; do
  cp "$OUT/synth_00003.$kind.png" "$ROOT/docs/images/inference-$kind.png"
done
echo "figures written to docs/images/inference-{vis,parts,iuv}.png (outputs in $OUT)"
