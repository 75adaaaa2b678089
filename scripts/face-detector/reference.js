// Runs face-api's tiny face detector (the original, on TF.js's pure-JavaScript CPU backend) over images and prints its
// boxes as JSON: the reference that org.densereg.detect.TinyFaceDetectorReferenceTest compares our port with.
// Run by scripts/face-detector/reference.sh, which installs the pinned packages; not part of the product.
//
// Usage: node reference.js OUT_JSON MODEL_DIR SIZES THRESHOLD NAME=IMAGE...
//   SIZES: comma-separated input sizes, e.g. 416,608; NAME: the name recorded for IMAGE (PNG or JPEG).
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const jpeg = require('jpeg-js');
const { PNG } = require('pngjs');

function decode(file) {
  const bytes = fs.readFileSync(file);
  let width, height, rgb;
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const png = PNG.sync.read(bytes); // RGBA, 8 bits per channel
    ({ width, height } = png);
    rgb = new Int32Array(width * height * 3);
    for (let i = 0; i < width * height; i++) for (let c = 0; c < 3; c++) rgb[3 * i + c] = png.data[4 * i + c];
  } else {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
    ({ width, height } = img);
    rgb = Int32Array.from(img.data);
  }
  return { width, height, rgb, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

(async () => {
  const [out, modelDir, sizes, threshold, ...images] = process.argv.slice(2);
  await faceapi.tf.setBackend('cpu');
  await faceapi.tf.ready();
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  const results = [];
  for (const arg of images) {
    const eq = arg.indexOf('=');
    const name = arg.slice(0, eq), file = arg.slice(eq + 1);
    const img = decode(file);
    const tensor = faceapi.tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
    for (const size of sizes.split(',').map(Number)) {
      const faces = await faceapi.nets.tinyFaceDetector.locateFaces(tensor,
        new faceapi.TinyFaceDetectorOptions({ inputSize: size, scoreThreshold: Number(threshold) }));
      results.push({
        image: name, sha256: img.sha256, width: img.width, height: img.height, input_size: size,
        score_threshold: Number(threshold),
        boxes: faces.map((f) => ({ x: f.box.x, y: f.box.y, width: f.box.width, height: f.box.height, score: f.score })),
      });
    }
    tensor.dispose();
  }
  const tmp = path.join(path.dirname(out), '.' + path.basename(out) + '.tmp');
  fs.writeFileSync(tmp, JSON.stringify({
    generator: 'scripts/face-detector/reference.sh',
    face_api: require('@vladmandic/face-api/package.json').version,
    tfjs: faceapi.tf.version_core,
    backend: faceapi.tf.getBackend(),
    results,
  }, null, 1) + '\n');
  fs.renameSync(tmp, out);
})().catch((e) => { console.error(e); process.exit(1); });
