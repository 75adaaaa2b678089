package org.densereg.detect;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * face-api's tiny face detector (@vladmandic/face-api 1.7.15, from face-api.js), ported: the bundled weights
 * ({@link TinyFaceDetectorWeights#bundled}), the network ({@link TinyFaceDetectorNetwork}) and face-api's pre- and
 * post-processing, so that {@link #detectOnce} returns face-api's boxes (checked against it in the tests:
 * docs/face-detector.md). One pass:
 * <ol>
 *   <li>the image (W × H) is padded with black at the right or bottom to a square of side max(W, H) and resized to
 *       S × S by TF's bilinear resize (no aligned corners, no half-pixel centres: source = dest · side / S);</li>
 *   <li>each channel has face-api's mean RGB (117.001, 114.697, 97.404) subtracted and is divided by 255;</li>
 *   <li>the network gives a G × G grid (G = S / 32) of 5 anchors × (tx, ty, tw, th, t_score); a box is kept when
 *       σ(t_score) &gt; the threshold, with centre ((col + σ(tx)) / G, (row + σ(ty)) / G), size
 *       (e^tw · a_w / G, e^th · a_h / G) in units of the resized image (a = the anchor, in cells), scaled to the
 *       image's pixels;</li>
 *   <li>greedy non-maximum suppression: the highest score first, dropping boxes whose IoU with a kept box exceeds
 *       {@value #IOU_THRESHOLD}.</li>
 * </ol>
 * {@link #detect} adds what face-api lacks for large photos with small faces: tiles (below), a minimum face size and
 * a maximum count. Thread-safe; the forward pass uses the common fork-join pool.
 */
public final class TinyFaceDetector {

    /** face-api's anchors (width, height) in grid cells. */
    private static final double[][] ANCHORS = {
        {1.603231, 2.094468}, {6.041143, 7.080126}, {2.882459, 3.518061}, {4.266906, 5.178857}, {9.041765, 10.66308}};
    /** face-api's mean RGB, subtracted before dividing by 255. */
    private static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};
    /** face-api's IoU threshold of the non-maximum suppression. */
    public static final double IOU_THRESHOLD = 0.4;
    /**
     * The smallest face, in network input pixels (larger side of its box), that one pass finds reliably; sizes the
     * tiles of {@link #detect}. Measured on the 43 annotated faces of the shared dlib photos, scaled: found 8 of 44 at
     * 30-40 input pixels, 26 of 35 at 40-50, 29 of 31 at 50-60 (docs/face-detector.md).
     */
    public static final int SMALLEST_INPUT_FACE = 48;
    /** Tile detections reaching within this fraction of the tile side of an inner tile edge are dropped (cut faces). */
    private static final double TILE_EDGE_MARGIN = 0.03;

    private static volatile TinyFaceDetector bundled;

    private final TinyFaceDetectorNetwork network;

    /**
     * @param weights the detector's weights
     * @throws IllegalArgumentException when a tensor is missing or has another shape
     */
    public TinyFaceDetector(TinyFaceDetectorWeights weights) {
        this.network = new TinyFaceDetectorNetwork(weights);
    }

    /** The detector with the bundled weights (built once, then shared). */
    public static TinyFaceDetector bundled() {
        TinyFaceDetector d = bundled;
        if (d == null) {
            d = new TinyFaceDetector(TinyFaceDetectorWeights.bundled());
            bundled = d;
        }
        return d;
    }

    /**
     * Finds faces as configured: one pass over the whole image at {@link FaceDetectorOptions#inputSize()}; when a
     * minimum face size is given that this pass cannot see (smaller than {@value #SMALLEST_INPUT_FACE} input pixels,
     * i.e. {@code minFace < 48 · max(W, H) / S}), also passes over overlapping square tiles (stride half a tile) of
     * sides T, 2T, 4T, ... below max(W, H), with T = minFace · S / {@value #SMALLEST_INPUT_FACE}, so that every face
     * of at least minFace pixels lies whole in a tile where it is large enough. Boxes of a tile that reach its inner
     * edges (cut faces) are dropped; the boxes of all passes go through one non-maximum suppression (IoU
     * {@value #IOU_THRESHOLD}); then boxes smaller than minFace are dropped and at most maxFaces kept.
     *
     * @param image   the image (any type; read as RGB)
     * @param options input size, threshold, minimum face size, maximum count
     * @return the faces, highest score first
     */
    public List<FaceDetection> detect(BufferedImage image, FaceDetectorOptions options) {
        int w = image.getWidth();
        int h = image.getHeight();
        int s = options.inputSize();
        double threshold = options.scoreThreshold();
        List<FaceDetection> all = new ArrayList<>(detectRegion(image, 0, 0, w, h, s, threshold));
        int side = Math.max(w, h);
        if (options.minFace() > 0 && options.minFace() < (double) SMALLEST_INPUT_FACE * side / s) {
            for (long tile = (long) Math.ceil(options.minFace() * s / SMALLEST_INPUT_FACE); tile < side; tile *= 2) {
                all.addAll(detectTiles(image, (int) tile, s, threshold));
            }
        }
        List<FaceDetection> kept = new ArrayList<>();
        for (FaceDetection d : nonMaxSuppression(all, IOU_THRESHOLD)) {
            if (Math.max(d.width(), d.height()) >= options.minFace()) {
                kept.add(d);
            }
        }
        return options.maxFaces() > 0 && kept.size() > options.maxFaces() ? List.copyOf(kept.subList(0,
                options.maxFaces())) : List.copyOf(kept);
    }

    /**
     * One pass of face-api's {@code locateFaces} over the whole image.
     *
     * @param image          the image
     * @param inputSize      S, a positive multiple of 32
     * @param scoreThreshold keep boxes scoring above this
     * @return the faces after non-maximum suppression, highest score first
     */
    public List<FaceDetection> detectOnce(BufferedImage image, int inputSize, double scoreThreshold) {
        return detectRegion(image, 0, 0, image.getWidth(), image.getHeight(), inputSize, scoreThreshold);
    }

    /** Tiles of side {@code tile}, stride tile / 2, the last ones flush with the image's right and bottom edges. */
    private List<FaceDetection> detectTiles(BufferedImage image, int tile, int s, double threshold) {
        int w = image.getWidth();
        int h = image.getHeight();
        List<FaceDetection> out = new ArrayList<>();
        for (int y0 : starts(h, tile)) {
            for (int x0 : starts(w, tile)) {
                int tw = Math.min(tile, w - x0);
                int th = Math.min(tile, h - y0);
                double margin = TILE_EDGE_MARGIN * tile;
                for (FaceDetection d : detectRegion(image, x0, y0, tw, th, s, threshold)) {
                    boolean cut = (x0 > 0 && d.x() < x0 + margin) || (y0 > 0 && d.y() < y0 + margin)
                            || (x0 + tw < w && d.right() > x0 + tw - margin)
                            || (y0 + th < h && d.bottom() > y0 + th - margin);
                    if (!cut) {
                        out.add(d);
                    }
                }
            }
        }
        return out;
    }

    private static List<Integer> starts(int length, int tile) {
        List<Integer> starts = new ArrayList<>();
        if (tile >= length) {
            starts.add(0);
            return starts;
        }
        int stride = Math.max(1, tile / 2);
        for (int p = 0; ; p += stride) {
            if (p + tile >= length) {
                starts.add(length - tile);
                return starts;
            }
            starts.add(p);
        }
    }

    /**
     * One pass over the region {@code [x0, x0 + w) × [y0, y0 + h)} of the image, as if it were the whole image.
     *
     * @return the faces in the image's pixels, highest score first
     */
    List<FaceDetection> detectRegion(BufferedImage image, int x0, int y0, int w, int h, int size, double threshold) {
        float[] input = input(image, x0, y0, w, h, size);
        float[] out = network.forward(input, size);
        List<FaceDetection> boxes = decode(out, size / 32, w, h, size, threshold);
        List<FaceDetection> kept = nonMaxSuppression(boxes, IOU_THRESHOLD);
        List<FaceDetection> shifted = new ArrayList<>(kept.size());
        for (FaceDetection d : kept) {
            shifted.add(d.shifted(x0, y0));
        }
        return shifted;
    }

    /**
     * The network input of a region: padded with black at the right or bottom to a square of side max(w, h), resized
     * to size × size by TF's bilinear resize (no aligned corners, no half-pixel centres), normalised.
     *
     * @return [size, size, 3] row-major: (RGB − mean) / 255
     */
    static float[] input(BufferedImage image, int x0, int y0, int w, int h, int size) {
        int side = Math.max(w, h);
        double ratio = (double) side / size;
        int[] col0 = new int[size];
        int[] col1 = new int[size];
        double[] colFrac = new double[size];
        for (int c = 0; c < size; c++) {
            double f = ratio * c;
            col0[c] = Math.max(0, (int) Math.floor(f));
            colFrac[c] = f - col0[c];
            col1[c] = Math.min(side - 1, (int) Math.ceil(f));
        }
        float[] out = new float[size * size * 3];
        int[] top = new int[w];
        int[] bottom = new int[w];
        for (int r = 0; r < size; r++) {
            double f = ratio * r;
            int r0 = Math.max(0, (int) Math.floor(f));
            double rowFrac = f - r0;
            int r1 = Math.min(side - 1, (int) Math.ceil(f));
            boolean hasTop = r0 < h;
            boolean hasBottom = r1 < h;
            if (hasTop) {
                image.getRGB(x0, y0 + r0, w, 1, top, 0, w);
            }
            if (hasBottom) {
                image.getRGB(x0, y0 + r1, w, 1, bottom, 0, w);
            }
            for (int c = 0; c < size; c++) {
                int a = col0[c];
                int b = col1[c];
                int tl = hasTop && a < w ? top[a] : 0;
                int tr = hasTop && b < w ? top[b] : 0;
                int bl = hasBottom && a < w ? bottom[a] : 0;
                int br = hasBottom && b < w ? bottom[b] : 0;
                int o = (r * size + c) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    int shift = 16 - 8 * ch;
                    double vtl = (tl >> shift) & 0xff;
                    double vtr = (tr >> shift) & 0xff;
                    double vbl = (bl >> shift) & 0xff;
                    double vbr = (br >> shift) & 0xff;
                    double t = vtl + (vtr - vtl) * colFrac[c];
                    double bt = vbl + (vbr - vbl) * colFrac[c];
                    float v = (float) (t + (bt - t) * rowFrac);
                    out[o + ch] = (v - MEAN_RGB[ch]) / 255f;
                }
            }
        }
        return out;
    }

    /**
     * Boxes above the threshold from the network output, in the region's pixels (face-api's {@code extractBoxes}, then
     * its scaling to the image: the resized image is round(w · S / side) × round(h · S / side) of the S × S input).
     *
     * @param out [G, G, 25] raw outputs
     */
    static List<FaceDetection> decode(float[] out, int grid, int w, int h, int size, double threshold) {
        double scale = (double) size / Math.max(w, h);
        double reshapedW = Math.round(w * scale);
        double reshapedH = Math.round(h * scale);
        double inputSide = Math.max(reshapedW, reshapedH);
        double corrX = inputSide / reshapedW;
        double corrY = inputSide / reshapedH;
        List<FaceDetection> boxes = new ArrayList<>();
        int enc = TinyFaceDetectorNetwork.BOX_ENCODING;
        for (int row = 0; row < grid; row++) {
            for (int col = 0; col < grid; col++) {
                for (int a = 0; a < ANCHORS.length; a++) {
                    int o = ((row * grid + col) * ANCHORS.length + a) * enc;
                    double score = sigmoid(out[o + 4]);
                    if (!(score > threshold)) {
                        continue;
                    }
                    double cx = (col + sigmoid(out[o])) / grid * corrX;
                    double cy = (row + sigmoid(out[o + 1])) / grid * corrY;
                    double bw = Math.exp(out[o + 2]) * ANCHORS[a][0] / grid * corrX;
                    double bh = Math.exp(out[o + 3]) * ANCHORS[a][1] / grid * corrY;
                    boxes.add(new FaceDetection((cx - bw / 2) * w, (cy - bh / 2) * h, bw * w, bh * h, score));
                }
            }
        }
        return boxes;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * Greedy non-maximum suppression: repeatedly keeps the highest-scoring box left (ties: the later one, as face-api)
     * and drops the boxes whose IoU with it exceeds the threshold.
     *
     * @param boxes     candidate boxes
     * @param threshold IoU above which a box is suppressed
     * @return the kept boxes, highest score first
     */
    public static List<FaceDetection> nonMaxSuppression(List<FaceDetection> boxes, double threshold) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            order.add(i);
        }
        // ascending by score, stable; pick from the end
        order.sort(Comparator.comparingDouble(i -> boxes.get(i).score()));
        List<FaceDetection> kept = new ArrayList<>();
        while (!order.isEmpty()) {
            FaceDetection best = boxes.get(order.remove(order.size() - 1));
            kept.add(best);
            order.removeIf(i -> best.iou(boxes.get(i)) > threshold);
        }
        return kept;
    }
}
