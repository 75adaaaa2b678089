// face-api's 68-point landmark net (npm @vladmandic/face-api 1.7.15 on TF.js 4.22's pure-JavaScript CPU backend,
// loaded through CommonJS require of dist/face-api.node-wasm.js as scripts/face-detector/reference.js does) over the
// faces of a faces.csv written by `densereg evaluate --dataset 300w --gt ...`, for scripts/peers-300w.sh. Not part of
// the product.
//
//   node faceapi_landmarks.js MODEL_DIR FACES.csv OUT_DIR [box|tiny]
//
// box (default): each face is cut out of its image at the CSV's box (left, top, width, height; clipped to the image),
// as face-api's own pipeline cuts out a detection (extractFaceTensors), and the landmark net runs on that cut-out;
// points are shifted back by the clipped box's corner. tiny: the box comes from face-api's tiny face detector (input
// 608, score threshold 0.5), the detection overlapping the CSV box most (intersection over union >= 0.3); a face
// with none keeps the CSV box and is counted as missed. Writes OUT_DIR/<face>.pts (iBUG, 1-based: face-api's
// image coordinates, unchanged, + 1), OUT_DIR/boxes.csv (face,left,top,width,height,source: given or detector, the
// box before clipping) and prints one summary line (stderr) and missed=N (stdout, tiny only).
// Images: JPEG (jpeg-js), PNG (pngjs), binary PGM/PPM (read here).
const fs = require('fs');
const path = require('path');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const jpeg = require('jpeg-js');
const { PNG } = require('pngjs');

function pnm(bytes) {
  let pos = 2;
  const vals = [];
  while (vals.length < 3) {
    while (/\s/.test(String.fromCharCode(bytes[pos]))) pos++;
    if (bytes[pos] === 0x23) { // comment
      while (bytes[pos] !== 0x0a) pos++;
      continue;
    }
    let s = '';
    while (!/\s/.test(String.fromCharCode(bytes[pos]))) s += String.fromCharCode(bytes[pos++]);
    vals.push(Number(s));
  }
  pos++; // the single whitespace after maxval
  const [width, height, max] = vals;
  if (!(max > 0 && max <= 255)) throw new Error('only 8-bit PNM is read');
  const channels = bytes[1] === 0x36 ? 3 : 1;
  const rgb = new Int32Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) rgb[3 * i + c] = bytes[pos + channels * i + (channels === 3 ? c : 0)];
  }
  return { width, height, rgb };
}

function decode(file) {
  const bytes = fs.readFileSync(file);
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const png = PNG.sync.read(bytes); // RGBA, 8 bits per channel
    const rgb = new Int32Array(png.width * png.height * 3);
    for (let i = 0; i < png.width * png.height; i++) for (let c = 0; c < 3; c++) rgb[3 * i + c] = png.data[4 * i + c];
    return { width: png.width, height: png.height, rgb };
  }
  if (bytes[0] === 0x50 && (bytes[1] === 0x35 || bytes[1] === 0x36)) return pnm(bytes);
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
  return { width: img.width, height: img.height, rgb: Int32Array.from(img.data) };
}

// RFC 4180 records of a CSV text.
function records(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

function iou(a, b) {
  const x0 = Math.max(a.x, b.x), y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width), y1 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

function writePts(file, points) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = ['version: 1', `n_points: ${points.length}`, '{'];
  for (const p of points) lines.push(`${(p.x + 1).toFixed(3)} ${(p.y + 1).toFixed(3)}`);
  lines.push('}', '');
  fs.writeFileSync(file + '.tmp', lines.join('\n'));
  fs.renameSync(file + '.tmp', file);
}

(async () => {
  const [modelDir, csv, outDir, mode = 'box'] = process.argv.slice(2);
  if (!outDir || !['box', 'tiny'].includes(mode)) {
    console.error('usage: node faceapi_landmarks.js MODEL_DIR FACES.csv OUT_DIR [box|tiny]');
    process.exit(2);
  }
  const rows = records(fs.readFileSync(csv, 'utf8'));
  if (rows.length === 0 || rows[0][0] !== 'face') throw new Error(`${csv}:1: expected the header face,image,left,...`);
  await faceapi.tf.setBackend('cpu');
  await faceapi.tf.ready();
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  if (mode === 'tiny') await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  let loaded = null, tensor = null, img = null, detections = null, missed = 0, count = 0;
  const boxes = ['face,left,top,width,height,source'];
  const csvField = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (let r = 1; r < rows.length; r++) {
    const [id, image, left, top, width, height] = rows[r];
    if (!id) continue;
    if (!image) throw new Error(`${csv}:${r + 1}: face ${id} has no image`);
    if (image !== loaded) {
      if (tensor) tensor.dispose();
      img = decode(image);
      tensor = faceapi.tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
      loaded = image;
      detections = null;
    }
    const given = { x: Number(left), y: Number(top), width: Number(width), height: Number(height) };
    let box = given;
    if (mode === 'tiny') {
      if (!detections) {
        detections = (await faceapi.nets.tinyFaceDetector.locateFaces(tensor,
          new faceapi.TinyFaceDetectorOptions({ inputSize: 608, scoreThreshold: 0.5 }))).map((d) => d.box);
      }
      let best = 0.3, found = null;
      for (const d of detections) {
        const o = iou(d, given);
        if (o >= best) { best = o; found = d; }
      }
      if (found) box = { x: found.x, y: found.y, width: found.width, height: found.height }; else missed++;
    }
    boxes.push([csvField(id), box.x, box.y, box.width, box.height, box === given ? 'given' : 'detector'].join(','));
    const rect = new faceapi.Rect(box.x, box.y, box.width, box.height).clipAtImageBorders(img.width, img.height);
    const [face] = await faceapi.extractFaceTensors(tensor, [rect]);
    const landmarks = await faceapi.nets.faceLandmark68Net.detectLandmarks(face);
    face.dispose();
    writePts(path.join(outDir, `${id}.pts`), landmarks.positions.map((p) => ({ x: p.x + rect.x, y: p.y + rect.y })));
    count++;
  }
  if (tensor) tensor.dispose();
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'boxes.csv.tmp'), boxes.join('\n') + '\n');
  fs.renameSync(path.join(outDir, 'boxes.csv.tmp'), path.join(outDir, 'boxes.csv'));
  console.error(`face-api (${mode} boxes): ${count} faces` + (mode === 'tiny' ? `, ${missed} not found by the tiny face detector (CSV box used)` : ''));
  if (mode === 'tiny') console.log(`missed=${missed}`);
})().catch((e) => { console.error(`faceapi_landmarks: ${e.message || e}`); process.exit(1); });
