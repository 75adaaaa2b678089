#!/usr/bin/env bash
# Throughput of face supervision (landmark fitting + rasterisation of U, V and parts at 256²), per model.
# Usage: scripts/bench-supervise.sh [MODEL ...] [--size N] [--threads N] [--faces N]
#   MODEL: default (built in, the default), or a Surrey Face Model folder, e.g. ../shared/data/models/sfm
# Needs a build: mvn -B -q -DskipTests package
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/densereg-cli/target/densereg-cli.jar"
if [[ ! -f "$jar" ]]; then
  echo "bench-supervise: $jar is missing; build first: mvn -B -q -DskipTests package" >&2
  exit 1
fi
exec java ${JAVA_OPTS:--Xmx2g} -cp "$jar:$root/densereg-cli/target/lib/*" org.densereg.bench.SupervisionBenchmarkMain "$@"
