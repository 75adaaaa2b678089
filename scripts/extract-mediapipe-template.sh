#!/usr/bin/env bash
# Regenerates densereg-core/src/main/resources/org/densereg/model3d/default/template.obj from the npm package
# @mediapipe/face_mesh (Apache-2.0): MediaPipe's canonical face mesh, 468 vertices, 898 triangles.
#
# The package ships its assets packed into one file, face_mesh_solution_packed_assets.data; the loader script
# face_mesh_solution_packed_assets_loader.js lists each packed file's byte range. The mesh lives in
# geometry_pipeline_metadata_landmarks.binarypb (a GeometryPipelineMetadata protobuf): field 1 is the Mesh3d,
# whose field 3 is the packed float vertex buffer (x, y, z in cm, u, v with v down; 5 floats per vertex) and
# field 4 the packed varint index buffer (three per triangle).
#
# Needs: bash, npm, node (any recent version), tar. Usage: scripts/extract-mediapipe-template.sh [output.obj]
# The generated file is committed, so builds never need the network; rerun this only to verify or update it.
set -euo pipefail

PACKAGE="@mediapipe/face_mesh@0.4.1657299874"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/densereg-core/src/main/resources/org/densereg/model3d/default/template.obj}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "$PACKAGE" >/dev/null 2>&1 && tar xzf ./*.tgz)

TMP_OUT="$(mktemp "$(dirname "$OUT")/.template.obj.XXXXXX")"
trap 'rm -rf "$WORK" "$TMP_OUT"' EXIT
node - "$WORK/package" "$PACKAGE" > "$TMP_OUT" <<'JS'
const fs = require('fs');
const [dir, pkg] = process.argv.slice(2);
const loader = fs.readFileSync(dir + '/face_mesh_solution_packed_assets_loader.js', 'utf8');
const m = loader.match(/geometry_pipeline_metadata_landmarks\.binarypb", "start": (\d+), "end": (\d+)/);
if (!m) throw new Error('packed file geometry_pipeline_metadata_landmarks.binarypb not listed in the loader');
const packed = fs.readFileSync(dir + '/face_mesh_solution_packed_assets.data');
const pb = packed.subarray(Number(m[1]), Number(m[2]));

function varint(buf, pos) {
  let value = 0, shift = 0, b;
  do {
    b = buf[pos++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [value, pos];
}
// Returns {field: [payload Buffers or varint numbers]} for one protobuf message.
function fields(buf) {
  const out = {};
  let pos = 0;
  while (pos < buf.length) {
    let key;
    [key, pos] = varint(buf, pos);
    const field = Math.floor(key / 8), wire = key & 7;
    let value;
    if (wire === 0) { [value, pos] = varint(buf, pos); }
    else if (wire === 2) { let len; [len, pos] = varint(buf, pos); value = buf.subarray(pos, pos + len); pos += len; }
    else if (wire === 5) { value = buf.subarray(pos, pos + 4); pos += 4; }
    else if (wire === 1) { value = buf.subarray(pos, pos + 8); pos += 8; }
    else throw new Error('unsupported wire type ' + wire);
    (out[field] = out[field] || []).push(value);
  }
  return out;
}
const mesh = fields(fields(pb)[1][0]);
// Repeated fields may be packed (one length-delimited payload) or not (one entry per value): accept both.
const floats = [];
for (const chunk of mesh[3]) for (let p = 0; p < chunk.length; p += 4) floats.push(chunk.readFloatLE(p));
const idx = [];
for (const chunk of mesh[4]) {
  if (typeof chunk === 'number') { idx.push(chunk); continue; }
  for (let p = 0; p < chunk.length;) { let v; [v, p] = varint(chunk, p); idx.push(v); }
}
const n = floats.length / 5, t = idx.length / 3;
if (n !== 468 || t !== 898) throw new Error(`expected 468 vertices and 898 triangles, found ${n} and ${t}`);

const f6 = (x) => (Object.is(x, -0) ? 0 : x).toFixed(6);
const lines = [
  `# MediaPipe canonical face mesh: ${n} vertices, ${t} triangles`,
  `# Extracted from npm ${pkg} (Apache-2.0, Copyright The MediaPipe Authors; see NOTICE)`,
  `# by scripts/extract-mediapipe-template.sh. Units: cm; y up; the face looks along +z.`,
  `# vt: MediaPipe's texture coordinates with v flipped to grow upwards (OBJ convention).`,
];
for (let i = 0; i < n; i++) lines.push(`v ${f6(floats[5 * i])} ${f6(floats[5 * i + 1])} ${f6(floats[5 * i + 2])}`);
for (let i = 0; i < n; i++) lines.push(`vt ${f6(floats[5 * i + 3])} ${f6(1 - floats[5 * i + 4])}`);
for (let k = 0; k < t; k++) {
  const [a, b, c] = [idx[3 * k] + 1, idx[3 * k + 1] + 1, idx[3 * k + 2] + 1];
  lines.push(`f ${a}/${a} ${b}/${b} ${c}/${c}`);
}
process.stdout.write(lines.join('\n') + '\n');
JS
mv -f "$TMP_OUT" "$OUT"
echo "wrote $OUT" >&2
