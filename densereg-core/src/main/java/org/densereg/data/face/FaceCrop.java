package org.densereg.data.face;

import java.awt.image.BufferedImage;
import org.densereg.data.Landmarks;

/**
 * A square face crop of {@code size × size} pixels taken from an image by the similarity
 * {@code x_crop = scale · x + offsetX}, {@code y_crop = scale · y + offsetY} between 0-based pixel-centre
 * coordinates of the source and of the crop (DESIGN §2). Because both are pixel-centre coordinates, a source
 * square whose outer pixel edges are {@code [L, L + side]} (edge coordinates = centre coordinates + 0.5) maps
 * exactly onto the crop's outer edges {@code [0, size]}: {@code scale = size / side},
 * {@code offset = scale · (0.5 − L_edge) − 0.5}.
 *
 * <p>Margins: {@link #aroundLandmarks} takes the bounding box of the landmarks (w × h, centre (cx, cy)), a square
 * of side {@value #LANDMARK_MARGIN} × max(w, h), centred at (cx, cy − {@value #LANDMARK_UPWARD_SHIFT} × max(w, h)):
 * the 68 iBUG points stop at the brows, so the square is moved up a little to keep the forehead.
 * {@link #aroundBox} takes a detector-style box, side {@value #BOX_MARGIN} × max(w, h) around its centre, no shift.
 *
 * <p>Resampling ({@link #toImage}): bilinear; crop pixels whose source position falls outside the image (beyond
 * its outer pixel edges) are black; positions between the outermost pixel centre and the image edge take the
 * edge pixel (clamped). When the crop shrinks the image ({@code scale < 1}), each crop pixel averages an
 * n × n grid of bilinear samples over its footprint, n = min(4, ceil(1 / scale)), against aliasing.
 *
 * @param scale   crop pixels per source pixel, &gt; 0
 * @param offsetX crop x of source x = 0
 * @param offsetY crop y of source y = 0
 * @param size    crop side in pixels, &gt; 0
 */
public record FaceCrop(double scale, double offsetX, double offsetY, int size) {

    /** Side of the landmark crop as a multiple of the larger side of the landmarks' bounding box. */
    public static final double LANDMARK_MARGIN = 1.6;
    /** Upward shift of the landmark crop's centre as a fraction of the larger side of the landmarks' box. */
    public static final double LANDMARK_UPWARD_SHIFT = 0.1;
    /** Side of the box crop as a multiple of the larger side of the box. */
    public static final double BOX_MARGIN = 1.3;

    public FaceCrop {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        if (!Double.isFinite(offsetX) || !Double.isFinite(offsetY)) {
            throw new IllegalArgumentException("offsets must be finite, got " + offsetX + ", " + offsetY);
        }
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
    }

    /**
     * The crop around a set of landmarks with the documented margin and upward shift.
     *
     * @param landmarks at least one point, all finite (0-based source pixels)
     * @param size      crop side in pixels
     * @throws IllegalArgumentException when a landmark is not finite or there are none
     */
    public static FaceCrop aroundLandmarks(Landmarks landmarks, int size) {
        if (landmarks.count() == 0 || !landmarks.allFinite()) {
            throw new IllegalArgumentException("landmarks must be present and finite");
        }
        double[] b = landmarks.bounds();
        double extent = Math.max(b[2] - b[0], b[3] - b[1]);
        if (extent <= 0) {
            extent = 1;
        }
        double cx = (b[0] + b[2]) / 2;
        double cy = (b[1] + b[3]) / 2 - LANDMARK_UPWARD_SHIFT * extent;
        return centredSquare(cx, cy, LANDMARK_MARGIN * extent, size);
    }

    /** The crop around a box with {@link #BOX_MARGIN}. See {@link #aroundBox(double[], double, int)}. */
    public static FaceCrop aroundBox(double[] box, int size) {
        return aroundBox(box, BOX_MARGIN, size);
    }

    /**
     * The crop around a box: a square of side {@code margin × max(w, h)} with the box's centre.
     *
     * @param box    {@code [x, y, w, h]}: the box covers the pixels {@code x .. x + w − 1} and {@code y .. y + h − 1}
     *               (dlib's left/top/width/height), so its centre is {@code (x + (w − 1) / 2, y + (h − 1) / 2)}
     * @param margin side of the square over the larger side of the box, &gt; 0
     * @param size   crop side in pixels
     */
    public static FaceCrop aroundBox(double[] box, double margin, int size) {
        if (box.length != 4 || !(box[2] > 0) || !(box[3] > 0) || !(margin > 0)) {
            throw new IllegalArgumentException("box must be [x, y, w, h] with w, h > 0 and margin > 0");
        }
        double cx = box[0] + (box[2] - 1) / 2;
        double cy = box[1] + (box[3] - 1) / 2;
        return centredSquare(cx, cy, margin * Math.max(box[2], box[3]), size);
    }

    /**
     * The crop of a source square of side {@code side} source pixels whose centre is the source point (cx, cy)
     * (pixel-centre coordinates); that point lands on the crop's centre {@code ((size − 1) / 2, (size − 1) / 2)}.
     */
    public static FaceCrop centredSquare(double cx, double cy, double side, int size) {
        double s = size / side;
        return new FaceCrop(s, (size - 1) / 2.0 - s * cx, (size - 1) / 2.0 - s * cy, size);
    }

    /** Source points (0-based source pixels) in crop pixels (0-based); NaN stays NaN. */
    public Landmarks apply(Landmarks source) {
        return source.scaleTranslate(scale, scale, offsetX, offsetY);
    }

    /** Crop points (0-based crop pixels) back in source pixels: the inverse of {@link #apply}. */
    public Landmarks invert(Landmarks crop) {
        return crop.scaleTranslate(1 / scale, 1 / scale, -offsetX / scale, -offsetY / scale);
    }

    /**
     * Resamples the crop from a source image (see the class comment for interpolation and padding).
     *
     * @param src any image; read through {@link BufferedImage#getRGB}
     * @return a new {@code size × size} {@link BufferedImage#TYPE_INT_RGB} image
     */
    public BufferedImage toImage(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        // only the source pixels the crop can touch: its outer edges mapped back, one pixel of slack
        int rx0 = clampInt(Math.floor((-0.5 - offsetX) / scale) - 1, w);
        int ry0 = clampInt(Math.floor((-0.5 - offsetY) / scale) - 1, h);
        int rx1 = clampInt(Math.ceil((size - 0.5 - offsetX) / scale) + 1, w);
        int ry1 = clampInt(Math.ceil((size - 0.5 - offsetY) / scale) + 1, h);
        int rw = rx1 - rx0 + 1;
        int rh = ry1 - ry0 + 1;
        int[] pixels = src.getRGB(rx0, ry0, rw, rh, null, 0, rw);
        int n = scale < 1 ? (int) Math.min(4, Math.ceil(1 / scale - 1e-9)) : 1;
        double inv = 1 / scale;
        int[] out = new int[size * size];
        double[] acc = new double[3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                acc[0] = 0;
                acc[1] = 0;
                acc[2] = 0;
                for (int sy = 0; sy < n; sy++) {
                    double cy = y - 0.5 + (sy + 0.5) / n;
                    double py = (cy - offsetY) * inv;
                    for (int sx = 0; sx < n; sx++) {
                        double cx = x - 0.5 + (sx + 0.5) / n;
                        double px = (cx - offsetX) * inv;
                        sample(pixels, rx0, ry0, rw, w, h, px, py, acc);
                    }
                }
                double k = 1.0 / (n * n);
                int r = (int) Math.round(acc[0] * k);
                int g = (int) Math.round(acc[1] * k);
                int b = (int) Math.round(acc[2] * k);
                out[y * size + x] = (r << 16) | (g << 8) | b;
            }
        }
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, size, size, out, 0, size);
        return img;
    }

    private static int clampInt(double v, int n) {
        return (int) Math.max(0, Math.min(n - 1, v));
    }

    /**
     * Adds the bilinear sample at source (px, py) to acc (black outside the image's outer edges); {@code pixels}
     * holds the source region starting at (rx0, ry0), {@code rw} wide, which covers every pixel reached.
     */
    private static void sample(int[] pixels, int rx0, int ry0, int rw, int w, int h, double px, double py,
            double[] acc) {
        if (px < -0.5 || py < -0.5 || px > w - 0.5 || py > h - 0.5) {
            return;
        }
        double fx = Math.min(Math.max(px, 0), w - 1);
        double fy = Math.min(Math.max(py, 0), h - 1);
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double ax = fx - x0;
        double ay = fy - y0;
        int p00 = pixels[(y0 - ry0) * rw + x0 - rx0];
        int p10 = pixels[(y0 - ry0) * rw + x1 - rx0];
        int p01 = pixels[(y1 - ry0) * rw + x0 - rx0];
        int p11 = pixels[(y1 - ry0) * rw + x1 - rx0];
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            double top = ((p00 >> shift) & 0xff) * (1 - ax) + ((p10 >> shift) & 0xff) * ax;
            double bottom = ((p01 >> shift) & 0xff) * (1 - ax) + ((p11 >> shift) & 0xff) * ax;
            acc[c] += top * (1 - ay) + bottom * ay;
        }
    }
}
